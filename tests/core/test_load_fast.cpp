// The batch loader's two ways of reading a teacher (load_batch.h, BatchReading): clean records
// straight from the text, every other one from the parsed nodes. Whatever the bytes, both must
// give the same file, teachers, problems (pointer, line, column, messages) and status; and
// generated clean files must be taken by the fast reader, so a fast path that gave up on
// everything (and so proved nothing) fails here too.
#include <doctest/doctest.h>

#include <random>
#include <string>
#include <vector>

#include "dates.h"
#include "generate.h"
#include "load_batch.h"

using namespace it2;

namespace {

// Everything a load gives, written out: two loads are the same exactly when these are equal.
std::string described(const BatchLoad& load) {
    std::string out = std::string(file_status_key(load.status)) + "\n";
    for (const Problem& p : load.problems)
        out += "problem " + p.file + "|" + severity_key(p.severity) + "|" + p.pointer + "|" + std::to_string(p.line) +
               ":" + std::to_string(p.column) + "|" + p.message_zh + "|" + p.message_en + "|" + p.teacher_id + "|" +
               p.teacher_name + "|" + p.school + "\n";
    if (!load.data) return out;
    const BatchFile& f = *load.data;
    out += f.file + "|" + f.district_code + "|" + f.district_name + "|" + f.school_id + "|" + f.school_name + "|" +
           f.school_stage + "|" + std::to_string(int(f.environment)) + "|" + f.batch_id + "|" + f.batch_name + "|" +
           f.batch_start + "|" + f.batch_end + "\n";
    for (const Deliverable* d : {&f.management_team, &f.development_plan, &f.training_plan})
        out += "deliverable " + std::to_string(d->present) + d->date + "\n";
    for (const Activity& a : f.activities)
        out += "activity " + a.date + "|" + a.title + "|" + std::to_string(a.hours) + "|" +
               std::to_string(a.participants) + "\n";
    // None left over from a point or a teacher not kept.
    out += "points " + std::to_string(f.points.size()) + " items " + std::to_string(f.items.size()) + "\n";
    for (const Teacher& t : f.teachers) {
        char hours[64];
        std::snprintf(hours, sizeof hours, "%a|%a", t.online, t.practice);  // every bit of the doubles
        out += "teacher " + t.id + "|" + t.name + "|" + t.subject + "|" + t.role + "|" + t.stage + "|" + hours + "|" +
               std::to_string(t.index) + "|" + std::to_string(t.line) + ":" + std::to_string(t.column) + "\n";
        for (const PointRecord& p : f.points_of(t)) {
            out += " point " + std::to_string(p.point) + "|" + std::to_string(int(p.status)) + "|" +
                   std::to_string(int(p.grade)) + "|" + iso_date(p.submitted) + "|" + iso_date(p.reviewed) + "\n";
            for (const Item& i : f.items_of(p)) out += "  item " + i.title + "|" + std::to_string(int(i.grade)) + "\n";
        }
    }
    return out;
}

// Loads `bytes` both ways and checks they agree; returns how many teachers the fast reader took.
size_t check_same(const std::string& name, const std::string& bytes) {
    size_t fast = 0;
    const std::string general = described(load_batch(name, bytes, BatchReading::general));
    const std::string both = described(load_batch(name, bytes, BatchReading::fast_then_general, &fast));
    REQUIRE(general == both);
    return fast;
}

// Text that teacher records hold, and text that breaks them in every way the reader knows.
const std::vector<std::string>& pieces() {
    static const std::vector<std::string> p = {
        "{", "}", "[", "]", ",", ":", "\"", "\\", " ", "\n", "\r\n", "\t", "null", "true", "0", "-0", "1", "7",
        "12.5", "-3", "501", "1e2", "1e400", "0.1", "01", ".", "-", "\"\"", "\"x\"", "\"\\u5218\"", "\"\\n\"",
        "\xE5\x88\x98", "\xC3\xA9", "\xFF", "\xE5\x88", "\x01", "\"id\":", "\"name\":", "\"subject\":",
        "\"role\":", "\"stage\":", "\"hours\":", "\"online\":", "\"practice\":", "\"points\":", "\"code\":",
        "\"status\":", "\"grade\":", "\"items\":", "\"title\":", "\"submitted\":", "\"reviewed\":", "\"other\":",
        "\"A1\"", "\"a3\"", "\"B10\"", "\"C8\"", "\"D1\"", "\"graded\"", "\"submitted\"", "\"selected\"",
        "\"优秀\"", "\"合格\"", "\"不合格\"", "\"excellent\"", "\"pass\"", "\"good\"", "\"2022-05-01\"",
        "\"2022-02-30\"", "\"2019-01-01\"", "\"2022-13-01\"", "\"500110000001\"",
        "{\"title\":\"t\",\"grade\":\"优秀\"}", "{\"grade\":\"合格\"}", "{\"title\":3,\"grade\":\"合格\"}",
        "{\"code\":\"A1\",\"status\":\"graded\",\"grade\":\"合格\"}", "{\"code\":\"A1\",\"status\":\"selected\"}",
    };
    return p;
}

// One random edit inside the teachers array: a piece inserted, a span deleted or replaced by a piece.
std::string mutated(const std::string& bytes, std::mt19937_64& rng) {
    const size_t first = bytes.find("\"teachers\"");
    const size_t span = bytes.size() - first;
    std::string out = bytes;
    const int edits = 1 + int(rng() % 3);
    for (int e = 0; e < edits; ++e) {
        const size_t at = first + size_t(rng() % span);
        const std::string& piece = pieces()[size_t(rng() % pieces().size())];
        switch (rng() % 3) {
            case 0: out.insert(std::min(at, out.size()), piece); break;
            case 1: out.erase(std::min(at, out.size()), size_t(rng() % 12)); break;
            default: out.replace(std::min(at, out.size()), size_t(rng() % 8), piece); break;
        }
    }
    return out;
}

std::vector<GeneratedFile> small_files(uint64_t seed, bool with_errors) {
    GenerateOptions options;
    options.schools = 3;
    options.teachers_per_school = 12;
    options.batches = 3;
    options.seed = seed;
    options.with_errors = with_errors;
    return generate(options);
}

}  // namespace

TEST_CASE("load_batch: clean generated files are read by the fast reader, to the same result") {
    size_t teachers = 0, fast = 0;
    for (uint64_t seed : {1, 2, 3}) {
        for (const GeneratedFile& f : small_files(seed, false)) {
            fast += check_same(f.name, f.bytes);
            BatchLoad load = load_batch(f.name, f.bytes);
            REQUIRE(static_cast<bool>(load.data));
            teachers += load.data->teachers.size();
        }
    }
    CHECK(teachers > 0);
    CHECK(fast == teachers);  // every record of a clean file
}

TEST_CASE("load_batch: files with every record error give the same result both ways") {
    size_t fast = 0;
    for (uint64_t seed : {4, 5, 6, 7})
        for (const GeneratedFile& f : small_files(seed, true)) fast += check_same(f.name, f.bytes);
    CHECK(fast > 0);  // the clean records among them
}

TEST_CASE("load_batch: records edited at random give the same result both ways") {
    std::mt19937_64 rng(20261201);
    const std::vector<GeneratedFile> files = small_files(9, false);
    size_t fast = 0, runs = 0;
    for (int round = 0; round < 1500; ++round) {
        const GeneratedFile& f = files[size_t(rng() % files.size())];
        fast += check_same(f.name, mutated(f.bytes, rng));
        ++runs;
    }
    CHECK(runs == 1500);
    CHECK(fast > 0);
}

TEST_CASE("load_batch: hand-made records at the edges of the fast reader") {
    const std::string head =
        "{\"format\":\"it2-batch\",\"version\":1,\"school\":{\"id\":\"S1\",\"name\":\"一小\"},"
        "\"batch\":{\"id\":\"2022-1\",\"start\":\"2022-03-01\",\"end\":\"2022-12-31\"},\"teachers\":[\n";
    const std::vector<std::string> records = {
        // taken: keys in another order, white space, nulls, CRLF, -0 hours, no points
        R"({ "name" : "彭瑶" , "id" : "T1" , "hours" : { "practice" : 0.5 , "online" : -0 } })",
        "{\"id\":\"T2\",\r\n\"name\":\"王\",\"subject\":null,\"role\":\"\",\"stage\":null,\"hours\":null,\"points\":null}",
        R"({"id":"T3","name":"李","points":[]})",
        R"({"id":"T4","name":"张","points":[{"code":"a1","status":"graded","grade":"优秀"}]})",
        R"({"id":"T5","name":"赵","points":[{"code":"B2","status":"submitted","items":[{"title":"x"},{"grade":"good"}]}]})",
        R"({"id":"T6","name":"钱","points":[{"code":"C1","status":"graded","items":[{"title":"甲","grade":"优秀"},{"title":"乙","grade":"合格"}],"grade":"合格"}]})",
        R"({"id":"T7","name":"孙","points":[{"code":"A2","status":"graded","items":[],"grade":"不合格","submitted":"2019-01-01"}]})",
        // general: each has something the fast reader leaves to the nodes
        R"({"id":"T1","name":"dup"})",
        R"({"id":"T8","name":"周","hours":{"online":501}})",
        R"({"id":"T9","name":"吴","hours":{"online":1e2}})",
        R"({"id":"T10","name":"郑","points":[{"code":"A1","status":"graded"}]})",
        R"({"id":"T11","name":"王","points":[{"code":"A1","status":"graded","grade":"优秀","items":[{"title":"x","grade":"合格"}]}]})",
        R"({"id":"T12","name":"冯","points":[{"code":"A1","status":"selected"},{"code":"a1","status":"selected"}]})",
        R"({"id":"T13","name":"陈","extra":1})",
        R"({"id":"T14","name":"\u891a"})",
        R"({"id":"T15","name":"卫","id":"T16"})",
        R"({"id":"","name":"蒋"})",
        R"({"id":"T17","name":"沈","points":[{"code":"A1","status":"graded","items":[{"title":"x"}],"grade":"合格"}]})",
        R"({"id":"T18","name":"韩","points":[{"code":"A1","status":"selected","grade":"合格"}]})",
        R"({"id":"T19","name":"杨","points":[{"code":"A1","status":"selected","reviewed":"2022-02-30"}]})",
        R"(7)",
    };
    std::string all = head;
    for (size_t i = 0; i < records.size(); ++i) {
        check_same("one.json", head + records[i] + "]}");
        all += (i ? ",\n" : "") + records[i];
    }
    all += "]}";
    size_t fast = check_same("all.json", all);
    CHECK(fast == 7);  // T1-T7 taken, the rest read from the nodes
    BatchLoad load = load_batch("all.json", all);
    REQUIRE(static_cast<bool>(load.data));
    CHECK(load.data->teachers.at(0).practice == 0.5);
    CHECK(load.data->teachers.at(0).line == 2);
}
