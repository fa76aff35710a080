// The streaming JSON writer prints exactly what nlohmann::json's dump() prints for the same
// values: the summary used to be built as an ordered_json tree and dumped, and every consumer
// (tests, the JS oracle comparison, partial merges) relies on those bytes.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>

#include <nlohmann/json.hpp>

#include "generate.h"
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
