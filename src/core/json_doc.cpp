// The positioned JSON reader (json_doc.h): one pass over the text into a flat node array,
// with exact line and column for every problem; UTF-8 checked as it goes.
//
// Index of this file's sections (grep for [SECTION]):
// - character classes and UTF-8 sequences
// - numbers
// - the reader
// - lookups in a parsed document
// - UTF-8 check, parse entry point, line index

#include "json_doc.h"
#include "json_lex.h"
#include "utf8.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace it2 {

namespace {

using json_lex::is_digit;
using json_lex::is_space;
using json_lex::kExactPowersOfTen;
using json_lex::skip_space;
using json_lex::utf8_sequence_length;

// ==== [SECTION] character classes and UTF-8 sequences ============================================

// Each one is a value kept as out_of_range; a file with more is not a real batch file.
constexpr size_t kMaxOutOfRangeNumbers = 32;

int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// The character at `at` as a message shows it: 'x', '甲' or U+000A (a message kept only for UTF-8 text).
std::string shown_char(const char* at, const char* end) {
    auto c = static_cast<unsigned char>(*at);
    if (c < 0x20 || c == 0x7F) {
        char buffer[12];
        std::snprintf(buffer, sizeof buffer, "U+%04X", unsigned(c));
        return buffer;
    }
    size_t length = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    return "'" + std::string(at, std::min<size_t>(length, size_t(end - at))) + "'";
}

// ==== [SECTION] numbers ==========================================================================

// Decimal text -> the nearest double, independent of the C locale. `inf` when out of range.
// The token's value is significand * 10^exponent (exactly when `exact_digits`; else its first
// 19 digits); `digits` is how many digits the significand has.
// (`digits` is unused without a floating-point from_chars, as in Emscripten's libc++.)
double decimal_to_double(const char* first, const char* last, uint64_t significand, int64_t exponent,
                         [[maybe_unused]] int digits, bool exact_digits, bool negative) {
    if (exact_digits) {
        // Clinger's fast path: an exact integer times an exact power of ten is one correctly
        // rounded operation (doubles hold integers up to 2^53 and powers of ten up to 1e22).
        if (significand == 0) return negative ? -0.0 : 0.0;
        double value = 0;
        bool fast = false;
        if (exponent == 0) {
            value = double(significand);  // the conversion itself rounds correctly
            fast = true;
        } else if (significand <= (uint64_t(1) << 53) && exponent >= -22 && exponent <= 22) {
            value = exponent < 0 ? double(significand) / kExactPowersOfTen[-exponent]
                                 : double(significand) * kExactPowersOfTen[exponent];
            fast = true;
        }
        if (fast) return negative ? -value : value;
    }
#if defined(__cpp_lib_to_chars) && __cpp_lib_to_chars >= 201611L
    double value = 0;
    std::from_chars_result parsed = std::from_chars(first, last, value);
    if (parsed.ec == std::errc()) return value;
    if (parsed.ec == std::errc::result_out_of_range) {
        // Too large (inf, as strtod gives) or too small (0): the value is about 10^(digits + exponent).
        bool too_small = digits + exponent < 0;
        if (too_small) return negative ? -0.0 : 0.0;
        return negative ? -HUGE_VAL : HUGE_VAL;
    }
#endif
    // No floating-point from_chars (Emscripten's libc++): strtod, in the "C" locale the
    // program never leaves, keeps its correct rounding; it gives inf for 1e400 and 0 for 1e-400.
    std::string token(first, last);
    return std::strtod(token.c_str(), nullptr);
}

// ==== [SECTION] the reader =======================================================================

#if defined(__GNUC__)
#define IT2_COLD __attribute__((cold, noinline))
#define IT2_INLINE inline __attribute__((always_inline))
#else
#define IT2_COLD
#define IT2_INLINE inline
#endif

// Reads JSON text in one pass into doc.nodes: values are nodes in pre-order, containers know
// where their subtree ends, elements of the streamed array go to the caller one by one.
// The position is a local of the token loop (read()) and is passed to the steps and returned
// by them: as a member it was stored and reloaded around every node written (~40 ns a token in
// wasm). A step that fails records why and returns nullptr (or false).
class Reader {
public:
    Reader(JsonDoc& doc, const JsonStream* stream, size_t max_depth)
        : doc_(doc), stream_(stream), fast_(stream != nullptr && stream->fast_element), max_depth_(max_depth),
          begin_(doc.text.data()), end_(doc.text.data() + doc.text.size()) {}

    bool read();

    JsonError error = JsonError::none;
    uint32_t error_offset = 0;
    std::string detail;

private:
    uint32_t offset_of(const char* at) const { return uint32_t(at - begin_); }

    // One step of the shared lexer (json_lex.h): string content up to the next stop.
    IT2_INLINE const char* skip_plain(const char* q) const { return json_lex::skip_plain(q, end_); }

    IT2_COLD std::nullptr_t not_utf8(const char* at) {
        // parse_json names the first bad byte of the whole text; this only stops the reading.
        error = JsonError::not_utf8;
        error_offset = offset_of(at);
        return nullptr;
    }
    IT2_COLD std::nullptr_t fail(const char* at, std::string why) {
        if (at >= end_) return truncated();
        error = JsonError::syntax;
        error_offset = offset_of(at);
        detail = std::move(why);
        return nullptr;
    }
    IT2_COLD std::nullptr_t truncated() {
        error = JsonError::truncated;
        error_offset = offset_of(end_);
        detail = "the text ends in the middle of a value";
        return nullptr;
    }
    IT2_COLD std::nullptr_t fail_value_start(const char* at) {
        return fail(at, "unexpected character " + shown_char(at, end_) + " where a value should start");
    }
    IT2_COLD std::nullptr_t fail_after_value(const char* at, bool in_object) {
        if (in_object) return fail(at, "expected ',' or '}' after an object member, found " + shown_char(at, end_));
        return fail(at, "expected ',' or ']' after an array element, found " + shown_char(at, end_));
    }
    IT2_COLD std::nullptr_t fail_member_name(const char* at) {
        if (at == end_) return truncated();
        return fail(at, *at == '}' ? "a ',' before '}' (trailing commas are not JSON)"
                                   : "expected a member name in double quotes, found " + shown_char(at, end_));
    }

    // "name" : at `at` — the name waits in pending_key_ for the value that follows. Returns the
    // position past the ':'.
    IT2_INLINE const char* read_member_name(const char* at) {
        if (at == end_ || *at != '"') return fail_member_name(at);
        bool in_arena = false;
        at = read_string(at, pending_key_, pending_key_size_, in_arena);
        if (at == nullptr) return nullptr;
        pending_key_in_arena_ = in_arena;
        has_key_ = true;
        at = skip_space(at, end_);
        if (at == end_) return truncated();
        if (*at != ':') return fail(at, "expected ':' after a member name, found " + shown_char(at, end_));
        return at + 1;
    }

    // A string at `at` (its opening quote): a view into the text, or decoded into the arena when
    // it has escapes. Returns the position past the closing quote.
    IT2_INLINE const char* read_string(const char* at, uint32_t& text, uint32_t& size, bool& in_arena) {
        const char* first = at + 1;
        const char* q = skip_plain(first);
        if (q != nullptr && q != end_ && *q == '"') {
            text = offset_of(first);
            size = uint32_t(q - first);
            in_arena = false;
            return q + 1;
        }
        return read_decoded_string(first, q, text, size, in_arena);
    }

    // The rest of a string from `q` (where the plain part starting at `first` stopped): escapes,
    // control characters, bad UTF-8 or the end of the text.
    const char* read_decoded_string(const char* first, const char* q, uint32_t& text, uint32_t& size,
                                    bool& in_arena) {
        if (q == nullptr) return not_utf8(first);
        if (q == end_) return truncated();
        std::string& arena = doc_.arena;
        size_t arena_start = arena.size();
        arena.append(first, q);
        for (;;) {
            if (q == end_) return truncated();
            char c = *q;
            if (c == '"') break;
            if (c == '\\') {
                q = read_escape(q, arena);
                if (q == nullptr) return nullptr;
                continue;
            }
            if (static_cast<unsigned char>(c) < 0x20)
                return fail(q, "control character " + shown_char(q, end_) + " inside a string (write it as an escape)");
            const char* run = q;
            q = skip_plain(q);
            if (q == nullptr) return not_utf8(run);
            arena.append(run, q);
        }
        text = uint32_t(arena_start);
        size = uint32_t(arena.size() - arena_start);
        in_arena = true;
        return q + 1;
    }

    // Four hex digits after "\u" at `at`; -1 (and the failure recorded) when not.
    long read_hex4(const char* escape) {
        const char* digits = escape + 2;
        long value = 0;
        for (int i = 0; i < 4; ++i) {
            if (digits + i >= end_) return truncated(), -1;
            int v = hex_value(digits[i]);
            if (v < 0) {
                fail(digits + i, "\\u must be followed by four hexadecimal digits");
                return -1;
            }
            value = value * 16 + v;
        }
        return value;
    }

    // An escape at q (its backslash): appends the decoded bytes, returns the position past it.
    const char* read_escape(const char* q, std::string& out) {
        const char* escape = q;
        if (q + 1 >= end_) return truncated();
        char c = q[1];
        char simple = 0;
        switch (c) {
            case '"': simple = '"'; break;
            case '\\': simple = '\\'; break;
            case '/': simple = '/'; break;
            case 'b': simple = '\b'; break;
            case 'f': simple = '\f'; break;
            case 'n': simple = '\n'; break;
            case 'r': simple = '\r'; break;
            case 't': simple = '\t'; break;
            case 'u': break;
            default: return fail(q + 1, "invalid escape \\" + shown_char(q + 1, end_) + " in a string");
        }
        if (c != 'u') {
            out += simple;
            return q + 2;
        }
        long code = read_hex4(escape);
        if (code < 0) return nullptr;
        q += 6;
        if (code >= 0xDC00 && code <= 0xDFFF)
            return fail(escape, "a low surrogate \\u" + std::string(escape + 2, 4) + " without a high surrogate before it");
        if (code >= 0xD800 && code <= 0xDBFF) {
            if (q + 1 < end_ && q[0] == '\\' && q[1] == 'u') {
                long low = read_hex4(q);
                if (low < 0) return nullptr;
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    append_utf8(out, uint32_t(0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)));
                    return q + 6;
                }
            } else if (q == end_ || (q + 1 == end_ && q[0] == '\\')) {
                return truncated();
            }
            return fail(escape, "a high surrogate \\u" + std::string(escape + 2, 4) +
                                    " must be followed by a low surrogate \\uDC00-\\uDFFF");
        }
        append_utf8(out, uint32_t(code));
        return q;
    }

    const char* read_literal(const char* at, const char* word, JsonKind kind, double value) {
        const char* start = at;
        for (const char* w = word; *w != 0; ++w, ++at) {
            if (at == end_) return truncated();
            if (*at != *w) return fail(at, "invalid literal (expected " + std::string(word) + ")");
        }
        uint32_t n = push(kind, start);
        doc_.nodes[n].number = value;
        complete(n);
        return at;
    }

    // RFC 8259: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
    const char* read_number(const char* start) {
        const char* q = start;
        bool negative = *q == '-';
        if (negative) ++q;
        if (q == end_) return truncated();
        uint64_t significand = 0;
        int kept_digits = 0;
        int64_t exponent = 0;
        bool exact_digits = true;  // false once a nonzero digit did not fit in the significand
        auto take_digit = [&](char digit, bool fraction) {
            if (significand == 0 && digit == '0') {
                if (fraction) --exponent;
                return;
            }
            if (kept_digits < 19) {
                significand = significand * 10 + uint64_t(digit - '0');
                ++kept_digits;
                if (fraction) --exponent;
            } else {
                if (!fraction) ++exponent;
                if (digit != '0') exact_digits = false;
            }
        };
        if (*q == '0') {
            ++q;
        } else if (*q >= '1' && *q <= '9') {
            while (q < end_ && is_digit(*q)) take_digit(*q++, false);
        } else {
            return fail(q, "expected a digit after '-', found " + shown_char(q, end_));
        }
        if (q < end_ && *q == '.') {
            ++q;
            if (q == end_) return truncated();
            if (!is_digit(*q)) return fail(q, "expected a digit after the decimal point, found " + shown_char(q, end_));
            while (q < end_ && is_digit(*q)) take_digit(*q++, true);
        }
        if (q < end_ && (*q == 'e' || *q == 'E')) {
            ++q;
            bool exponent_negative = false;
            if (q < end_ && (*q == '+' || *q == '-')) exponent_negative = *q++ == '-';
            if (q == end_) return truncated();
            if (!is_digit(*q)) return fail(q, "expected a digit in the exponent, found " + shown_char(q, end_));
            int written = 0;
            while (q < end_ && is_digit(*q)) {
                if (written < 100000) written = written * 10 + (*q - '0');
                ++q;
            }
            exponent += exponent_negative ? -written : written;
        }
        double value = decimal_to_double(start, q, significand, exponent, kept_digits, exact_digits, negative);
        JsonKind kind = JsonKind::number;
        if (std::isinf(value)) {
            if (++out_of_range_count_ > kMaxOutOfRangeNumbers) {
                error = JsonError::too_many_out_of_range;
                error_offset = offset_of(start);
                detail.assign(start, q);
                return nullptr;
            }
            kind = JsonKind::out_of_range;
            value = 0;
        }
        uint32_t n = push(kind, start);
        doc_.nodes[n].number = value;
        complete(n);
        return q;
    }

    IT2_INLINE uint32_t push(JsonKind kind, const char* start) {
        std::vector<JsonNode>& nodes = doc_.nodes;
        uint32_t n = uint32_t(nodes.size());
        if (in_stream_array()) element_arena_mark_ = doc_.arena.size();
        JsonNode& node = nodes.emplace_back();
        node.kind = kind;
        node.where = offset_of(start);
        node.end = n + 1;
        if (has_key_) {
            node.key = pending_key_;
            node.key_size = pending_key_size_;
            if (pending_key_in_arena_) node.in_arena = JsonNode::kKeyInArena;
            has_key_ = false;
        }
        return n;
    }

    // A '{' or '[' at `at`; false (too deep) when it cannot be opened.
    bool open(JsonKind kind, const char* at) {
        if (open_.size() >= max_depth_) {
            error = JsonError::too_deep;
            error_offset = offset_of(at);
            return false;
        }
        bool starts_stream = kind == JsonKind::array && stream_ != nullptr && open_.size() == 1 &&
                             doc_.nodes[open_[0]].kind == JsonKind::object && has_key_ &&
                             pending_key() == stream_->key;
        uint32_t n = push(kind, at);
        if (starts_stream) {
            // A repeated root key: the last one counts, so the earlier elements are forgotten.
            if (streamed_ && stream_->restart) stream_->restart();
            stream_array_ = n;
            streamed_ = true;
            element_count_ = 0;
        }
        open_.push_back(n);
        innermost_ = n;
        return true;
    }

    // Closes the innermost container; returns whether the new innermost one is an object.
    bool close() {
        uint32_t n = innermost_;
        open_.pop_back();
        innermost_ = open_.empty() ? JsonDoc::npos : open_.back();
        doc_.nodes[n].end = uint32_t(doc_.nodes.size());
        if (n == stream_array_) stream_array_ = JsonDoc::npos;
        complete(n);
        return innermost_ != JsonDoc::npos && doc_.nodes[innermost_].kind == JsonKind::object;
    }

    std::string_view pending_key() const {
        const char* base = pending_key_in_arena_ ? doc_.arena.data() : begin_;
        return {base + pending_key_, pending_key_size_};
    }

    bool in_stream_array() const { return stream_array_ != JsonDoc::npos && innermost_ == stream_array_; }

    // A value is finished: hand stream elements to the caller and forget them.
    IT2_INLINE void complete(uint32_t n) {
        if (in_stream_array()) complete_element(n);
    }
    void complete_element(uint32_t n) {
        if (stream_->element) stream_->element(doc_, n, element_count_);
        ++element_count_;
        doc_.nodes.resize(n);
        doc_.arena.resize(element_arena_mark_);
    }

    JsonDoc& doc_;
    const JsonStream* stream_;
    bool fast_;  // stream_->fast_element is set
    size_t max_depth_;
    const char* begin_;
    const char* end_;
    std::vector<uint32_t> open_;  // open containers, innermost last
    uint32_t innermost_ = JsonDoc::npos;  // open_.back(), npos when none is open
    uint32_t pending_key_ = 0, pending_key_size_ = 0;
    bool pending_key_in_arena_ = false;
    bool has_key_ = false;
    uint32_t stream_array_ = JsonDoc::npos;
    bool streamed_ = false;
    size_t element_count_ = 0;
    size_t element_arena_mark_ = 0;
    size_t out_of_range_count_ = 0;
};

// The token loop: a value, then whatever ends it (commas, closing brackets, the next member's
// name), until the root value is complete.
bool Reader::read() {
    const char* p = begin_;
    const char* const end = end_;
    bool in_object = false;  // the innermost open container is an object
    for (;;) {
        // A value starts at p (after optional whitespace).
        p = skip_space(p, end);
        if (p == end) return truncated(), false;
        const char c = *p;
        const char* past = nullptr;
        if (c == '{' && fast_ && in_stream_array() && open_.size() + JsonStream::kMaxFastDepth <= max_depth_ &&
            (past = stream_->fast_element(doc_, p, element_count_)) != nullptr) {
            ++element_count_;  // taken whole: no node, nothing to complete
            p = past;
        } else if (c == '"') {
            uint32_t text = 0, size = 0;
            bool in_arena = false;
            const char* start = p;
            p = read_string(p, text, size, in_arena);
            if (p == nullptr) return false;
            uint32_t n = push(JsonKind::string, start);
            JsonNode& node = doc_.nodes[n];
            node.text = {text, size};
            if (in_arena) node.in_arena |= JsonNode::kTextInArena;
            complete(n);
        } else if (c == '{' || c == '[') {
            const bool object = c == '{';
            if (!open(object ? JsonKind::object : JsonKind::array, p)) return false;
            p = skip_space(p + 1, end);
            if (p < end && *p == (object ? '}' : ']')) {
                ++p;
                in_object = close();
            } else {
                in_object = object;
                if (object && (p = read_member_name(p)) == nullptr) return false;
                continue;  // the first member's or element's value
            }
        } else if (c == '-' || is_digit(c)) {
            if ((p = read_number(p)) == nullptr) return false;
        } else if (c == 't') {
            if ((p = read_literal(p, "true", JsonKind::boolean, 1)) == nullptr) return false;
        } else if (c == 'f') {
            if ((p = read_literal(p, "false", JsonKind::boolean, 0)) == nullptr) return false;
        } else if (c == 'n') {
            if ((p = read_literal(p, "null", JsonKind::null, 0)) == nullptr) return false;
        } else {
            return fail_value_start(p), false;
        }
        // A value just ended: close the containers it ends, step over a ',' (and the next name).
        for (;;) {
            p = skip_space(p, end);
            if (innermost_ == JsonDoc::npos) {
                if (p != end) return fail(p, "unexpected " + shown_char(p, end) + " after the end of the JSON value"), false;
                return true;
            }
            if (p == end) return truncated(), false;
            const char d = *p;
            if (d == ',') {
                p = skip_space(p + 1, end);
                if (in_object && (p = read_member_name(p)) == nullptr) return false;
                break;
            }
            if (d != (in_object ? '}' : ']')) return fail_after_value(p, in_object), false;
            ++p;
            in_object = close();
        }
    }
}

bool only_whitespace(std::string_view text) {
    for (char c : text)
        if (!is_space(c)) return false;
    return true;
}

}  // namespace

namespace {

// ==== [SECTION] lookups in a parsed document =====================================================

using json_lex::same_name;

}  // namespace

uint32_t JsonDoc::find(uint32_t object, std::string_view name) const {
    if (!is(object, JsonKind::object)) return npos;
    uint32_t found = npos;  // the last one, as JSON.parse and nlohmann's DOM keep the last duplicate
    for (uint32_t c = first_child(object); c != npos; c = next_sibling(object, c))
        if (same_name(key(c), name)) found = c;
    return found;
}

void JsonDoc::find_members(uint32_t object, std::initializer_list<std::string_view> keys, uint32_t* out) const {
    const size_t count = keys.size();
    const std::string_view* wanted = keys.begin();
    std::fill(out, out + count, npos);
    if (!is(object, JsonKind::object)) return;
    // Files list the members in the order the caller asks for them: the key after the last one
    // found is tried first, so a record costs one comparison per member, not one per key.
    size_t next = 0;
    for (uint32_t c = first_child(object); c != npos; c = next_sibling(object, c)) {
        std::string_view name = key(c);
        if (next < count && same_name(wanted[next], name)) {
            out[next++] = c;
            continue;
        }
        for (size_t i = 0; i < count; ++i) {
            if (same_name(wanted[i], name)) {
                out[i] = c;  // a later duplicate overwrites: the last one counts, as in find()
                next = i + 1;
                break;  // the keys are distinct: no other can match
            }
        }
    }
}

// ==== [SECTION] UTF-8 check, parse entry point, line index =======================================

size_t first_invalid_utf8(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    size_t n = text.size(), i = 0;
    while (i < n) {
        // ASCII fast path, eight bytes at a time.
        while (i + 8 <= n) {
            uint64_t block;
            std::memcpy(&block, s + i, 8);
            if (block & 0x8080808080808080ull) break;
            i += 8;
        }
        if (i >= n) break;
        if (s[i] < 0x80) {
            ++i;
            continue;
        }
        // The common three-byte sequences (all of CJK) in one test, as json_lex::skip_plain does:
        // E1-EC and EE-EF lead bytes take any two continuation bytes (E0 and ED limit the second).
        if (n - i >= 3 && (s[i] & 0xF0) == 0xE0 && s[i] != 0xE0 && s[i] != 0xED && (s[i + 1] & 0xC0) == 0x80 &&
            (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
            continue;
        }
        size_t length = utf8_sequence_length(s + i, n - i);
        if (length == 0) return i;
        i += length;
    }
    return std::string_view::npos;
}

JsonParse parse_json(std::string_view bytes, const JsonStream* stream, size_t max_depth) {
    JsonParse result;
    if (bytes.size() >= UINT32_MAX - 8) {
        result.error = JsonError::too_large;
        return result;
    }
    std::string_view text = bytes;
    if (text.size() >= 3 && text.substr(0, 3) == "\xEF\xBB\xBF") {
        text.remove_prefix(3);
        result.had_bom = true;
    }
    result.doc.text = text;
    if (only_whitespace(text)) {
        result.error = JsonError::truncated;
        result.error_offset = uint32_t(text.size());
        result.detail = "the file is empty";
        return result;
    }

    Reader reader(result.doc, stream, max_depth);
    if (!reader.read()) {
        result.error = reader.error;
        result.error_offset = reader.error_offset;
        result.detail = std::move(reader.detail);
        result.doc.nodes.clear();
        result.doc.arena.clear();
        // The reader checks UTF-8 only inside strings (anything else non-ASCII is a syntax
        // error): when the text is not UTF-8 at all, that is the error, at its first bad byte.
        size_t bad = first_invalid_utf8(text);
        if (bad != std::string_view::npos) {
            result.error = JsonError::not_utf8;
            result.error_offset = uint32_t(bad);
            result.detail.clear();
        }
    }
    return result;
}

LineIndex::LineIndex(std::string_view text) : text_(text) {
    line_starts_.push_back(0);
    const char* base = text.data();
    const char* at = base;
    const char* end = base + text.size();
    while (at < end) {
        const void* newline = std::memchr(at, '\n', size_t(end - at));
        if (newline == nullptr) break;
        at = static_cast<const char*>(newline) + 1;
        line_starts_.push_back(uint32_t(at - base));
    }
}

TextPosition LineIndex::at(size_t offset) const {
    offset = std::min(offset, text_.size());
    auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), uint32_t(offset));
    size_t line = size_t(it - line_starts_.begin());  // 1-based, since line_starts_[0] == 0
    size_t start = line_starts_[line - 1];
    int column = 1;
    if (line == cached_line_ && offset >= cached_offset_) {
        start = cached_offset_;
        column = cached_column_;
    }
    for (size_t i = start; i < offset; ++i)
        if ((static_cast<unsigned char>(text_[i]) & 0xC0) != 0x80) ++column;
    cached_offset_ = offset;
    cached_line_ = line;
    cached_column_ = column;
    return {int(line), column};
}

}  // namespace it2
