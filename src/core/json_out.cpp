#include "json_out.h"

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <utility>

#include <nlohmann/json.hpp>

#include "json_doc.h"  // first_invalid_utf8

namespace it2 {

JsonOut::JsonOut(Sink sink, int indent, size_t chunk_bytes)
    : sink_(std::move(sink)), indent_(indent), chunk_(chunk_bytes) {
    buffer_.reserve(chunk_ + 4096);
}

void JsonOut::finish() {
    if (buffer_.empty()) return;
    sink_(buffer_);
    buffer_.clear();
}

void JsonOut::array_elements(size_t count, const ParallelFor& parallel, const ElementWriter& write, size_t max_chunk) {
    if (count == 0) return;
    // About 32 chunks for a short array (so both threads get some), at most max_chunk elements each.
    const size_t chunk = std::max<size_t>(1, std::min(max_chunk, (count + 31) / 32));
    const size_t chunks = (count + chunk - 1) / chunk;
    if (!parallel || chunks == 1) {
        for (size_t i = 0; i < count; ++i) write(*this, i);
        return;
    }
    // A chunk's writer starts where this one stands: inside the same array at the same depth,
    // its first element preceded by a comma unless it is the array's very first.
    const size_t depth = levels_.size();
    const bool array_empty = levels_.back().empty;
    finish();  // what came before goes first
    constexpr size_t kWindow = 16;  // chunks claimed ahead of the one the sink waits for
    std::vector<std::string> text(chunks);
    std::vector<char> done(chunks, 0);
    std::mutex mutex;
    std::condition_variable room;
    size_t next_claim = 0, next_sink = 0;
    bool sinking = false;
    // Each range the ParallelFor runs is one more writer; a writer claims chunks in order, so the
    // chunks claimed and not done are always being written by a running writer, and a writer
    // waits (for room in the window) only then: on one thread, or with ranges run one by one,
    // the first range writes and sinks every chunk itself.
    const RangeBody writer = [&](size_t, size_t) {
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            while (next_claim < chunks && next_claim >= next_sink + kWindow) room.wait(lock);
            if (next_claim >= chunks) return;
            const size_t k = next_claim++;
            lock.unlock();
            std::string written;
            {
                JsonOut part(Sink(), indent_);
                part.chunk_ = size_t(-1);  // kept whole, handed over below
                part.levels_.assign(depth, Level{false, false});
                part.levels_.back().empty = array_empty && k == 0;
                for (size_t i = k * chunk; i < std::min(count, (k + 1) * chunk); ++i) write(part, i);
                written.swap(part.buffer_);
            }
            lock.lock();
            text[k].swap(written);
            done[k] = 1;
            if (sinking) continue;  // the thread sinking takes this one too when its turn comes
            sinking = true;
            while (next_sink < chunks && done[next_sink]) {
                std::string out;
                out.swap(text[next_sink]);
                lock.unlock();
                if (!out.empty()) sink_(out);
                lock.lock();
                ++next_sink;
                room.notify_all();
            }
            sinking = false;
        }
    };
    parallel(chunks, writer);
    levels_.back().empty = false;
}

void JsonOut::newline_indent(size_t depth) {
    buffer_ += '\n';
    buffer_.append(depth * size_t(indent_), ' ');
}

void JsonOut::before_value() {
    if (after_key_) {  // the key already wrote the separator
        after_key_ = false;
        return;
    }
    if (levels_.empty()) return;
    Level& level = levels_.back();
    if (!level.empty) buffer_ += ',';
    level.empty = false;
    if (indent_ >= 0) newline_indent(levels_.size());
}

void JsonOut::key(std::string_view name) {
    before_value();
    quoted(name);
    buffer_ += indent_ >= 0 ? ": " : ":";
    after_key_ = true;
}

void JsonOut::begin_object() {
    before_value();
    buffer_ += '{';
    levels_.push_back({true, true});
}

void JsonOut::begin_array() {
    before_value();
    buffer_ += '[';
    levels_.push_back({false, true});
}

void JsonOut::close(char bracket) {
    const bool empty = levels_.back().empty;
    levels_.pop_back();
    if (!empty && indent_ >= 0) newline_indent(levels_.size());
    buffer_ += bracket;
    maybe_flush();
}

void JsonOut::end_object() { close('}'); }
void JsonOut::end_array() { close(']'); }

void JsonOut::string(std::string_view text) {
    before_value();
    quoted(text);
    maybe_flush();
}

void JsonOut::quoted(std::string_view text) {
    bool plain = true;
    for (char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte < 0x20 || c == '"' || c == '\\') {
            plain = false;
            break;
        }
    }
    if (plain && first_invalid_utf8(text) == std::string_view::npos) {
        buffer_ += '"';
        buffer_.append(text.data(), text.size());
        buffer_ += '"';
    } else {
        // Escapes and broken UTF-8 are rare: let nlohmann write those few strings, so the
        // text stays exactly what dump() prints.
        buffer_ += nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
}

void JsonOut::number(double value) {
    before_value();
    if (!std::isfinite(value)) {
        buffer_ += "null";
        return;
    }
    char text[64];
    char* end = nlohmann::detail::to_chars(text, text + sizeof text, value);  // what dump() uses
    buffer_.append(text, size_t(end - text));
}

void JsonOut::number(int64_t value) {
    before_value();
    buffer_ += std::to_string(value);
}

void JsonOut::null() {
    before_value();
    buffer_ += "null";
}

void JsonOut::boolean(bool value) {
    before_value();
    buffer_ += value ? "true" : "false";
    maybe_flush();
}

}  // namespace it2
