// JSON with positions: a hand-written single-pass reader builds a flat tree of nodes that
// remember where each value starts in the text, so every problem can name a line and column.
// Strings without escapes are views into the text; no exceptions, no recursion: 100,000
// levels of nesting are rejected, not a crash.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace it2 {

// out_of_range: a number such as 1e400 that a double cannot hold (kept as a value, not inf).
enum class JsonKind : uint8_t { null, boolean, number, string, array, object, out_of_range };

struct JsonNode {
    // Bits of `in_arena`: the key / string had escapes, so it was decoded into the arena.
    static constexpr uint8_t kKeyInArena = 1, kTextInArena = 2;

    uint32_t where = 0;     // offset of the value's first byte ('{', '[', '"', '-', digit, letter)
    uint32_t end = 0;       // index one past this node's subtree (its next sibling)
    uint32_t key = 0, key_size = 0;    // member name (object members only): in the text or the arena
    // A node is a string or a number, never both: sharing the bytes makes a node 32 bytes, not 40
    // (one is written per value; JsonDoc's accessors look at the kind).
    union {
        double number = 0;  // number value; booleans: 1 or 0
        struct {
            uint32_t offset, size;
        } text;  // string value: in the text or the arena
    };
    JsonKind kind = JsonKind::null;
    uint8_t in_arena = 0;
};
static_assert(sizeof(JsonNode) == 32, "a node is written per value: keep it small");

class JsonDoc {
public:
    static constexpr uint32_t npos = UINT32_MAX;

    std::string_view text;  // the parsed text (BOM removed); offsets point into it
    std::vector<JsonNode> nodes;  // pre-order; node 0 is the root
    std::string arena;            // decoded member names and strings that had escapes

    uint32_t root() const { return nodes.empty() ? npos : 0; }
    JsonKind kind(uint32_t n) const { return nodes[n].kind; }
    bool is(uint32_t n, JsonKind k) const { return n != npos && nodes[n].kind == k; }

    // The member called `key` of an object, the last one if repeated (npos when absent or
    // `object` is not an object).
    uint32_t find(uint32_t object, std::string_view key) const;
    // Several members in one pass: out[i] is the node of keys[i] (last duplicate) or npos.
    // The keys must be distinct.
    void find_members(uint32_t object, std::initializer_list<std::string_view> keys, uint32_t* out) const;
    uint32_t first_child(uint32_t n) const { return n + 1 < nodes[n].end ? n + 1 : npos; }
    uint32_t next_sibling(uint32_t parent, uint32_t child) const {
        uint32_t next = nodes[child].end;
        return next < nodes[parent].end ? next : npos;
    }

    std::string_view string(uint32_t n) const {  // "" unless a string
        const JsonNode& node = nodes[n];
        if (node.kind != JsonKind::string) return {};
        return {(node.in_arena & JsonNode::kTextInArena ? arena.data() : text.data()) + node.text.offset, node.text.size};
    }
    std::string_view key(uint32_t n) const {
        const JsonNode& node = nodes[n];
        return {(node.in_arena & JsonNode::kKeyInArena ? arena.data() : text.data()) + node.key, node.key_size};
    }
    double number(uint32_t n) const { return nodes[n].kind == JsonKind::string ? 0 : nodes[n].number; }  // 0 unless a number
    bool boolean(uint32_t n) const { return number(n) != 0; }

    // Byte offset (in `text`) of the first character of a value.
    uint32_t offset(uint32_t n) const { return nodes[n].where; }
};

enum class JsonError : uint8_t {
    none,
    not_utf8,      // error_offset: first invalid byte
    syntax,        // error_offset: the offending byte; detail: the reason (English)
    truncated,     // the text ends in the middle of a value
    too_deep,      // nesting deeper than max_depth
    too_large,     // more than 4 GiB
    too_many_out_of_range,  // more than 32 numbers like 1e400 (detail: the 33rd)
};

// Called with each element of the root object's `stream_key` array as soon as it is complete;
// the element's nodes are dropped afterwards, so memory stays bounded by one element.
struct JsonStream {
    std::string_view key;                                                   // e.g. "teachers"
    std::function<void(const JsonDoc&, uint32_t node, size_t index)> element;
    std::function<void()> restart;  // the parse starts over: forget the elements seen so far
    // Optional: each element that starts with '{' is offered here first, before any node is made
    // (`at` is its '{'). A reader that takes the element whole returns the position just past it,
    // having checked that all of it is JSON the reader accepts (json_lex.h's steps) nested at most
    // kMaxFastDepth containers deep; nullptr leaves the element to the nodes and `element`.
    static constexpr size_t kMaxFastDepth = 5;
    std::function<const char*(const JsonDoc&, const char* at, size_t index)> fast_element;
};

struct JsonParse {
    JsonDoc doc;
    JsonError error = JsonError::none;
    uint32_t error_offset = 0;
    std::string detail;  // the reason for a syntax error (English)
    bool had_bom = false;
};

constexpr size_t kMaxJsonDepth = 512;

// Parses UTF-8 JSON text (a leading BOM is skipped). Never throws.
JsonParse parse_json(std::string_view bytes, const JsonStream* stream = nullptr, size_t max_depth = kMaxJsonDepth);

// Offset of the first byte that is not well-formed UTF-8, or npos.
size_t first_invalid_utf8(std::string_view text);

// 1-based line and column (column in Unicode characters) of a byte offset.
struct TextPosition {
    int line = 0, column = 0;
};

class LineIndex {
public:
    explicit LineIndex(std::string_view text);
    TextPosition at(size_t offset) const;

private:
    std::string_view text_;
    std::vector<uint32_t> line_starts_;
    // The last answer: asking in ascending order (the usual case) counts each byte once,
    // even on a 40 MB file written on one line.
    mutable size_t cached_offset_ = 0, cached_line_ = 1;
    mutable int cached_column_ = 1;
};

}  // namespace it2
