// The `it2` binary end to end: exit codes 0/1/2, folder reading order, validate's line format,
// the reference outputs, generate, policies. Runs the binary built next to the tests (IT2_CLI).
#include <doctest/doctest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "catalog.h"
#include "policy.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A fresh folder under the system temp dir, removed when the test ends.
struct TempDir {
    fs::path path;
    TempDir() {
        static std::atomic<int> counter{0};  // unique names within this process
        path = fs::temp_directory_path() /
               ("it2-cli-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
        fs::remove_all(path);
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ignored;
        fs::remove_all(path, ignored);
    }
    std::string write(const std::string& relative, const std::string& bytes) const {
        const fs::path file = path / relative;
        fs::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary);
        out << bytes;
        return file.string();
    }
    std::string str() const { return path.string(); }
};

std::string read_all(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

struct Run {
    int status = -1;
    std::string out, err;
};

std::string quote(const std::string& arg) {
    std::string q = "'";
    for (char c : arg) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

Run run_it2(const std::vector<std::string>& args) {
    TempDir capture;
    std::string command = quote(IT2_CLI);
    for (const std::string& a : args) command += " " + quote(a);
    command += " >" + quote((capture.path / "out").string()) + " 2>" + quote((capture.path / "err").string());
    const int raw = std::system(command.c_str());
    Run r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_all(capture.path / "out");
    r.err = read_all(capture.path / "err");
    return r;
}

json parse(const std::string& text) {
    json doc = json::parse(text.begin(), text.end(), nullptr, false);
    REQUIRE_FALSE(doc.is_discarded());
    return doc;
}

// A small clean batch file: one teacher who passes, one who has not started.
std::string batch_file(const std::string& school, const std::string& batch, const std::string& extra_teacher = "") {
    return R"({"format": "it2-batch", "version": 1,
  "school": {"id": ")" + school + R"(", "name": "学校)" + school + R"(",
             "deliverables": {"management_team": "2022-03-02", "development_plan": true}},
  "batch": {"id": ")" + batch + R"(", "start": "2022-03-01", "end": "2022-12-31"},
  "activities": [{"date": "2022-04-12"}, {"date": "2022-05-12"}],
  "teachers": [
    {"id": ")" + school + R"(-1", "name": "彭瑶", "hours": {"online": 28.5, "practice": 26},
     "points": [{"code": "A1", "status": "graded", "grade": "优秀"},
                {"code": "a2", "status": "graded", "grade": "合格"},
                {"code": "A5", "status": "graded", "grade": "优秀"}]},
    {"id": ")" + school + R"(-2", "name": "李玥"})" + extra_teacher + R"(
  ]}
)";
}

const json& by_key(const json& array, const char* key, const std::string& value) {
    for (const json& item : array)
        if (item[key] == value) return item;
    FAIL("nothing with " << key << " = " << value);
    return array;
}

}  // namespace

TEST_CASE("it2: help and usage errors") {
    CHECK(run_it2({"--help"}).status == 0);
    CHECK(run_it2({"--help"}).out.find("summarize") != std::string::npos);
    CHECK(run_it2({}).status == 2);
    const Run unknown = run_it2({"summarise"});
    CHECK(unknown.status == 2);
    CHECK(unknown.err.find("Run `it2 COMMAND --help`") != std::string::npos);
    for (const char* command : {"summarize", "validate", "generate", "catalog", "policy", "merge"}) {
        const Run help = run_it2({command, "--help"});
        CHECK_MESSAGE(help.status == 0, command);
        CHECK_MESSAGE(help.out.find("usage: it2 ") == 0, command);
    }
    TempDir dir;
    const std::string file = dir.write("a.json", batch_file("S1", "2022-1"));
    const Run no_inputs = run_it2({"summarize"});
    CHECK(no_inputs.status == 2);
    CHECK(no_inputs.err.find("e.g. it2 summarize data/demo/") != std::string::npos);
    const Run bad_date = run_it2({"summarize", "--as-of", "2022-13-01", file});
    CHECK(bad_date.status == 2);
    CHECK(bad_date.err.find("--as-of 2022-11-01") != std::string::npos);
    CHECK(run_it2({"summarize", "--as-of", file}).status == 2);
    CHECK(run_it2({"summarize", "--lang", "fr", file}).status == 2);
    CHECK(run_it2({"summarize", "--xml", file}).status == 2);
    const Run missing = run_it2({"summarize", (dir.path / "nope.json").string()});
    CHECK(missing.status == 2);
    CHECK(missing.err.find("no such file or folder") != std::string::npos);
    CHECK(run_it2({"generate", "--schools", "many", "--out", dir.str()}).status == 2);
    CHECK(run_it2({"generate", "--schools", "2"}).status == 2);  // no --out
    CHECK(run_it2({"catalog", "extra"}).status == 2);
}

TEST_CASE("it2 summarize: exit 0 on clean files, JSON per format.md §4") {
    TempDir dir;
    const std::string file = dir.write("tonghui-2022-1.json", batch_file("S1", "2022-1"));
    const Run r = run_it2({"summarize", "--json", "--as-of", "2022-11-01", file});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    const json doc = parse(r.out);
    CHECK(doc["as_of"] == "2022-11-01");
    CHECK(doc["files"] == json::array({{{"file", "tonghui-2022-1.json"}, {"status", "loaded"}}}));
    CHECK(doc["problems"].empty());
    const json& school = by_key(doc["schools"], "id", "S1");
    CHECK(school["teachers"] == 2);
    CHECK(school["pass_rate"].get<double>() == 0.5);
    CHECK(school["excellence_rate"].get<double>() == 0.5);
    CHECK(school["participation_rate"].get<double>() == 0.5);
    // organisation 2 of 3, activities 2 of 4, participation × hours 0.5 × 0.5, pass 0.5, excellence full.
    CHECK(school["score"].get<double>() == doctest::Approx(20.0 * 2 / 3 + 10 + 5 + 12.5 + 15));
    CHECK(by_key(doc["teachers"], "id", "S1-1")["status"] == "excellent");
    CHECK(by_key(doc["teachers"], "id", "S1-2")["status"] == "not_started");
    // After the batch's end the teacher who never started is not_met.
    const json later = parse(run_it2({"summarize", "--json", "--as-of", "2023-01-01", file}).out);
    CHECK(by_key(later["teachers"], "id", "S1-2")["status"] == "not_met");

    const Run table = run_it2({"summarize", "--as-of", "2022-11-01", file});  // the default is the table
    CHECK(table.status == 0);
    CHECK(table.out.find("全区") != std::string::npos);
    CHECK(table.out.find("学校S1") != std::string::npos);
    const Run csv = run_it2({"summarize", "--csv", "--lang", "en", file});
    CHECK(csv.out.rfind("teacher_id,name,", 0) == 0);
    CHECK(csv.out.find("S1-2,李玥,,S1,学校S1,2022-1,") != std::string::npos);
}

TEST_CASE("it2 summarize: exit 1 when any problem is reported") {
    TempDir dir;
    const std::string partial =
        dir.write("partial.json", batch_file("S1", "2022-1", R"(, {"id": "S1-3", "name": "王喆", "hours": {"online": -4}})"));
    const Run r = run_it2({"summarize", "--json", "--lang", "en", partial});
    CHECK(r.status == 1);
    const json doc = parse(r.out);
    CHECK(doc["files"][0]["status"] == "partial");
    REQUIRE(doc["problems"].size() == 1);
    CHECK(doc["problems"][0]["pointer"] == "/teachers/2/hours/online");
    CHECK(doc["problems"][0]["severity"] == "record");
    CHECK(by_key(doc["teachers"], "id", "S1-3")["online"].get<double>() == 0);

    const std::string broken = dir.write("broken.json", "{\"format\": \"it2-batch\", ");
    const Run rejected = run_it2({"summarize", "--json", broken});
    CHECK(rejected.status == 1);
    CHECK(parse(rejected.out)["files"][0]["status"] == "rejected");
    // With the table, problems go to stderr in validate's line format.
    const Run table = run_it2({"summarize", broken});
    CHECK(table.status == 1);
    CHECK(table.err.find("broken.json:") != std::string::npos);
    CHECK(table.err.find(": error: ") != std::string::npos);
}

TEST_CASE("it2 summarize: folders are read recursively for *.json in sorted path order") {
    TempDir dir;
    dir.write("data/b.json", batch_file("S2", "2022-1"));
    dir.write("data/a.json", batch_file("S1", "2022-1"));
    dir.write("data/sub/c.json", batch_file("S3", "2022-1"));
    dir.write("data/notes.txt", "not a batch file");
    // z.json is the same school and batch as a.json and comes later: a.json is replaced.
    dir.write("data/z.json", batch_file("S1", "2022-1"));
    const Run r = run_it2({"summarize", "--json", (dir.path / "data").string()});
    CHECK(r.status == 1);  // the replacement is reported
    const json doc = parse(r.out);
    REQUIRE(doc["files"].size() == 4);
    CHECK(doc["files"][0] == json({{"file", "a.json"}, {"status", "replaced"}}));
    CHECK(doc["files"][1] == json({{"file", "b.json"}, {"status", "loaded"}}));
    CHECK(doc["files"][2] == json({{"file", "c.json"}, {"status", "loaded"}}));
    CHECK(doc["files"][3] == json({{"file", "z.json"}, {"status", "loaded"}}));
    CHECK(doc["district"]["schools"] == 3);
    CHECK(doc["district"]["teachers"] == 6);

    // Two inputs with the same base name keep their paths, so the files stay distinguishable.
    const std::string one = dir.write("x/same.json", batch_file("S7", "2022-1"));
    const std::string two = dir.write("y/same.json", batch_file("S8", "2022-1"));
    const json same = parse(run_it2({"summarize", "--json", one, two}).out);
    CHECK(same["files"][0]["file"] == one);
    CHECK(same["files"][1]["file"] == two);
}

TEST_CASE("it2 summarize: files are read as bytes (BOM and CRLF load cleanly)") {
    TempDir dir;
    std::string text = batch_file("S1", "2022-1"), crlf;
    for (char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    const std::string file = dir.write("bom.json", "\xEF\xBB\xBF" + crlf);
    const Run r = run_it2({"summarize", "--json", file});
    CHECK(r.status == 0);
    CHECK(parse(r.out)["district"]["teachers"] == 2);
}

TEST_CASE("it2 summarize --policy") {
    TempDir dir;
    const std::string file = dir.write("a.json", batch_file("S1", "2022-1"));
    // Requiring A6 fails the teacher who passed with A1, A2, A5.
    const std::string strict = dir.write(
        "strict.json", R"({"format": "it2-policy", "version": 1, "points": {"required": ["A6"]}})");
    const json doc = parse(run_it2({"summarize", "--json", "--as-of", "2022-11-01", "--policy", strict, file}).out);
    CHECK(by_key(doc["teachers"], "id", "S1-1")["status"] == "in_progress");
    CHECK(by_key(doc["schools"], "id", "S1")["pass_rate"].get<double>() == 0.0);
    const std::string bad = dir.write("bad-policy.json", "{\"format\": \"it2-batch\"}");
    const Run rejected = run_it2({"summarize", "--json", "--policy", bad, file});
    CHECK(rejected.status == 2);
    CHECK(rejected.out.empty());
    CHECK(rejected.err.find("leave out --policy") != std::string::npos);
}

TEST_CASE("it2 validate: one problem per line, file:line:column: severity: pointer: message") {
    TempDir dir;
    const std::string clean = dir.write("clean.json", batch_file("S1", "2022-1"));
    const Run ok = run_it2({"validate", clean});
    CHECK(ok.status == 0);
    CHECK(ok.out.empty());
    const std::string flawed = dir.write(
        "flawed.json", batch_file("S2", "2022-1", R"(,
    {"id": "S2-3", "name": "王喆", "points": [{"code": "D4", "status": "selected"}]})"));
    const Run r = run_it2({"validate", "--lang", "en", clean, flawed});
    CHECK(r.status == 1);
    // The extra teacher starts line 12 (the template's 11th line ends with its comma).
    const std::string expected_start = flawed + ":12:";
    CHECK(r.out.rfind(expected_start, 0) == 0);
    CHECK(r.out.find(": record: /teachers/2/points/0") != std::string::npos);
    size_t lines = 0;
    for (char c : r.out) lines += c == '\n';
    CHECK(lines == 1);

    // A policy file among the inputs is checked as a policy.
    const std::string policy = dir.write("policy.json", it2::policy_json(it2::Policy{}));
    CHECK(run_it2({"validate", policy, clean}).status == 0);
    const std::string odd_policy =
        dir.write("odd-policy.json", R"({"format": "it2-policy", "version": 1, "hours": {"online_min": -3}})");
    const Run odd = run_it2({"validate", odd_policy});
    CHECK(odd.status == 1);
    CHECK(odd.out.find(odd_policy + ":1:") == 0);
    CHECK(odd.out.find("/hours/online_min") != std::string::npos);
}

TEST_CASE("it2 catalog and it2 policy print the reference files") {
    const Run catalog = run_it2({"catalog"});
    CHECK(catalog.status == 0);
    CHECK(catalog.out == it2::catalog_json());
    const Run policy = run_it2({"policy"});
    CHECK(policy.status == 0);
    CHECK(policy.out == it2::policy_json(it2::Policy{}));
}

TEST_CASE("it2 generate writes files that summarize cleanly, the same seed giving the same bytes") {
    TempDir dir;
    const std::string first = (dir.path / "first").string(), second = (dir.path / "second").string();
    const std::vector<std::string> options = {"--schools", "2", "--teachers-per-school", "6", "--batches", "2", "--seed", "11"};
    std::vector<std::string> args = {"generate"};
    args.insert(args.end(), options.begin(), options.end());
    args.push_back("--out");
    args.push_back(first);
    REQUIRE(run_it2(args).status == 0);
    args.back() = second;
    REQUIRE(run_it2(args).status == 0);
    size_t files = 0;
    for (const auto& entry : fs::directory_iterator(first)) {
        ++files;
        CHECK(read_all(entry.path()) == read_all(fs::path(second) / entry.path().filename()));
    }
    CHECK(files == 4);  // 2 schools × 2 batches
    const Run summary = run_it2({"summarize", "--json", first});
    CHECK(summary.status == 0);
    const json doc = parse(summary.out);
    CHECK(doc["district"]["schools"] == 2);
    CHECK(doc["district"]["teachers"] == 12);
}
