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
#include "metrics.h"
#include "policy.h"
#include "summary_json.h"
#include "workspace.h"
#include "workspace_file.h"

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

// Runs a shell command line (bash, for <(…)) with stdout and stderr captured; stdout is left
// alone when the line redirects it itself (>/dev/full, >&-).
Run run_shell(const std::string& line, bool capture_stdout = true) {
    TempDir capture;
    std::string command = "bash -c " + quote(line);
    if (capture_stdout) command += " >" + quote((capture.path / "out").string());
    command += " 2>" + quote((capture.path / "err").string());
    const int raw = std::system(command.c_str());
    Run r;
    r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
    r.out = read_all(capture.path / "out");
    r.err = read_all(capture.path / "err");
    return r;
}

Run run_it2(const std::vector<std::string>& args) {
    std::string line = quote(IT2_CLI);
    for (const std::string& a : args) line += " " + quote(a);
    return run_shell(line);
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
    const Run csv = run_it2({"summarize", "--csv", "--raw", "--lang", "en", file});
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

// ---- issue 10: the CLI as careful as the page -----------------------------------------------

TEST_CASE("it2 summarize --csv is the page's Excel-safe CSV (BOM, formula guard) — --raw is plain") {
    TempDir dir;
    const std::string text = batch_file("S1", "2022-1", R"j(, {"id": "S1-3", "name": "=HYPERLINK(\"http://x\")"})j");
    const std::string file = dir.write("a.json", text);
    const Run r = run_it2({"summarize", "--csv", "--as-of", "2022-11-01", file});
    CHECK(r.status == 0);
    CHECK(r.out.rfind("\xEF\xBB\xBF" "教师编号,", 0) == 0);
    CHECK(r.out.find("\"'=HYPERLINK(\"\"http://x\"\")\"") != std::string::npos);
    // Byte for byte what the core's writer gives the page for the same data.
    it2::Workspace ws;
    ws.add("a.json", text);
    const it2::Summary summary = it2::compute(ws, it2::merge(ws), it2::Policy{}, "2022-11-01");
    CHECK(r.out == it2::summary_csv(summary, it2::Lang::zh));
    const Run raw = run_it2({"summarize", "--csv", "--raw", "--as-of", "2022-11-01", file});
    CHECK(raw.out == it2::summary_csv(summary, it2::Lang::zh, false));
    CHECK(raw.out.rfind("教师编号,", 0) == 0);
    CHECK(raw.out.find("\"=HYPERLINK(") != std::string::npos);
    CHECK(run_it2({"summarize", "--json", "--raw", file}).status == 2);  // --raw only with --csv
}

TEST_CASE("it2: output that cannot be written is an error with a message, never a silent exit 0") {
    TempDir dir;
    const std::string file = dir.write("a.json", batch_file("S1", "2022-1"));
    const std::string it2 = quote(IT2_CLI);
    for (const char* command : {" summarize --json ", " summarize --csv ", " summarize ", " validate "}) {
        const Run full = run_shell(it2 + command + quote(file) + " >/dev/full", false);
        // validate prints nothing for a clean file, so it has nothing to fail on.
        if (std::string(command) == " validate ") {
            CHECK(full.status == 0);
            continue;
        }
        CHECK_MESSAGE(full.status == 2, command);
        CHECK_MESSAGE(full.err.find("cannot write the output") != std::string::npos, command);
        const Run closed = run_shell(it2 + command + quote(file) + " >&-", false);
        CHECK_MESSAGE(closed.status == 2, command);
        CHECK_MESSAGE(closed.err.find("cannot write the output") != std::string::npos, command);
    }
    const Run catalog = run_shell(it2 + " catalog >/dev/full", false);
    CHECK(catalog.status == 2);
    const std::string partial = dir.write("p.json", batch_file("S2", "2022-1"));
    CHECK(run_shell(it2 + " summarize --partial " + quote(partial) + " >/dev/full", false).status == 2);
}

namespace {

// Runs it2 as the unprivileged user `nobody` when the tests run as root (root reads files
// whatever their mode, so chmod 000 proves nothing for root); false when that is not possible.
bool can_drop_privileges() { return ::geteuid() != 0 || std::system("command -v setpriv >/dev/null 2>&1") == 0; }

Run run_it2_unprivileged(const std::vector<std::string>& args) {
    std::string line = ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : "";
    line += quote(IT2_CLI);
    for (const std::string& a : args) line += " " + quote(a);
    return run_shell(line);
}

const json* file_entry(const json& doc, const std::string& name) {
    for (const json& f : doc["files"])
        if (f["file"] == name) return &f;
    return nullptr;
}

}  // namespace

TEST_CASE("it2: a file or folder that cannot be read is a file problem — the rest loads (exit 1)") {
    TempDir dir;
    dir.write("data/a.json", batch_file("S1", "2022-1"));
    // A broken link named like a batch file: listed, never skipped in silence.
    fs::create_symlink(dir.path / "data" / "gone.json", dir.path / "data" / "b.json");
    Run r = run_it2({"summarize", "--json", "--lang", "en", (dir.path / "data").string()});
    CHECK(r.status == 1);
    json doc = parse(r.out);
    REQUIRE(file_entry(doc, "b.json"));
    CHECK((*file_entry(doc, "b.json"))["status"] == "rejected");
    CHECK((*file_entry(doc, "a.json"))["status"] == "loaded");
    CHECK(doc["district"]["teachers"] == 2);
    CHECK(r.out.find("cannot read the file: no such file, or a broken link") != std::string::npos);

    // A read that fails half-way (EIO from /proc/self/mem, even for root): a file problem too.
    const std::string good = (dir.path / "data" / "a.json").string();
    r = run_it2({"summarize", "--json", "--lang", "en", "/proc/self/mem", good});
    CHECK(r.status == 1);
    doc = parse(r.out);
    REQUIRE(file_entry(doc, "mem"));
    CHECK((*file_entry(doc, "mem"))["status"] == "rejected");
    CHECK(r.out.find("input/output error") != std::string::npos);
    CHECK(doc["district"]["teachers"] == 2);

    // Permission denied, for a file and a folder (run as nobody when the tests run as root).
    if (!can_drop_privileges()) {
        MESSAGE("setpriv is missing: the permission half of this test was not run");
        return;
    }
    dir.write("data/locked/c.json", batch_file("S3", "2022-1"));
    const std::string secret = dir.write("data/secret.json", batch_file("S4", "2022-1"));
    // Readable by nobody whatever the umask; then lock one file and one folder.
    const fs::perms open_dir = fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec;
    fs::permissions(dir.path, open_dir);
    for (const auto& entry : fs::recursive_directory_iterator(dir.path)) {
        if (entry.is_symlink()) continue;
        fs::permissions(entry.path(), entry.is_directory() ? open_dir
                                                           : fs::perms::owner_read | fs::perms::owner_write |
                                                                 fs::perms::group_read | fs::perms::others_read);
    }
    fs::permissions(secret, fs::perms::none);
    fs::permissions(dir.path / "data" / "locked", fs::perms::none);
    r = run_it2_unprivileged({"summarize", "--json", "--lang", "en", (dir.path / "data").string()});
    fs::permissions(dir.path / "data" / "locked", fs::perms::owner_all);
    CHECK(r.status == 1);
    doc = parse(r.out);
    REQUIRE(file_entry(doc, "secret.json"));
    CHECK((*file_entry(doc, "secret.json"))["status"] == "rejected");
    REQUIRE(file_entry(doc, "locked"));  // named by its base name, as files are
    CHECK((*file_entry(doc, "locked"))["status"] == "rejected");
    CHECK(r.out.find("cannot read the folder: permission denied") != std::string::npos);
    CHECK(r.out.find("cannot read the file: permission denied") != std::string::npos);
    CHECK(doc["district"]["teachers"] == 2);  // a.json still loads
    const Run v = run_it2_unprivileged({"validate", (dir.path / "data").string()});
    CHECK(v.status == 1);
    CHECK(v.out.find(secret + ":0:0: error: : 无法读取文件：没有读取权限") != std::string::npos);
}

TEST_CASE("it2: -, /dev/stdin, pipes and <(…) are read to the end") {
    TempDir dir;
    // Over 64 KB, so a single read of a pipe could not hold it all.
    std::string many;
    for (int i = 3; i < 2000; ++i)
        many += ",\n    {\"id\": \"S1-" + std::to_string(i) + "\", \"name\": \"教师" + std::to_string(i) + "\"}";
    const std::string file = dir.write("big.json", batch_file("S1", "2022-1", many));
    REQUIRE(fs::file_size(file) > 65536);
    const std::string it2 = quote(IT2_CLI) + " summarize --json ";
    for (const std::string& line : {it2 + "- < " + quote(file), it2 + "/dev/stdin < " + quote(file),
                                    "cat " + quote(file) + " | " + it2 + "-", it2 + "<(cat " + quote(file) + ")",
                                    "cat " + quote(file) + " | " + it2 + "/dev/stdin"}) {
        const Run r = run_shell(line);
        CHECK_MESSAGE(r.status == 0, line);
        if (r.status != 0) continue;
        const json doc = parse(r.out);
        CHECK_MESSAGE(doc["district"]["teachers"] == 1999, line);
        CHECK_MESSAGE(doc["files"][0]["status"] == "loaded", line);
    }
    const Run twice = run_shell(it2 + "- - < " + quote(file));
    CHECK(twice.status == 2);
    CHECK(twice.err.find("given twice") != std::string::npos);
}

TEST_CASE("it2 validate and --table: control characters in data cannot forge lines or drive the terminal") {
    TempDir dir;
    const std::string evil =
        dir.write("evil\nfake.json:1:1: error: forged\x1B[2J.json",
                  batch_file("S\\u001b]0;title\\u0007", "2022-1",
                             R"(, {"id": "S\u001b]0;title\u0007-1", "name": "重复\u001b[31m\n假行"})"));
    const Run v = run_it2({"validate", "--lang", "en", evil});
    CHECK(v.status == 1);
    CHECK(v.out.find('\x1B') == std::string::npos);
    CHECK(v.out.find('\x07') == std::string::npos);
    size_t lines = 0;
    for (char c : v.out) lines += c == '\n';
    CHECK(lines == 1);  // one problem (the duplicate id), one line
    CHECK(v.out.find("evil␊fake.json") != std::string::npos);
    const Run table = run_it2({"summarize", "--table", evil});
    CHECK(table.out.find('\x1B') == std::string::npos);
    CHECK(table.err.find('\x1B') == std::string::npos);
    CHECK(table.out.find("S␛]0;title␇") != std::string::npos);
}

TEST_CASE("it2: a policy file in a folder is applied as the page applies it — validate says so") {
    TempDir dir;
    dir.write("data/a.json", batch_file("S1", "2022-1"));
    dir.write("data/rules.json", R"({"format": "it2-policy", "version": 1, "points": {"required": ["A6"]}})");
    const std::string folder = (dir.path / "data").string();
    Run r = run_it2({"summarize", "--json", "--as-of", "2022-11-01", "--lang", "en", folder});
    CHECK(r.status == 0);
    json doc = parse(r.out);
    CHECK(doc["files"].size() == 1);  // the policy is not a batch file (the page does not list it either)
    CHECK(by_key(doc["teachers"], "id", "S1-1")["status"] == "in_progress");  // A6 is now required
    CHECK(r.err.find("rules.json: policy file applied") != std::string::npos);
    const Run v = run_it2({"validate", "--lang", "en", folder});
    CHECK(v.status == 0);
    CHECK(v.out.empty());
    CHECK(v.err.find("rules.json: policy file applied") != std::string::npos);

    // Map/reduce: the map step writes no partial for it (partials are policy-free) and says so;
    // merge with it as --policy gives what summarize gave.
    const Run map = run_it2({"summarize", "--partial", folder});
    CHECK(map.status == 0);
    CHECK(map.err.find("rules.json: an it2-policy file, not a batch file") != std::string::npos);
    const std::string partials = dir.write("p.jsonl", map.out);
    const Run reduced = run_it2({"merge", "--json", "--as-of", "2022-11-01", "--lang", "en", "--policy",
                                 (dir.path / "data" / "rules.json").string(), partials});
    CHECK(reduced.status == 0);
    CHECK(reduced.out == r.out);

    // A rejected policy file among the inputs is a problem (exit 1) and changes nothing.
    dir.write("data/rules.json", R"({"format": "it2-policy", "version": 7})");
    r = run_it2({"summarize", "--json", "--as-of", "2022-11-01", "--lang", "en", folder});
    CHECK(r.status == 1);
    doc = parse(r.out);
    CHECK(by_key(doc["teachers"], "id", "S1-1")["status"] == "excellent");
    CHECK(doc["problems"].size() == 1);
    CHECK(doc["problems"][0]["file"] == "rules.json");
    CHECK(r.err.find("policy file rejected") != std::string::npos);
}

// ---- summarize --partial opens files as summarize does (the mr helper's block) ----------------
TEST_CASE("it2 summarize --partial opens a workspace stored inside a workspace as summarize does") {
    using namespace it2;
    TempDir dir;
    Policy lenient;
    lenient.min_passed = 1;
    // The inner workspace holds two batch files and a policy file; the outer one holds a batch
    // file, the inner workspace, a workspace that cannot be read, and one more batch file after
    // them (its key must sort after the inner workspace's files).
    const std::string inner =
        write_workspace_file({{"s7.json", batch_file("S7", "2022-1")},
                              {"rules.json", policy_json(lenient)},
                              {"s8.json", batch_file("S8", "2022-1", R"(, {"id": "S8-3", "name": "王喆", "hours": {"online": -4}})")}},
                             lenient, WorkspaceSettings{});
    dir.write("data/a.json", batch_file("S1", "2022-1"));
    dir.write("data/b-outer.json",
              write_workspace_file({{"s6.json", batch_file("S6", "2022-1")},
                                    {"inner-workspace.json", inner},
                                    {"broken-workspace.json", R"({"format": "it2-workspace", "version": 1, "files": 7})"},
                                    {"s9.json", batch_file("S9", "2022-1")}},
                                   lenient, WorkspaceSettings{}));
    const std::string folder = dir.str() + "/data";
    const Run whole = run_it2({"summarize", "--json", "--as-of", "2022-11-01", "--lang", "en", folder});
    REQUIRE(whole.status == 1);  // S8-3's hours, the broken workspace
    const json doc = parse(whole.out);
    REQUIRE(doc["files"].size() == 6);  // a.json, s6, s7, s8, the broken workspace, s9 (not rules.json)
    CHECK(by_key(doc["files"], "file", "s8.json")["status"] == "partial");
    CHECK(by_key(doc["files"], "file", "broken-workspace.json")["status"] == "rejected");

    const Run map = run_it2({"summarize", "--partial", folder});
    REQUIRE(map.status == 0);
    size_t lines = 0;
    for (char c : map.out) lines += c == '\n';
    CHECK(lines == 6);  // one per file summarize lists, none for the policies
    CHECK(map.out.find("rules.json") == std::string::npos);
    CHECK(map.err.find("b-outer.json: a workspace file: its files are mapped, its policy is not") != std::string::npos);
    const std::string partials = dir.write("p.jsonl", map.out);
    const std::string policy_file = dir.write("lenient.json", policy_json(lenient));
    const Run merged =
        run_it2({"merge", "--json", "--as-of", "2022-11-01", "--lang", "en", "--policy", policy_file, partials});
    CHECK(merged.status == whole.status);
    CHECK(merged.out == whole.out);
}

TEST_CASE("it2: a rejected --policy exits 2 in every command") {
    TempDir dir;
    const std::string file = dir.write("a.json", batch_file("S1", "2022-1"));
    const std::string bad = dir.write("bad.json", R"({"format": "it2-policy", "version": 2})");
    const std::string missing = (dir.path / "none.json").string();
    const std::string partials = dir.write("p.jsonl", run_it2({"summarize", "--partial", file}).out);
    for (const std::string& policy : {bad, missing}) {
        CHECK(run_it2({"summarize", "--policy", policy, file}).status == 2);
        const Run v = run_it2({"validate", "--policy", policy, file});
        CHECK(v.status == 2);
        if (policy == bad) CHECK(v.out.find(bad + ":") == 0);  // validate still shows why
        CHECK(run_it2({"policy", "--policy", policy}).status == 2);
        CHECK(run_it2({"merge", "--policy", policy, partials}).status == 2);
    }
    const std::string help = run_it2({"--help"}).out;
    CHECK(help.find("--policy FILE that cannot be read or is rejected (every command)") != std::string::npos);
}

TEST_CASE("it2 merge checks partials as strictly as the loader checks files") {
    TempDir dir;
    const std::string file = dir.write("a.json", batch_file("S1", "2022-1"));
    const Run partial = run_it2({"summarize", "--partial", file});
    REQUIRE(partial.status == 0);
    const json line = parse(partial.out);
    REQUIRE(run_it2({"merge", dir.write("ok.jsonl", partial.out)}).status == 0);
    struct Damage {
        const char* what;
        void (*apply)(json&);
    };
    const Damage damages[] = {
        {"hours are negative", [](json& l) { l["data"]["teachers"][0][5] = -4; }},
        {"teacher id is empty", [](json& l) { l["data"]["teachers"][0][0] = ""; }},
        {"the name is empty", [](json& l) { l["data"]["teachers"][1][1] = ""; }},
        {"batch date is not a real", [](json& l) { l["data"]["batch"][2] = "2022-02-30"; }},
        {"activity date is not a real", [](json& l) { l["data"]["activities"][0][0] = "2022-13-01"; }},
        {"school id is empty", [](json& l) { l["data"]["school"][0] = ""; }},
        {"used twice", [](json& l) { l["data"]["teachers"][1][0] = l["data"]["teachers"][0][0]; }},
        {"grade does not match", [](json& l) { l["data"]["teachers"][0][10][0][2] = 0; }},
        {"does not match the severities", [](json& l) { l["status"] = "partial"; }},
        {"longer than its limit", [](json& l) { l["data"]["school"][1] = std::string(201, 'x'); }},
    };
    for (const Damage& d : damages) {
        json damaged = line;
        d.apply(damaged);
        const std::string path = dir.write("bad.jsonl", damaged.dump() + "\n");
        const Run r = run_it2({"merge", path});
        CHECK_MESSAGE(r.status == 2, d.what);
        CHECK_MESSAGE(r.err.find(d.what) != std::string::npos, d.what << ": " << r.err);
        CHECK_MESSAGE(r.out.empty(), d.what);
    }
}

TEST_CASE("it2 remind: names only, and --with-ids adds each teacher's id (附带工号)") {
    const std::string demo = std::string(IT2_SOURCE_DIR) + "/data/demo";
    const Run names = run_it2({"remind", "--as-of", "2026-11-30", "--school", "500110-0014", demo});
    const Run ids = run_it2({"remind", "--as-of", "2026-11-30", "--school", "500110-0014", "--with-ids", demo});
    CHECK(names.status == 1);  // the demo has problems on purpose (stderr)
    CHECK(ids.status == 1);
    REQUIRE(names.out.rfind("【催办名单】綦江区石壕小学\n", 0) == 0);
    CHECK(names.out.find("（5001100") == std::string::npos);
    // The same lines, each name followed by "（id）".
    std::string stripped = ids.out;
    int removed = 0;
    for (size_t at; (at = stripped.find("（5001100")) != std::string::npos; ++removed)
        stripped.erase(at, stripped.find("）", at) + std::string("）").size() - at);
    CHECK(removed >= 5);
    CHECK(stripped == names.out);
    CHECK(run_it2({"remind", "--with-id", demo}).status == 2);  // a misspelt option is a usage error
}

TEST_CASE("it2 summarize --partial reads summarize's inputs: a platform CSV (one line per school and batch), a workspace") {
    using namespace it2;
    TempDir dir;
    dir.write("data/a.json", batch_file("S1", "2022-1"));
    dir.write("data/b-platform.csv",
              "\xEF\xBB\xBF学校编号,学校名称,批次,教师编号,姓名,学科,在线学时,实践学时,开始日期,结束日期\r\n"
              "S2,二小,2022-1,S2-1,王伟,数学,30,26,2022-03-01,2022-12-31\r\n"
              "S2,二小,2022-2,S2-2,李娜,语文,10,5,2022-09-01,2023-06-30\r\n"
              "S3,三小,2022-1,S3-1,张敏,英语,26,27,2022-03-01,2022-12-31\r\n");
    Policy lenient;
    lenient.min_passed = 1;
    dir.write("data/c-workspace.json",
              write_workspace_file({{"s4.json", batch_file("S4", "2022-1")}, {"s5.json", batch_file("S5", "2022-1")}}, lenient,
                                   WorkspaceSettings{}));
    const std::string folder = dir.str() + "/data";
    const Run map = run_it2({"summarize", "--partial", folder});
    REQUIRE(map.status == 0);
    size_t lines = 0;
    for (char c : map.out) lines += c == '\n';
    CHECK(lines == 1 + 3 + 2);  // the batch file, the CSV's three (school, batch) entries, the workspace's two files
    CHECK(map.err.find("c-workspace.json: a workspace file: its files are mapped, its policy is not") != std::string::npos);
    // Merged with the workspace's policy, they are what summarize makes of the folder.
    const std::string partials = dir.write("p.jsonl", map.out);
    const std::string policy_file = dir.write("lenient.json", policy_json(lenient));
    const Run merged = run_it2({"merge", "--json", "--as-of", "2022-11-01", "--policy", policy_file, partials});
    const Run whole = run_it2({"summarize", "--json", "--as-of", "2022-11-01", folder});
    CHECK(merged.status == whole.status);
    const json a = parse(merged.out), b = parse(whole.out);
    CHECK(a["teachers"] == b["teachers"]);
    CHECK(a["schools"] == b["schools"]);
    CHECK(a["files"] == b["files"]);
    CHECK(b["files"].size() == 6);
}
