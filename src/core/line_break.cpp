// Line breaking: each character gets a class, each gap between two characters a verdict
// (see line_break.h); wrap_lines() fills lines greedily up to the last allowed gap.
#include "line_break.h"

#include "utf8.h"

namespace it2 {
namespace {

enum class Kind : uint8_t {
    ideograph,        // Han, kana, hangul, full-width symbols: a break on either side
    word,             // Latin letters, digits, other scripts: whole words
    space,            // a break after a run of spaces
    newline,          // a break after, always
    closing,          // no break before: ，。、）》」…
    closing_ascii,    // no break before , . ) and none after it inside Latin text: 1,000  f(x)(y)
    opening,          // no break after: （《「, a break before (code（A1）)
    opening_ascii,    // no break after ( [ {, none before it inside Latin text: f(x)
    hyphen,           // a break after, within a word too (well-\nknown)
    dash,             // —— / ……: no break inside the pair, a break around it
};

Kind kind_of(uint32_t cp) {
    switch (cp) {
        case '\n': return Kind::newline;
        case ' ': case '\t': case 0x3000: return Kind::space;
        case ',': case '.': case ';': case ':': case '?': case '!': case ')': case ']': case '}': case '%':
            return Kind::closing_ascii;
        case 0xFF0C: case 0x3002: case 0x3001: case 0xFF1B: case 0xFF1A: case 0xFF1F: case 0xFF01:  // ，。、；：？！
        case 0xFF09: case 0x300B: case 0x300D: case 0x300F: case 0x3011: case 0x3015: case 0x3009:  // ）》」』】〕〉
        case 0x3017: case 0xFF3D: case 0xFF5D: case 0x201D: case 0x2019: case 0xFF0E: case 0xFF05:  // 〗］｝”’．％
        case 0x00B7: case 0x30FB: case 0x2103: case 0x2030: case 0x3005: case 0x309D: case 0x30FC:  // ·・℃‰々ゝー
            return Kind::closing;
        case '(': case '[': case '{': return Kind::opening_ascii;
        case 0xFF08: case 0x300A: case 0x300C: case 0x300E: case 0x3010: case 0x3014: case 0x3008:  // （《「『【〔〈
        case 0x3016: case 0xFF3B: case 0xFF5B: case 0x201C: case 0x2018:                          // 〖［｛“‘
            return Kind::opening;
        case '-': case 0x2010: return Kind::hyphen;
        case 0x2014: case 0x2026: case 0x2E3A: return Kind::dash;  // — … ⸺
        default: break;
    }
    if ((cp >= 0x2E80 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
        (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
        (cp >= 0x20000 && cp <= 0x3FFFF))
        return Kind::ideograph;
    return Kind::word;
}

// Whether a line may start at `after` when `before` precedes it.
bool break_allowed(Kind before, Kind after) {
    if (before == Kind::newline) return true;
    if (after == Kind::space || after == Kind::closing || after == Kind::closing_ascii || after == Kind::newline) return false;
    if (before == Kind::opening || before == Kind::opening_ascii) return false;
    if (before == Kind::dash && after == Kind::dash) return false;  // —— and …… stay whole
    if (before == Kind::space || before == Kind::hyphen) return true;
    if (before == Kind::ideograph || after == Kind::ideograph) return true;
    if (before == Kind::dash || after == Kind::dash) return true;
    // After Chinese closing punctuation and before a Chinese opening bracket, as between Chinese
    // characters (、B1  ：code  code（A1）); ASCII punctuation inside Latin text holds (f(x)(y)).
    return before == Kind::closing || after == Kind::opening;
}

struct Char {
    size_t begin, end;
    uint32_t cp;
    Kind kind;
};

std::vector<Char> decode(std::string_view utf8) {
    std::vector<Char> chars;
    chars.reserve(utf8.size());
    for (size_t i = 0; i < utf8.size();) {
        size_t begin = i;
        uint32_t cp = next_utf8(utf8, i);
        if (cp == '\r') continue;
        chars.push_back({begin, i, cp, kind_of(cp)});
    }
    return chars;
}

}  // namespace

std::vector<size_t> break_positions(std::string_view utf8) {
    const std::vector<Char> chars = decode(utf8);
    std::vector<size_t> out;
    for (size_t k = 1; k < chars.size(); ++k)
        if (break_allowed(chars[k - 1].kind, chars[k].kind)) out.push_back(chars[k].begin);
    return out;
}

std::vector<TextLine> wrap_lines(std::string_view utf8, float max_width, const std::function<float(uint32_t)>& advance) {
    const std::vector<Char> chars = decode(utf8);
    std::vector<TextLine> lines;
    size_t k = 0;
    while (k < chars.size()) {
        // The line starts at chars[k]. `width` counts spaces too, `visible` not trailing ones.
        float width = 0, visible = 0, visible_at_cut = 0;
        size_t cut = k, j = k;
        bool soft = false;  // the line ends where text goes on (not at '\n' or the end)
        for (; j < chars.size(); ++j) {
            if (j > k && break_allowed(chars[j - 1].kind, chars[j].kind)) {
                if (chars[j - 1].kind == Kind::newline) break;
                cut = j;
                visible_at_cut = visible;
            }
            if (chars[j].kind == Kind::newline) continue;
            const float w = advance(chars[j].cp);
            if (chars[j].kind != Kind::space && j > k && width + w > max_width) {
                soft = true;
                break;
            }
            width += w;
            if (chars[j].kind != Kind::space) visible = width;
        }
        size_t next = j;
        if (soft && cut > k) {
            next = cut;  // the last allowed break
            visible = visible_at_cut;
        }  // else: no allowed break on this line, so the word is cut at j
        size_t last = next;
        while (last > k && (chars[last - 1].kind == Kind::space || chars[last - 1].kind == Kind::newline)) --last;
        lines.push_back({chars[k].begin, last > k ? chars[last - 1].end : chars[k].begin, visible});
        k = next;
        if (soft)
            while (k < chars.size() && chars[k].kind == Kind::space) ++k;  // no spaces at a soft line's start
    }
    return lines;
}

}  // namespace it2
