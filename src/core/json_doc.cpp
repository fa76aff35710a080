#include "json_doc.h"

#include <algorithm>
#include <cstring>
#include <iterator>

#include <nlohmann/json.hpp>

namespace it2 {

namespace {

constexpr size_t kMaxOutOfRangeNumbers = 32;  // each one costs a re-parse; more is not a real file

// A byte iterator that publishes how far the parser has read, so SAX callbacks know where
// the token they receive ends (nlohmann's lexer reads at most one byte ahead, for numbers).
struct TrackingIterator {
    using iterator_category = std::input_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;

    const char* position;
    const char** consumed;

    reference operator*() const { return *position; }
    TrackingIterator& operator++() {
        *consumed = ++position;
        return *this;
    }
    bool operator==(const TrackingIterator& other) const { return position == other.position; }
    bool operator!=(const TrackingIterator& other) const { return position != other.position; }
};

bool is_number_char(char c) {
    return (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E';
}

// Builds the flat node tree from nlohmann's SAX events.
class DocBuilder {
public:
    using json = nlohmann::json;

    DocBuilder(JsonDoc& doc, const char* const& consumed, const JsonStream* stream, size_t max_depth,
               const std::vector<uint32_t>& out_of_range_starts)
        : doc_(doc), consumed_(consumed), stream_(stream), max_depth_(max_depth),
          out_of_range_starts_(out_of_range_starts) {}

    bool null() {
        uint32_t end = consumed_offset();
        bool patched = end >= 4 && std::binary_search(out_of_range_starts_.begin(), out_of_range_starts_.end(), end - 4);
        return scalar(patched ? JsonKind::out_of_range : JsonKind::null, 0);
    }
    bool boolean(bool value) { return scalar(JsonKind::boolean, value ? 1 : 0); }
    bool number_integer(json::number_integer_t value) { return scalar(JsonKind::number, double(value)); }
    bool number_unsigned(json::number_unsigned_t value) { return scalar(JsonKind::number, double(value)); }
    bool number_float(json::number_float_t value, const json::string_t&) { return scalar(JsonKind::number, value); }
    bool string(json::string_t& value) {
        uint32_t n = push(JsonKind::string, consumed_offset());
        doc_.nodes[n].text = uint32_t(doc_.arena.size());
        doc_.nodes[n].text_size = uint32_t(value.size());
        doc_.arena.append(value);
        complete(n);
        return true;
    }
    bool binary(json::binary_t&) { return scalar(JsonKind::null, 0); }  // never produced by text JSON

    bool start_object(std::size_t) { return open(JsonKind::object); }
    bool start_array(std::size_t) { return open(JsonKind::array); }
    bool end_object() { return close(); }
    bool end_array() { return close(); }

    bool key(json::string_t& name) {
        pending_key_ = uint32_t(doc_.arena.size());
        pending_key_size_ = uint32_t(name.size());
        doc_.arena.append(name);
        has_key_ = true;
        return true;
    }

    bool parse_error(std::size_t position, const std::string& last_token, const nlohmann::detail::exception& ex) {
        if (ex.id == 406) {  // number overflow: its token ends where the lexer stopped
            out_of_range_end = uint32_t(std::min(position, doc_.text.size()));
            out_of_range_size = uint32_t(std::min<size_t>(last_token.size(), out_of_range_end));
            error = JsonError::syntax;
            return false;
        }
        size_t size = doc_.text.size();
        if (position > size) {
            error = JsonError::truncated;
            error_offset = uint32_t(size);
        } else {
            error = JsonError::syntax;
            error_offset = uint32_t(position > 0 ? position - 1 : 0);
        }
        std::string what = ex.what();
        size_t column = what.find("column ");
        size_t colon = column == std::string::npos ? std::string::npos : what.find(": ", column);
        detail = colon == std::string::npos ? what : what.substr(colon + 2);
        return false;
    }

    JsonError error = JsonError::none;
    uint32_t error_offset = 0;
    std::string detail;
    uint32_t out_of_range_end = 0, out_of_range_size = 0;  // set when a number overflowed

private:
    uint32_t consumed_offset() const { return uint32_t(consumed_ - doc_.text.data()); }

    uint32_t push(JsonKind kind, uint32_t where) {
        uint32_t n = uint32_t(doc_.nodes.size());
        if (streaming_parent()) element_arena_mark_ = doc_.arena.size();
        JsonNode node;
        node.kind = kind;
        node.where = where;
        node.end = n + 1;
        if (has_key_) {
            node.key = pending_key_;
            node.key_size = pending_key_size_;
            has_key_ = false;
        }
        doc_.nodes.push_back(node);
        return n;
    }

    bool scalar(JsonKind kind, double number) {
        uint32_t n = push(kind, consumed_offset());
        doc_.nodes[n].number = number;
        complete(n);
        return true;
    }

    bool open(JsonKind kind) {
        uint32_t where = consumed_offset() - 1;  // the '{' or '[' was the last byte read
        if (open_.size() >= max_depth_) {
            error = JsonError::too_deep;
            error_offset = where;
            return false;
        }
        bool starts_stream = kind == JsonKind::array && stream_ != nullptr && open_.size() == 1 &&
                             doc_.nodes[open_[0]].kind == JsonKind::object && has_key_ &&
                             std::string_view(doc_.arena.data() + pending_key_, pending_key_size_) == stream_->key;
        uint32_t n = push(kind, where);
        if (starts_stream) {
            // A repeated root key: the last one counts, so the earlier elements are forgotten.
            if (streamed_ && stream_->restart) stream_->restart();
            stream_array_ = n;
            streamed_ = true;
            element_count_ = 0;
        }
        open_.push_back(n);
        return true;
    }

    bool close() {
        uint32_t n = open_.back();
        open_.pop_back();
        doc_.nodes[n].end = uint32_t(doc_.nodes.size());
        if (n == stream_array_) stream_array_ = JsonDoc::npos;
        complete(n);
        return true;
    }

    bool streaming_parent() const { return !open_.empty() && open_.back() == stream_array_; }

    // A value is finished: hand stream elements to the caller and forget them.
    void complete(uint32_t n) {
        if (!streaming_parent()) return;
        if (stream_->element) stream_->element(doc_, n, element_count_);
        ++element_count_;
        doc_.nodes.resize(n);
        doc_.arena.resize(element_arena_mark_);
    }

    JsonDoc& doc_;
    const char* const& consumed_;
    const JsonStream* stream_;
    size_t max_depth_;
    const std::vector<uint32_t>& out_of_range_starts_;
    std::vector<uint32_t> open_;  // open containers, innermost last
    uint32_t pending_key_ = 0, pending_key_size_ = 0;
    bool has_key_ = false;
    uint32_t stream_array_ = JsonDoc::npos;
    bool streamed_ = false;
    size_t element_count_ = 0;
    size_t element_arena_mark_ = 0;
};

bool only_whitespace(std::string_view text) {
    for (char c : text)
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
}

}  // namespace

uint32_t JsonDoc::find(uint32_t object, std::string_view name) const {
    if (!is(object, JsonKind::object)) return npos;
    uint32_t found = npos;  // the last one, as JSON.parse and nlohmann's DOM keep the last duplicate
    for (uint32_t c = first_child(object); c != npos; c = next_sibling(object, c))
        if (key(c) == name) found = c;
    return found;
}

void JsonDoc::find_members(uint32_t object, std::initializer_list<std::string_view> keys, uint32_t* out) const {
    std::fill(out, out + keys.size(), npos);
    if (!is(object, JsonKind::object)) return;
    for (uint32_t c = first_child(object); c != npos; c = next_sibling(object, c)) {
        std::string_view name = key(c);
        uint32_t i = 0;
        for (std::string_view k : keys) {
            if (k == name) out[i] = c;
            ++i;
        }
    }
}

uint32_t JsonDoc::offset(uint32_t n) const {
    const JsonNode& node = nodes[n];
    uint32_t end = node.where;
    switch (node.kind) {
        case JsonKind::object:
        case JsonKind::array:
            return node.where;
        case JsonKind::null:
        case JsonKind::out_of_range:  // patched to "null" in place
            return end >= 4 ? end - 4 : 0;
        case JsonKind::boolean: {
            uint32_t size = node.number != 0 ? 4 : 5;
            return end >= size ? end - size : 0;
        }
        case JsonKind::string: {
            // Walk back from the closing quote to the first quote not escaped by a backslash.
            size_t i = end > 0 ? end - 1 : 0;
            while (i > 0) {
                --i;
                if (text[i] != '"') continue;
                size_t k = i;
                while (k > 0 && text[k - 1] == '\\') --k;
                if ((i - k) % 2 == 0) return uint32_t(i);
            }
            return 0;
        }
        case JsonKind::number: {
            // The lexer may have read one byte past the number; walk back over the digits.
            size_t i = std::min<size_t>(end, text.size());
            if (i > 0 && !is_number_char(text[i - 1])) --i;
            while (i > 0 && is_number_char(text[i - 1])) --i;
            return uint32_t(i);
        }
    }
    return end;
}

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
        unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
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
            return i;
        }
        if (i + length > n) return i;
        if (s[i + 1] < low || s[i + 1] > high) return i;
        for (size_t k = 2; k < length; ++k)
            if ((s[i + k] & 0xC0) != 0x80) return i;
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
    size_t bad = first_invalid_utf8(text);
    if (bad != std::string_view::npos) {
        result.error = JsonError::not_utf8;
        result.error_offset = uint32_t(bad);
        return result;
    }
    if (only_whitespace(text)) {
        result.error = JsonError::truncated;
        result.error_offset = uint32_t(text.size());
        result.detail = "the file is empty";
        return result;
    }

    std::vector<uint32_t> out_of_range_starts;  // numbers like 1e400, patched to `null` in place
    for (size_t attempt = 0;; ++attempt) {
        JsonDoc& doc = result.doc;
        doc.text = text;
        doc.nodes.clear();
        doc.arena.clear();
        if (attempt > 0 && stream != nullptr && stream->restart) stream->restart();

        const char* consumed = text.data();
        DocBuilder builder(doc, consumed, stream, max_depth, out_of_range_starts);
        TrackingIterator first{text.data(), &consumed}, last{text.data() + text.size(), &consumed};
        bool ok = nlohmann::json::sax_parse(first, last, &builder);

        if (builder.out_of_range_size > 0) {
            uint32_t start = builder.out_of_range_end - builder.out_of_range_size;
            std::string_view token = text.substr(start, builder.out_of_range_size);
            bool number_like = token.size() >= 4 && std::all_of(token.begin(), token.end(), is_number_char);
            if (!number_like || out_of_range_starts.size() >= kMaxOutOfRangeNumbers) {
                result.error = JsonError::too_many_out_of_range;
                result.error_offset = start;
                result.detail = std::string(token);
                return result;
            }
            if (!doc.owned_text) doc.owned_text = std::make_shared<std::string>(text);
            std::string& owned = *doc.owned_text;
            owned.replace(start, token.size(), "null" + std::string(token.size() - 4, ' '));
            text = owned;
            out_of_range_starts.insert(std::upper_bound(out_of_range_starts.begin(), out_of_range_starts.end(), start),
                                       start);
            continue;
        }
        if (builder.error != JsonError::none) {
            result.error = builder.error;
            result.error_offset = builder.error_offset;
            result.detail = std::move(builder.detail);
            doc.nodes.clear();
            doc.arena.clear();
            return result;
        }
        if (!ok || doc.nodes.empty()) {
            result.error = JsonError::syntax;
            result.error_offset = 0;
            result.detail = "not a JSON value";
        }
        return result;
    }
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
