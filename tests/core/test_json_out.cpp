// The streaming JSON writer prints exactly what nlohmann::json's dump() prints for the same
// values: the summary used to be built as an ordered_json tree and dumped, and every consumer
// (tests, the JS oracle comparison, partial merges) relies on those bytes.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "generate.h"
#include "json_doc.h"
#include "json_out.h"
#include "metrics.h"
#include "summary_json.h"
#include "workspace.h"

using namespace it2;
using ordered = nlohmann::ordered_json;

namespace {

std::string dumped(const ordered& value, int indent) {
    return value.dump(indent, ' ', false, ordered::error_handler_t::replace);
}

// Writes `value` with JsonOut, walking the tree the way a hand-written writer would.
void write(JsonOut& out, const ordered& value) {
    switch (value.type()) {
        case ordered::value_t::object:
            out.begin_object();
            for (auto it = value.begin(); it != value.end(); ++it) {
                out.key(it.key());
                write(out, it.value());
            }
            out.end_object();
            break;
        case ordered::value_t::array:
            out.begin_array();
            for (const ordered& item : value) write(out, item);
            out.end_array();
            break;
        case ordered::value_t::string: out.string(value.get_ref<const std::string&>()); break;
        case ordered::value_t::number_float: out.number(value.get<double>()); break;
        case ordered::value_t::number_integer: out.number(value.get<int64_t>()); break;
        case ordered::value_t::number_unsigned: out.number(int64_t(value.get<uint64_t>())); break;
        default: out.null(); break;
    }
}

std::string written(const ordered& value, int indent, size_t chunk) {
    std::string text;
    int chunks = 0;
    {
        JsonOut out([&](std::string_view piece) { text.append(piece); ++chunks; }, indent, chunk);
        write(out, value);
    }
    if (chunk <= 16) CHECK(chunks > 1);  // small chunks really stream
    return text;
}

}  // namespace

TEST_CASE("JsonOut prints what dump() prints: nesting, empties, escapes, broken UTF-8, numbers") {
    ordered doc = ordered::object();
    doc["empty_object"] = ordered::object();
    doc["empty_array"] = ordered::array();
    doc["nested"] = ordered{{"a", ordered::array({1, 2.5, nullptr, "x"})}, {"b", ordered::object({{"c", ordered::array()}})}};
    doc["escapes"] = std::string("quote \" backslash \\ tab \t nl \n cr \r bell \x07 nul ") + std::string(1, '\0') + "\x1f end";
    doc["chinese"] = "彭瑶 𠀾 綦江区";
    doc["broken_utf8"] = std::string("ab\xE5\xBD") + "c" + std::string("\xFF") + "d";
    doc["integers"] = ordered::array({0, -1, 46, int64_t(1) << 40});
    doc["doubles"] = ordered::array({0.0, 20.0, 0.97, 1.0 / 3.0, 0.1 + 0.2, 1e-05, 1e300, -75.18, 5e-324});
    doc["not_finite"] = std::numeric_limits<double>::quiet_NaN();
    for (int indent : {-1, 0, 2, 4})
        for (size_t chunk : {size_t(8), size_t(64 * 1024)})
            CHECK(written(doc, indent, chunk) == dumped(doc, indent));
}

TEST_CASE("JsonOut prints random doubles exactly as dump() does") {
    std::mt19937_64 random(20261130);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    ordered values = ordered::array();
    for (int i = 0; i < 5000; ++i) {
        double v = unit(random);
        if (i % 3 == 1) v *= 100;
        if (i % 7 == 2) v = std::round(v * 1000) / 1000;
        if (i % 11 == 3) v = std::ldexp(v, int(random() % 200) - 100);
        values.push_back(v);
    }
    CHECK(written(values, 2, 4096) == dumped(values, 2));
}

TEST_CASE("the streamed summary of generated data with every problem kind equals the tree's dump") {
    GenerateOptions options;
    options.schools = 6;
    options.teachers_per_school = 20;
    options.with_errors = true;
    Workspace ws;
    for (const GeneratedFile& f : generate(options)) ws.add(f.name, f.bytes);
    const Summary summary = compute(ws, merge(ws), Policy{}, "2022-11-01");
    REQUIRE(summary.problems.size() > 10);
    for (Lang lang : {Lang::zh, Lang::en}) {
        const std::string text = summary_json(summary, lang);
        const ordered reparsed = ordered::parse(text, nullptr, false);
        REQUIRE_FALSE(reparsed.is_discarded());
        // Parsing and dumping again gives dump()'s canonical text: so ours is exactly that text.
        CHECK(dumped(reparsed, 2) == text);
        CHECK(reparsed["teachers"].size() == summary.teachers.size());
        CHECK(reparsed["problems"].size() == summary.problems.size());
    }
}

// Issue 14, both cores: an array's elements written in chunks on a ParallelFor, each chunk into
// a buffer of its own handed over in order, give the same bytes as writing them one by one,
// whatever the ranges, their order, the chunk size and the depth; elements written before and
// after (the comma rule) included.
TEST_CASE("JsonOut::array_elements on a ParallelFor writes the same bytes as one by one") {
    ordered items = ordered::array();
    for (int i = 0; i < 23; ++i) {
        if (i % 3 == 0) items.push_back(ordered{{"id", "T" + std::to_string(i)}, {"name", "彭瑶"}, {"online", i * 0.5}});
        else if (i % 3 == 1) items.push_back(ordered::array({i, "x\n", ordered::object()}));
        else items.push_back("s" + std::to_string(i));
    }
    size_t ranges_run = 0;
    std::vector<std::pair<std::string, ParallelFor>> drivers;
    drivers.emplace_back("none", ParallelFor());
    for (size_t parts : {2, 3, 7, 1000})
        drivers.emplace_back("backwards " + std::to_string(parts), [parts, &ranges_run](size_t n, const RangeBody& body) {
            for (size_t k = parts; k-- > 0;) {
                if (n * k / parts == n * (k + 1) / parts) continue;
                body(n * k / parts, n * (k + 1) / parts);
                ++ranges_run;
            }
        });
    drivers.emplace_back("threads", [](size_t n, const RangeBody& body) {
        std::vector<std::thread> workers;
        for (size_t k = 0; k < 4; ++k) workers.emplace_back(body, n * k / 4, n * (k + 1) / 4);
        for (std::thread& w : workers) w.join();
    });
    for (size_t before : {size_t(0), size_t(2)})
        for (size_t count : {size_t(0), size_t(1), size_t(2), size_t(23)})
            for (int indent : {-1, 2}) {
                // {"a": [before items…, count items…, one after], "b": [count items…]}
                ordered doc = ordered::object();
                doc["a"] = ordered::array();
                for (size_t i = 0; i < before; ++i) doc["a"].push_back(items[i]);
                for (size_t i = 0; i < count; ++i) doc["a"].push_back(items[i]);
                doc["a"].push_back("after");
                doc["b"] = ordered::array();
                for (size_t i = 0; i < count; ++i) doc["b"].push_back(ordered::array({items[i]}));
                const std::string expected = dumped(doc, indent);
                for (const auto& [name, parallel] : drivers)
                    for (size_t group : {size_t(1), size_t(3), JsonOut::kElementChunk}) {
                        CAPTURE(name);
                        CAPTURE(group);
                        CAPTURE(before);
                        CAPTURE(count);
                        CAPTURE(indent);
                        std::string text;
                        {
                            JsonOut out(append_to(text), indent, 16);
                            out.begin_object();
                            out.key("a");
                            out.begin_array();
                            for (size_t i = 0; i < before; ++i) write(out, items[i]);
                            out.array_elements(count, parallel, [&](JsonOut& o, size_t i) { write(o, items[i]); }, group);
                            out.string("after");
                            out.end_array();
                            out.key("b");
                            out.begin_array();
                            out.array_elements(count, parallel, [&](JsonOut& o, size_t i) {
                                o.begin_array();
                                write(o, items[i]);
                                o.end_array();
                            }, group);
                            out.end_array();
                            out.end_object();
                        }
                        CHECK(text == expected);
                    }
            }
    CHECK(ranges_run > 100);  // the ParallelFor was asked, not bypassed
}

// ---- the fast paths (issue 14, session 7): each checked against the slow path it stands for --

namespace {

std::string nlohmann_chars(double value) {
    char text[64];
    return std::string(text, nlohmann::detail::to_chars(text, text + sizeof text, value));
}

std::string fast_chars(double value) {
    char text[64];
    return std::string(text, json_number_chars(text, value));
}

}  // namespace

TEST_CASE("json_number_chars writes what nlohmann's to_chars writes: whole numbers, tenths, any double") {
    size_t checked = 0, differ = 0;
    auto check = [&](double value) {
        if (!std::isfinite(value)) return;
        ++checked;
        if (fast_chars(value) != nlohmann_chars(value) && ++differ <= 10) {
            CAPTURE(value);
            CHECK(fast_chars(value) == nlohmann_chars(value));
        }
    };
    // Edge cases: signs and zero, the ends of the fast paths, the smallest and largest doubles.
    const double edges[] = {0.0, -0.0, 0.1, 0.2, 0.3, 0.5, 0.9, 1.0, -1.0, 0.05, 0.15, 1.05, 2.675, 1e-5, 0.0001,
                            1e14, 1e14 - 0.5, 1e14 - 0.1, 1e14 + 1, 99999999999999.9, 99999999999999.5,
                            999999999999999.0, 1e15, 1e15 + 2, 1e15 - 0.5, 1e16, 1e21, 9007199254740992.0,
                            9007199254740993.0, 1e-300, 5e-324, 2.2250738585072014e-308, 2.225073858507201e-308,
                            std::numeric_limits<double>::max(), std::numeric_limits<double>::min(),
                            std::numeric_limits<double>::denorm_min(), std::numeric_limits<double>::epsilon(),
                            4503599627370495.5, 4503599627370496.0, 0.30000000000000004, 1.0 / 3.0, 2.0 / 3.0};
    for (double e : edges)
        for (double v : {e, -e, std::nextafter(e, 0.0), std::nextafter(e, 1e300), -std::nextafter(e, 1e300)}) check(v);
    // Every tenth (halves and whole numbers among them) from -200,000 to 200,000.
    for (int64_t m = -2000000; m <= 2000000; ++m) check(double(m) / 10);
    // Every double next to a tenth (not a tenth itself: the slow path).
    for (int64_t m = 0; m <= 200000; ++m) {
        check(std::nextafter(double(m) / 10, 0.0));
        check(std::nextafter(double(m) / 10, 1e300));
    }
    std::mt19937_64 random(20261201);
    for (int i = 0; i < 1000000; ++i) {
        // Tenths and whole numbers of every size up to and past the fast paths' limits.
        const int digits = int(random() % 17) + 1;
        int64_t m = int64_t(random() % uint64_t(std::pow(10.0, digits)));
        check(double(m) / 10);
        check(-double(m) / 10);
        check(double(m));
        // Any bit pattern: every exponent, subnormals included.
        uint64_t bits = random();
        double any;
        std::memcpy(&any, &bits, sizeof any);
        check(any);
        // Rates, hours and scores as the summary computes them.
        check(double(random() % 1000) / double(random() % 1000 + 1));
        check(double(random() % 2000) / 4);
    }
    CHECK(checked > 9000000);
    CHECK(differ == 0);
}

TEST_CASE("json_plain_string accepts exactly the strings dump() prints as they are") {
    // The slow path it replaces: no byte dump() escapes, and well-formed UTF-8.
    auto reference = [](std::string_view s) {
        for (char c : s)
            if (static_cast<unsigned char>(c) < 0x20 || c == '"' || c == '\\') return false;
        return first_invalid_utf8(s) == std::string_view::npos;
    };
    const std::vector<std::string> pieces = {"a", "Z", "0", " ", "~", "\x7f", "\"", "\\", "\n", "\t", std::string(1, '\0'),
                                             "\x1f", "刘", "婷", "é", "𠀾", "\xE5\xBD", "\xFF", "\xC0\x80", "\xED\xA0\x80",
                                             "\xF4\x90\x80\x80", "\xE0\x9F\xBF", "\xF0\x8F\xBF\xBF", "\x80", "\xC2",
                                             "abcdefgh", "12345678901", "500110-0001"};
    std::mt19937_64 random(1201);
    size_t plain = 0, not_plain = 0;
    for (int i = 0; i < 300000; ++i) {
        std::string s;
        // Mostly clean pieces, so both answers come often, at every offset of an 8-byte block.
        const size_t count = random() % 12;
        const bool clean = random() % 2 == 0;
        for (size_t k = 0; k < count; ++k) {
            const size_t which = random() % pieces.size();
            const std::string& piece = pieces[which];
            const bool dirty = which >= 6 && which <= 11;
            const bool broken = which >= 16 && which <= 24;
            if (clean && (dirty || broken)) s += "x";
            else s += piece;
        }
        const bool expected = reference(s);
        (expected ? plain : not_plain)++;
        if (json_plain_string(s) != expected) {
            CAPTURE(s);
            CHECK(json_plain_string(s) == expected);
            break;
        }
        // And JsonOut writes it as dump() does, either way.
        if (i % 16 == 0) {
            std::string text;
            {
                JsonOut out(append_to(text), -1);
                out.string(s);
            }
            CHECK(text == ordered(s).dump(-1, ' ', false, ordered::error_handler_t::replace));
        }
    }
    CHECK(plain > 50000);
    CHECK(not_plain > 50000);
}

TEST_CASE("JsonOut::Key: literal keys are written as dump() writes them, plain or not") {
    static_assert(JsonOut::Key("teachers").plain, "a plain ASCII key");
    static_assert(!JsonOut::Key("a\"b").plain && !JsonOut::Key("tab\t").plain && !JsonOut::Key("é").plain &&
                      !JsonOut::Key("back\\slash").plain && !JsonOut::Key("del\x7f").plain,
                  "keys dump() escapes (or that need the UTF-8 check) take the general path");
    static_assert(JsonOut::Key("").text.empty() && JsonOut::Key("id").text.size() == 2, "the literal's length");
    ordered doc = ordered::object();
    doc["teachers"] = 1;
    doc["a\"b"] = 2;
    doc["tab\t"] = 3;
    doc["é"] = 4;
    doc[""] = 5;
    doc["del\x7f"] = 6;
    for (int indent : {-1, 0, 2}) {
        std::string text;
        {
            JsonOut out(append_to(text), indent);
            out.begin_object();
            out.key("teachers");
            out.number(1);
            out.key("a\"b");
            out.number(2);
            out.key("tab\t");
            out.number(3);
            out.key("é");
            out.number(4);
            out.key("");
            out.number(5);
            constexpr JsonOut::Key del("del\x7f");
            out.key(del);
            out.number(6);
            out.end_object();
        }
        CHECK(text == dumped(doc, indent));
    }
}
