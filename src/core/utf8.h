// UTF-8 helpers shared by the JSON reader, the CSV import, the length limits, the exports, and
// a lenient decoder for the text functions (pinyin order, line breaking).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace it2 {

inline void append_utf8(std::string& out, uint32_t code) {
    if (code < 0x80) {
        out += char(code);
    } else if (code < 0x800) {
        out += char(0xC0 | (code >> 6));
        out += char(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
        out += char(0xE0 | (code >> 12));
        out += char(0x80 | ((code >> 6) & 0x3F));
        out += char(0x80 | (code & 0x3F));
    } else {
        out += char(0xF0 | (code >> 18));
        out += char(0x80 | ((code >> 12) & 0x3F));
        out += char(0x80 | ((code >> 6) & 0x3F));
        out += char(0x80 | (code & 0x3F));
    }
}

// Unicode characters (code points) in UTF-8 text, not bytes: the unit of every length limit.
inline size_t utf8_chars(std::string_view text) {
    size_t chars = 0;
    for (char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return chars;
}

// True when `text` has more than `limit` characters (stops counting early: a 300 MB value
// costs no more than the limit).
inline bool utf8_longer_than(std::string_view text, size_t limit) {
    if (text.size() <= limit) return false;  // every character takes at least one byte
    size_t chars = 0;
    for (char c : text)
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80 && ++chars > limit) return true;
    return false;
}

// The first `limit` - 1 characters and "…" when `text` is longer than `limit` characters
// (so the result has at most `limit`); otherwise `text` unchanged.
inline std::string utf8_cut(std::string_view text, size_t limit) {
    if (!utf8_longer_than(text, limit) || limit == 0) return std::string(text);
    size_t chars = 0, i = 0;
    for (; i < text.size(); ++i)
        if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80 && chars++ == limit - 1) break;
    return std::string(text.substr(0, i)) + "\xE2\x80\xA6";
}

// The code point at s[i], advancing i past it. Invalid or cut sequences read as U+FFFD and
// advance one byte, so any bytes decode and every caller makes progress.
inline uint32_t next_utf8(std::string_view s, size_t& i) {
    auto byte = [&](size_t k) { return uint32_t(static_cast<unsigned char>(s[k])); };
    uint32_t c = byte(i);
    size_t length = c < 0x80 ? 1 : c < 0xC2 ? 0 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF5 ? 4 : 0;
    if (length == 0 || i + length > s.size()) return ++i, c < 0x80 ? c : 0xFFFD;
    uint32_t cp = length == 1 ? c : c & (0x7F >> length);
    for (size_t k = 1; k < length; ++k) {
        if ((byte(i + k) & 0xC0) != 0x80) return ++i, 0xFFFD;
        cp = (cp << 6) | (byte(i + k) & 0x3F);
    }
    i += length;
    return cp;
}

}  // namespace it2
