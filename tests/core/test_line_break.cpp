// Chinese line breaking (line_break.h): where a line may start, and the lines at a width.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "line_break.h"

using namespace it2;

namespace {

// The text cut at every allowed break, joined with '|' (easier to read than byte offsets).
std::string marked(std::string_view text) {
    std::string out;
    size_t from = 0;
    for (size_t at : break_positions(text)) {
        out.append(text.substr(from, at - from)).append("|");
        from = at;
    }
    return out.append(text.substr(from));
}

// ASCII is 1 wide, everything else 2 (a Chinese character is two Latin letters wide).
float width_of(uint32_t cp) { return cp < 0x80 ? 1.0f : 2.0f; }

std::vector<std::string> wrapped(std::string_view text, float width) {
    std::vector<std::string> out;
    for (const TextLine& line : wrap_lines(text, width, width_of)) out.emplace_back(text.substr(line.begin, line.end - line.begin));
    return out;
}

}  // namespace

TEST_CASE("a line may start between any two Chinese characters") {
    CHECK(marked("还缺实践学时") == "还|缺|实|践|学|时");
    CHECK(marked("𠀾𡒄名") == "𠀾|𡒄|名");  // Ext-B characters too
}

TEST_CASE("never before closing punctuation, never after opening punctuation") {
    CHECK(marked("学时，能力点。") == "学|时，|能|力|点。");
    CHECK(marked("提交（待评审）的") == "提|交|（待|评|审）|的");
    CHECK(marked("《指南》、「通知」；") == "《指|南》、|「通|知」；");
    CHECK(marked("他说：“好！”然后") == "他|说：|“好！”|然|后");
    CHECK(marked("完成率97%。") == "完|成|率|97%。");
    CHECK(marked("f(x)(技术)") == "f(x)(技|术)");  // an ASCII bracket after a Latin word: no break
    // Chinese punctuation next to Latin words breaks as next to Chinese characters.
    CHECK(marked("以及points：code（A1、B1）") == "以|及|points：|code|（A1、|B1）");
}

TEST_CASE("Latin words and numbers stay whole and break at spaces") {
    CHECK(marked("A1 技术支持的学情分析") == "A1 |技|术|支|持|的|学|情|分|析");
    CHECK(marked("online hours 12.5 of 50") == "online |hours |12.5 |of |50");
    CHECK(marked("1,000人") == "1,000|人");
    CHECK(marked("还差12.5学时") == "还|差|12.5|学|时");
    CHECK(marked("well-known") == "well-|known");
    // …… and —— are never split, and may start a line (GB/T 15834).
    CHECK(marked("等待……再说——好") == "等|待|……|再|说|——|好");
}

TEST_CASE("a line break in the text is always a break") {
    CHECK(break_positions("ab\ncd") == std::vector<size_t>{3});
    CHECK(wrapped("ab\ncd", 100) == std::vector<std::string>{"ab", "cd"});
    CHECK(wrapped("a\n\nb", 100) == std::vector<std::string>{"a", "", "b"});
}

TEST_CASE("lines fill up to the width at the last allowed break") {
    // 6 wide: three Chinese characters a line.
    CHECK(wrapped("还缺实践学时和能力点", 6) == std::vector<std::string>{"还缺实", "践学时", "和能力", "点"});
    // The comma cannot start a line: 时 moves down with it.
    CHECK(wrapped("还缺实践学时，能力点", 12) == std::vector<std::string>{"还缺实践学", "时，能力点"});
    // The opening bracket cannot end a line: it moves down.
    CHECK(wrapped("能力点（A1）未交", 8) == std::vector<std::string>{"能力点", "（A1）未", "交"});
    // Latin words stay whole; the spaces at the break do not count or show.
    CHECK(wrapped("online hours 12.5 of 50", 13) == std::vector<std::string>{"online hours", "12.5 of 50"});
    CHECK(wrapped("线上学时 12.5/50", 12) == std::vector<std::string>{"线上学时", "12.5/50"});
}

TEST_CASE("a word longer than the line is cut as the last resort") {
    CHECK(wrapped("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
    // Wider than the line on its own: still one character a line, never an empty line.
    CHECK(wrapped("学时", 1) == std::vector<std::string>{"学", "时"});
    CHECK(wrapped("", 10).empty());
}

TEST_CASE("widths are the sum of the advances, trailing spaces left out") {
    const std::vector<TextLine> lines = wrap_lines("ab  学习  cd", 5, width_of);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0].width == 2.0f);  // "ab": the two spaces at the break do not count
    CHECK(lines[1].width == 4.0f);  // "学习"
    CHECK(lines[2].width == 2.0f);  // "cd"
    CHECK(lines[2].end == std::string_view("ab  学习  cd").size());
}
