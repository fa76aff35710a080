// open_file(): the one definition of how a file's bytes open (tracker.h), shared by
// `it2 summarize`, the page's loads and `it2 summarize --partial` (file_entries). A workspace
// stored in a workspace opens in place as a workspace (its files, its policy); an unreadable one
// is a rejected entry; the depth is bounded by the bytes.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "generate.h"
#include "partial.h"
#include "summary_json.h"
#include "tracker.h"
#include "workspace_file.h"

using namespace it2;

namespace {

std::vector<StoredFile> generated_files(int schools, bool with_errors) {
    GenerateOptions options;
    options.schools = schools;
    options.teachers_per_school = 6;
    options.batches = 2;
    options.seed = 11;
    options.with_errors = with_errors;
    std::vector<StoredFile> files;
    for (GeneratedFile& f : generate(options)) files.push_back({f.name, std::move(f.bytes)});
    return files;
}

struct Seen {
    FileKind kind;
    std::string name;
    int depth;
    bool ok;  // a workspace that could be read (true for the other kinds)
};

std::vector<Seen> parts_of(const std::string& name, const std::string& bytes) {
    std::vector<Seen> seen;
    open_file(name, bytes, [&](const OpenedPart& part) {
        seen.push_back({part.kind, part.name, part.depth, !part.workspace || part.workspace->ok});
    });
    return seen;
}

}  // namespace

TEST_CASE("open_file opens a workspace inside a workspace in place, in load order") {
    Policy strict;
    strict.min_passed = 5;
    const std::string inner = write_workspace_file(
        {{"b.json", generated_files(1, false)[0].bytes}, {"rules.json", policy_json(strict)}}, strict, WorkspaceSettings{});
    const std::string outer = write_workspace_file(
        {{"a.json", generated_files(2, false)[1].bytes},
         {"inner.json", inner},
         {"broken.json", R"({"format": "it2-workspace", "version": 1})"},
         {"c.json", "not json"}},
        Policy{}, WorkspaceSettings{});
    const std::vector<Seen> seen = parts_of("outer.json", outer);
    REQUIRE(seen.size() == 7);
    const FileKind ws = FileKind::workspace, data = FileKind::data, policy = FileKind::policy;
    const std::vector<std::pair<std::string, FileKind>> expected = {
        {"outer.json", ws}, {"a.json", data}, {"inner.json", ws}, {"b.json", data},
        {"rules.json", policy}, {"broken.json", ws}, {"c.json", data}};
    const std::vector<int> depths = {0, 1, 1, 2, 2, 1, 1};
    for (size_t i = 0; i < seen.size(); ++i) {
        CAPTURE(i);
        CHECK(seen[i].name == expected[i].first);
        CHECK(seen[i].kind == expected[i].second);
        CHECK(seen[i].depth == depths[i]);
        CHECK(seen[i].ok == (seen[i].name != "broken.json"));
    }

    // The map's view: data entries in the same order, the broken workspace as a rejected entry
    // with its problem, the policies counted (outer's, inner's, rules.json), not entries.
    const FileEntries entries = file_entries(FileKind::workspace, "outer.json", outer);
    REQUIRE(entries.entries.size() == 4);
    CHECK(entries.entries[0].name == "a.json");
    CHECK(entries.entries[1].name == "b.json");
    CHECK(entries.entries[2].name == "broken.json");
    CHECK(entries.entries[2].status == FileStatus::rejected);
    CHECK_FALSE(entries.entries[2].problems.empty());
    CHECK(entries.entries[3].name == "c.json");
    CHECK(entries.entries[3].status == FileStatus::rejected);
    CHECK(entries.policies == 3);
}

TEST_CASE("a tracker fed by open_file and the merge of file_entries' partials give the same summary") {
    // The with-errors data (every kind of problem) split between a workspace nested two deep and
    // loose files; the workspaces' policy applies in the tracker and is given to the merge.
    std::vector<StoredFile> files = generated_files(4, true);
    REQUIRE(files.size() >= 6);
    Policy policy;
    policy.min_passed = 2;
    const std::string deepest = write_workspace_file({files[2], files[3]}, policy, WorkspaceSettings{});
    const std::string middle = write_workspace_file({files[1], {"deepest.json", deepest}, files[4]}, policy, WorkspaceSettings{});
    std::vector<std::pair<std::string, std::string>> inputs = {{files[0].name, files[0].bytes}, {"middle.json", middle}};
    for (size_t i = 5; i < files.size(); ++i) inputs.push_back({files[i].name, files[i].bytes});

    Tracker tracker;
    tracker.set_as_of("2022-11-01");
    std::vector<PartialEntry> partials;
    for (size_t i = 0; i < inputs.size(); ++i) {
        open_file(inputs[i].first, inputs[i].second, [&](const OpenedPart& part) {
            tracker.load(part);
            if (part.kind == FileKind::workspace && !part.workspace->ok)
                tracker.add_entry(rejected_workspace_entry(part.name, *part.workspace));
        });
        FileEntries entries = file_entries(sniff_file(inputs[i].first, inputs[i].second), inputs[i].first, inputs[i].second);
        for (size_t k = 0; k < entries.entries.size(); ++k)
            partials.push_back({order_key_for_index(i * 1000 + k), std::move(entries.entries[k])});
    }
    tracker.refresh();
    CHECK(tracker.workspace().files.size() == files.size());  // every stored file, none lost or added
    CHECK(tracker.policy().min_passed == 2);

    Tracker merged;
    merged.set_as_of("2022-11-01");
    merged.set_policy(policy);
    for (FileEntry& e : workspace_from_partials(std::move(partials)).files) merged.add_entry(std::move(e));
    merged.refresh();
    CHECK(merged.workspace().files.size() == files.size());
    CHECK(merged.summary_json("", Lang::en) == tracker.summary_json("", Lang::en));
}

TEST_CASE("nested workspaces: any depth opens, and each level is shorter than the one holding it") {
    // A workspace cannot hold itself: a stored file's bytes are strictly fewer than the document
    // that holds them (base64 plus the document around it), so open_file's depth is bounded by
    // the size of what it was given.
    std::string bytes = generated_files(1, false)[0].bytes;
    std::string name = "school.json";
    constexpr int kLevels = 12;
    for (int level = 1; level <= kLevels; ++level) {
        bytes = write_workspace_file({{name, bytes}}, Policy{}, WorkspaceSettings{});
        name = "level-" + std::to_string(level) + ".json";
    }
    int deepest = -1, data_parts = 0;
    open_file(name, bytes, [&](const OpenedPart& part) {
        deepest = std::max(deepest, part.depth);
        data_parts += part.kind == FileKind::data;
        if (part.kind == FileKind::workspace)
            for (const StoredFile& stored : part.workspace->files) CHECK(stored.bytes.size() < part.bytes.size());
    });
    CHECK(deepest == kLevels);
    CHECK(data_parts == 1);
    const FileEntries entries = file_entries(FileKind::workspace, name, bytes);
    REQUIRE(entries.entries.size() == 1);
    CHECK(entries.entries[0].name == "school.json");
    CHECK(entries.entries[0].status == FileStatus::loaded);
}
