#include "text_sniff.h"

#include <algorithm>
#include <cstring>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace it2 {

namespace {

struct Signature {
    std::string_view magic;
    const char* zh;
    const char* en;
};

// The files people pick by mistake instead of the JSON or CSV export.
const Signature kSignatures[] = {
    {std::string_view("PK\x03\x04", 4), "Excel 工作簿（.xlsx）或其他 zip 压缩文件", "an Excel workbook (.xlsx) or another zip archive"},
    {std::string_view("\xD0\xCF\x11\xE0", 4), "旧版 Excel 工作簿（.xls）或其他 Office 文件", "an old Excel workbook (.xls) or another Office file"},
    {"%PDF-", "PDF 文件", "a PDF file"},
    {"\x89PNG", "PNG 图片", "a PNG image"},
    {"\xFF\xD8\xFF", "JPEG 图片", "a JPEG image"},
    {"GIF8", "GIF 图片", "a GIF image"},
    {"\x1F\x8B", "gzip 压缩文件", "a gzip archive"},
    {"7z\xBC\xAF", "7z 压缩文件", "a 7z archive"},
    {"Rar!", "RAR 压缩文件", "a RAR archive"},
};

}  // namespace

TextSniff sniff_text(std::string_view bytes) {
    TextSniff out;
    auto byte = [&](size_t i) { return static_cast<unsigned char>(bytes[i]); };
    if (bytes.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE) return out.kind = NotText::utf16le, out;
    if (bytes.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF) return out.kind = NotText::utf16be, out;
    for (const Signature& s : kSignatures) {
        if (bytes.substr(0, s.magic.size()) == s.magic) {
            out.kind = NotText::binary;
            out.what_zh = s.zh;
            out.what_en = s.en;
            return out;
        }
    }
    const size_t sample = std::min<size_t>(bytes.size(), 4096);
    size_t nul_even = 0, nul_odd = 0, controls = 0;
    for (size_t i = 0; i < sample; ++i) {
        unsigned char c = byte(i);
        if (c == 0) ++(i % 2 ? nul_odd : nul_even);
        // Text never holds these; tab, LF, CR, FF and ESC do occur in real exports.
        if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) || c == 0x7F) ++controls;
    }
    const size_t pairs = sample / 2;
    // UTF-16 text of mostly ASCII or CJK: one half of the byte pairs is mostly NUL, the other not.
    if (pairs >= 2 && nul_odd * 8 >= pairs && nul_even * 16 <= pairs) return out.kind = NotText::utf16le, out;
    if (pairs >= 2 && nul_even * 8 >= pairs && nul_odd * 16 <= pairs) return out.kind = NotText::utf16be, out;
    if (sample > 0 && controls * 20 > sample) out.kind = NotText::binary;
    return out;
}

std::string not_text_message_zh(const TextSniff& sniff, std::string_view save_as_zh) {
    if (sniff.kind == NotText::utf16le || sniff.kind == NotText::utf16be)
        return std::string("文件是 UTF-16 编码（") + (sniff.kind == NotText::utf16le ? "UTF-16LE" : "UTF-16BE") +
               "，如 Excel 的「Unicode 文本」），不是 UTF-8；请另存为 " + std::string(save_as_zh);
    std::string what = sniff.what_zh ? std::string("，看起来是") + sniff.what_zh : std::string();
    return "文件不是文本文件（二进制内容" + what + "）；请导出为 JSON 或 CSV UTF-8 文件";
}

std::string not_text_message_en(const TextSniff& sniff, std::string_view save_as_en) {
    if (sniff.kind == NotText::utf16le || sniff.kind == NotText::utf16be)
        return std::string("the file is UTF-16 (") + (sniff.kind == NotText::utf16le ? "UTF-16LE" : "UTF-16BE") +
               ", e.g. Excel's \"Unicode text\"), not UTF-8; save it as " + std::string(save_as_en);
    std::string what = sniff.what_en ? std::string(": it looks like ") + sniff.what_en : std::string();
    return "the file is not a text file (binary content" + what + "); export the data as a JSON or CSV UTF-8 file";
}

size_t find_it2_prefix(std::string_view bytes, size_t from) {
    const char* const begin = bytes.data();
    const char* const end = begin + bytes.size();
    const char* p = begin + std::min(from, bytes.size());
    // A match at p needs 'i' at p, 't' at p+1, '2' at p+2 and '-' at p+3: the four comparisons
    // of a block, each shifted by its place in the word, ANDed, leave exactly the matches.
#if defined(__SSE2__)
    const __m128i i = _mm_set1_epi8('i'), t = _mm_set1_epi8('t'), two = _mm_set1_epi8('2'), dash = _mm_set1_epi8('-');
    for (; end - p >= 16 + 3; p += 16) {
        const auto at = [&](int k) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + k)); };
        const __m128i hit = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi8(at(0), i), _mm_cmpeq_epi8(at(1), t)),
                                          _mm_and_si128(_mm_cmpeq_epi8(at(2), two), _mm_cmpeq_epi8(at(3), dash)));
        if (const unsigned mask = unsigned(_mm_movemask_epi8(hit)); mask != 0)
            return size_t(p - begin) + unsigned(__builtin_ctz(mask));
    }
#elif defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    constexpr uint64_t ones = 0x0101010101010101ull, low7 = 0x7F7F7F7F7F7F7F7Full;
    // High bit of each byte of v that equals c (exact: no carries between bytes).
    const auto equal = [&](int k, char c) {
        uint64_t v;
        std::memcpy(&v, p + k, 8);
        v ^= ones * static_cast<unsigned char>(c);
        return ~(((v & low7) + low7) | v | low7);
    };
    for (; end - p >= 8 + 3; p += 8) {
        if (const uint64_t mask = equal(0, 'i') & equal(1, 't') & equal(2, '2') & equal(3, '-'); mask != 0)
            return size_t(p - begin) + unsigned(__builtin_ctzll(mask)) / 8;
    }
#endif
    return bytes.find("it2-", size_t(p - begin));  // the last few bytes, or no fast path
}

}  // namespace it2
