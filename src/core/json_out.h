// A streaming JSON writer: the text nlohmann::json's dump() would print for the same values
// (pretty with an indent, or compact), written piece by piece into a buffer that is handed to
// a sink in large chunks, with no document tree in memory. The summary (format.md §4) is
// written this way: building it as an ordered_json tree first cost about half of
// `it2 summarize --json`'s time and most of its peak memory.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "parallel_for.h"

namespace it2 {

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
    Sink sink_;
    int indent_;
    size_t chunk_;
    std::string buffer_;
    std::vector<Level> levels_;
    bool after_key_ = false;

    void before_value();  // the separator, newline and indent a new element needs
    void close(char bracket);
    void quoted(std::string_view text);  // the string literal, escaped
    void newline_indent(size_t depth);
    void maybe_flush() {
        if (buffer_.size() >= chunk_) finish();
    }
};

// The sink that appends every chunk to `out`.
inline JsonOut::Sink append_to(std::string& out) {
    return [&out](std::string_view piece) { out.append(piece.data(), piece.size()); };
}

}  // namespace it2
