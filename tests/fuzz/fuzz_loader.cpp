// libFuzzer target for the loader: any bytes, as a batch file or a policy file, must come back
// as data plus problems (never a crash, hang, leak or undefined behaviour), and the promises of
// format.md §3 must hold: a rejected file has an error and no data; a file error changes nothing.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "csv_import.h"
#include "field_limits.h"
#include "load_batch.h"
#include "policy.h"
#include "workspace.h"

using namespace it2;

namespace {

const char* const kGoodFile = R"({"format": "it2-batch", "version": 1, "school": {"id": "S1", "name": "一小"},
 "batch": {"id": "B1", "start": "2022-03-01"}, "teachers": [{"id": "T1", "name": "甲"}, {"id": "T2", "name": "乙"}]})";

void expect(bool condition, const char* what) {
    if (condition) return;
    std::fprintf(stderr, "loader invariant broken: %s\n", what);
    std::abort();
}

// format.md §3: every text the loaders keep is within its length limit (Unicode characters).
void check_limits(const BatchFile& b) {
    expect(!b.school_id.empty() && !b.batch_id.empty(), "ids present");
    expect(!utf8_longer_than(b.school_id, kMaxIdChars) && !utf8_longer_than(b.batch_id, kMaxIdChars), "ids within limit");
    expect(!utf8_longer_than(b.school_name, kMaxNameChars) && !utf8_longer_than(b.district_name, kMaxNameChars) &&
               !utf8_longer_than(b.batch_name, kMaxNameChars) && !utf8_longer_than(b.district_code, kMaxIdChars) &&
               !utf8_longer_than(b.school_stage, kMaxLabelChars),
           "file texts within limits");
    for (const Activity& a : b.activities) expect(!utf8_longer_than(a.title, kMaxTitleChars), "activity title within limit");
    size_t points_seen = 0, items_seen = 0;
    for (const Teacher& t : b.teachers) {
        expect(!t.id.empty() && !t.name.empty(), "teacher id and name");
        expect(!utf8_longer_than(t.id, kMaxIdChars) && !utf8_longer_than(t.name, kMaxNameChars), "teacher id and name within limit");
        expect(!utf8_longer_than(t.subject, kMaxLabelChars) && !utf8_longer_than(t.role, kMaxLabelChars) &&
                   !utf8_longer_than(t.stage, kMaxLabelChars),
               "teacher labels within limit");
        expect(t.online >= 0 && t.practice >= 0, "hours are never negative");
        expect(t.online == t.online && t.practice == t.practice, "hours are numbers");
        expect(t.first_point == points_seen && t.first_point + t.point_count <= b.points.size(),
               "a teacher's points follow the previous teacher's, inside the file's");
        points_seen += t.point_count;
        for (const PointRecord& p : b.points_of(t)) {
            expect(p.first_item == items_seen && p.first_item + p.item_count <= b.items.size(),
                   "a point's items follow the previous point's, inside the file's");
            items_seen += p.item_count;
            for (const Item& item : b.items_of(p)) expect(!utf8_longer_than(item.title, kMaxTitleChars), "item title within limit");
        }
    }
    expect(points_seen == b.points.size(), "every point of the file belongs to one teacher");
    expect(items_seen == b.items.size(), "every item of the file belongs to one point");
}

void check_problems(const Problems& problems) {
    for (const Problem& p : problems) {
        expect(!p.message_zh.empty() && !p.message_en.empty(), "every problem has both messages");
        expect(p.line >= 0 && p.column >= 0, "positions are never negative");
        expect((p.line == 0) == (p.column == 0), "line and column are known together");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);

    BatchLoad load = load_batch("fuzz.json", bytes);
    check_problems(load.problems);
    if (load.data) {
        expect(load.status == FileStatus::loaded || load.status == FileStatus::partial, "loaded status");
        bool any_record = false, any_error = false;
        for (const Problem& p : load.problems) {
            any_record = any_record || p.severity == Severity::record;
            any_error = any_error || p.severity == Severity::error;
        }
        expect(!any_error, "a loaded file has no file error");
        expect(any_record == (load.status == FileStatus::partial), "partial exactly when a record error");
        check_limits(*load.data);
    } else {
        expect(load.status == FileStatus::rejected, "no data means rejected");
        expect(!load.problems.empty() && load.problems[0].severity == Severity::error, "a rejection says why");
    }

    // Merged between two good files: a rejected input must leave the merge as without it.
    Workspace ws;
    ws.add("a.json", kGoodFile);
    ws.add("fuzz.json", bytes);
    ws.add("c.json", kGoodFile);
    Merged merged = merge(ws);
    check_problems(merged.problems);
    // Bytes that look like a platform CSV add one entry per (school, batch) group.
    expect(merged.file_status.size() == ws.files.size(), "a status per file");
    bool fuzz_data = false;
    for (size_t i = 1; i + 1 < ws.files.size(); ++i) fuzz_data = fuzz_data || bool(ws.files[i].data);
    if (!fuzz_data) expect(merged.teachers.size() == 2, "a rejected file changes no data");

    // The same bytes as a platform CSV: every group within the limits, a rejection says why.
    for (const BatchLoad& group : load_csv("fuzz.csv", bytes)) {
        for (const Problem& p : group.problems)
            expect(!p.message_zh.empty() && !p.message_en.empty(), "every CSV problem has both messages");
        if (group.data) check_limits(*group.data);
        else expect(!group.problems.empty() && group.problems[0].severity == Severity::error, "a CSV rejection says why");
    }

    PolicyLoad policy = load_policy("fuzz-policy.json", bytes);
    check_problems(policy.problems);
    if (policy.ok) {
        expect(policy.policy.activities_per_batch > 0 && policy.policy.excellence_target > 0, "divisors stay positive");
        PolicyLoad again = load_policy("again.json", policy_json(policy.policy));
        expect(again.ok && again.problems.empty(), "policy_json reads back cleanly");
    }
    (void)sniff_format(bytes);
    return 0;
}
