// 催办名单 (remind.h): its content is the summary's still-missing lists, grouped by what the
// teachers lack; blocks stay within their length and carry (i/n) markers.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "metrics_fixture.h"
#include "remind.h"
#include "tracker.h"
#include "utf8.h"

using namespace it2;
using namespace it2_test;

namespace {

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

Tracker& demo_tracker() {
    static Tracker tracker;
    static bool loaded = false;
    if (!loaded) {
        tracker.set_as_of("2026-11-30");
        std::vector<std::filesystem::path> paths;
        for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(IT2_SOURCE_DIR) / "data" / "demo"))
            if (e.path().extension() == ".json") paths.push_back(e.path());
        std::sort(paths.begin(), paths.end());
        for (const auto& p : paths) {
            std::ifstream in(p, std::ios::binary);
            std::ostringstream bytes;
            bytes << in.rdbuf();
            tracker.load(p.filename().string(), bytes.str());
        }
        tracker.refresh();
        loaded = true;
    }
    return tracker;
}

bool same_item(const Missing& a, const Missing& b) {
    return a.kind == b.kind && a.amount == b.amount && a.point == b.point && a.new_dimensions == b.new_dimensions &&
           a.dimension_options == b.dimension_options;
}

}  // namespace

TEST_CASE("the demo's reminder lists hold exactly the summary's still-missing lists") {
    Tracker& tracker = demo_tracker();
    const Summary& s = tracker.summary();
    REQUIRE(s.schools.size() == 20);
    int teachers_listed = 0, overdue_listed = 0, review_listed = 0;
    for (size_t si = 0; si < s.schools.size(); ++si) {
        const SchoolReminder r = school_reminder(tracker.workspace(), s, int(si));
        const std::string text = reminder_text(tracker.workspace(), s, int(si), Lang::zh, 100000);
        // Every teacher of the school not passed, with each item of their list, once; nobody else.
        std::map<int, std::vector<Missing>> gathered;
        for (int g = 0; g < kReminderGroupCount; ++g)
            for (const ReminderEntry& e : r.groups[size_t(g)]) {
                const TeacherResult& t = s.teachers[size_t(e.teacher)];
                CHECK(t.school == int(si));
                CHECK(!e.items.empty());
                CHECK((ReminderGroup(g) == ReminderGroup::overdue) == t.overdue);
                for (const Missing& m : e.items) gathered[e.teacher].push_back(m);
                // Its line: the name, then each item's short form.
                std::string line = std::string(t.name) + "：";
                for (size_t i = 0; i < e.items.size(); ++i) line += (i ? "，" : "") + reminder_item(e.items[i], Lang::zh);
                CHECK_MESSAGE(text.find("\n" + line) != std::string::npos, line);
                overdue_listed += ReminderGroup(g) == ReminderGroup::overdue;
                review_listed += ReminderGroup(g) == ReminderGroup::review;
            }
        int unpassed = 0;
        for (int ti : s.schools[si].teachers) {
            const TeacherResult& t = s.teachers[size_t(ti)];
            if (t.missing.empty()) {
                CHECK(gathered.count(ti) == 0);
                continue;
            }
            ++unpassed;
            REQUIRE(gathered.count(ti) == 1);
            const std::vector<Missing>& got = gathered[ti];
            REQUIRE(got.size() == t.missing.size());
            // Hours first, then points: the same order as the summary's list.
            for (size_t i = 0; i < got.size(); ++i) CHECK(same_item(got[i], t.missing[i]));
        }
        CHECK(r.unpassed == unpassed);
        teachers_listed += unpassed;
        CHECK(text.find(s.schools[si].name) != std::string::npos);
        CHECK(text.find(std::to_string(unpassed) + " 名教师未合格") != std::string::npos);
        // Names only: no teacher id in the message.
        for (int ti : s.schools[si].teachers) CHECK(text.find(s.teachers[size_t(ti)].id) == std::string::npos);
    }
    CHECK(teachers_listed == s.district.teachers - s.by_status[0] - s.by_status[1]);
    CHECK(overdue_listed == s.overdue);
    CHECK(review_listed > 0);
    // The district: one message per school with anyone not passed, in the summary's order.
    const std::string district = reminder_text(tracker.workspace(), s, -1, Lang::zh);
    size_t at = 0;
    for (const SchoolResult& school : s.schools) {
        const size_t found = district.find("【催办名单】" + school.name, at);
        REQUIRE(found != std::string::npos);
        at = found;
    }
}

TEST_CASE("reminder groups: hours, points to submit, awaiting review, overdue") {
    Fixture fx;
    fx.add(batch("S1", "2022-2", "2022-12-31",
                 {teacher("h", 20, 25, {pass("A1"), pass("A2"), pass("A5")}),        // hours only
                  teacher("p", 30, 25, {pass("A1"), selected("A2")}),               // must submit
                  teacher("r", 20, 25, {pass("A1"), pass("A2"), submitted("A5")}),  // hours + review covers
                  teacher("x", 30, 25, {pass("A1"), submitted("A2")}),              // 1 awaiting < 2 needed
                  teacher("ok", 30, 25, {pass("A1"), pass("A2"), pass("A5")})}));
    fx.add(batch("S1", "2022-1", "2022-06-30", {teacher("o", 10, 25, {pass("A1")})}));
    const Summary s = fx.run(Policy{}, "2022-11-01");
    const SchoolReminder r = school_reminder(fx.ws, s, 0);
    auto ids = [&](ReminderGroup g) {
        std::set<std::string> out;
        for (const ReminderEntry& e : r.groups[size_t(g)]) out.insert(std::string(s.teachers[size_t(e.teacher)].id));
        return out;
    };
    CHECK(ids(ReminderGroup::hours) == std::set<std::string>{"h", "r"});
    CHECK(ids(ReminderGroup::points) == std::set<std::string>{"p", "x"});
    CHECK(ids(ReminderGroup::review) == std::set<std::string>{"r"});
    CHECK(ids(ReminderGroup::overdue) == std::set<std::string>{"o"});
    CHECK(r.unpassed == 5);
    REQUIRE(r.deadlines.size() == 1);
    CHECK(r.deadlines[0].end == "2022-12-31");
    CHECK(r.deadlines[0].days_left == 60);

    const std::string text = reminder_text(fx.ws, s, 0, Lang::zh);
    CHECK(text.find("【学时不足】2 人\n") != std::string::npos);
    CHECK(text.find("教师h：在线差5学时\n") != std::string::npos);
    CHECK(text.find("教师r：差1个合格能力点（须属新维度）（已提交1个，待评审）") != std::string::npos);
    CHECK(text.find("2022-12-31（还有 60 天）") != std::string::npos);
    CHECK(text.find("【已逾期】1 人") != std::string::npos);
    CHECK(text.find("（1/") == std::string::npos);  // one block: no marker

    // Everyone passed: a one-line all-clear for the school, nothing for the district.
    Fixture done;
    done.add(batch("S2", "2022-2", "2022-12-31", {teacher("ok", 30, 25, {pass("A1"), pass("A2"), pass("A5")})}));
    const Summary ds = done.run(Policy{}, "2022-11-01");
    CHECK(reminder_text(done.ws, ds, 0, Lang::zh).find("均已合格") != std::string::npos);
    CHECK(reminder_text(done.ws, ds, -1, Lang::zh).empty());
}

TEST_CASE("reminder blocks: within the limit, (i/n) markers, groups continued, nothing lost") {
    Tracker& tracker = demo_tracker();
    const Summary& s = tracker.summary();
    int school = -1;
    for (size_t i = 0; i < s.schools.size(); ++i)
        if (s.schools[i].id == "500110-0013") school = int(i);
    REQUIRE(school >= 0);
    const SchoolReminder r = school_reminder(tracker.workspace(), s, school);
    const std::vector<std::string> whole = reminder_blocks(r, s, Lang::zh, 1000000);
    REQUIRE(whole.size() == 1);
    for (size_t limit : {size_t(300), size_t(500), size_t(1000)}) {
        const std::vector<std::string> blocks = reminder_blocks(r, s, Lang::zh, limit);
        REQUIRE(blocks.size() > 1);
        std::vector<std::string> body;
        for (size_t b = 0; b < blocks.size(); ++b) {
            CHECK(utf8_chars(blocks[b]) <= limit);
            const std::vector<std::string> lines = split_lines(blocks[b]);
            const std::string marker = "（" + std::to_string(b + 1) + "/" + std::to_string(blocks.size()) + "）";
            CHECK(lines.front() == "【催办名单】" + s.schools[size_t(school)].name + marker);
            for (size_t i = 1; i < lines.size(); ++i) {
                if (lines[i].find("（续）") != std::string::npos) {
                    CHECK(i == 1);  // only right under the title
                    continue;
                }
                body.push_back(lines[i]);
            }
        }
        // The lines of all blocks, titles and 续 headers aside, are the one-block message's.
        std::vector<std::string> expected = split_lines(whole[0]);
        expected.erase(expected.begin());
        CHECK(body == expected);
    }

    // A line longer than a block is cut, never dropped.
    Fixture fx;
    HandTeacher long_name = teacher("L", 0, 0);
    std::string name(180, 'x');
    for (int i = 0; i < 150; ++i) name += "长";
    long_name.record.name = test_text().keep(name);
    fx.add(batch("S3", "2022-2", "2022-12-31", {long_name}));
    const Summary ls = fx.run(Policy{}, "2022-11-01");
    const std::vector<std::string> cut = reminder_blocks(school_reminder(fx.ws, ls, 0), ls, Lang::zh, 150);
    REQUIRE(cut.size() >= 3);
    std::string joined;
    for (const std::string& b : cut) {
        CHECK(utf8_chars(b) <= 150);
        for (const std::string& line : split_lines(b))
            if (line.rfind("【催办名单】", 0) != 0 && line.find("（续）") == std::string::npos) joined += line;
    }
    CHECK(joined.find(long_name.record.name) != std::string::npos);
}

TEST_CASE("附带工号: with_ids puts each teacher's id after the name, and only then") {
    Fixture fx;
    HandTeacher a = teacher("500110-01", 20, 25, {pass("A1"), pass("A2"), pass("A5")});
    HandTeacher b = teacher("500110-02", 30, 25, {pass("A1"), selected("A2")});
    a.record.name = b.record.name = "王伟";  // one name twice: the subject tells them apart without ids
    a.record.subject = "数学";
    b.record.subject = "语文";
    fx.add(batch("S1", "2022-2", "2022-12-31", {a, b}));
    const Summary s = fx.run(Policy{}, "2022-11-01");
    const std::string names = reminder_text(fx.ws, s, 0, Lang::zh);
    CHECK(names.find("王伟（数学）：在线差5学时") != std::string::npos);
    CHECK(names.find("500110-0") == std::string::npos);
    const std::string with_ids = reminder_text(fx.ws, s, 0, Lang::zh, kReminderBlockChars, true);
    CHECK(with_ids.find("王伟（500110-01）：在线差5学时") != std::string::npos);
    INFO(with_ids);
    CHECK(with_ids.find("王伟（500110-02）：差") != std::string::npos);
    CHECK(reminder_text(fx.ws, s, 0, Lang::en, kReminderBlockChars, true).find("王伟 (500110-01): ") != std::string::npos);

    // The demo: every teacher listed, each with their own id; the rest of the text unchanged.
    Tracker& tracker = demo_tracker();
    const Summary& d = tracker.summary();
    for (size_t si = 0; si < d.schools.size(); ++si) {
        const std::string plain = reminder_text(tracker.workspace(), d, int(si), Lang::zh, 100000);
        const std::string ided = reminder_text(tracker.workspace(), d, int(si), Lang::zh, 100000, true);
        for (int ti : d.schools[si].teachers) {
            const TeacherResult& t = d.teachers[size_t(ti)];
            CHECK((ided.find("\n" + std::string(t.name) + "（" + std::string(t.id) + "）：") != std::string::npos) == !t.missing.empty());
        }
        std::string stripped = ided;  // ids taken out again: the names-only text
        for (int ti : d.schools[si].teachers) {
            const std::string id = "（" + std::string(d.teachers[size_t(ti)].id) + "）";
            for (size_t at; (at = stripped.find(id)) != std::string::npos;) stripped.erase(at, id.size());
        }
        if (plain.find("）：") == std::string::npos) CHECK(stripped == plain);  // no subject added to a shared name
    }
}
