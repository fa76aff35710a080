// The JSON reader itself (json_doc.h): RFC 8259 grammar edges with accept/reject and byte
// offsets, escapes and surrogates, correctly rounded numbers, depth, streaming, and a
// differential check against nlohmann/json on thousands of mutated documents.
#include <doctest/doctest.h>

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "json_doc.h"

using namespace it2;

namespace {

JsonParse parse(std::string_view text) { return parse_json(text); }

bool accepts(std::string_view text) { return parse(text).error == JsonError::none; }

// The single number of `text` (which must parse).
double number_of(const std::string& text) {
    JsonParse p = parse(text);
    REQUIRE_MESSAGE(p.error == JsonError::none, text);
    REQUIRE(p.doc.kind(0) == JsonKind::number);
    return p.doc.number(0);
}

bool same_bits(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

// The parsed tree as nlohmann/json, for comparing with nlohmann's own parse.
nlohmann::json to_json(const JsonDoc& doc, uint32_t n) {
    switch (doc.kind(n)) {
        case JsonKind::null:
        case JsonKind::out_of_range: return nullptr;
        case JsonKind::boolean: return doc.boolean(n);
        case JsonKind::number: return doc.number(n);
        case JsonKind::string: return std::string(doc.string(n));
        case JsonKind::array: {
            nlohmann::json out = nlohmann::json::array();
            for (uint32_t c = doc.first_child(n); c != JsonDoc::npos; c = doc.next_sibling(n, c))
                out.push_back(to_json(doc, c));
            return out;
        }
        case JsonKind::object: {
            nlohmann::json out = nlohmann::json::object();
            for (uint32_t c = doc.first_child(n); c != JsonDoc::npos; c = doc.next_sibling(n, c))
                out[std::string(doc.key(c))] = to_json(doc, c);  // the last duplicate wins, as in nlohmann
            return out;
        }
    }
    return nullptr;
}

struct Rejection {
    const char* text;
    JsonError error;
    uint32_t offset;
};

void check_rejections(std::initializer_list<Rejection> cases) {
    for (const Rejection& c : cases) {
        JsonParse p = parse(c.text);
        INFO("text: ", c.text, "  detail: ", p.detail);
        CHECK(p.error == c.error);
        CHECK(p.error_offset == c.offset);
        CHECK(p.doc.nodes.empty());
        if (c.error == JsonError::syntax) CHECK_FALSE(p.detail.empty());
    }
}

}  // namespace

TEST_CASE("json_doc: values, kinds and the byte offset of every value") {
    std::string text = "{\"a\": [1, -0, \"x\\\"y\", true, null, {}], \"b\": 1e-7, \"c\": false, \"d\": \"\"}";
    JsonParse p = parse(text);
    REQUIRE(p.error == JsonError::none);
    const JsonDoc& doc = p.doc;
    CHECK(doc.offset(0) == 0);
    uint32_t a = doc.find(0, "a");
    REQUIRE(doc.is(a, JsonKind::array));
    CHECK(doc.offset(a) == text.find('['));
    std::vector<uint32_t> items;
    for (uint32_t c = doc.first_child(a); c != JsonDoc::npos; c = doc.next_sibling(a, c)) items.push_back(c);
    REQUIRE(items.size() == 6);
    CHECK(doc.offset(items[0]) == text.find("1,"));
    CHECK(doc.offset(items[1]) == text.find("-0"));
    CHECK(std::signbit(doc.number(items[1])));
    CHECK(doc.kind(items[2]) == JsonKind::string);
    CHECK(doc.string(items[2]) == "x\"y");
    CHECK(doc.offset(items[2]) == text.find("\"x"));
    CHECK(doc.kind(items[3]) == JsonKind::boolean);
    CHECK(doc.boolean(items[3]));
    CHECK(doc.offset(items[3]) == text.find("true"));
    CHECK(doc.kind(items[4]) == JsonKind::null);
    CHECK(doc.offset(items[4]) == text.find("null"));
    CHECK(doc.kind(items[5]) == JsonKind::object);
    CHECK(doc.offset(items[5]) == text.find("{}"));
    CHECK(doc.first_child(items[5]) == JsonDoc::npos);
    uint32_t b = doc.find(0, "b");
    CHECK(doc.number(b) == 1e-7);
    CHECK(doc.offset(b) == text.find("1e-7"));
    uint32_t c = doc.find(0, "c");
    CHECK(doc.is(c, JsonKind::boolean));
    CHECK_FALSE(doc.boolean(c));
    CHECK(doc.string(doc.find(0, "d")).empty());
    CHECK(doc.find(0, "zz") == JsonDoc::npos);

    // A leading BOM is skipped; offsets count from after it.
    JsonParse bom = parse("\xEF\xBB\xBF  [7]");
    REQUIRE(bom.error == JsonError::none);
    CHECK(bom.had_bom);
    CHECK(bom.doc.offset(1) == 3);

    // Repeated members: find() gives the last one, like JSON.parse.
    JsonParse dup = parse("{\"k\": 1, \"k\": 2}");
    CHECK(dup.doc.number(dup.doc.find(0, "k")) == 2);

    // find_members: several at once, the last duplicate, npos when absent or not an object.
    JsonParse members = parse("{\"a\": 1, \"bb\": 2, \"a\": 3, \"ab\": 4, \"\": 5}");
    uint32_t out[5];
    members.doc.find_members(0, {"a", "bb", "c", "ab", ""}, out);
    CHECK(members.doc.number(out[0]) == 3);
    CHECK(members.doc.number(out[1]) == 2);
    CHECK(out[2] == JsonDoc::npos);
    CHECK(members.doc.number(out[3]) == 4);
    CHECK(members.doc.number(out[4]) == 5);
    members.doc.find_members(1, {"a"}, out);
    CHECK(out[0] == JsonDoc::npos);
}

TEST_CASE("json_doc: lone values of every kind are JSON texts") {
    for (const char* text : {"1", "-2.5", "\"x\"", "true", "false", "null", "[]", "{}", " \n\t\r 0 \n"})
        CHECK_MESSAGE(accepts(text), text);
    JsonParse p = parse("  \"lone\"  ");
    REQUIRE(p.error == JsonError::none);
    CHECK(p.doc.string(0) == "lone");
    CHECK(p.doc.offset(0) == 2);
}

TEST_CASE("json_doc: escapes are decoded, \\u0000 included — strings without escapes are views into the text") {
    std::string text = R"({"k\tey": "\" \\ \/ \b \f \n \r \t|\u0041\u00e9\u4E2D|\ud83d\ude00|\u0000|", "plain": "甲乙"})";
    JsonParse p = parse(text);
    REQUIRE(p.error == JsonError::none);
    const JsonDoc& doc = p.doc;
    uint32_t value = doc.find(0, "k\tey");
    REQUIRE(value != JsonDoc::npos);
    std::string expected = std::string("\" \\ / \b \f \n \r \t|Aé中|😀|") + '\0' + "|";
    CHECK(doc.string(value) == expected);
    CHECK(doc.string(value).size() == expected.size());

    uint32_t plain = doc.find(0, "plain");
    CHECK(doc.string(plain) == "甲乙");
    CHECK(doc.string(plain).data() >= doc.text.data());  // a view: no copy was made
    CHECK(doc.string(plain).data() < doc.text.data() + doc.text.size());
    CHECK(doc.key(plain).data() >= doc.text.data());
}

TEST_CASE("json_doc: unpaired surrogates, bad escapes and raw control characters are rejected") {
    check_rejections({
        {R"(["\ud800"])", JsonError::syntax, 2},         // high surrogate then the closing quote
        {R"(["\ud800x"])", JsonError::syntax, 2},
        {R"(["\ud800\u0041"])", JsonError::syntax, 2},   // followed by an escape that is not a low surrogate
        {R"(["ab\udc00"])", JsonError::syntax, 4},       // a low surrogate alone
        {R"(["\ud83d\ude0"])", JsonError::syntax, 13},   // three hex digits: the quote is not a digit
        {R"(["\u12G4"])", JsonError::syntax, 6},
        {R"(["\x"])", JsonError::syntax, 3},
        {R"(["\'"])", JsonError::syntax, 3},
        {"[\"a\tb\"]", JsonError::syntax, 3},            // a raw tab inside a string
        {"[\"a\nb\"]", JsonError::syntax, 3},
        {"[\"\\u00", JsonError::truncated, 6},
        {"[\"\\ud800\\", JsonError::truncated, 9},
    });
    CHECK(accepts(R"(["\uDBFF\uDFFF"])"));  // U+10FFFF, the last code point
    CHECK(parse(R"(["\uDBFF\uDFFF"])").doc.string(1) == "\xF4\x8F\xBF\xBF");
}

TEST_CASE("json_doc: numbers follow RFC 8259 and convert to the nearest double") {
    CHECK(same_bits(number_of("0"), 0.0));
    CHECK(same_bits(number_of("-0"), -0.0));
    CHECK(same_bits(number_of("-0.0e5"), -0.0));
    CHECK(number_of("1e-7") == 1e-7);
    CHECK(number_of("0.1") == 0.1);
    CHECK(number_of("28.5") == 28.5);
    CHECK(number_of("-2.5E+2") == -250);
    CHECK(number_of("1E22") == 1e22);
    CHECK(number_of("1e23") == 1e23);
    CHECK(number_of("0.30000000000000004") == 0.30000000000000004);
    CHECK(number_of("9007199254740993") == 9007199254740992.0);  // ties go to even
    CHECK(number_of("18446744073709551615") == 18446744073709551615.0);
    CHECK(number_of("123456789012345678901234567890") == 1.2345678901234568e29);
    CHECK(number_of("1.7976931348623157e308") == 1.7976931348623157e308);
    CHECK(number_of("2.2250738585072011e-308") == 2.2250738585072011e-308);
    CHECK(number_of("4.9406564584124654e-324") == 4.9406564584124654e-324);  // the smallest denormal
    CHECK(number_of("1e-400") == 0);  // too small is 0, as JSON.parse gives
    CHECK(number_of("0.000000000000000000000000000001") == 1e-30);

    // Against strtod (the tests run in the "C" locale) on many random decimals, bit for bit.
    uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    for (int i = 0; i < 20000; ++i) {
        std::string text;
        if (next() % 4 == 0) text += '-';
        int integer_digits = int(next() % 22);
        text += char('1' + next() % 9);
        for (int d = 0; d < integer_digits; ++d) text += char('0' + next() % 10);
        if (next() % 2) {
            text += '.';
            int fraction_digits = 1 + int(next() % 20);
            for (int d = 0; d < fraction_digits; ++d) text += char('0' + next() % 10);
        }
        if (next() % 2) text += "e" + std::to_string(int(next() % 640) - 330);
        double expected = std::strtod(text.c_str(), nullptr);
        JsonParse p = parse(text);
        REQUIRE_MESSAGE(p.error == JsonError::none, text);
        if (std::isinf(expected)) {
            CHECK_MESSAGE(p.doc.kind(0) == JsonKind::out_of_range, text);
        } else {
            CHECK_MESSAGE(same_bits(p.doc.number(0), expected), text);
        }
    }
}

TEST_CASE("json_doc: invalid number forms are syntax errors at the offending byte") {
    check_rejections({
        {"01", JsonError::syntax, 1},
        {"[-01]", JsonError::syntax, 3},
        {"1.", JsonError::truncated, 2},
        {"[1.]", JsonError::syntax, 3},
        {"[1.e3]", JsonError::syntax, 3},
        {".5", JsonError::syntax, 0},
        {"+1", JsonError::syntax, 0},
        {"[-]", JsonError::syntax, 2},
        {"[- 1]", JsonError::syntax, 2},
        {"[1e]", JsonError::syntax, 3},
        {"[1e+]", JsonError::syntax, 4},
        {"0x10", JsonError::syntax, 1},
        {"[NaN]", JsonError::syntax, 1},
        {"[Infinity]", JsonError::syntax, 1},
        {"[-Infinity]", JsonError::syntax, 2},
    });
}

TEST_CASE("json_doc: numbers out of range are kept as out_of_range values — more than 32 reject the text") {
    std::string text = "{\"a\": 1e400, \"b\": [-1E+999, 2]}";
    JsonParse p = parse(text);
    REQUIRE(p.error == JsonError::none);
    uint32_t a = p.doc.find(0, "a");
    CHECK(p.doc.kind(a) == JsonKind::out_of_range);
    CHECK(p.doc.offset(a) == text.find("1e400"));
    uint32_t b = p.doc.find(0, "b");
    uint32_t first = p.doc.first_child(b);
    CHECK(p.doc.kind(first) == JsonKind::out_of_range);
    CHECK(p.doc.offset(first) == text.find("-1E"));
    CHECK(p.doc.number(p.doc.next_sibling(b, first)) == 2);
    CHECK(p.doc.text.data() == text.data());  // nothing was patched or copied

    std::string many = "[";
    for (int i = 0; i < 33; ++i) many += (i ? "," : "") + std::string(i == 32 ? "-9e9999" : "1e400");
    many += "]";
    JsonParse rejected = parse(many);
    CHECK(rejected.error == JsonError::too_many_out_of_range);
    CHECK(rejected.error_offset == many.find("-9e9999"));
    CHECK(rejected.detail == "-9e9999");
    CHECK(accepts(many.substr(0, many.rfind(',')) + "]"));  // 32 are still kept
}

TEST_CASE("json_doc: structural errors, comments and trailing text are rejected with their offsets") {
    check_rejections({
        {"[1,]", JsonError::syntax, 3},
        {"[1,,2]", JsonError::syntax, 3},
        {"[,1]", JsonError::syntax, 1},
        {"{\"a\": 1,}", JsonError::syntax, 8},
        {"{,}", JsonError::syntax, 1},
        {"{\"a\" 1}", JsonError::syntax, 5},
        {"{\"a\": 1 \"b\": 2}", JsonError::syntax, 8},
        {"{a: 1}", JsonError::syntax, 1},
        {"{'a': 1}", JsonError::syntax, 1},
        {"['a']", JsonError::syntax, 1},
        {"[1 2]", JsonError::syntax, 3},
        {"[1}", JsonError::syntax, 2},
        {"{\"a\": 1]", JsonError::syntax, 7},
        {"// c\n1", JsonError::syntax, 0},
        {"[1 /* c */]", JsonError::syntax, 3},
        {"1 2", JsonError::syntax, 2},
        {"{} x", JsonError::syntax, 3},
        {"[] []", JsonError::syntax, 3},
        {"nul", JsonError::truncated, 3},
        {"[nulL]", JsonError::syntax, 4},
        {"[True]", JsonError::syntax, 1},
        {"[tru e]", JsonError::syntax, 4},
        {"\"甲", JsonError::truncated, 4},
        {"{\"a\":", JsonError::truncated, 5},
        {"{\"a\"", JsonError::truncated, 4},
        {"{\"a", JsonError::truncated, 3},
        {"[1, 2", JsonError::truncated, 5},
        {"[1, ", JsonError::truncated, 4},
        {"{", JsonError::truncated, 1},
        {"-", JsonError::truncated, 1},
        {"[1e", JsonError::truncated, 3},
        {"\xEF\xBB\xBF", JsonError::truncated, 0},
        {"", JsonError::truncated, 0},
        {" \n ", JsonError::truncated, 3},
        {"[\"\xC3\"]", JsonError::not_utf8, 2},
        {"[\xE4\xB8\xAD]", JsonError::syntax, 1},  // valid UTF-8, but not a value
    });
    CHECK(parse("").detail == "the file is empty");
    CHECK(parse("  ").detail == "the file is empty");
    CHECK(parse("[1,]").detail.find("']'") != std::string::npos);  // the message names the character found
}

TEST_CASE("json_doc: text that is not UTF-8 is that error, at its first bad byte, wherever it stands") {
    check_rejections({
        {"[\"ok\", \"\xE4\xB8\"]", JsonError::not_utf8, 8},        // a character cut short inside a string
        {"[1 2, \"\xFF\"]", JsonError::not_utf8, 7},                // even after a syntax error
        {"[\xC3\xA9, 1]", JsonError::syntax, 1},                     // é outside a string is only a syntax error
        {"[\"\xED\xA0\x80\"]", JsonError::not_utf8, 2},            // an encoded surrogate
        {"[\"\xF0\x9F\x98\x80\", \"\xC0\xAF\"]", JsonError::not_utf8, 10},  // overlong after a good emoji
        {"{\"k\xFE\": 1}", JsonError::not_utf8, 3},                  // in a member name
        {"[\"\\n\xF5\x80\x80\x80\"]", JsonError::not_utf8, 4},      // after an escape
        {"[\"\xE4\xB8", JsonError::not_utf8, 2},                      // the text ends inside a character
    });
    // Long strings (read eight bytes at a time) mixing ASCII, CJK and escapes round-trip.
    std::string long_text;
    for (int i = 0; i < 50; ++i) long_text += "abcdefgh彭瑶\\u00e9 0123456789";
    std::string text = "[\"" + long_text + "\", \"" + long_text.substr(0, 14) + " \\\\" + "\", \"" +
                       long_text.substr(0, 14) + "\"]";
    JsonParse p = parse(text);
    REQUIRE(p.error == JsonError::none);
    std::string expected;
    for (int i = 0; i < 50; ++i) expected += "abcdefgh彭瑶é 0123456789";
    CHECK(p.doc.string(1) == expected);
    CHECK(p.doc.string(2) == "abcdefgh彭瑶 \\");
    CHECK(p.doc.string(3) == "abcdefgh彭瑶");
    CHECK(p.doc.string(3).data() == text.data() + text.rfind("abcdefgh彭瑶"));  // a view of the text
}

TEST_CASE("json_doc: every three-byte sequence is judged as Unicode's table says (the reader's CJK fast path)") {
    // Unicode 15, table 3-7: E0 A0-BF, E1-EC 80-BF, ED 80-9F, EE-EF 80-BF, then one 80-BF.
    auto well_formed = [](unsigned lead, unsigned second, unsigned third) {
        unsigned low = lead == 0xE0 ? 0xA0 : 0x80, high = lead == 0xED ? 0x9F : 0xBF;
        return second >= low && second <= high && third >= 0x80 && third <= 0xBF;
    };
    int checked = 0;
    for (unsigned lead = 0xE0; lead <= 0xEF; ++lead)
        for (unsigned second : {0x7Fu, 0x80u, 0x9Fu, 0xA0u, 0xBFu, 0xC0u})
            for (unsigned third : {0x22u, 0x7Fu, 0x80u, 0xBFu, 0xC0u}) {
                std::string character{char(lead), char(second), char(third)};
                // In a name and in a value, after ASCII and after another CJK character.
                for (std::string text : {"[\"a" + character + "b\"]", "{\"\xE4\xB8\xAD" + character + "\": 1}"}) {
                    JsonParse p = parse(text);
                    INFO(std::hex << lead << " " << second << " " << third << " in " << text);
                    // first_invalid_utf8 (the output's check) takes the same fast path.
                    CHECK(first_invalid_utf8(text) ==
                          (well_formed(lead, second, third) ? std::string_view::npos : (text[0] == '[' ? 3u : 5u)));
                    if (well_formed(lead, second, third)) {
                        CHECK(p.error == JsonError::none);
                    } else {
                        CHECK(p.error == JsonError::not_utf8);
                        CHECK(p.error_offset == (text[0] == '[' ? 3u : 5u));  // the lead byte
                    }
                    ++checked;
                }
            }
    CHECK(checked == 16 * 6 * 5 * 2);
}

TEST_CASE("json_doc: nesting up to the limit is fine — one level more is too deep, at its bracket") {
    std::string ok = std::string(kMaxJsonDepth, '[') + std::string(kMaxJsonDepth, ']');
    CHECK(accepts(ok));
    std::string deep = std::string(kMaxJsonDepth + 1, '[') + std::string(kMaxJsonDepth + 1, ']');
    JsonParse p = parse(deep);
    CHECK(p.error == JsonError::too_deep);
    CHECK(p.error_offset == kMaxJsonDepth);

    std::string objects;
    for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
    objects += "1" + std::string(100000, '}');
    JsonParse very = parse(objects);
    CHECK(very.error == JsonError::too_deep);
    CHECK(very.error_offset == kMaxJsonDepth * 5);
    CHECK(parse_json("[[[1]]]", nullptr, 2).error == JsonError::too_deep);
}

TEST_CASE("json_doc: the streamed array hands over each element with its offsets, then forgets it") {
    std::string text =
        "{\"head\": \"h\\u0041\", \"teachers\": [{\"id\": \"T\\u00311\", \"n\": [1, 2]}, 7, \"s\\\"\", [{}]],"
        " \"tail\": {\"teachers\": [1]}}";
    struct Seen {
        size_t index;
        JsonKind kind;
        uint32_t offset;
        std::string detail;
    };
    std::vector<Seen> seen;
    size_t restarts = 0;
    JsonStream stream;
    stream.key = "teachers";
    stream.element = [&](const JsonDoc& doc, uint32_t node, size_t index) {
        std::string detail;
        if (doc.is(node, JsonKind::object)) detail = std::string(doc.string(doc.find(node, "id")));
        if (doc.is(node, JsonKind::string)) detail = std::string(doc.string(node));
        seen.push_back({index, doc.kind(node), doc.offset(node), detail});
    };
    stream.restart = [&] { ++restarts; };
    JsonParse p = parse_json(text, &stream);
    REQUIRE(p.error == JsonError::none);
    REQUIRE(seen.size() == 4);
    CHECK(seen[0].kind == JsonKind::object);
    CHECK(seen[0].offset == text.find("{\"id\""));
    CHECK(seen[0].detail == "T11");
    CHECK(seen[1].offset == text.find("7,"));
    CHECK(seen[2].detail == "s\"");
    CHECK(seen[3].kind == JsonKind::array);
    CHECK(seen[3].index == 3);
    CHECK(restarts == 0);  // "tail"/"teachers" is not at the root: not streamed

    const JsonDoc& doc = p.doc;
    uint32_t teachers = doc.find(0, "teachers");
    REQUIRE(doc.is(teachers, JsonKind::array));
    CHECK(doc.first_child(teachers) == JsonDoc::npos);  // the elements are gone
    CHECK(doc.string(doc.find(0, "head")) == "hA");     // what came before them is intact
    uint32_t tail = doc.find(0, "tail");
    CHECK(doc.number(doc.first_child(doc.find(tail, "teachers"))) == 1);

    // A repeated root key starts the stream over.
    seen.clear();
    JsonParse twice = parse_json("{\"teachers\": [1, 2], \"teachers\": [3]}", &stream);
    REQUIRE(twice.error == JsonError::none);
    CHECK(restarts == 1);
    REQUIRE(seen.size() == 3);
    CHECK(seen[2].index == 0);
}

TEST_CASE("json_doc: agrees with nlohmann/json on thousands of mutated documents") {
    const std::vector<std::string> seeds = {
        R"({"format": "it2-batch", "version": 1, "school": {"id": "S1", "name": "一小"}, "teachers": [{"id": "T1", "name": "彭瑶", "hours": {"online": 28.5, "practice": -0}, "points": [{"code": "A1", "status": "graded", "grade": "excellent"}]}]})",
        R"([1, -2.5e3, 0.1, 1E+2, true, false, null, "a\"b\\c\u00e9\ud83d\ude00", [], {}, [[{"x": [0]}]]])",
        R"({"a": {"b": {"c": [1, 2, {"d": "e\n"}]}}, "n": 123456789012345678901234567890, "z": ""})",
    };
    const char alphabet[] = "{}[]\",:\\ 0123456789.eE+-tfnulx/u\t\nd8";
    uint64_t state = 0x2545F4914F6CDD1Dull;
    auto next = [&state] {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return state;
    };
    int accepted = 0, rejected = 0;
    for (int i = 0; i < 20000; ++i) {
        std::string text = seeds[next() % seeds.size()];
        int mutations = 1 + int(next() % 3);
        for (int m = 0; m < mutations && !text.empty(); ++m) {
            size_t at = next() % text.size();
            char c = alphabet[next() % (sizeof alphabet - 1)];
            switch (next() % 4) {
                case 0: text.erase(at, 1); break;
                case 1: text.insert(at, 1, c); break;
                case 2: text[at] = c; break;
                default: text.insert(at, text.substr(next() % text.size(), 1 + next() % 8)); break;
            }
        }
        JsonParse mine = parse(text);
        bool theirs = nlohmann::json::accept(text);
        if (mine.error == JsonError::too_many_out_of_range) continue;
        bool out_of_range = false;
        for (const JsonNode& node : mine.doc.nodes) out_of_range = out_of_range || node.kind == JsonKind::out_of_range;
        if (out_of_range) continue;  // nlohmann rejects 1e400; we keep it as a value
        INFO("text: ", text, "  detail: ", mine.detail);
        REQUIRE((mine.error == JsonError::none) == theirs);
        if (!theirs) {
            ++rejected;
            CHECK(mine.error_offset <= mine.doc.text.size());
            continue;
        }
        ++accepted;
        CHECK(to_json(mine.doc, 0) == nlohmann::json::parse(text));
        for (uint32_t n = 0; n < mine.doc.nodes.size(); ++n) {
            uint32_t at = mine.doc.offset(n);
            REQUIRE(at < text.size());
            CHECK(std::strchr("{[\"-0123456789tfn", text[at]) != nullptr);
        }
    }
    CHECK(accepted > 1000);  // both outcomes were exercised many times
    CHECK(rejected > 1000);
}

TEST_CASE("json_doc: LineIndex counts lines from 1 and columns in characters") {
    std::string text = "ab\n甲乙x\n";
    LineIndex lines(text);
    CHECK(lines.at(0).line == 1);
    CHECK(lines.at(0).column == 1);
    TextPosition x = lines.at(text.find('x'));
    CHECK(x.line == 2);
    CHECK(x.column == 3);
    CHECK(lines.at(text.size()).line == 3);
}

TEST_CASE("json_doc: find and find_members compare whole member names of every length") {
    // same_name compares 1-3, 4-7, 8-16 and longer names in different ways: a name that differs
    // from the member in any one byte, or in its length, must not match.
    for (size_t n = 0; n <= 24; ++n) {
        std::string name;
        for (size_t i = 0; i < n; ++i) name += char('a' + i % 26);
        const std::string text = "{\"" + name + "\": 1, \"other\": 2}";
        JsonParse p = parse(text);
        REQUIRE(p.error == JsonError::none);
        INFO("name: ", name);
        CHECK(p.doc.find(0, name) == 1);
        CHECK(p.doc.find(0, name + "x") == JsonDoc::npos);
        if (n > 0) CHECK(p.doc.find(0, name.substr(0, n - 1)) == JsonDoc::npos);
        for (size_t i = 0; i < n; ++i) {
            std::string near = name;
            near[i] = 'Z';
            CHECK(p.doc.find(0, near) == JsonDoc::npos);
            uint32_t out[2];
            p.doc.find_members(0, {std::string_view(near), "other"}, out);
            CHECK(out[0] == JsonDoc::npos);
            CHECK(out[1] == 2);
        }
    }
}

TEST_CASE("json_doc: find_members takes the last duplicate whatever the order of the members") {
    JsonParse p = parse(R"({"b": 1, "a": 2, "c": 3, "a": 4, "b": 5, "d": 6})");
    REQUIRE(p.error == JsonError::none);
    uint32_t out[4];
    p.doc.find_members(0, {"a", "b", "c", "e"}, out);
    CHECK(p.doc.number(out[0]) == 4);
    CHECK(p.doc.number(out[1]) == 5);
    CHECK(p.doc.number(out[2]) == 3);
    CHECK(out[3] == JsonDoc::npos);
    for (int k = 0; k < 3; ++k) CHECK(out[k] == p.doc.find(0, std::string(1, char('a' + k))));
}
