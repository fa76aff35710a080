// The workspace file (保存工作区 / 打开工作区) and 导出本校.
#include <doctest/doctest.h>

#include <string>

#include "csv_import.h"
#include "generate.h"
#include "metrics.h"
#include "summary_json.h"
#include "workspace_file.h"

using namespace it2;

namespace {

// Loads stored files the way the app does: a CSV becomes one entry per school and batch.
Workspace workspace_of(const std::vector<StoredFile>& files) {
    Workspace ws;
    for (const StoredFile& f : files) {
        if (looks_like_csv(f.name, f.bytes)) {
            for (FileEntry& e : csv_file_entries(f.name, f.bytes)) ws.files.push_back(std::move(e));
        } else {
            ws.add(f.name, f.bytes);
        }
    }
    return ws;
}

std::string summary_of(const std::vector<StoredFile>& files, const Policy& policy) {
    Workspace ws = workspace_of(files);
    return summary_json(compute(ws, merge(ws), policy, "2022-11-01"), Lang::zh);
}

std::vector<StoredFile> sample_files() {
    GenerateOptions options;
    options.schools = 3;
    options.teachers_per_school = 6;
    options.batches = 2;
    options.seed = 7;
    options.with_errors = true;
    std::vector<StoredFile> files;
    for (GeneratedFile& g : generate(options)) files.push_back({g.name, g.bytes});
    // A GBK platform CSV for one generated school and a school of its own, and bytes that are no text at all.
    std::string school = files.at(0).bytes.substr(files[0].bytes.find("\"id\"") + 4);
    files.push_back({"平台导出.csv",
                     "\xD1\xA7\xD0\xA3\xB1\xE0\xBA\xC5,\xD1\xA7\xD0\xA3\xC3\xFB\xB3\xC6,\xC5\xFA\xB4\xCE,"
                     "\xBD\xCC\xCA\xA6\xB1\xE0\xBA\xC5,\xD0\xD5\xC3\xFB,\xD4\xDA\xCF\xDF\xD1\xA7\xCA\xB1\r\n"  // header in GBK
                     "CSV-1,\xB6\xFE\xD0\xA1,2022-9,C1,\xC0\xEE\xC0\xD7,30\r\n"
                     "CSV-2,\xC8\xFD\xD0\xA1,2022-9,C2,\xBA\xAB\xC3\xB7,12\r\n"});
    files.push_back({"binary.bin", std::string("\x00\xFF\x01\x80\"\\\n", 7)});
    return files;
}

}  // namespace

TEST_CASE("base64 round trip and corrupt input") {
    std::string all;
    for (int i = 0; i < 256; ++i) all += char(i);
    for (size_t n : {0, 1, 2, 3, 4, 255, 256}) {
        std::string back;
        REQUIRE(base64_decode(base64_encode(all.substr(0, n)), back));
        CHECK(back == all.substr(0, n));
    }
    CHECK(base64_encode("Man") == "TWFu");
    CHECK(base64_encode("Ma") == "TWE=");
    std::string out;
    CHECK(base64_decode("TW\nFu", out));
    CHECK(out == "Man");
    CHECK_FALSE(base64_decode("TWF", out));     // bad length
    CHECK_FALSE(base64_decode("TW=u", out));    // symbol after padding
    CHECK_FALSE(base64_decode("TW*u", out));    // not in the alphabet
}

TEST_CASE("workspace file round trip: same names, same bytes, same summary") {
    std::vector<StoredFile> files = sample_files();
    Policy policy;
    policy.online_min = 20;
    policy.practice_min = 30;
    policy.min_excellent_points = 1;
    WorkspaceSettings settings;
    settings.language = "en";
    settings.text_size = 1.25;
    settings.as_of = "2022-11-01";
    settings.layout = "[Window][Dashboard]\nPos=0,0\n";

    std::string doc = write_workspace_file(files, policy, settings);
    CHECK(is_workspace_file(doc));
    WorkspaceFileRead back = read_workspace_file("saved.it2.json", doc);
    REQUIRE(back.ok);
    CHECK(back.problems.empty());
    REQUIRE(back.files.size() == files.size());
    for (size_t i = 0; i < files.size(); ++i) {
        CHECK(back.files[i].name == files[i].name);
        CHECK(back.files[i].bytes == files[i].bytes);
    }
    REQUIRE(back.policy.has_value());
    CHECK(back.policy->online_min == 20);
    CHECK(back.policy->practice_min == 30);
    CHECK(back.policy->min_excellent_points == 1);
    CHECK(back.settings.language == "en");
    CHECK(back.settings.text_size == doctest::Approx(1.25));
    CHECK(back.settings.as_of == "2022-11-01");
    CHECK(back.settings.layout == settings.layout);

    std::string before = summary_of(files, policy), after = summary_of(back.files, *back.policy);
    CHECK(before.find("CSV-2") != std::string::npos);  // the GBK CSV counted
    CHECK(before == after);
    CHECK(before != summary_of(files, Policy{}));  // the policy matters, so its round trip is tested
}

TEST_CASE("a corrupt workspace file is one clear error, never a crash") {
    std::string good = write_workspace_file({{"a.json", "{}"}}, Policy{}, WorkspaceSettings{});
    auto rejected = [](std::string_view bytes) {
        WorkspaceFileRead r = read_workspace_file("ws.json", bytes);
        CHECK_FALSE(r.ok);
        CHECK(r.files.empty());
        CHECK_FALSE(r.policy.has_value());
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].severity == Severity::error);
        CHECK(r.problems[0].file == "ws.json");
        return r.problems[0].message_en;
    };
    CHECK(rejected(good.substr(0, good.size() / 2)).find("not valid JSON") != std::string::npos);  // cut short
    rejected("");
    rejected("\xFF\xFE\x00");
    rejected("[1,2]");
    rejected(R"({"format":"it2-batch","version":1,"files":[]})");
    CHECK(rejected(R"({"format":"it2-workspace","version":2,"files":[]})").find("version") != std::string::npos);
    rejected(R"({"format":"it2-workspace","version":1,"files":{}})");

    // Damaged entries are skipped with a problem each; the rest opens.
    WorkspaceFileRead partial = read_workspace_file(
        "ws.json", R"({"format":"it2-workspace","version":1,"policy":"x","settings":{"language":"fr","text_size":"big","as_of":"soon"},
                      "files":[{"name":"ok.json","data":"e30="},{"name":"bad.json","data":"e3@="},
                               {"data":"e30="},7,{"name":"short.json","data":"e30=","size":9},
                               {"name":"enc.json","encoding":"hex","data":"7b7d"}]})");
    REQUIRE(partial.ok);
    REQUIRE(partial.files.size() == 1);
    CHECK(partial.files[0].name == "ok.json");
    CHECK(partial.files[0].bytes == "{}");
    CHECK(partial.problems.size() == 6);  // 5 entries + the policy
    CHECK_FALSE(partial.policy.has_value());
    CHECK(partial.settings.language.empty());
    CHECK(partial.settings.text_size == 0);
    CHECK(partial.settings.as_of.empty());
    bool pointer_seen = false;
    for (const Problem& p : partial.problems) pointer_seen |= p.pointer == "/files/1";
    CHECK(pointer_seen);
}

TEST_CASE("导出本校 holds only that school's files and rows") {
    std::vector<StoredFile> files = sample_files();
    Workspace all = workspace_of(files);
    REQUIRE(bool(all.files.at(0).data));
    std::string school = all.files[0].data->school_id;

    std::vector<std::string> included;
    std::string doc = write_school_workspace_file(files, Policy{}, WorkspaceSettings{}, school, &included);
    WorkspaceFileRead back = read_workspace_file("school.json", doc);
    REQUIRE(back.ok);
    REQUIRE_FALSE(back.files.empty());
    CHECK(back.files.size() == included.size());
    Workspace mine = workspace_of(back.files);
    size_t with_data = 0;
    for (const FileEntry& e : mine.files) {
        REQUIRE(bool(e.data));  // rejected files and other schools stay out
        CHECK(e.data->school_id == school);
        ++with_data;
    }
    size_t expected = 0;
    for (const FileEntry& e : all.files) expected += e.data && e.data->school_id == school;
    CHECK(with_data == expected);
    CHECK(doc.find(base64_encode(files.back().bytes)) == std::string::npos);  // the binary file

    // The multi-school CSV is cut down to that school's rows.
    std::string csv_doc = write_school_workspace_file(files, Policy{}, WorkspaceSettings{}, "CSV-2", &included);
    WorkspaceFileRead csv_back = read_workspace_file("csv2.json", csv_doc);
    REQUIRE(csv_back.files.size() == 1);
    CHECK(csv_back.files[0].name == "平台导出.csv");
    std::vector<BatchLoad> rows = load_csv(csv_back.files[0].name, csv_back.files[0].bytes);
    REQUIRE(rows.size() == 1);
    REQUIRE(bool(rows[0].data));
    CHECK(rows[0].data->school_id == "CSV-2");
    CHECK(rows[0].data->teachers.at(0).name == "韩梅");
    CHECK(rows[0].data->teachers.at(0).online == 12);

    CHECK(read_workspace_file("none.json", write_school_workspace_file(files, Policy{}, {}, "NOPE")).files.empty());
}

TEST_CASE("the workspace file written piece by piece asks for one file at a time and reads back the same") {
    std::vector<StoredFile> files = sample_files();
    std::string streamed;
    size_t asked = 0, written_when_asked = 0;
    write_workspace_file(
        [&](StoredFile& file) {
            // Each file is asked for only after the previous one's data was written out.
            CHECK(streamed.size() >= written_when_asked);
            written_when_asked = streamed.size() + 1;
            if (asked == files.size()) return false;
            file = files[asked++];
            return true;
        },
        Policy{}, WorkspaceSettings{}, [&](std::string_view piece) { streamed += piece; });
    CHECK(asked == files.size());
    CHECK(streamed == write_workspace_file(files, Policy{}, WorkspaceSettings{}));
    WorkspaceFileRead back = read_workspace_file("streamed.json", streamed);
    REQUIRE(back.ok);
    REQUIRE(back.files.size() == files.size());
    for (size_t i = 0; i < files.size(); ++i) CHECK(back.files[i].bytes == files[i].bytes);

    std::string empty;
    write_workspace_file([](StoredFile&) { return false; }, Policy{}, WorkspaceSettings{},
                         [&](std::string_view piece) { empty += piece; });
    WorkspaceFileRead none = read_workspace_file("empty.json", empty);
    CHECK(none.ok);
    CHECK(none.files.empty());
}

TEST_CASE("a workspace file is known by its parsed top-level format, not by its bytes") {
    CHECK(is_workspace_file(R"({"format":"it2-workspace","version":1,"files":[]})"));
    CHECK(is_workspace_file("\xEF\xBB\xBF" R"({ "version": 1, "files": [], "format": "it2-workspace" })"));
    // A batch file whose district is called "it2-workspace" is a batch file (the CLI loads it as one).
    CHECK_FALSE(is_workspace_file(
        R"({"format":"it2-batch","version":1,"district":{"name":"it2-workspace"},"school":{"id":"s"},"batch":{"id":"b"},"teachers":[]})"));
    // Only the top level counts, and broken JSON is not a workspace.
    CHECK_FALSE(is_workspace_file(R"({"format":"it2-batch","note":{"format":"it2-workspace"}})"));
    CHECK_FALSE(is_workspace_file(R"({"format":"it2-workspace","files":[)"));
    CHECK_FALSE(is_workspace_file(""));
}
