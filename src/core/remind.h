// 催办名单: the reminder a trainer or principal pastes into WeChat or an SMS, for one school (or
// every school of the district, one message per school), from the summary's still-missing lists.
//
// A school's teachers not passed, grouped by what they lack (a teacher can be in two groups,
// each group holding the part of their still-missing list it is about):
//   学时不足      the hour items (online / practice / total);
//   未提交能力点  the point items (points, dimensions, required points) when the points awaiting
//                 review could not cover them: the teacher still has to submit;
//   待评审        the point items when the points awaiting review would cover them;
//   已逾期        every item of a teacher whose batch has ended (not_met).
// Each teacher by name only (the subject is added when two share a name; the id only when the
// caller asks with with_ids: 附带工号, a box the user ticks), with the
// shortest form of each item ("实践差4.5学时", "差2个合格能力点"). The text is cut into blocks of
// at most `max_chars` characters (WeChat splits long messages), each headed with the school and
// a (1/3) marker when there is more than one.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <vector>

#include "metrics.h"
#include "workspace.h"

namespace it2 {

enum class ReminderGroup : uint8_t { hours, points, review, overdue };
constexpr int kReminderGroupCount = 4;
constexpr size_t kReminderBlockChars = 1000;  // default block size, in characters
constexpr size_t kReminderMinChars = 120;     // smaller limits are raised to this

struct ReminderEntry {
    int teacher = 0;              // index into Summary::teachers
    std::vector<Missing> items;   // the part of the teacher's still-missing list this group is about
    int awaiting = 0;             // points submitted and awaiting review (待评审 group)
};

struct ReminderDeadline {
    std::string batch, end;  // batch name (or id) and its end date
    long days_left = 0;
};

struct SchoolReminder {
    int school = -1;  // index into Summary::schools
    int unpassed = 0;
    std::vector<ReminderDeadline> deadlines;  // open batches with teachers not passed
    std::array<std::vector<ReminderEntry>, kReminderGroupCount> groups;  // teachers in pinyin order
};

SchoolReminder school_reminder(const Workspace& ws, const Summary& s, int school);

// The short form of one item: 实践差4.5学时 / practice 4.5 h short.
std::string reminder_item(const Missing& m, Lang lang);

// The message for one school, cut into blocks of at most max_chars characters.
// with_ids: each name followed by the teacher's id, 王伟（50011000123）.
std::vector<std::string> reminder_blocks(const SchoolReminder& r, const Summary& s, Lang lang,
                                         size_t max_chars = kReminderBlockChars, bool with_ids = false);

// One school's blocks (school = index into Summary::schools), or every school with teachers not
// passed (school < 0), blocks separated by a blank line; "" when nobody is missing anything.
struct ReminderCount {
    int schools = 0, blocks = 0;
};
std::string reminder_text(const Workspace& ws, const Summary& s, int school, Lang lang,
                          size_t max_chars = kReminderBlockChars, bool with_ids = false,
                          ReminderCount* count = nullptr);

}  // namespace it2
