// Platform CSV import: decoding (UTF-8 / GB18030), RFC 4180 parsing, and the rows → BatchFile
// rules that mirror format.md §3 (docs/csv-import.md is the user-facing description).
//
// Index of this file's sections (grep for [SECTION]):
// - text encodings
// - RFC 4180
// - the import

#include "csv_import.h"

#include <iconv.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <unordered_set>
#include <utility>

#include "catalog.h"
#include "code_layout.h"
#include "export.h"
#include "field_limits.h"
#include "metrics.h"
#include "text_sniff.h"
#include "utf8.h"

namespace it2 {

// ==== [SECTION] text encodings ==================================================================

namespace {

// GB18030 four-byte sequences in the BMP: (linear index, first code point) of each run of
// consecutive code points, from glibc's GB18030 table; the 2005 mappings that GB18030-2022
// moved to two-byte codes (U+9FB4…, U+FE10…) are kept so older files still decode. Emscripten
// 3.1.6's musl iconv gets most four-byte sequences wrong, so these are decoded here.
struct FourByteRun {
    uint32_t linear;
    uint32_t code_point;
};
constexpr FourByteRun kFourByteBmp[] = {
    {0, 0x0080}, {36, 0x00A5}, {38, 0x00A9}, {45, 0x00B2}, {50, 0x00B8},
    {81, 0x00D8}, {89, 0x00E2}, {95, 0x00EB}, {96, 0x00EE}, {100, 0x00F4},
    {103, 0x00F8}, {104, 0x00FB}, {105, 0x00FD}, {109, 0x0102}, {126, 0x0114},
    {133, 0x011C}, {148, 0x012C}, {172, 0x0145}, {175, 0x0149}, {179, 0x014E},
    {208, 0x016C}, {306, 0x01CF}, {307, 0x01D1}, {308, 0x01D3}, {309, 0x01D5},
    {310, 0x01D7}, {311, 0x01D9}, {312, 0x01DB}, {313, 0x01DD}, {341, 0x01FA},
    {428, 0x0252}, {443, 0x0262}, {544, 0x02C8}, {545, 0x02CC}, {558, 0x02DA},
    {741, 0x03A2}, {742, 0x03AA}, {749, 0x03C2}, {750, 0x03CA}, {805, 0x0402},
    {819, 0x0450}, {820, 0x0452}, {7457, 0xE7C7}, {7458, 0x1E40}, {7922, 0x2011},
    {7924, 0x2017}, {7925, 0x201A}, {7927, 0x201E}, {7934, 0x2027}, {7943, 0x2031},
    {7944, 0x2034}, {7945, 0x2036}, {7950, 0x203C}, {8062, 0x20AD}, {8148, 0x2104},
    {8149, 0x2106}, {8152, 0x210A}, {8164, 0x2117}, {8174, 0x2122}, {8236, 0x216C},
    {8240, 0x217A}, {8262, 0x2194}, {8264, 0x219A}, {8374, 0x2209}, {8380, 0x2210},
    {8381, 0x2212}, {8384, 0x2216}, {8388, 0x221B}, {8390, 0x2221}, {8392, 0x2224},
    {8393, 0x2226}, {8394, 0x222C}, {8396, 0x222F}, {8401, 0x2238}, {8406, 0x223E},
    {8416, 0x2249}, {8419, 0x224D}, {8424, 0x2253}, {8437, 0x2262}, {8439, 0x2268},
    {8445, 0x2270}, {8482, 0x2296}, {8485, 0x229A}, {8496, 0x22A6}, {8521, 0x22C0},
    {8603, 0x2313}, {8936, 0x246A}, {8946, 0x249C}, {9046, 0x254C}, {9050, 0x2574},
    {9063, 0x2590}, {9066, 0x2596}, {9076, 0x25A2}, {9092, 0x25B4}, {9100, 0x25BE},
    {9108, 0x25C8}, {9111, 0x25CC}, {9113, 0x25D0}, {9131, 0x25E6}, {9162, 0x2607},
    {9164, 0x260A}, {9218, 0x2641}, {9219, 0x2643}, {11329, 0x2E82}, {11331, 0x2E85},
    {11334, 0x2E89}, {11336, 0x2E8D}, {11346, 0x2E98}, {11361, 0x2EA8}, {11363, 0x2EAB},
    {11366, 0x2EAF}, {11370, 0x2EB4}, {11372, 0x2EB8}, {11375, 0x2EBC}, {11389, 0x2ECB},
    {11682, 0x2FFC}, {11686, 0x3004}, {11687, 0x3018}, {11692, 0x301F}, {11694, 0x302A},
    {11714, 0x303F}, {11716, 0x3094}, {11723, 0x309F}, {11725, 0x30F7}, {11730, 0x30FF},
    {11736, 0x312A}, {11982, 0x322A}, {11989, 0x3232}, {12102, 0x32A4}, {12336, 0x3390},
    {12348, 0x339F}, {12350, 0x33A2}, {12384, 0x33C5}, {12393, 0x33CF}, {12395, 0x33D3},
    {12397, 0x33D6}, {12510, 0x3448}, {12553, 0x3474}, {12851, 0x359F}, {12962, 0x360F},
    {12973, 0x361B}, {13738, 0x3919}, {13823, 0x396F}, {13919, 0x39D1}, {13933, 0x39E0},
    {14080, 0x3A74}, {14298, 0x3B4F}, {14585, 0x3C6F}, {14698, 0x3CE1}, {15583, 0x4057},
    {15847, 0x4160}, {16318, 0x4338}, {16434, 0x43AD}, {16438, 0x43B2}, {16481, 0x43DE},
    {16729, 0x44D7}, {17102, 0x464D}, {17122, 0x4662}, {17315, 0x4724}, {17320, 0x472A},
    {17402, 0x477D}, {17418, 0x478E}, {17859, 0x4948}, {17909, 0x497B}, {17911, 0x497E},
    {17915, 0x4984}, {17916, 0x4987}, {17936, 0x499C}, {17939, 0x49A0}, {17961, 0x49B8},
    {18664, 0x4C78}, {18703, 0x4CA4}, {18814, 0x4D1A}, {18962, 0x4DAF}, {19043, 0x9FA6},
    {33469, 0xE76C}, {33470, 0xE7C8}, {33471, 0xE7E7}, {33484, 0xE815}, {33485, 0xE819},
    {33490, 0xE81F}, {33497, 0xE827}, {33501, 0xE82D}, {33505, 0xE833}, {33513, 0xE83C},
    {33520, 0xE844}, {33536, 0xE856}, {33550, 0xE865}, {37845, 0xF92D}, {37921, 0xF97A},
    {37948, 0xF996}, {38029, 0xF9E8}, {38038, 0xF9F2}, {38064, 0xFA10}, {38065, 0xFA12},
    {38066, 0xFA15}, {38069, 0xFA19}, {38075, 0xFA22}, {38076, 0xFA25}, {38078, 0xFA2A},
    {39108, 0xFE32}, {39109, 0xFE45}, {39113, 0xFE53}, {39114, 0xFE58}, {39115, 0xFE67},
    {39116, 0xFE6C}, {39265, 0xFF5F}, {39394, 0xFFE6},
};
constexpr uint32_t kFourByteBmpLast = 39419;         // 0x8431A439 = U+FFFF
constexpr uint32_t kFourByteSupplementary = 189000;  // linear index of 0x90308130 = U+10000

// Two-byte codes where GB18030 editions differ (glibc follows GB18030-2022; musl maps them to
// the private use area): decoded here so both builds agree.
struct TwoByteFix {
    uint16_t code;
    uint32_t code_point;
};
constexpr TwoByteFix kTwoByteFixes[] = {
    {0xA6D9, 0xFE10}, {0xA6DA, 0xFE12}, {0xA6DB, 0xFE11}, {0xA6DC, 0xFE13},  {0xA6DD, 0xFE14},
    {0xA6DE, 0xFE15}, {0xA6DF, 0xFE16}, {0xA6EC, 0xFE17}, {0xA6ED, 0xFE18},  {0xA6F3, 0xFE19},
    {0xA8BC, 0x1E3F}, {0xFE51, 0x20087}, {0xFE52, 0x20089}, {0xFE53, 0x200CC}, {0xFE59, 0x9FB4},
    {0xFE61, 0x9FB5}, {0xFE66, 0x9FB6}, {0xFE67, 0x9FB7}, {0xFE6C, 0x215D7}, {0xFE6D, 0x9FB8},
    {0xFE76, 0x2298F}, {0xFE7E, 0x9FB9}, {0xFE90, 0x9FBA}, {0xFE91, 0x241FE}, {0xFEA0, 0x9FBB},
};

// Owns one iconv descriptor for the two-byte (GBK) part of GB18030.
class GbkConverter {
public:
    GbkConverter() {
        cd_ = iconv_open("UTF-8", "GB18030");
        if (cd_ == iconv_t(-1)) cd_ = iconv_open("UTF-8", "GBK");
    }
    ~GbkConverter() {
        if (ok()) iconv_close(cd_);
    }
    GbkConverter(const GbkConverter&) = delete;
    GbkConverter& operator=(const GbkConverter&) = delete;
    bool ok() const { return cd_ != iconv_t(-1); }

    // Converts a run of ASCII and two-byte sequences; false when iconv refuses any of it.
    bool convert(const std::string& run, std::string& out) {
        if (run.empty()) return true;
        iconv(cd_, nullptr, nullptr, nullptr, nullptr);
        std::string buffer(run.size() * 2 + 8, '\0');  // two GBK bytes → at most 4 UTF-8 bytes
        char* in = const_cast<char*>(run.data());
        size_t in_left = run.size();
        char* outp = &buffer[0];
        size_t out_left = buffer.size();
        if (iconv(cd_, &in, &in_left, &outp, &out_left) == size_t(-1) || in_left != 0) return false;
        out.append(buffer.data(), buffer.size() - out_left);
        return true;
    }

private:
    iconv_t cd_;
};

}  // namespace

const char* text_encoding_name(TextEncoding e) {
    switch (e) {
        case TextEncoding::utf8: return "UTF-8";
        case TextEncoding::utf8_bom: return "UTF-8 (BOM)";
        case TextEncoding::gb18030: return "GB18030/GBK";
        case TextEncoding::utf16: return "UTF-16";
        case TextEncoding::invalid: break;
    }
    return "?";
}

bool is_valid_utf8(std::string_view bytes) {
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    size_t n = bytes.size(), i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra;
        uint32_t min, cp;
        if (c >= 0xC2 && c <= 0xDF) extra = 1, min = 0x80, cp = c & 0x1F;
        else if (c >= 0xE0 && c <= 0xEF) extra = 2, min = 0x800, cp = c & 0x0F;
        else if (c >= 0xF0 && c <= 0xF4) extra = 3, min = 0x10000, cp = c & 0x07;
        else return false;
        if (n - i <= size_t(extra)) return false;
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + k] & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += extra + 1;
    }
    return true;
}

bool decode_gb18030(std::string_view bytes, std::string& utf8, size_t* bad_offset) {
    utf8.clear();
    utf8.reserve(bytes.size() * 3 / 2);
    GbkConverter gbk;
    std::string run;  // pending ASCII and two-byte sequences, converted together
    size_t run_start = 0;
    auto fail = [&](size_t at) {
        if (bad_offset) *bad_offset = at;
        utf8.clear();
        return false;
    };
    auto flush = [&]() { return gbk.convert(run, utf8) ? (run.clear(), true) : false; };
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    size_t n = bytes.size(), i = 0;
    while (i < n) {
        unsigned char b = s[i];
        if (b < 0x80) {  // ASCII joins the run: iconv reads it unchanged, and long runs are fast
            if (run.empty()) run_start = i;
            run += char(b);
            ++i;
            continue;
        }
        if (b == 0x80 || b == 0xFF) {
            if (!flush()) return fail(run_start);
            if (b == 0xFF) return fail(i);
            append_utf8(utf8, 0x20AC);  // € in code page 936
            ++i;
            continue;
        }
        if (i + 1 >= n) return fail(i);
        unsigned char b2 = s[i + 1];
        if (b2 >= 0x30 && b2 <= 0x39) {
            if (i + 3 >= n || s[i + 2] < 0x81 || s[i + 2] > 0xFE || s[i + 3] < 0x30 || s[i + 3] > 0x39)
                return fail(i);
            uint32_t linear = (((uint32_t(b - 0x81) * 10 + (b2 - 0x30)) * 126 + (s[i + 2] - 0x81)) * 10) + (s[i + 3] - 0x30);
            uint32_t cp;
            if (linear <= kFourByteBmpLast) {
                const FourByteRun* run_it =
                    std::upper_bound(std::begin(kFourByteBmp), std::end(kFourByteBmp), linear,
                                     [](uint32_t v, const FourByteRun& r) { return v < r.linear; }) - 1;
                cp = run_it->code_point + (linear - run_it->linear);
            } else if (linear >= kFourByteSupplementary && linear - kFourByteSupplementary <= 0xFFFFF) {
                cp = 0x10000 + (linear - kFourByteSupplementary);
            } else {
                return fail(i);
            }
            if (!flush()) return fail(run_start);
            append_utf8(utf8, cp);
            i += 4;
            continue;
        }
        if (b2 < 0x40 || b2 == 0x7F || b2 == 0xFF) return fail(i);
        uint16_t code = uint16_t(b << 8 | b2);
        const TwoByteFix* fix = std::find_if(std::begin(kTwoByteFixes), std::end(kTwoByteFixes),
                                             [code](const TwoByteFix& f) { return f.code == code; });
        if (fix != std::end(kTwoByteFixes)) {
            if (!flush()) return fail(run_start);
            append_utf8(utf8, fix->code_point);
        } else {
            if (!gbk.ok()) return fail(i);
            if (run.empty()) run_start = i;
            run += char(b);
            run += char(b2);
        }
        i += 2;
    }
    if (!flush()) return fail(run_start);
    return true;
}

namespace {

// Counts valid multi-byte UTF-8 sequences against invalid bytes; sets the first invalid offset.
bool mostly_utf8(std::string_view bytes, size_t& first_bad) {
    const auto* s = reinterpret_cast<const unsigned char*>(bytes.data());
    size_t n = bytes.size(), i = 0, good = 0, bad = 0;
    first_bad = n;
    while (i < n) {
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        size_t len = s[i] >= 0xF0 ? 4 : s[i] >= 0xE0 ? 3 : s[i] >= 0xC0 ? 2 : 1;
        if (len > 1 && i + len <= n && is_valid_utf8(bytes.substr(i, len))) {
            ++good;
            i += len;
        } else {
            if (bad++ == 0) first_bad = i;
            ++i;
        }
    }
    return good > 0 && good >= bad * 4;
}

}  // namespace

DecodedText decode_text(std::string_view bytes) {
    DecodedText out;
    if (bytes.size() >= 2 && ((uint8_t(bytes[0]) == 0xFF && uint8_t(bytes[1]) == 0xFE) ||
                              (uint8_t(bytes[0]) == 0xFE && uint8_t(bytes[1]) == 0xFF))) {
        out.encoding = TextEncoding::utf16;
        return out;
    }
    bool bom = bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF";
    std::string_view body = bom ? bytes.substr(3) : bytes;
    if (is_valid_utf8(body)) {
        out.encoding = bom ? TextEncoding::utf8_bom : TextEncoding::utf8;
        out.utf8.assign(body);
        return out;
    }
    // Text that is mostly valid UTF-8 with a few bad bytes is damaged UTF-8, not GB18030 (whose
    // byte pairs almost never form UTF-8 sequences): decoding it as GB18030 would be mojibake.
    size_t first_bad = 0;
    if (!bom && !mostly_utf8(body, first_bad) && decode_gb18030(bytes, out.utf8, &out.bad_offset)) {
        out.encoding = TextEncoding::gb18030;
        return out;
    }
    if (bom || mostly_utf8(body, first_bad)) {  // damaged UTF-8: point at the first bad byte
        mostly_utf8(body, first_bad);
        out.bad_offset = (bom ? 3 : 0) + first_bad;
    }
    out.encoding = TextEncoding::invalid;
    out.utf8.clear();
    return out;
}

// ==== [SECTION] RFC 4180 ========================================================================

// The delimiter that splits the first line into the most fields (outside quotes).
char csv_delimiter(std::string_view text) {
    size_t commas = 0, semicolons = 0, tabs = 0;
    bool quoted = false;
    for (char c : text) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        commas += c == ',';
        semicolons += c == ';';
        tabs += c == '\t';
    }
    if (tabs > commas && tabs >= semicolons) return '\t';
    if (semicolons > commas) return ';';
    return ',';
}

namespace {

bool blank_record(const std::vector<std::string>& fields) {
    for (const std::string& f : fields)
        if (f.find_first_not_of(" \t") != std::string::npos) return false;
    return true;
}

}  // namespace

int for_each_csv_record(std::string_view text, char delim, const std::function<void(const CsvRecord&)>& on_record,
                        int* quote_column) {
    CsvRecord record;  // reused: its vector keeps its capacity from row to row
    std::string field;
    int line = 1;
    record.line = 1;
    bool in_quotes = false, field_was_quoted = false;
    int quote_line = 0, quote_field = 0;
    auto end_field = [&]() {
        record.fields.push_back(std::move(field));
        field.clear();
        field_was_quoted = false;
    };
    record.number = 1;
    auto end_record = [&]() {
        end_field();
        if (!blank_record(record.fields)) on_record(record);
        record.fields.clear();
        record.line = line;
        ++record.number;
    };
    const char special[] = {delim, '"', '\r', '\n', '\0'};
    size_t n = text.size();
    for (size_t i = 0; i < n; ++i) {
        char c = text[i];
        if (in_quotes) {
            if (c == '"') {
                if (i + 1 < n && text[i + 1] == '"') {
                    field += '"';
                    ++i;
                } else {
                    in_quotes = false;
                }
            } else if (c == '\r' && i + 1 < n && text[i + 1] == '\n') {
                ++i;  // CRLF inside quotes becomes LF (what Excel writes within a cell)
                ++line;
                field += '\n';
            } else if (c == '\r' || c == '\n') {
                ++line;
                field += c;
            } else {
                size_t run_end = text.find_first_of("\"\r\n", i);
                if (run_end == std::string_view::npos) run_end = n;
                field.append(text.data() + i, run_end - i);
                i = run_end - 1;
            }
            continue;
        }
        if (c == '"' && field.empty() && !field_was_quoted) {
            in_quotes = true;
            field_was_quoted = true;
            quote_line = line;
            quote_field = int(record.fields.size()) + 1;
        } else if (c == delim) {
            end_field();
        } else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < n && text[i + 1] == '\n') ++i;
            ++line;
            end_record();
        } else {
            // Lenient: a quote inside an unquoted field, or text after a closing quote, is kept.
            size_t run_end = text.find_first_of(std::string_view(special, 4), i + 1);
            if (run_end == std::string_view::npos) run_end = n;
            field.append(text.data() + i, run_end - i);
            i = run_end - 1;
        }
    }
    if (in_quotes) {
        if (quote_column) *quote_column = quote_field;
        return quote_line;
    }
    if (!field.empty() || !record.fields.empty() || field_was_quoted) end_record();
    return 0;
}

CsvParse parse_csv(std::string_view text) {
    CsvParse out;
    out.delimiter = csv_delimiter(text);
    out.unterminated_quote_line = for_each_csv_record(
        text, out.delimiter, [&](const CsvRecord& r) { out.records.push_back(r); }, &out.unterminated_quote_column);
    if (out.unterminated_quote_line > 0) out.records.clear();
    return out;
}

// ==== [SECTION] the import ======================================================================

namespace {

// Trims ASCII white space, the full-width space U+3000 and stray byte-order marks.
std::string trim(std::string_view s) {
    auto space_at_front = [](std::string_view v) -> size_t {
        if (v.empty()) return 0;
        if (v[0] == ' ' || v[0] == '\t' || v[0] == '\r' || v[0] == '\n') return 1;
        if (v.substr(0, 3) == "\xE3\x80\x80" || v.substr(0, 3) == "\xEF\xBB\xBF") return 3;
        return 0;
    };
    auto space_at_back = [](std::string_view v) -> size_t {
        if (v.empty()) return 0;
        char c = v.back();
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return 1;
        if (v.size() >= 3 && (v.substr(v.size() - 3) == "\xE3\x80\x80" || v.substr(v.size() - 3) == "\xEF\xBB\xBF"))
            return 3;
        return 0;
    };
    while (size_t k = space_at_front(s)) s.remove_prefix(k);
    while (size_t k = space_at_back(s)) s.remove_suffix(k);
    return std::string(s);
}

std::string ascii_lower(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = char(c - 'A' + 'a');
    return s;
}

enum class Field : uint8_t {
    school_id, school_name, batch, teacher_id, teacher_name, subject, online, practice,
    batch_name, batch_start, batch_end, district_code, district_name, role, count
};
constexpr int kFieldCount = int(Field::count);

struct HeaderName {
    Field field;
    const char* zh;
    const char* en;
    bool required;
};
constexpr HeaderName kHeaders[] = {
    {Field::school_id, "学校编号", "school_id", true},     {Field::school_name, "学校名称", "school_name", true},
    {Field::batch, "批次", "batch", true},                  {Field::teacher_id, "教师编号", "teacher_id", true},
    {Field::teacher_name, "姓名", "name", true},            {Field::subject, "学科", "subject", false},
    {Field::online, "在线学时", "online_hours", false},     {Field::practice, "实践学时", "practice_hours", false},
    {Field::batch_name, "批次名称", "batch_name", false},   {Field::batch_start, "开始日期", "batch_start", false},
    {Field::batch_end, "结束日期", "batch_end", false},     {Field::district_code, "区县编号", "district_code", false},
    {Field::district_name, "区县名称", "district_name", false}, {Field::role, "角色", "role", false},
};

enum class PointPart : uint8_t { code, status, grade };

// Column layout found in the header row; -1 where a column is absent.
struct Layout {
    std::array<int, kFieldCount> field{};
    std::map<int, std::array<int, 3>> points;  // N → columns of 能力点N, 状态N, 等级N
    std::vector<std::string> names;            // header text per column (trimmed)
};

constexpr int kMaxPointColumn = 999999999;  // 能力点N: N from 1 to this (docs/csv-import.md)

enum class PointHeader : uint8_t { no, yes, bad_number };

// "能力点12" / "point12" / "能力点 12" → (code, 12); "能力点0" or a number above kMaxPointColumn
// is bad_number (reported, not taken for an unknown column).
PointHeader parse_point_header(const std::string& name, PointPart& part, int& number) {
    static constexpr std::pair<const char*, PointPart> kPrefixes[] = {
        {"能力点", PointPart::code}, {"状态", PointPart::status}, {"等级", PointPart::grade},
        {"point", PointPart::code},  {"status", PointPart::status}, {"grade", PointPart::grade},
    };
    std::string lower = ascii_lower(name);
    for (const auto& [prefix, which] : kPrefixes) {
        std::string_view p = prefix;
        if (lower.compare(0, p.size(), p) != 0) continue;
        std::string digits = trim(std::string_view(lower).substr(p.size()));
        if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return PointHeader::no;
        digits.erase(0, std::min(digits.find_first_not_of('0'), digits.size()));  // "能力点01" is 能力点1
        if (digits.empty() || digits.size() > 9) return PointHeader::bad_number;
        number = std::atoi(digits.c_str());
        part = which;
        return number <= kMaxPointColumn ? PointHeader::yes : PointHeader::bad_number;
    }
    return PointHeader::no;
}

std::string row_pointer(int row, std::string_view column) {
    std::string p = "/rows/" + std::to_string(row);
    if (!column.empty()) {
        p += '/';
        for (char c : column) {  // JSON pointer escaping
            if (c == '~') p += "~0";
            else if (c == '/') p += "~1";
            else p += c;
        }
    }
    return p;
}

std::string format_number(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return buf;
}

std::optional<PointStatus> parse_status(const std::string& raw) {
    static constexpr std::pair<const char*, PointStatus> kNames[] = {
        {"已选", PointStatus::selected},     {"选定", PointStatus::selected},      {"已选择", PointStatus::selected},
        {"已选点", PointStatus::selected},   {"未提交", PointStatus::selected},    {"selected", PointStatus::selected},
        {"已提交", PointStatus::submitted},  {"提交", PointStatus::submitted},     {"待评审", PointStatus::submitted},
        {"待评", PointStatus::submitted},    {"submitted", PointStatus::submitted}, {"已评审", PointStatus::graded},
        {"已评", PointStatus::graded},       {"已评价", PointStatus::graded},      {"已评分", PointStatus::graded},
        {"已评定", PointStatus::graded},     {"graded", PointStatus::graded},
    };
    std::string v = ascii_lower(raw);
    for (const auto& [name, status] : kNames)
        if (v == name) return status;
    return std::nullopt;
}

std::optional<Grade> parse_grade(const std::string& raw) {
    static constexpr std::pair<const char*, Grade> kNames[] = {
        {"优秀", Grade::excellent}, {"excellent", Grade::excellent}, {"合格", Grade::pass},
        {"pass", Grade::pass},      {"不合格", Grade::fail},         {"fail", Grade::fail},
    };
    std::string v = ascii_lower(raw);
    for (const auto& [name, grade] : kNames)
        if (v == name) return grade;
    return std::nullopt;
}

// Hours: a plain decimal number ≥ 0; empty means 0.
std::optional<double> parse_hours(const std::string& text) {
    if (text.empty()) return 0.0;
    if (text.find_first_not_of("0123456789.+-eE") != std::string::npos) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v) || v < 0) return std::nullopt;
    return v;
}

struct Group {
    std::string school_id, batch_id;
    std::unordered_set<std::string> teacher_ids;
    std::shared_ptr<BatchFile> data;
    BatchLoad load;
    bool name_conflict_reported = false;
};

class CsvImporter {
public:
    CsvImporter(std::string_view file_name) : file_(file_name) {}

    std::vector<BatchLoad> run(std::string_view bytes);
    // The records of a workbook sheet (xlsx_import.cpp): the same mapping, no text decoding.
    std::vector<BatchLoad> run_records(const std::vector<CsvRecord>& records);

private:
    std::string file_;
    Layout layout_;
    std::vector<Group> groups_;
    std::map<std::pair<std::string, std::string>, size_t> group_index_;  // (school, batch) → groups_
    Problems orphan_problems_;  // rows that belong to no group
    int header_number_ = 1;     // the header's row number (blank rows may come first)
    int rows_ = 0, header_line_ = 0;
    std::vector<std::string> missing_;  // required columns the header lacks

    void take(const CsvRecord& record);  // the header first, then the rows
    std::vector<BatchLoad> finish();

    Problem make(Severity sev, int row, int column, int line, std::string zh, std::string en,
                 std::string teacher = {}) const {
        Problem p;
        p.file = file_;
        p.severity = sev;
        std::string col_name = column > 0 && size_t(column - 1) < layout_.names.size() ? layout_.names[column - 1] : "";
        p.pointer = row > 0 ? row_pointer(row, col_name) : "";
        p.line = line;
        p.column = column;
        // The row, the teacher and the column in people's words come in front later
        // (name_problem_places in run(), once the school's name is known).
        p.message_zh = std::move(zh);
        p.message_en = std::move(en);
        p.teacher_id = std::move(teacher);
        return p;
    }

    std::vector<BatchLoad> reject(std::string zh, std::string en, int line = 0, int column = 0) {
        BatchLoad load;
        load.status = FileStatus::rejected;
        Problem p = make(Severity::error, 0, 0, line, std::move(zh), std::move(en));
        p.column = column;
        load.problems.push_back(std::move(p));
        std::vector<BatchLoad> out;
        out.push_back(std::move(load));
        return out;
    }

    bool read_header(const CsvRecord& header, std::vector<std::string>& missing);
    void read_row(const CsvRecord& record, int row);
    Group& group_for(const std::string& school, const std::string& batch);
};

bool CsvImporter::read_header(const CsvRecord& header, std::vector<std::string>& missing) {
    layout_.field.fill(-1);
    for (size_t c = 0; c < header.fields.size(); ++c) {
        std::string name = trim(header.fields[c]);
        layout_.names.push_back(name);
        int column = int(c) + 1;
        if (name.empty()) continue;
        std::string lower = ascii_lower(name);
        bool known = false;
        for (const HeaderName& h : kHeaders) {
            if (name != h.zh && lower != h.en) continue;
            known = true;
            int& slot = layout_.field[int(h.field)];
            if (slot < 0) slot = int(c);
            else orphan_problems_.push_back(make(Severity::warning, header_number_, column, header.line, "列名重复，此列被忽略",
                                                 "duplicate column; this one is ignored"));
        }
        PointPart part;
        int number = 0;
        const PointHeader point_header = known ? PointHeader::no : parse_point_header(name, part, number);
        if (point_header == PointHeader::bad_number) {
            known = true;
            orphan_problems_.push_back(make(Severity::warning, header_number_, column, header.line,
                                            "列号 N 应为 1 到 " + std::to_string(kMaxPointColumn) + " 的整数，此列被忽略",
                                            "the column number N must be a whole number from 1 to " +
                                                std::to_string(kMaxPointColumn) + "; this column is ignored"));
        }
        if (point_header == PointHeader::yes) {
            known = true;
            auto [it, added] = layout_.points.try_emplace(number, std::array<int, 3>{-1, -1, -1});
            (void)added;
            int& slot = it->second[int(part)];
            if (slot < 0) slot = int(c);
            else orphan_problems_.push_back(make(Severity::warning, header_number_, column, header.line, "列名重复，此列被忽略",
                                                 "duplicate column; this one is ignored"));
        }
        if (!known)
            orphan_problems_.push_back(make(Severity::warning, header_number_, column, header.line, "未知的列，已忽略",
                                            "unknown column; ignored"));
    }
    for (const HeaderName& h : kHeaders)
        if (h.required && layout_.field[int(h.field)] < 0) missing.push_back(h.zh);
    for (const auto& [number, cols] : layout_.points)
        if (cols[int(PointPart::code)] < 0) {
            int col = cols[1] >= 0 ? cols[1] : cols[2];
            orphan_problems_.push_back(make(Severity::warning, header_number_, col + 1, header.line,
                                            "没有对应的「能力点" + std::to_string(number) + "」列，此列被忽略",
                                            "no matching column 能力点" + std::to_string(number) + "; ignored"));
        }
    return missing.empty();
}

Group& CsvImporter::group_for(const std::string& school, const std::string& batch) {
    auto [it, added] = group_index_.try_emplace({school, batch}, groups_.size());
    if (!added) return groups_[it->second];
    Group g;
    g.school_id = school;
    g.batch_id = batch;
    g.data = std::make_shared<BatchFile>();
    g.data->file = file_;
    g.data->school_id = school;
    g.data->batch_id = batch;
    g.load.status = FileStatus::loaded;
    groups_.push_back(std::move(g));
    return groups_.back();
}

void CsvImporter::read_row(const CsvRecord& record, int row) {
    auto cell = [&](int column_index) -> std::string {
        if (column_index < 0 || size_t(column_index) >= record.fields.size()) return {};
        return trim(record.fields[column_index]);
    };
    auto col = [&](Field f) { return layout_.field[int(f)]; };
    std::string school = cell(col(Field::school_id)), batch = cell(col(Field::batch));
    std::string id = cell(col(Field::teacher_id)), name = cell(col(Field::teacher_name));
    if (school.empty() || batch.empty()) {
        Field f = school.empty() ? Field::school_id : Field::batch;
        orphan_problems_.push_back(make(Severity::record, row, col(f) + 1, record.line,
                                        "缺少学校编号或批次：跳过该行", "no school id or batch; row skipped", id));
        return;
    }
    if (utf8_longer_than(school, kMaxIdChars) || utf8_longer_than(batch, kMaxIdChars)) {
        const bool school_long = utf8_longer_than(school, kMaxIdChars);
        const std::string& v = school_long ? school : batch;
        orphan_problems_.push_back(make(Severity::record, row, col(school_long ? Field::school_id : Field::batch) + 1,
                                        record.line, too_long_zh(school_long ? "学校编号" : "批次", v, kMaxIdChars) + "：跳过该行",
                                        too_long_en(school_long ? "the school id" : "the batch", v, kMaxIdChars) +
                                            "; row skipped"));
        return;
    }
    Group& g = group_for(school, batch);
    BatchFile& data = *g.data;
    Problems& problems = g.load.problems;
    auto problem = [&](Severity sev, int column_index, std::string zh, std::string en) {
        problems.push_back(make(sev, row, column_index + 1, record.line, std::move(zh), std::move(en), id));
        problems.back().teacher_name = name;
        if (sev == Severity::record) g.load.status = FileStatus::partial;
    };

    // School and batch fields: the first non-empty value wins; a different one is a warning.
    // Over `limit` characters: the school name is cut (it stays recognisable), others ignored.
    auto group_value = [&](Field f, std::string& target, bool is_date, size_t limit = kMaxNameChars) {
        std::string v = cell(col(f));
        if (v.empty()) return;
        if (utf8_longer_than(v, limit)) {
            const bool cut = f == Field::school_name;
            problem(Severity::warning, col(f), too_long_zh("该值", v, limit) + (cut ? "，只保留前 " + std::to_string(limit - 1) + " 个字符" : "，已忽略"),
                    too_long_en("the value", v, limit) + (cut ? "; only its first " + std::to_string(limit - 1) + " characters are kept" : "; ignored"));
            if (!cut) return;
            v = utf8_cut(v, limit);
        }
        if (is_date && !is_iso_date(v)) {
            problem(Severity::warning, col(f), "不是 YYYY-MM-DD 格式的日期，已忽略", "not a YYYY-MM-DD date; ignored");
            return;
        }
        if (target.empty()) target = v;
        else if (target != v)
            problem(Severity::warning, col(f), "与同校同批次前面的行不一致，沿用「" + target + "」",
                    "differs from earlier rows of this school and batch; keeping \"" + target + "\"");
    };
    group_value(Field::school_name, data.school_name, false);
    group_value(Field::batch_name, data.batch_name, false);
    group_value(Field::batch_start, data.batch_start, true);
    group_value(Field::batch_end, data.batch_end, true);
    group_value(Field::district_code, data.district_code, false, kMaxIdChars);
    group_value(Field::district_name, data.district_name, false);

    if (id.empty() || name.empty()) {
        Field f = id.empty() ? Field::teacher_id : Field::teacher_name;
        problem(Severity::record, col(f), "缺少教师编号或姓名：跳过该教师", "no teacher id or name; teacher skipped");
        return;
    }
    if (utf8_longer_than(id, kMaxIdChars) || utf8_longer_than(name, kMaxNameChars)) {
        const bool id_long = utf8_longer_than(id, kMaxIdChars);
        const std::string& v = id_long ? id : name;
        const size_t limit = id_long ? kMaxIdChars : kMaxNameChars;
        problem(Severity::record, col(id_long ? Field::teacher_id : Field::teacher_name),
                too_long_zh(id_long ? "教师编号" : "姓名", v, limit) + "：跳过该教师",
                too_long_en(id_long ? "the teacher id" : "the name", v, limit) + "; teacher skipped");
        return;
    }
    if (!g.teacher_ids.insert(id).second) {
        problem(Severity::record, col(Field::teacher_id), "教师编号在本校本批次中重复：跳过该教师",
                "teacher id already used for this school and batch; teacher skipped");
        return;
    }

    Teacher t;
    t.id = data.text.keep(id);
    t.name = data.text.keep(name);
    auto label = [&](Field f, Text& target) {
        std::string v = cell(col(f));
        if (utf8_longer_than(v, kMaxLabelChars)) {
            problem(Severity::record, col(f), too_long_zh("该值", v, kMaxLabelChars) + "，已忽略",
                    too_long_en("the value", v, kMaxLabelChars) + "; ignored");
            return;
        }
        target = data.text.keep(v);
    };
    label(Field::subject, t.subject);
    label(Field::role, t.role);
    t.index = int(data.teachers.size());
    auto hours = [&](Field f, double& target) {
        if (col(f) < 0) return;
        std::string text = cell(col(f));
        std::optional<double> v = parse_hours(text);
        if (!v) {
            problem(Severity::record, col(f), "学时「" + text + "」不是非负数：按 0 计",
                    "hours \"" + text + "\" is not a number ≥ 0; counted as 0");
            return;
        }
        target = *v;
        if (*v > 500)
            problem(Severity::warning, col(f), "学时 " + format_number(*v) + " 超过 500，请核对",
                    "hours " + format_number(*v) + " above 500; please check");
    };
    hours(Field::online, t.online);
    hours(Field::practice, t.practice);

    t.first_point = uint32_t(data.points.size());  // its points: the last of the file's, as read
    for (const auto& [number, cols] : layout_.points) {
        int code_col = cols[0], status_col = cols[1], grade_col = cols[2];
        if (code_col < 0) continue;
        std::string code = cell(code_col), status_text = cell(status_col), grade_text = cell(grade_col);
        std::string n = std::to_string(number);
        if (code.empty()) {
            if (!status_text.empty() || !grade_text.empty())
                problem(Severity::warning, status_text.empty() ? grade_col : status_col,
                        "能力点" + n + " 为空，状态和等级被忽略", "point " + n + " is empty; status and grade ignored");
            continue;
        }
        int point = point_index(code);
        if (point < 0) {
            problem(Severity::record, code_col, "未知的能力点「" + code + "」：跳过该能力点",
                    "unknown point code \"" + code + "\"; point skipped");
            continue;
        }
        const PointRange kept = data.points_of(t);
        if (std::any_of(kept.begin(), kept.end(), [&](const PointRecord& p) { return p.point == point; })) {
            problem(Severity::record, code_col, "能力点 " + code + " 重复：跳过该能力点",
                    "point " + code + " listed twice; point skipped");
            continue;
        }
        std::optional<Grade> grade = grade_text.empty() ? std::optional<Grade>(Grade::none) : parse_grade(grade_text);
        PointRecord p;
        p.point = uint8_t(point);
        if (status_text.empty()) {
            p.status = grade && *grade != Grade::none ? PointStatus::graded : PointStatus::selected;
        } else if (std::optional<PointStatus> s = parse_status(status_text)) {
            p.status = *s;
        } else {
            problem(Severity::record, status_col, "未知的状态「" + status_text + "」：跳过该能力点",
                    "unknown status \"" + status_text + "\"; point skipped");
            continue;
        }
        if (p.status == PointStatus::graded) {
            if (!grade || *grade == Grade::none) {
                problem(Severity::record, grade_col >= 0 ? grade_col : status_col,
                        "已评审但没有可用的等级（优秀/合格/不合格）：跳过该能力点",
                        "graded with no usable grade (优秀/合格/不合格); point skipped");
                continue;
            }
            p.grade = *grade;
        } else if (!grade_text.empty()) {
            problem(Severity::warning, grade_col, "能力点尚未评审，等级被忽略", "point not graded yet; grade ignored");
        }
        data.points.push_back(p);
        ++t.point_count;
    }
    data.teachers.push_back(std::move(t));
}

std::vector<BatchLoad> CsvImporter::run(std::string_view bytes) {
    // UTF-16 (with or without BOM) and binary files (an .xlsx picked by mistake) say what they are.
    if (const TextSniff sniff = sniff_text(bytes); sniff.kind != NotText::text)
        return reject(not_text_message_zh(sniff, "「CSV UTF-8（逗号分隔）」（在 Excel 中另存为）"),
                      not_text_message_en(sniff, "\"CSV UTF-8 (comma delimited)\" from Excel"));
    DecodedText text = decode_text(bytes);
    if (text.encoding == TextEncoding::invalid) {
        int line = 1 + int(std::count(bytes.begin(), bytes.begin() + std::min(text.bad_offset, bytes.size()), '\n'));
        return reject("既不是 UTF-8 也不是 GB18030/GBK 编码（第 " + std::to_string(text.bad_offset) + " 字节）",
                      "neither UTF-8 nor GB18030/GBK text (byte " + std::to_string(text.bad_offset) + ")", line);
    }
    int open_quote_column = 0;
    int open_quote_line = for_each_csv_record(text.utf8, csv_delimiter(text.utf8),
                                              [&](const CsvRecord& record) { take(record); }, &open_quote_column);
    if (open_quote_line > 0)
        return reject("引号没有闭合（从第 " + std::to_string(open_quote_line) + " 行第 " + std::to_string(open_quote_column) +
                          " 列开始）",
                      "a quoted field never closes (opened on line " + std::to_string(open_quote_line) + ", column " +
                          std::to_string(open_quote_column) + ")",
                      open_quote_line, open_quote_column);
    return finish();
}

void CsvImporter::take(const CsvRecord& record) {
    ++rows_;
    if (rows_ == 1) {
        header_line_ = record.line;
        header_number_ = record.number;
        read_header(record, missing_);
    } else if (missing_.empty()) {
        read_row(record, record.number);
    }
}

std::vector<BatchLoad> CsvImporter::run_records(const std::vector<CsvRecord>& records) {
    for (const CsvRecord& record : records)
        if (!blank_record(record.fields)) take(record);
    return finish();
}

std::vector<BatchLoad> CsvImporter::finish() {
    if (rows_ == 0) return reject("文件是空的", "the file is empty");
    if (!missing_.empty()) {
        std::string list;
        for (const std::string& m : missing_) list += (list.empty() ? "" : "、") + m;
        std::string list_en;
        for (const std::string& m : missing_) list_en += (list_en.empty() ? "" : ", ") + m;
        return reject("缺少必需的列：" + list, "required columns missing: " + list_en, header_line_);
    }
    name_problem_places(orphan_problems_, 0, "");
    if (groups_.empty()) {
        std::vector<BatchLoad> out = reject("没有可用的数据行", "no usable data rows");
        for (Problem& p : orphan_problems_) out.front().problems.push_back(std::move(p));
        return out;
    }
    std::vector<BatchLoad> out;
    for (Group& g : groups_) {
        if (g.data->school_name.empty()) {
            g.data->school_name = g.school_id;
            Problem p = make(Severity::warning, 0, 0, 0, "学校 " + g.school_id + " 没有学校名称，以编号代替",
                             "school " + g.school_id + " has no name; its id is shown instead");
            g.load.problems.push_back(std::move(p));
        }
        name_problem_places(g.load.problems, 0, g.data->school_name);
        g.load.data = g.data;
        out.push_back(std::move(g.load));
    }
    bool orphan_records = false;
    for (Problem& p : orphan_problems_) {
        orphan_records |= p.severity == Severity::record;
        out.front().problems.push_back(std::move(p));
    }
    if (orphan_records) out.front().status = FileStatus::partial;
    // Keep each group's problems in row order (orphans were appended last).
    for (BatchLoad& load : out)
        std::stable_sort(load.problems.begin(), load.problems.end(),
                         [](const Problem& a, const Problem& b) { return a.line < b.line; });
    return out;
}

}  // namespace

std::vector<BatchLoad> load_csv(std::string_view file_name, std::string_view bytes) {
    return CsvImporter(file_name).run(bytes);
}

BatchLoad load_csv_single(std::string_view file_name, std::string_view bytes) {
    std::vector<BatchLoad> loads = load_csv(file_name, bytes);
    BatchLoad first = std::move(loads.front());
    if (loads.size() > 1) {
        Problem p;
        p.file = std::string(file_name);
        p.severity = Severity::warning;
        p.message_zh = "文件含 " + std::to_string(loads.size()) + " 个学校/批次，这里只用第一个";
        p.message_en = "the file holds " + std::to_string(loads.size()) + " school/batch groups; only the first is used here";
        first.problems.push_back(std::move(p));
        for (size_t i = 1; i < loads.size(); ++i)
            for (Problem& q : loads[i].problems) first.problems.push_back(std::move(q));
    }
    return first;
}

std::vector<BatchLoad> load_csv_records(std::string_view file_name, const std::vector<CsvRecord>& records) {
    return CsvImporter(file_name).run_records(records);
}

IT2_COLD std::vector<FileEntry> csv_file_entries(std::string_view file_name, std::string_view bytes) {
    return file_entries_of_loads(file_name, load_csv(file_name, bytes));
}

std::vector<FileEntry> file_entries_of_loads(std::string_view file_name, std::vector<BatchLoad> loads) {
    std::vector<FileEntry> entries;
    for (BatchLoad& load : loads) {
        FileEntry entry;
        entry.name = std::string(file_name);
        if (loads.size() > 1 && load.data) entry.name += "#" + load.data->school_id + "/" + load.data->batch_id;
        for (Problem& p : load.problems) p.file = entry.name;
        entry.status = load.status;
        entry.data = std::move(load.data);
        entry.problems = std::move(load.problems);
        entries.push_back(std::move(entry));
    }
    return entries;
}

bool looks_like_csv(std::string_view file_name, std::string_view bytes) {
    if (file_name.size() >= 4) {
        std::string ext = ascii_lower(std::string(file_name.substr(file_name.size() - 4)));
        if (ext == ".csv") return true;
    }
    size_t first = bytes.find_first_not_of(" \t\r\n");
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") first = bytes.find_first_not_of(" \t\r\n", 3);
    if (first == std::string_view::npos || bytes[first] == '{' || bytes[first] == '[') return false;
    std::string_view head = bytes.substr(0, std::min<size_t>(bytes.find('\n'), 4096));
    DecodedText text = decode_text(head);
    return text.utf8.find("教师编号") != std::string::npos || ascii_lower(text.utf8).find("teacher_id") != std::string::npos;
}

std::string csv_template() {
    return "\xEF\xBB\xBF"
        "学校编号,学校名称,批次,教师编号,姓名,学科,在线学时,实践学时,能力点1,状态1,等级1,能力点2,状态2,等级2,能力点3,状态3,等级3\r\n"
        "500110-0012,綦江区通惠小学,2022-1,50011000123,彭瑶,语文,28.5,26,A1,已评审,合格,A6,已提交,,B2,已选,\r\n"
        "500110-0012,綦江区通惠小学,2022-1,50011000124,王小明,数学,30,25,A3,已评审,优秀,A11,已评审,优秀,A5,已评审,合格\r\n";
}

std::string csv_rows_of_school(std::string_view bytes, std::string_view school_id) {
    DecodedText text = decode_text(bytes);
    if (text.encoding == TextEncoding::invalid || text.encoding == TextEncoding::utf16) return {};
    CsvParse parsed = parse_csv(text.utf8);
    if (parsed.unterminated_quote_line > 0 || parsed.records.empty()) return {};
    const std::vector<std::string>& header = parsed.records.front().fields;
    int school_col = -1;
    for (size_t c = 0; c < header.size() && school_col < 0; ++c) {
        std::string name = trim(header[c]);
        if (name == CsvColumns::school_id || ascii_lower(name) == "school_id") school_col = int(c);
    }
    if (school_col < 0) return {};
    std::vector<std::vector<std::string>> rows;
    for (size_t r = 1; r < parsed.records.size(); ++r) {
        const std::vector<std::string>& f = parsed.records[r].fields;
        if (size_t(school_col) < f.size() && trim(f[school_col]) == school_id) rows.push_back(f);
    }
    if (rows.empty()) return {};
    return csv_export_raw(header, rows);
}

}  // namespace it2
