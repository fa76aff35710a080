// core::Tracker: one look at what a file is, the replaced files named by the merge's rule, the
// problems of policy files in the summary, the refresh steps, and `it2 summarize --json` built
// by the same code (byte for byte).
#include <doctest/doctest.h>

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

#include "generate.h"
#include "summary_json.h"
#include "tracker.h"
#include "workspace_file.h"

namespace fs = std::filesystem;
using namespace it2;

namespace {

// A policy that is accepted with one warning (a value of the wrong type keeps the default).
const char* const kPolicyWithWarning =
    R"({"format": "it2-policy", "version": 1, "points": {"min_passed": "three"}, "at_risk_days": 60})";

std::vector<GeneratedFile> with_errors() {
    GenerateOptions options;
    options.schools = 4;
    options.teachers_per_school = 12;
    options.batches = 2;
    options.seed = 7;
    options.with_errors = true;
    return generate(options);
}

std::string read_file(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace

TEST_CASE("sniff_file tells data, policy and workspace files apart from their parsed format") {
    CHECK(sniff_file("a.json", R"({"format": "it2-batch", "version": 1})") == FileKind::data);
    CHECK(sniff_file("p.json", kPolicyWithWarning) == FileKind::policy);
    CHECK(sniff_file("w.json", write_workspace_file({}, Policy{}, WorkspaceSettings{})) == FileKind::workspace);
    // Mentioning a kind is not being one: a batch whose district is called it2-policy is data.
    CHECK(sniff_file("a.json", R"({"format": "it2-batch", "district": "it2-policy it2-workspace"})") == FileKind::data);
    CHECK(sniff_file("a.csv", "{\"format\": \"it2-policy\"}") == FileKind::data);  // a .csv is a CSV
    CHECK(sniff_file("x.json", "not json") == FileKind::data);  // loads as a rejected data file
}

TEST_CASE("Tracker::load names the files it replaces exactly as the merge marks them") {
    Tracker tracker;
    std::vector<std::string> said_replaced;
    for (const GeneratedFile& f : with_errors()) {
        const LoadResult r = tracker.load(f.name, f.bytes);
        CHECK(r.kind == FileKind::data);
        said_replaced.insert(said_replaced.end(), r.replaced.begin(), r.replaced.end());
    }
    tracker.refresh();
    std::vector<std::string> marked;
    for (size_t i = 0; i < tracker.workspace().files.size(); ++i)
        if (tracker.merged().file_status[i] == FileStatus::replaced) marked.push_back(tracker.workspace().files[i].name);
    REQUIRE_FALSE(marked.empty());  // the generated data has a replaced file
    CHECK(said_replaced == marked);

    // After a removal the rule still holds: loading the replaced copy again replaces the newer one.
    const std::string again = marked.front();
    const std::vector<GeneratedFile> files = with_errors();
    for (const GeneratedFile& f : files) {
        if (f.name != again) continue;
        const LoadResult r = tracker.load(f.name + ".again", f.bytes);
        REQUIRE(r.replaced.size() == 1);
        CHECK(r.replaced.front() != again);  // the copy in force now, not the one replaced before
    }
}

TEST_CASE("a policy file's problems come first in the summary, and a rejected one changes nothing") {
    Tracker tracker;
    tracker.set_as_of("2026-06-30");
    for (const GeneratedFile& f : generate(demo_options())) tracker.load(f.name, f.bytes);
    tracker.refresh();
    const size_t without_policy = tracker.summary().problems.size();

    const LoadResult applied = tracker.load("rules.json", kPolicyWithWarning);
    CHECK(applied.kind == FileKind::policy);
    CHECK(applied.status == "policy");
    CHECK(applied.problems == 1);
    CHECK(tracker.policy().at_risk_days == 60);
    CHECK(tracker.next_step() == Tracker::Step::compute);  // a policy needs no new merge
    tracker.refresh();
    REQUIRE(tracker.summary().problems.size() == without_policy + 1);
    CHECK(tracker.summary().problems.front().file == "rules.json");

    const LoadResult rejected = tracker.load("broken-rules.json", R"({"format": "it2-policy", "version": 99})");
    CHECK(rejected.status == "rejected");
    CHECK(rejected.problems >= 1);
    CHECK(tracker.policy().at_risk_days == 60);  // the policy in force stays
    tracker.refresh();
    CHECK(tracker.summary().problems.size() == without_policy + 1 + size_t(rejected.problems));

    tracker.clear();  // files and policy problems go; the policy stays
    tracker.refresh();
    CHECK(tracker.summary().problems.empty());
    CHECK(tracker.policy().at_risk_days == 60);
}

TEST_CASE("Tracker refresh steps: merge after files change, compute only after the policy or date") {
    Tracker tracker;
    CHECK(tracker.next_step() == Tracker::Step::merge);
    tracker.refresh();
    CHECK(tracker.results_computed() == 1);
    CHECK(tracker.next_step() == Tracker::Step::none);
    CHECK_FALSE(tracker.set_as_of("2026-02-30"));  // not a date: nothing changes
    CHECK(tracker.next_step() == Tracker::Step::none);
    CHECK(tracker.set_as_of("2026-06-30"));
    CHECK(tracker.next_step() == Tracker::Step::compute);
    CHECK(tracker.refresh_step() == Tracker::Step::compute);
    CHECK(tracker.summary().as_of == "2026-06-30");

    const GeneratedFile file = generate(demo_options()).front();
    tracker.load(file.name, file.bytes);
    CHECK(tracker.refresh_step() == Tracker::Step::merge);
    CHECK(tracker.summary().teachers.empty());  // dropped before the new results are built
    CHECK(tracker.refresh_step() == Tracker::Step::compute);
    CHECK_FALSE(tracker.summary().teachers.empty());
    CHECK(tracker.results_computed() == 3);
    // Another date is computed on the side: the tracker's own summary stays.
    const long revision = tracker.revision(), merge_revision = tracker.merge_revision();
    CHECK(tracker.summary_as_of("2030-01-01").as_of == "2030-01-01");
    CHECK(tracker.summary().as_of == "2026-06-30");
    CHECK(tracker.revision() == revision);  // nothing a view cache holds was replaced
    CHECK(tracker.merge_revision() == merge_revision);
}

TEST_CASE("Tracker revisions: every replaced result changes revision(), a merge also merge_revision()") {
    Tracker tracker;
    tracker.refresh();
    const long after_first = tracker.revision(), merged_first = tracker.merge_revision();
    tracker.refresh();  // up to date: nothing replaced
    CHECK(tracker.revision() == after_first);
    CHECK(tracker.set_as_of("2026-06-30"));
    tracker.refresh();  // a compute only
    CHECK(tracker.revision() != after_first);
    CHECK(tracker.merge_revision() == merged_first);
    const long after_date = tracker.revision();
    const GeneratedFile file = generate(demo_options()).front();
    tracker.load(file.name, file.bytes);
    tracker.refresh();  // a merge, then a compute
    CHECK(tracker.revision() != after_date);
    CHECK(tracker.merge_revision() != merged_first);
}

TEST_CASE("a workspace file: its policy is in force, its files are the caller's to load") {
    Policy policy;
    policy.at_risk_days = 45;
    const std::vector<GeneratedFile> files = generate(demo_options());
    std::vector<StoredFile> stored;
    for (size_t i = 0; i < 3; ++i) stored.push_back({files[i].name, files[i].bytes});
    Tracker tracker;
    const LoadResult r = tracker.load("w.json", write_workspace_file(stored, policy, WorkspaceSettings{}));
    CHECK(r.kind == FileKind::workspace);
    CHECK(r.status == "workspace");
    CHECK(r.workspace.files.size() == 3);
    CHECK(tracker.policy().at_risk_days == 45);
    CHECK(tracker.workspace().files.empty());
}

TEST_CASE("it2 summarize --json is Tracker::summary_json, byte for byte, policy problems included") {
    const fs::path folder = fs::temp_directory_path() / ("it2-tracker-test-" + std::to_string(::getpid()));
    fs::remove_all(folder);
    fs::create_directories(folder);
    Tracker tracker;
    tracker.set_as_of("2026-06-30");
    std::vector<GeneratedFile> files = with_errors();
    files.push_back({"zz-rules.json", kPolicyWithWarning});
    // The CLI reads a folder in sorted order: load in that order too.
    std::sort(files.begin(), files.end(), [](const GeneratedFile& a, const GeneratedFile& b) { return a.name < b.name; });
    for (const GeneratedFile& f : files) {
        std::ofstream(folder / f.name, std::ios::binary) << f.bytes;
        tracker.load(f.name, f.bytes);
    }
    const fs::path out = folder.string() + ".out";
    const std::string command = std::string(IT2_CLI) + " summarize --json --as-of 2026-06-30 '" + folder.string() + "' >'" +
                                out.string() + "' 2>/dev/null";
    const int status = std::system(command.c_str());
    CHECK(status != -1);
    const std::string cli = read_file(out);
    const std::string ours = tracker.summary_json("", Lang::zh) + "\n";
    CHECK(ours.find("zz-rules.json") != std::string::npos);  // the policy's warning is in it
    CHECK(cli == ours);
    fs::remove_all(folder);
    fs::remove(out);
}

// Issue 14, both cores beyond loading: compute() evaluates teachers through the ParallelFor a
// driver gives (parallel_for.h). Whatever the ranges and their order, and on real threads, the
// summary is the same bytes as on the calling thread alone (the page's way).
TEST_CASE("a Tracker's parallel compute gives the same summary whatever the ranges and their order") {
    auto summary_with = [](const ParallelFor& parallel) {
        Tracker tracker;
        tracker.set_parallel(parallel);
        tracker.set_as_of("2022-11-01");
        for (const GeneratedFile& f : with_errors()) tracker.load(f.name, f.bytes);
        for (const GeneratedFile& f : generate(demo_options())) tracker.load(f.name, f.bytes);
        tracker.refresh();
        // Through the tracker: the summary's JSON arrays are written on the same ParallelFor.
        return tracker.summary_json("", Lang::en) + summary_csv(tracker.summary(), Lang::en, true, tracker.parallel());
    };
    const std::string alone = summary_with({});
    REQUIRE(alone.find("\"teachers\"") != std::string::npos);
    size_t ranges_run = 0;
    for (size_t parts : {2, 3, 7, 1000}) {
        CAPTURE(parts);
        // Ranges run backwards, one at a time: a body that relied on order would show it.
        const std::string backwards = summary_with([&](size_t n, const RangeBody& body) {
            for (size_t k = parts; k-- > 0;) {
                if (n * k / parts == n * (k + 1) / parts) continue;
                body(n * k / parts, n * (k + 1) / parts);
                ++ranges_run;
            }
        });
        CHECK(backwards == alone);
        // And at once, one thread per range.
        const std::string threaded = summary_with([&](size_t n, const RangeBody& body) {
            std::vector<std::thread> workers;
            for (size_t k = 0; k < parts && k < 8; ++k)
                workers.emplace_back(body, n * k / std::min<size_t>(parts, 8), n * (k + 1) / std::min<size_t>(parts, 8));
            for (std::thread& w : workers) w.join();
        });
        CHECK(threaded == alone);
    }
    CHECK(ranges_run > 4);  // the ParallelFor was asked, not bypassed
}
