// Lexing steps of the positioned JSON reader (json_doc.cpp), shared with readers that take a
// record straight from the text (JsonStream::fast_element, load_batch.cpp): one definition, so
// a string or number read either way is checked by the same rule and has the same value.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace it2::json_lex {

#if defined(__GNUC__)
#define IT2_LEX_INLINE inline __attribute__((always_inline))
#else
#define IT2_LEX_INLINE inline
#endif

// Bytes that end a run of string content needing no work: '"', '\\', control characters (which
// must be escaped) and non-ASCII bytes (checked as UTF-8 where they stand).
constexpr std::array<bool, 256> make_string_stops() {
    std::array<bool, 256> stops{};
    for (int c = 0; c < 0x20; ++c) stops[size_t(c)] = true;
    for (int c = 0x80; c < 0x100; ++c) stops[size_t(c)] = true;
    stops[size_t('"')] = true;
    stops[size_t('\\')] = true;
    return stops;
}
inline constexpr std::array<bool, 256> kStringStop = make_string_stops();

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define IT2_JSON_SWAR 1
// Index (0-7) of the first string stop among the 8 bytes at `p`, or 8: eight bytes per step.
IT2_LEX_INLINE unsigned first_string_stop(const char* p) {
    constexpr uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull, low7 = 0x7F7F7F7F7F7F7F7Full;
    uint64_t x;
    std::memcpy(&x, p, 8);
    // High bit of each byte set exactly when that byte of v is zero (no carries between bytes).
    auto zero_bytes = [](uint64_t v) { return ~(((v & low7) + low7) | v | low7); };
    uint64_t control = ~((x & low7) + ones * 0x60) & high;  // low seven bits below 0x20
    uint64_t stops = zero_bytes(x ^ (ones * '"')) | zero_bytes(x ^ (ones * '\\')) | control | (x & high);
    return stops == 0 ? 8 : unsigned(__builtin_ctzll(stops)) / 8;
}
#endif

// Length of the well-formed UTF-8 sequence at s[0] (s[0] >= 0x80), 0 when it is not one.
inline size_t utf8_sequence_length(const unsigned char* s, size_t available) {
    unsigned char c = s[0];
    size_t length;
    unsigned char low = 0x80, high = 0xBF;  // allowed range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        length = 3;
        if (c == 0xE0) low = 0xA0;   // no overlong forms
        if (c == 0xED) high = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        length = 4;
        if (c == 0xF0) low = 0x90;
        if (c == 0xF4) high = 0x8F;  // nothing above U+10FFFF
    } else {
        return 0;
    }
    if (length > available) return 0;
    if (s[1] < low || s[1] > high) return 0;
    for (size_t k = 2; k < length; ++k)
        if ((s[k] & 0xC0) != 0x80) return 0;
    return length;
}

inline bool is_digit(char c) { return c >= '0' && c <= '9'; }
inline bool is_space(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

IT2_LEX_INLINE const char* skip_space(const char* p, const char* end) {
    while (p < end && static_cast<unsigned char>(*p) <= ' ' && is_space(*p)) ++p;
    return p;
}

// From q over string content that needs no decoding, checking UTF-8 on the way, to the next
// '"', '\\', control character or `end`; nullptr at a byte that is not UTF-8. Plain ASCII goes
// eight bytes per step; a run of non-ASCII bytes is checked where it stands, with the common
// three-byte sequences (all of CJK) tested in one go.
IT2_LEX_INLINE const char* skip_plain(const char* q, const char* const end) {
    for (;;) {
#ifdef IT2_JSON_SWAR
        while (end - q >= 8) {
            unsigned k = first_string_stop(q);
            q += k;
            if (k < 8) goto stopped;
        }
#endif
        while (q < end && !kStringStop[static_cast<unsigned char>(*q)]) ++q;
#ifdef IT2_JSON_SWAR
    stopped:
#endif
        if (q == end || static_cast<unsigned char>(*q) < 0x80) return q;
        do {
            const auto* u = reinterpret_cast<const unsigned char*>(q);
            // E1-EC and EE-EF lead bytes take any two continuation bytes (E0 and ED limit the second).
            if (end - q >= 3 && (u[0] & 0xF0) == 0xE0 && u[0] != 0xE0 && u[0] != 0xED && (u[1] & 0xC0) == 0x80 &&
                (u[2] & 0xC0) == 0x80) {
                q += 3;
                continue;
            }
            size_t length = utf8_sequence_length(u, size_t(end - q));
            if (length == 0) return nullptr;
            q += length;
        } while (q < end && static_cast<unsigned char>(*q) >= 0x80);
    }
}

template <typename Word>
IT2_LEX_INLINE Word load_word(const char* p) {
    Word w;
    std::memcpy(&w, p, sizeof w);
    return w;
}

// The same bytes, for names (a dozen bytes): two overlapping word loads compare the whole name
// with no loop and no call to memcmp (a byte loop mispredicted its exit on every name).
IT2_LEX_INLINE bool same_bytes(const char* x, const char* y, size_t n) {
    if (n >= 8 && n <= 16)
        return load_word<uint64_t>(x) == load_word<uint64_t>(y) &&
               load_word<uint64_t>(x + n - 8) == load_word<uint64_t>(y + n - 8);
    if (n >= 4 && n < 8)
        return load_word<uint32_t>(x) == load_word<uint32_t>(y) &&
               load_word<uint32_t>(x + n - 4) == load_word<uint32_t>(y + n - 4);
    if (n > 0 && n < 4) return x[0] == y[0] && x[n / 2] == y[n / 2] && x[n - 1] == y[n - 1];
    return n == 0 || std::memcmp(x, y, n) == 0;
}
IT2_LEX_INLINE bool same_name(std::string_view a, std::string_view b) {
    return a.size() == b.size() && same_bytes(a.data(), b.data(), a.size());
}

inline constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// A number at p in the short form files use, -?(0|[1-9][0-9]*)(.[0-9]+)? with at most 15 digits
// and no exponent: the position past it, and in `value` what the reader gives for it (one
// correctly rounded division: the reader's Clinger fast path). nullptr for any other text,
// which the reader then reads (or rejects) itself; the caller checks what follows the number.
IT2_LEX_INLINE const char* short_number(const char* p, const char* end, double& value) {
    const bool negative = p < end && *p == '-';
    if (negative) ++p;
    const char* const digits_start = p;
    uint64_t significand = 0;
    while (p < end && is_digit(*p)) significand = significand * 10 + uint64_t(*p++ - '0');
    const long integer_digits = p - digits_start;
    if (integer_digits == 0 || (integer_digits > 1 && *digits_start == '0')) return nullptr;
    long decimals = 0;
    if (p < end && *p == '.') {
        const char* const fraction = ++p;
        while (p < end && is_digit(*p)) significand = significand * 10 + uint64_t(*p++ - '0');
        decimals = p - fraction;
        if (decimals == 0) return nullptr;
    }
    if (integer_digits + decimals > 15 || (p < end && (*p == 'e' || *p == 'E'))) return nullptr;
    const double magnitude = significand == 0 ? 0.0 : double(significand) / kExactPowersOfTen[decimals];
    value = negative ? -magnitude : magnitude;
    return p;
}

}  // namespace it2::json_lex
