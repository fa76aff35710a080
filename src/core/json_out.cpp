#include "json_out.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <mutex>
#include <new>
#include <utility>

#include <nlohmann/json.hpp>

namespace it2 {

JsonOut::JsonOut(Sink sink, int indent, size_t chunk_bytes)
    : sink_(std::move(sink)), indent_(indent), chunk_(chunk_bytes) {
    buffer_.grow(chunk_ + 4096);
}

void JsonOut::Buffer::grow(size_t bytes) {
    // No zero-fill of the new room (std::string::resize's); out of memory as std::string is.
    const size_t wanted = std::max(capacity * 2, size + bytes + 4096);
    char* grown = static_cast<char*>(::operator new(wanted));
    if (size != 0) std::memcpy(grown, data, size);
    ::operator delete(data);
    data = grown;
    capacity = wanted;
}

void JsonOut::finish() {
    if (buffer_.size == 0) return;
    sink_(buffer_.view());
    buffer_.size = 0;
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
    std::vector<Buffer> text(chunks);
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
            Buffer written;
            {
                JsonOut part(Sink(), indent_);
                part.chunk_ = size_t(-1);  // kept whole, handed over below
                part.levels_.assign(depth, Level{false, false});
                part.levels_.back().empty = array_empty && k == 0;
                for (size_t i = k * chunk; i < std::min(count, (k + 1) * chunk); ++i) write(part, i);
                written = std::move(part.buffer_);
            }
            lock.lock();
            text[k] = std::move(written);
            done[k] = 1;
            if (sinking) continue;  // the thread sinking takes this one too when its turn comes
            sinking = true;
            while (next_sink < chunks && done[next_sink]) {
                Buffer out = std::move(text[next_sink]);
                lock.unlock();
                if (out.size != 0) sink_(out.view());
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

namespace {

// An indent of up to 32 spaces as one fixed-size copy (memset of a few bytes is a call).
constexpr std::string_view kSpaces = "                                ";
static_assert(kSpaces.size() == 32, "JsonOut::kIndentCopy");

// `count` spaces at `at` (with room for kSpaces.size() more); returns their end.
char* put_spaces(char* at, size_t count) {
    if (count <= kSpaces.size()) std::memcpy(at, kSpaces.data(), kSpaces.size());
    else std::memset(at, ' ', count);
    return at + count;
}

}  // namespace

char* JsonOut::put_separator(char* at) {
    Level& level = levels_.back();
    if (!level.empty) *at++ = ',';
    level.empty = false;
    if (indent_ < 0) return at;
    *at++ = '\n';
    return put_spaces(at, levels_.size() * size_t(indent_));
}

void JsonOut::separate() {
    char* at = room(separator_room());
    buffer_.size = size_t(put_separator(at) - buffer_.data);
}

void JsonOut::key(std::string_view name) {
    before_value();
    quoted(name);
    put(indent_ >= 0 ? std::string_view(": ") : std::string_view(":"));
    after_key_ = true;
}

void JsonOut::key(const Key& name) {
    if (!name.plain) return key(name.text);
    // The separator and the key in one piece (a key follows a key only in misuse: as key()).
    char* at = room(separator_room() + name.text.size() + 4);
    if (after_key_) after_key_ = false;
    else if (!levels_.empty()) at = put_separator(at);
    at[0] = '"';
    std::memcpy(at + 1, name.text.data(), name.text.size());
    at += name.text.size() + 1;
    *at++ = '"';
    *at++ = ':';
    if (indent_ >= 0) *at++ = ' ';
    buffer_.size = size_t(at - buffer_.data);
    after_key_ = true;
}

void JsonOut::begin_object() {
    before_value();
    put("{");
    levels_.push_back({true, true});
}

void JsonOut::begin_array() {
    before_value();
    put("[");
    levels_.push_back({false, true});
}

void JsonOut::close(char bracket) {
    const bool empty = levels_.back().empty;
    levels_.pop_back();
    const size_t spaces = !empty && indent_ >= 0 ? levels_.size() * size_t(indent_) : 0;
    char* at = room(spaces + 2 + kSpaces.size());
    if (!empty && indent_ >= 0) {
        *at++ = '\n';
        at = put_spaces(at, spaces);
    }
    *at++ = bracket;
    buffer_.size = size_t(at - buffer_.data);
    maybe_flush();
}

void JsonOut::end_object() { close('}'); }
void JsonOut::end_array() { close(']'); }

void JsonOut::string(std::string_view text) {
    before_value();
    quoted(text);
    maybe_flush();
}

bool json_plain_string(std::string_view text) {
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    const size_t n = text.size();
    constexpr uint64_t kOnes = 0x0101010101010101ull, kHighs = 0x8080808080808080ull;
    size_t i = 0;
    while (i < n) {
        // Eight bytes at a time while none is below 0x20, '"', '\\' or >= 0x80 (the high bit
        // of a byte of `flags` is set for each such byte, and possibly a few after it).
        size_t stop = n;  // bytes up to here are looked at one by one
        while (i + 8 <= n) {
            uint64_t x;
            std::memcpy(&x, s + i, 8);
            const uint64_t quote = x ^ (kOnes * '"'), backslash = x ^ (kOnes * '\\');
            const uint64_t flags = (((x - kOnes * 0x20) & ~x) | ((quote - kOnes) & ~quote) |
                                    ((backslash - kOnes) & ~backslash) | x) & kHighs;
            if (flags != 0) {
                stop = i + 8;
                break;
            }
            i += 8;
        }
        while (i < stop) {
            const unsigned char c = s[i];
            if (c < 0x80) {
                if (c < 0x20 || c == '"' || c == '\\') return false;
                ++i;
            } else {
                const size_t length = well_formed_utf8_length(s + i, n - i);
                if (length == 0) return false;
                i += length;
            }
        }
    }
    return true;
}

void JsonOut::quoted(std::string_view text) {
    if (json_plain_string(text)) {
        char* at = room(text.size() + 2);
        at[0] = '"';
        std::memcpy(at + 1, text.data(), text.size());
        at[text.size() + 1] = '"';
        buffer_.size += text.size() + 2;
    } else {
        // Escapes and broken UTF-8 are rare: let nlohmann write those few strings, so the
        // text stays exactly what dump() prints.
        put(nlohmann::json(std::string(text)).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    }
}

char* json_number_chars(char* at, double value) {
    // to_chars writes the sign, then "0.0" for zero, else grisu2's shortest digits: as fixed
    // notation with at least one decimal when the exponent is from -4 to 15. A magnitude that is
    // the double nearest to m / 10 for a whole m below 10^15 has m's digits as its shortest form.
    const double magnitude = std::fabs(value);
    if (magnitude < 1e14) {
        const auto tenths = int64_t(magnitude * 10 + 0.5);
        if (double(tenths) / 10 == magnitude) {
            if (std::signbit(value)) *at++ = '-';
            at = std::to_chars(at, at + 24, tenths / 10).ptr;
            at[0] = '.';
            at[1] = char('0' + tenths % 10);
            return at + 2;
        }
    } else if (magnitude < 1e15 && magnitude == std::floor(magnitude)) {
        if (std::signbit(value)) *at++ = '-';
        at = std::to_chars(at, at + 24, int64_t(magnitude)).ptr;
        at[0] = '.';
        at[1] = '0';
        return at + 2;
    }
    return nlohmann::detail::to_chars(at, at + 64, value);  // what dump() uses
}

void JsonOut::number(double value) {
    before_value();
    if (!std::isfinite(value)) {
        put("null");
        return;
    }
    char* at = room(64);
    buffer_.size = size_t(json_number_chars(at, value) - buffer_.data);
}

void JsonOut::number(int64_t value) {
    before_value();
    char* at = room(24);
    buffer_.size = size_t(std::to_chars(at, at + 24, value).ptr - buffer_.data);
}

void JsonOut::null() {
    before_value();
    put("null");
}

void JsonOut::boolean(bool value) {
    before_value();
    put(value ? std::string_view("true") : std::string_view("false"));
    maybe_flush();
}

}  // namespace it2
