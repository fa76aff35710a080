// CSV export (BOM, CRLF, quoting, formula-injection guard) and the printable HTML report.
#include <doctest/doctest.h>

#include <string>

#include "csv_import.h"
#include "export.h"
#include "metrics.h"

using namespace it2;

TEST_CASE("csv_neutralise guards every formula lead character, and only those") {
    CHECK(csv_neutralise("=1+1") == "'=1+1");
    CHECK(csv_neutralise("+86 123") == "'+86 123");
    CHECK(csv_neutralise("-3") == "'-3");  // issue 5: a leading '-' is neutralised, numbers too
    CHECK(csv_neutralise("@SUM(A1)") == "'@SUM(A1)");
    CHECK(csv_neutralise("\tx") == "'\tx");
    CHECK(csv_neutralise("\rx") == "'\rx");
    CHECK(csv_neutralise("彭瑶") == "彭瑶");
    CHECK(csv_neutralise("3-1") == "3-1");
    CHECK(csv_neutralise("") == "");
}

TEST_CASE("csv_export writes a BOM, CRLF and RFC 4180 quoting that reads back") {
    std::vector<std::string> header = {"姓名", "备注", "学时"};
    std::vector<std::vector<std::string>> rows = {
        {"彭瑶", "a,b", "28.5"},
        {"王\"小\"明", "two\nlines", "-3"},
        {"=HYPERLINK(\"http://x\")", "@cmd", "\r1"},
    };
    std::string csv = csv_export(header, rows);
    REQUIRE(csv.size() > 3);
    CHECK(csv.substr(0, 3) == "\xEF\xBB\xBF");
    CHECK(csv.find("姓名,备注,学时\r\n") == 3);
    CHECK(csv.find("\"a,b\"") != std::string::npos);
    CHECK(csv.find("\"王\"\"小\"\"明\"") != std::string::npos);
    CHECK(csv.substr(csv.size() - 2) == "\r\n");
    // Every line ends in CRLF except the LF inside the quoted field.
    size_t bare_lf = 0;
    for (size_t i = 0; i < csv.size(); ++i) bare_lf += csv[i] == '\n' && (i == 0 || csv[i - 1] != '\r');
    CHECK(bare_lf == 1);

    CsvParse back = parse_csv(decode_text(csv).utf8);
    REQUIRE(back.unterminated_quote_line == 0);
    REQUIRE(back.records.size() == 4);
    CHECK(back.records[1].fields == rows[0]);
    CHECK(back.records[2].fields == std::vector<std::string>{"王\"小\"明", "two\nlines", "'-3"});
    CHECK(back.records[3].fields ==
          std::vector<std::string>{"'=HYPERLINK(\"http://x\")", "'@cmd", "␍1"});  // CR made visible
    // The raw variant keeps cells as they are (for data the product reads back itself).
    CHECK(csv_export_raw({"a"}, {{"-3"}}) == "\xEF\xBB\xBF" "a\r\n-3\r\n");
}

TEST_CASE("control characters: one visible form in every export, nothing truncated at U+0000") {
    const std::string nul_name("甲\0乙", 7);
    CHECK(visible_controls(nul_name, true) == "甲␀乙");
    CHECK(visible_controls("a\tb\nc", true) == "a\tb\nc");
    CHECK(visible_controls("a\tb\nc\rd", false) == "a␉b␊c␍d");
    CHECK(visible_controls("\x1B[31m\x7F", true) == "␛[31m␡");
    CHECK(visible_controls("x\xC2\x9B" "1m", true) == "x\xEF\xBF\xBD" "1m");  // C1 CSI
    CHECK(visible_controls("é彭瑶", false) == "é彭瑶");                           // U+00E9 is not C1
    // CSV (guarded and raw) and HTML: the same replacement, the text after the NUL kept.
    const std::string csv = csv_export({"name"}, {{nul_name + "\x1B"}});
    CHECK(csv == "\xEF\xBB\xBF" "name\r\n甲␀乙␛\r\n");
    CHECK(csv_export_raw({"name"}, {{nul_name}}) == "\xEF\xBB\xBF" "name\r\n甲␀乙\r\n");
    CHECK(html_escape(nul_name + "<") == "甲␀乙&lt;");
}

TEST_CASE("html_escape turns markup into text") {
    CHECK(html_escape("<img src=x onerror=alert(1)>") == "&lt;img src=x onerror=alert(1)&gt;");
    CHECK(html_escape("a & \"b\" 'c'") == "a &amp; &quot;b&quot; &#39;c&#39;");
    CHECK(html_escape("彭瑶") == "彭瑶");
}

namespace {

const char* kHostileBatch = R"({
  "format": "it2-batch", "version": 1,
  "school": { "id": "S-X", "name": "<script>alert('s')</script>实验小学",
              "deliverables": { "management_team": "2022-03-01" } },
  "batch": { "id": "2022-1", "start": "2022-03-01", "end": "2022-12-31" },
  "activities": [ { "date": "2022-04-01", "title": "研修", "hours": 2 } ],
  "teachers": [
    { "id": "T-X", "name": "<img src=x onerror=alert(1)>", "subject": "语文\"&",
      "hours": { "online": 10, "practice": 0 },
      "points": [ { "code": "A1", "status": "graded", "grade": "合格" } ] },
    { "id": "T-OK", "name": "彭瑶", "subject": "数学", "hours": { "online": 30, "practice": 30 },
      "points": [ { "code": "A1", "status": "graded", "grade": "优秀" },
                  { "code": "A6", "status": "graded", "grade": "优秀" },
                  { "code": "A11", "status": "graded", "grade": "合格" } ] }
  ]
})";

const char* kPlainCsv =
    "学校编号,学校名称,批次,教师编号,姓名,学科,在线学时,实践学时,能力点1,状态1,等级1\r\n"
    "S-2,第二小学,2022-1,T-2,李雷,英语,25,25,B2,已提交,\r\n";

struct Loaded {
    Workspace ws;
    Summary summary;
};

Loaded load_hostile() {
    Loaded l;
    l.ws.add("hostile.json", kHostileBatch);
    for (FileEntry& e : csv_file_entries("second.csv", kPlainCsv)) l.ws.files.push_back(std::move(e));
    l.ws.add("<b onmouseover=x>bad</b>.json", "{ not json");
    l.summary = compute(l.ws, merge(l.ws), Policy{}, "2022-11-01");
    return l;
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("the school report escapes user data and lists what is missing") {
    Loaded l = load_hostile();
    REQUIRE(bool(l.ws.files.at(0).data));
    REQUIRE(l.summary.schools.size() == 2);
    std::string html = report_html(l.ws, l.summary, Policy{}, Scope{Scope::Kind::school, "S-X"}, Lang::zh);

    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("&lt;img src=x onerror=alert(1)&gt;") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;s&#39;)&lt;/script&gt;实验小学") != std::string::npos);
    CHECK(html.find("语文&quot;&amp;") != std::string::npos);
    CHECK(html.find("李雷") == std::string::npos);  // another school's teacher
    CHECK(html.find("1 个：已加载 1") != std::string::npos);  // its one file is counted, others' are not
    CHECK(html.find("second.csv") == std::string::npos);

    // Self-contained: a CSP that allows nothing external, no links or sources at all.
    CHECK(html.find("Content-Security-Policy") != std::string::npos);
    CHECK(html.find("default-src 'none'") != std::string::npos);
    CHECK(html.find("src=\"") == std::string::npos);
    CHECK(html.find("href=") == std::string::npos);
    CHECK(html.find("http://") == std::string::npos);
    CHECK(html.find("https://") == std::string::npos);
    CHECK(html.find("<html lang=\"zh-CN\">") != std::string::npos);
    CHECK(html.find("@media print") != std::string::npos);
    CHECK(html.find("size: A4") != std::string::npos);
    CHECK(html.find("class=\"bar\"") != std::string::npos);  // bars in HTML: they break between rows
    CHECK(count(html, "<caption>") >= 1);
    CHECK(html.find("<thead>") != std::string::npos);  // header rows repeat on every printed page
    CHECK(html.find("counter(pages)") != std::string::npos);  // page N of M in the footer
    CHECK(html.find("默认规则") != std::string::npos);
    CHECK(html.find("使用了自定义规则") == std::string::npos);
    CHECK(html.find("<th scope=\"col\">") != std::string::npos);
    CHECK(html.find("<th scope=\"row\">") != std::string::npos);

    // What is still missing, for the teacher who has not passed, as describe() says it.
    const TeacherResult* hostile = nullptr;
    for (const TeacherResult& t : l.summary.teachers)
        if (t.id == "T-X") hostile = &t;
    REQUIRE(hostile != nullptr);
    REQUIRE_FALSE(hostile->missing.empty());
    for (const Missing& m : hostile->missing) CHECK(html.find(html_escape(describe(m, Lang::zh))) != std::string::npos);
    // Both teachers appear, the one to chase first.
    size_t chase = html.find("&lt;img src=x"), done = html.find("彭瑶");
    REQUIRE(done != std::string::npos);
    CHECK(chase < done);
}

TEST_CASE("the district report has every school, the rates and the score — English works too") {
    Loaded l = load_hostile();
    std::string html = report_html(l.ws, l.summary, Policy{}, Scope{}, Lang::en);
    CHECK(html.find("<html lang=\"en\">") != std::string::npos);
    CHECK(html.find("第二小学") != std::string::npos);
    CHECK(html.find("&lt;script&gt;") != std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);  // teacher names are not in the district report
    CHECK(html.find("<b ") == std::string::npos);   // …and file names are escaped in the files table
    CHECK(count(html, "&lt;b onmouseover=x&gt;bad&lt;/b&gt;.json") >= 2);  // the file and its problem
    CHECK(html.find("3: Loaded 2 · Rejected 1") != std::string::npos);  // files counted by state
    CHECK(html.find("<td>Rejected</td>") != std::string::npos);          // the rejected one listed
    CHECK(html.find("Participation") != std::string::npos);
    char score[32];
    std::snprintf(score, sizeof score, "%.1f", l.summary.district_score);
    CHECK(html.find(std::string("<span class=\"score-value\">") + score) != std::string::npos);
    for (const SchoolResult& s : l.summary.schools) {
        std::snprintf(score, sizeof score, "%.1f", s.score.total());
        CHECK(html.find(std::string("<td class=\"num\">") + score + "</td>") != std::string::npos);
    }
    size_t school_rows = 0;
    for (const SchoolResult& s : l.summary.schools)
        school_rows += count(html, "<span class=\"id\">" + html_escape(s.id) + "</span>");
    CHECK(school_rows == l.summary.schools.size());  // one row per school

    std::string missing = report_html(l.ws, l.summary, Policy{}, Scope{Scope::Kind::school, "<b>nope"}, Lang::en);
    CHECK(missing.find("No such school: &lt;b&gt;nope") != std::string::npos);
}

TEST_CASE("the report's cover says when the rules differ from the defaults, and which") {
    Loaded l = load_hostile();
    Policy custom;
    custom.online_min = 20;
    custom.weights.pass = 30;
    const std::string html = report_html(l.ws, l.summary, custom, Scope{}, Lang::zh);
    CHECK(html.find("使用了自定义规则") != std::string::npos);
    CHECK(html.find("在线学时 ≥ 20（默认 25）") != std::string::npos);
    CHECK(html.find("合格率 权重 30（默认 25）") != std::string::npos);
    CHECK(html.find("实践学时 ≥ 25（默认") == std::string::npos);  // an unchanged rule is not listed as changed
}

TEST_CASE("the report counts files by state and lists only the files that need a look") {
    Loaded l = load_hostile();
    const std::string html = report_html(l.ws, l.summary, Policy{}, Scope{}, Lang::zh);
    // hostile.json and second.csv loaded, the broken one not: "3 个：已加载 2 · 未加载 1".
    CHECK(html.find("3 个：已加载 2 · 未加载 1") != std::string::npos);
    CHECK(count(html, "hostile.json") == 0);  // loaded cleanly with no problem: not listed
}

TEST_CASE("the school report lists the teachers to chase in pinyin order within each status") {
    Workspace ws;
    ws.add("s.json", R"({"format": "it2-batch", "version": 1, "school": {"id": "S", "name": "一小"},
      "batch": {"id": "2022-1", "start": "2022-03-01", "end": "2022-12-31"},
      "teachers": [ {"id": "T1", "name": "赵六", "hours": {"online": 1}}, {"id": "T2", "name": "曾七", "hours": {"online": 1}},
                    {"id": "T3", "name": "安三", "hours": {"online": 1}}, {"id": "T4", "name": "单四"} ]})");
    const Summary summary = compute(ws, merge(ws), Policy{}, "2022-11-01");
    const std::string html = report_html(ws, summary, Policy{}, Scope{Scope::Kind::school, "S"}, Lang::zh);
    // 学习中: 安 ān < 赵 zhào < 曾 zēng? No: zeng < zhao (e < h). Surname readings: 曾 Zēng, 单 Shàn.
    const size_t an = html.find("安三"), zeng = html.find("曾七"), zhao = html.find("赵六"), shan = html.find("单四");
    REQUIRE(an != std::string::npos);
    REQUIRE(zeng != std::string::npos);
    REQUIRE(zhao != std::string::npos);
    REQUIRE(shan != std::string::npos);
    CHECK(shan < an);   // 单四 is 未开始, a group before 学习中
    CHECK(an < zeng);
    CHECK(zeng < zhao);
}

TEST_CASE("the district name in the printed footer cannot end the style sheet") {
    Workspace ws;
    ws.add("s.json", R"({"format": "it2-batch", "version": 1, "district": {"name": "区\"</style><script>x</script>\\"},
      "school": {"id": "S", "name": "一小"}, "batch": {"id": "2022-1"}, "teachers": []})");
    REQUIRE(bool(ws.files[0].data));
    const Summary summary = compute(ws, merge(ws), Policy{}, "2022-11-01");
    const std::string html = report_html(ws, summary, Policy{}, Scope{}, Lang::zh);
    CHECK(count(html, "</style>") == 1);  // only the report's own
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("@bottom-left { content: \"区\\22 \\3c /style\\3e \\3c script\\3e x\\3c /script\\3e \\5c  · ") !=
          std::string::npos);
}
