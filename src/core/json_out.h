// A streaming JSON writer: the text nlohmann::json's dump() would print for the same values
// (pretty with an indent, or compact), written piece by piece into a buffer that is handed to
// a sink in large chunks, with no document tree in memory. The summary (format.md §4) is
// written this way: building it as an ordered_json tree first cost about half of
// `it2 summarize --json`'s time and most of its peak memory.
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "parallel_for.h"

namespace it2 {

// Length of the well-formed UTF-8 sequence at s[0] >= 0x80 (Unicode's table 3-7: no overlong
// forms, no surrogates, nothing above U+10FFFF), 0 when it is not one.
inline size_t well_formed_utf8_length(const unsigned char* s, size_t available) {
    const unsigned char c = s[0];
    size_t length = 0;
    unsigned char low = 0x80, high = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) length = 2;
    else if (c >= 0xE0 && c <= 0xEF) length = 3, low = c == 0xE0 ? 0xA0 : 0x80, high = c == 0xED ? 0x9F : 0xBF;
    else if (c >= 0xF0 && c <= 0xF4) length = 4, low = c == 0xF0 ? 0x90 : 0x80, high = c == 0xF4 ? 0x8F : 0xBF;
    if (length == 0 || length > available || s[1] < low || s[1] > high) return 0;
    for (size_t k = 2; k < length; ++k)
        if ((s[k] & 0xC0) != 0x80) return 0;
    return length;
}

// True when dump() prints `text` between quotes as it is: no byte it escapes (below 0x20, '"',
// '\\') and well-formed UTF-8 (Unicode's table 3-7, as the loader checks it). One pass; the
// UTF-8 rules only for the bytes >= 0x80.
bool json_plain_string(std::string_view text);

// The characters nlohmann's to_chars() (what dump() uses) writes for a finite double ("26.0",
// "28.5", "0.1", "0.15789473684210525", "1e+15"), at `at` (room for 64 bytes); returns the end.
// Whole numbers and tenths (the hours) are written from their integer, without the
// shortest-digits search: tests/core/test_json_out.cpp checks that on millions of values.
char* json_number_chars(char* at, double value);

class JsonOut {
public:
    using Sink = std::function<void(std::string_view)>;

    // indent < 0: compact (dump(-1)); else pretty with that many spaces a level (dump(indent)).
    // The sink gets the text in chunks of about `chunk_bytes`, and the rest at finish().
    JsonOut(Sink sink, int indent, size_t chunk_bytes = 64 * 1024);
    ~JsonOut() { finish(); }
    JsonOut(const JsonOut&) = delete;
    JsonOut& operator=(const JsonOut&) = delete;

    void begin_object();
    void end_object();
    void begin_array();
    void end_array();
    void key(std::string_view name);  // inside an object, before each value

    // A key written in the program ("teachers"): whether dump() prints it as it is (plain ASCII:
    // no byte below 0x20 or above 0x7E, no '"' or '\\') is decided where it is made, by the
    // compiler for a literal, not each time it is written.
    struct Key {
        template <size_t N>
        constexpr Key(const char (&name)[N]) : text(name, literal_length(name, N)), plain(plain_ascii(text)) {}
        std::string_view text;
        bool plain;

    private:
        static constexpr size_t literal_length(const char* name, size_t n) {
            size_t length = 0;
            while (length + 1 < n && name[length] != '\0') ++length;
            return length;
        }
        static constexpr bool plain_ascii(std::string_view s) {
            for (char c : s)
                if (c < 0x20 || c > 0x7E || c == '"' || c == '\\') return false;
            return true;
        }
    };
    template <size_t N>
    void key(const char (&name)[N]) {
        key(Key(name));
    }
    void key(const Key& name);

    void string(std::string_view utf8);  // invalid UTF-8 becomes U+FFFD, as dump(…, replace) does
    void number(double value);           // shortest round-trip form ("0.97", "20.0"); NaN/inf: null
    void number(int64_t value);
    void number(int value) { number(int64_t(value)); }
    void number(size_t value) { number(int64_t(value)); }
    void null();
    void boolean(bool value);

    void finish();  // hands what is buffered to the sink

    // The `count` elements of the array being written (after begin_array(), before end_array()),
    // element i written by write(out, i). With a ParallelFor (parallel_for.h) they are written on
    // its threads in chunks of consecutive elements (at most `max_chunk`), each into a buffer of
    // its own; whichever thread completes the chunk the sink waits for hands it, and every chunk
    // done after it, to the sink in order, while the others go on writing (a few chunks ahead at
    // most: the memory in flight stays bounded). Without one, here one after another. Either way
    // the text is the same bytes. The sink may then be called from any of those threads, one
    // call at a time.
    using ElementWriter = std::function<void(JsonOut& out, size_t i)>;
    static constexpr size_t kElementChunk = 1024;
    void array_elements(size_t count, const ParallelFor& parallel, const ElementWriter& write,
                        size_t max_chunk = kElementChunk);

private:
    struct Level {
        bool object;
        bool empty;
    };
    // The text written and not yet handed over: bytes stored straight at the end, with one
    // room check per piece (std::string's append checked, and resize zero-filled, every time).
    struct Buffer {
        char* data = nullptr;
        size_t size = 0;
        size_t capacity = 0;
        Buffer() = default;
        Buffer(Buffer&& other) noexcept { *this = std::move(other); }
        Buffer& operator=(Buffer&& other) noexcept {
            std::swap(data, other.data);
            std::swap(size, other.size);
            std::swap(capacity, other.capacity);
            return *this;
        }
        ~Buffer() { ::operator delete(data); }
        std::string_view view() const { return {data, size}; }
        void grow(size_t bytes);  // room for `bytes` more
    };
    Sink sink_;
    int indent_;
    size_t chunk_;
    Buffer buffer_;
    std::vector<Level> levels_;
    bool after_key_ = false;

    // At least `bytes` free at the end of the buffer; the caller then adds what it wrote to size.
    char* room(size_t bytes) {
        if (buffer_.capacity - buffer_.size < bytes) buffer_.grow(bytes);
        return buffer_.data + buffer_.size;
    }
    void put(std::string_view text) {
        std::memcpy(room(text.size()), text.data(), text.size());
        buffer_.size += text.size();
    }
    // The separator, newline and indent a new element needs (none for a key's value).
    void before_value() {
        if (after_key_) after_key_ = false;
        else if (!levels_.empty()) separate();
    }
    void separate();
    // Room put_separator() may need: the comma, the newline and the indent (with the slack of
    // its fixed-size copy of spaces).
    size_t separator_room() const { return indent_ < 0 ? 1 : levels_.size() * size_t(indent_) + 2 + kIndentCopy; }
    char* put_separator(char* at);  // writes them at `at`, returns their end
    static constexpr size_t kIndentCopy = 32;
    void close(char bracket);
    void quoted(std::string_view text);  // the string literal, escaped
    void maybe_flush() {
        if (buffer_.size >= chunk_) finish();
    }
};

// The sink that appends every chunk to `out`.
inline JsonOut::Sink append_to(std::string& out) {
    return [&out](std::string_view piece) { out.append(piece.data(), piece.size()); };
}

}  // namespace it2
