// 催办名单 (remind.h): groups, short forms and blocks. The message's words live here, Chinese
// and English side by side (a text table for scripts/lint-strings.py).
#include "remind.h"

#include <algorithm>
#include <map>

#include "catalog.h"
#include "dates.h"
#include "pinyin_order.h"
#include "utf8.h"

namespace it2 {

namespace {

bool is_hours(const Missing& m) {
    return m.kind == Missing::Kind::online_hours || m.kind == Missing::Kind::practice_hours ||
           m.kind == Missing::Kind::total_hours;
}

// Passed points the point items ask for: the larger of points and dimensions, plus each required point.
int points_needed(const std::vector<Missing>& items) {
    int larger = 0, required = 0;
    for (const Missing& m : items) {
        if (m.kind == Missing::Kind::required_point) ++required;
        else larger = std::max(larger, int(m.amount + 0.5));
    }
    return larger + required;
}

const char* group_title(ReminderGroup g, Lang lang) {
    const bool zh = lang == Lang::zh;
    switch (g) {
        case ReminderGroup::hours: return zh ? "学时不足" : "Hours short";
        case ReminderGroup::points: return zh ? "未提交能力点" : "Points to submit";
        case ReminderGroup::review: return zh ? "待评审" : "Awaiting review";
        case ReminderGroup::overdue: return zh ? "已逾期" : "Overdue";
    }
    return "";
}

struct Line {
    std::string text;
    int group = -1;       // the group of an entry or header line (repeated as 续 in a new block)
    bool header = false;  // a group's header: kept in one block with the group's first entry
};

}  // namespace

std::string reminder_item(const Missing& m, Lang lang) {
    const bool zh = lang == Lang::zh;
    const std::string n = std::to_string(long(m.amount + 0.5));
    switch (m.kind) {
        case Missing::Kind::online_hours: return fill_template(zh ? "在线差{0}学时" : "online {0} h short", missing_amount(m.amount));
        case Missing::Kind::practice_hours: return fill_template(zh ? "实践差{0}学时" : "practice {0} h short", missing_amount(m.amount));
        case Missing::Kind::total_hours: return fill_template(zh ? "总学时差{0}" : "total {0} h short", missing_amount(m.amount));
        case Missing::Kind::points: {
            if (m.new_dimensions <= 0) return fill_template(zh ? "差{0}个合格能力点" : "{0} more passed points", n);
            std::string dims;  // the dimensions still open to choose from
            int options = 0;
            for (int d = 0; d < kDimensionCount; ++d) {
                if (!(m.dimension_options & (1u << d))) continue;
                dims += (dims.empty() ? "" : "/") + std::string(dimension_name(Dimension(d), lang));
                ++options;
            }
            const std::string k = std::to_string(m.new_dimensions);
            if (options == m.new_dimensions)  // no choice: name them
                return fill_template(zh ? "差{0}个合格能力点（须含：{1}）" : "{0} more passed points (must include: {1})", n, dims);
            if (m.new_dimensions >= long(m.amount + 0.5))
                return m.new_dimensions == 1
                           ? fill_template(zh ? "差{0}个合格能力点（须属新维度）" : "{0} more passed point (in a new dimension)", n)
                           : fill_template(zh ? "差{0}个合格能力点（须分属{1}个新维度）" : "{0} more passed points (in {1} new dimensions)", n, k);
            return fill_template(zh ? "差{0}个合格能力点（其中{1}个须属新维度）" : "{0} more passed points ({1} in new dimensions)", n, k);
        }
        case Missing::Kind::dimensions: return fill_template(zh ? "差{0}个维度" : "{0} more dimensions", n);
        case Missing::Kind::required_point:
            return fill_template(zh ? "必修{0}未合格" : "required {0} not passed",
                        m.point >= 0 && m.point < kPointCount ? catalog()[m.point].code : "?");
    }
    return {};
}

SchoolReminder school_reminder(const Workspace& ws, const Summary& s, int school) {
    SchoolReminder r;
    r.school = school;
    if (school < 0 || size_t(school) >= s.schools.size()) return r;
    const long as_of = days_from_iso(s.as_of);
    for (int ti : s.schools[size_t(school)].teachers) {
        const TeacherResult& t = s.teachers[size_t(ti)];
        if (t.missing.empty()) continue;
        ++r.unpassed;
        int awaiting = 0;
        if (t.ref.file >= 0 && size_t(t.ref.file) < ws.files.size() && ws.files[size_t(t.ref.file)].data) {
            const BatchFile& f = *ws.files[size_t(t.ref.file)].data;
            if (t.ref.teacher >= 0 && size_t(t.ref.teacher) < f.teachers.size())
                for (const PointRecord& p : f.points_of(f.teachers[size_t(t.ref.teacher)])) awaiting += p.status == PointStatus::submitted;
        }
        if (t.overdue) {
            r.groups[size_t(ReminderGroup::overdue)].push_back({ti, t.missing, awaiting});
            continue;
        }
        ReminderEntry hours{ti, {}, awaiting}, points{ti, {}, awaiting};
        for (const Missing& m : t.missing) (is_hours(m) ? hours : points).items.push_back(m);
        if (!hours.items.empty()) r.groups[size_t(ReminderGroup::hours)].push_back(std::move(hours));
        if (!points.items.empty()) {
            const bool covered = awaiting > 0 && awaiting >= points_needed(points.items);
            r.groups[size_t(covered ? ReminderGroup::review : ReminderGroup::points)].push_back(std::move(points));
        }
    }
    // Names in pinyin order, as a Chinese list of names reads.
    for (auto& group : r.groups) {
        std::vector<std::pair<std::string, size_t>> keys;
        for (size_t i = 0; i < group.size(); ++i)
            keys.emplace_back(pinyin_sort_key(s.teachers[size_t(group[i].teacher)].name, CollateAs::person_name), i);
        std::stable_sort(keys.begin(), keys.end());
        std::vector<ReminderEntry> sorted;
        for (const auto& key : keys) sorted.push_back(std::move(group[key.second]));
        group = std::move(sorted);
    }
    if (size_t(school) < s.forecast.schools.size()) {
        for (const BatchForecast& b : s.forecast.schools[size_t(school)].batches) {
            if (!b.open() || b.remaining == 0) continue;
            r.deadlines.push_back({b.name.empty() ? b.batch : b.name, b.end, days_from_iso(b.end) - as_of});
        }
    }
    return r;
}

std::vector<std::string> reminder_blocks(const SchoolReminder& r, const Summary& s, Lang lang, size_t max_chars,
                                         bool with_ids) {
    const bool zh = lang == Lang::zh;
    if (r.school < 0 || size_t(r.school) >= s.schools.size()) return {};
    const SchoolResult& school = s.schools[size_t(r.school)];
    const std::string school_name = school.name.empty() ? school.id : school.name;
    max_chars = std::max(max_chars, kReminderMinChars);

    // The lines after the title: the deadline and count, then each group's header and entries.
    std::vector<Line> lines;
    if (r.unpassed == 0) {
        lines.push_back({fill_template(zh ? "截至 {0}，本校教师均已合格，无需催办。" : "As of {0}, every teacher has passed: nothing to chase.", s.as_of)});
    } else {
        for (const ReminderDeadline& d : r.deadlines)
            lines.push_back({fill_template(zh ? "{0}截止日期：{1}" : "{0} ends on {1}", d.batch, d.end) +
                             fill_template(zh ? "（还有 {0} 天）" : " ({0} days left)", std::to_string(d.days_left))});
        lines.push_back({fill_template(zh ? "截至 {0}，尚有 {1} 名教师未合格，请抓紧完成：" : "As of {0}, {1} teachers have not passed yet:",
                              s.as_of, std::to_string(r.unpassed))});
    }
    // Two teachers of one name: the subject tells them apart (names only, no ids).
    std::map<std::string_view, int> name_uses;
    for (int ti : school.teachers)
        if (!s.teachers[size_t(ti)].missing.empty()) ++name_uses[s.teachers[size_t(ti)].name];
    for (int g = 0; g < kReminderGroupCount; ++g) {
        const auto& group = r.groups[size_t(g)];
        if (group.empty()) continue;
        std::string header = fill_template(zh ? "【{0}】{1} 人" : "[{0}] {1}", group_title(ReminderGroup(g), lang), std::to_string(group.size()));
        if (ReminderGroup(g) == ReminderGroup::overdue) header += zh ? "（所在批次已截止）" : " (their batch has ended)";
        lines.push_back({std::move(header), g, true});
        for (const ReminderEntry& e : group) {
            const TeacherResult& t = s.teachers[size_t(e.teacher)];
            std::string line(t.name);
            if (with_ids && !t.id.empty())  // the id tells them apart too
                line += fill_template(zh ? "（{0}）" : " ({0})", std::string(t.id));
            else if (name_uses[t.name] > 1 && !t.subject.empty())
                line += fill_template(zh ? "（{0}）" : " ({0})", std::string(t.subject));
            line += zh ? "：" : ": ";
            for (size_t i = 0; i < e.items.size(); ++i) line += (i ? (zh ? "，" : ", ") : "") + reminder_item(e.items[i], lang);
            if (ReminderGroup(g) == ReminderGroup::review)
                line += fill_template(zh ? "（已提交{0}个，待评审）" : " ({0} submitted, awaiting review)", std::to_string(e.awaiting));
            lines.push_back({std::move(line), g});
        }
    }

    // Blocks: a title, then whole lines while they fit; a line longer than a block is cut.
    const std::string title = fill_template(zh ? "【催办名单】{0}" : "[Reminder] {0}", school_name);
    const size_t marker_room = 9;  // "（12/34）"
    const size_t title_chars = utf8_chars(title) + marker_room + 1;
    const size_t room = max_chars > title_chars + 10 ? max_chars - title_chars : 10;
    std::vector<std::string> bodies(1);
    size_t used = 0;
    bool fresh = true;  // the block holds no line yet (a 续 header at most)
    int last_group = -1;
    auto add = [&](const std::string& text) {
        bodies.back() += "\n" + text;
        used += utf8_chars(text) + 1;
    };
    for (size_t li = 0; li < lines.size(); ++li) {
        const Line& line = lines[li];
        std::string rest = line.text;
        // A header needs room for its first entry too (when that entry fits a block at all).
        size_t keep_with = 0;
        if (line.header && li + 1 < lines.size()) keep_with = utf8_chars(lines[li + 1].text) + 1;
        if (keep_with >= room) keep_with = 0;
        while (!rest.empty()) {
            if (used + utf8_chars(rest) + 1 + keep_with <= room) {
                add(rest);
                fresh = false;
                break;
            }
            if (!fresh) {  // a new block; a group going on says so
                bodies.emplace_back();
                used = 0;
                fresh = true;
                if (!line.header && line.group >= 0 && line.group == last_group)
                    add(fill_template(zh ? "【{0}】（续）" : "[{0}] (continued)", group_title(ReminderGroup(line.group), lang)));
                continue;
            }
            // Longer than what an empty block has room for: cut it where the room ends.
            size_t i = 0, n = used + 1;
            while (i < rest.size() && n < room) {
                next_utf8(rest, i);
                ++n;
            }
            if (i == 0) next_utf8(rest, i);  // always make progress
            add(rest.substr(0, i));
            rest.erase(0, i);
            fresh = false;
        }
        last_group = line.group >= 0 ? line.group : last_group;
    }
    std::vector<std::string> blocks;
    for (size_t b = 0; b < bodies.size(); ++b) {
        std::string marker;
        if (bodies.size() > 1)
            marker = fill_template(zh ? "（{0}/{1}）" : " ({0}/{1})", std::to_string(b + 1), std::to_string(bodies.size()));
        blocks.push_back(title + marker + bodies[b]);
    }
    return blocks;
}

std::string reminder_text(const Workspace& ws, const Summary& s, int school, Lang lang, size_t max_chars,
                          bool with_ids, ReminderCount* count) {
    std::string out;
    ReminderCount counted;
    for (size_t i = 0; i < s.schools.size(); ++i) {
        if (school >= 0 && size_t(school) != i) continue;
        const SchoolReminder r = school_reminder(ws, s, int(i));
        if (school < 0 && r.unpassed == 0) continue;
        ++counted.schools;
        for (const std::string& block : reminder_blocks(r, s, lang, max_chars, with_ids)) {
            out += (out.empty() ? "" : "\n\n") + block;
            ++counted.blocks;
        }
    }
    if (count) *count = counted;
    return out;
}

}  // namespace it2
