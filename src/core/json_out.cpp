#include "json_out.h"

#include <algorithm>
#include <cmath>
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

void JsonOut::array_elements(size_t count, const ParallelFor& parallel, const ElementWriter& write, size_t group) {
    if (count == 0) return;
    if (!parallel || count == 1) {
        for (size_t i = 0; i < count; ++i) write(*this, i);
        return;
    }
    // A range's writer starts where this one stands: inside the same array at the same depth,
    // its first element preceded by a comma unless it is the array's very first.
    const size_t depth = levels_.size();
    const bool array_empty = levels_.back().empty;
    finish();  // what came before goes first
    group = std::max<size_t>(group, 1);
    std::vector<std::pair<size_t, std::string>> parts;  // (first element, text) of each range
    std::mutex parts_mutex;
    for (size_t first = 0; first < count; first += group) {
        const size_t n = std::min(group, count - first);
        parts.clear();
        for_ranges(parallel, n, [&](size_t begin, size_t end) {
            JsonOut part(Sink(), indent_);
            part.chunk_ = size_t(-1);  // kept whole, handed over below
            part.levels_.assign(depth, Level{false, false});
            part.levels_.back().empty = array_empty && first + begin == 0;
            for (size_t i = begin; i < end; ++i) write(part, first + i);
            std::string text = std::move(part.buffer_);
            part.buffer_.clear();
            std::lock_guard<std::mutex> lock(parts_mutex);
            parts.emplace_back(begin, std::move(text));
        });
        std::sort(parts.begin(), parts.end(),
                  [](const std::pair<size_t, std::string>& a, const std::pair<size_t, std::string>& b) { return a.first < b.first; });
        for (const auto& part : parts)
            if (!part.second.empty()) sink_(part.second);
    }
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
