// The forecast and the reminder lists on the page (forecast_parts.h).
#include "forecast_parts.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "dates.h"
#include "forecast.h"
#include "remind.h"
#include "widgets.h"

namespace it2::ui {

namespace {

const SchoolForecast* forecast_of(const Summary& s, int school) {
    return school >= 0 && size_t(school) < s.forecast.schools.size() ? &s.forecast.schools[size_t(school)] : nullptr;
}

std::string batch_label(const BatchForecast& b) { return b.name.empty() ? b.batch : b.name; }

// Each open batch's pace and projection, one line each (the cells' tooltip).
void forecast_tooltip(const Dashboard& d, const SchoolForecast& f) {
    if (!ImGui::BeginItemTooltip()) return;
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28);
    for (const BatchForecast& b : f.batches) {
        if (!b.open()) continue;
        ImGui::TextUnformatted(format(tr(Str::fmt_forecast_tooltip, d.lang), batch_label(b).c_str(), b.end.c_str(), b.teachers,
                                      b.passed, b.window_days, b.window_passed, b.pace_per_week)
                                   .c_str());
        if (b.remaining > 0 && b.finish.empty()) ImGui::TextUnformatted(tr(Str::forecast_no_pace, d.lang));
        else if (b.remaining > 0)
            ImGui::TextUnformatted(format(tr(Str::fmt_forecast_finish_at, d.lang), b.finish.c_str(), b.projected_unpassed).c_str());
    }
    if (f.late) ImGui::TextUnformatted(tr(Str::forecast_late_long, d.lang));
    ImGui::Separator();
    ImGui::TextDisabled("%s", tr(Str::forecast_rule_tooltip, d.lang));
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void text_right_coloured(ImU32 colour, const std::string& text) {
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    text_right(text);
    ImGui::PopStyleColor();
}

}  // namespace

void forecast_cell(const Dashboard& d, int school, int column) {
    const SchoolForecast* f = forecast_of(d.summary, school);
    if (!f) return;
    if (column == kColumnNewPassed7d) {
        text_right(format("%d", f->new_passed_7d));
        return;
    }
    if (!f->open) {
        text_right(tr(Str::no_value, d.lang));
    } else if (column == kColumnForecastUnpassed) {
        if (f->late) text_right_coloured(colour::failed, format("%d", f->projected_unpassed));
        else text_right("0");
    } else if (f->late) {
        text_right_coloured(colour::failed, tr(Str::forecast_late, d.lang));
    } else if (f->finish.empty()) {
        text_right_coloured(colour::passed, tr(Str::forecast_done, d.lang));
    } else {
        text_right(f->finish);
    }
    if (f->open && ImGui::IsItemHovered()) forecast_tooltip(d, *f);
}

double forecast_sort_key(const Summary& s, int school, int column) {
    const SchoolForecast* f = forecast_of(s, school);
    if (!f) return 1e9;
    if (column == kColumnNewPassed7d) return f->new_passed_7d;
    if (column == kColumnForecastUnpassed) return f->open ? f->projected_unpassed : -1;
    if (!f->open) return 1e9;
    if (f->late) return 1e7 + f->projected_unpassed;  // late, most left last
    if (f->finish.empty()) return -1;                  // done
    return double(days_from_iso(f->finish));          // on track, by date
}

void forecast_district_line(const Dashboard& d) {
    const Forecast& f = d.summary.forecast;
    ImGui::PushStyleColor(ImGuiCol_Text, f.late_schools > 0 ? colour::failed : colour::text_weak);
    text_wrapped(format(tr(Str::fmt_district_forecast, d.lang), f.new_passed_7d, f.late_schools, f.projected_unpassed));
    ImGui::PopStyleColor();
    tooltip_wrapped(tr(Str::forecast_rule_tooltip, d.lang));
}

void copy_reminder_button(Dashboard& d, int school) {
    const char* label = tr(school < 0 ? Str::copy_reminder_all : Str::copy_reminder, d.lang);
    flow(button_width(label));
    if (ImGui::Button(label)) {
        ReminderCount count;
        const std::string text = reminder_text(d.workspace, d.summary, school, d.lang, kReminderBlockChars, d.reminder_with_ids, &count);
        if (text.empty()) {
            d.notice = tr(Str::reminder_nothing, d.lang);
        } else {
            ImGui::SetClipboardText(text.c_str());
            d.notice = format(tr(Str::fmt_reminder_copied, d.lang), count.schools, count.blocks);
        }
    }
    remember_rect(d, school < 0 ? "copyReminderAll" : "copyReminder");
    tooltip_wrapped(tr(Str::copy_reminder_tooltip, d.lang));
    // 附带工号 beside it: names only unless ticked (kept with the page's settings, view_state).
    const char* ids_label = tr(Str::reminder_with_ids, d.lang);
    flow(ImGui::CalcTextSize(ids_label).x + ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
    ImGui::Checkbox(ids_label, &d.reminder_with_ids);
    remember_rect(d, school < 0 ? "reminderIdsAll" : "reminderIds");
    tooltip_wrapped(tr(Str::reminder_with_ids_tooltip, d.lang));
}

PassDays forecast_pass_days(const Dashboard& d, const SchoolResult& s) {
    PassDays out;
    const SchoolForecast* f = forecast_of(d.summary, int(&s - d.summary.schools.data()));
    if (!f) return out;
    for (size_t b = 0; b < f->batches.size(); ++b) {
        const BatchForecast& batch = f->batches[b];
        if (!batch.open()) continue;
        std::vector<long> days;
        for (int ti : s.teachers) {
            const TeacherResult& t = d.summary.teachers[size_t(ti)];
            if (t.batch != batch.batch || (t.status != TeacherStatus::passed && t.status != TeacherStatus::excellent)) continue;
            const long day = pass_day(d.record_points(t), d.policy);  // kNoDate without a record
            if (day != kNoDate) days.push_back(day);
        }
        std::sort(days.begin(), days.end());
        out.emplace_back(b, std::move(days));
    }
    return out;
}

void school_forecast_chart(Dashboard& d, const SchoolResult& s, const PassDays& pass_days) {
    const int school = int(&s - d.summary.schools.data());
    const SchoolForecast* f = forecast_of(d.summary, school);
    if (!f) return;
    ImGui::TextUnformatted(tr(Str::forecast_chart_heading, d.lang));
    if (!f->open) {
        ImGui::TextDisabled("%s", tr(Str::forecast_not_open, d.lang));
        return;
    }
    struct Series {
        const BatchForecast* batch;
        const std::vector<long>& days;  // sorted
    };
    std::vector<Series> series;
    for (const auto& [index, days] : pass_days)
        if (index < f->batches.size()) series.push_back({&f->batches[index], days});
    const long as_of = days_from_iso(d.as_of);
    long first = as_of, last = as_of;
    int top = 1;
    for (const Series& one : series) {
        const long start = days_from_iso(one.batch->start), end = days_from_iso(one.batch->end);
        if (start != kNoDate) first = std::min(first, start);
        if (!one.days.empty()) first = std::min(first, one.days.front());
        if (end != kNoDate) last = std::max(last, end);
        top = std::max(top, one.batch->teachers);
    }
    if (last <= first) last = first + 1;

    const float height = narrow() ? 160.0f : 105.0f;  // wide: beside the activities, so the teacher table stays in view
    ImGui::BeginChild("forecast_chart", ImVec2(0, height), ImGuiChildFlags_Borders, ImGuiWindowFlags_NoScrollbar);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float line = ImGui::GetTextLineHeight();
    const std::string top_label = format("%d", top);
    const float left = ImGui::CalcTextSize(top_label.c_str()).x + 8;
    const float label_room = narrow() ? 0.0f : ImGui::GetFontSize() * 9;
    const ImVec2 lo(origin.x + left, origin.y + 4), hi(origin.x + avail.x - label_room - 4, origin.y + avail.y - line - 6);
    auto px = [&](long day) { return lo.x + (hi.x - lo.x) * float(day - first) / float(last - first); };
    auto py = [&](double count) { return hi.y - (hi.y - lo.y) * float(count / top); };

    for (int v : {0, top}) {
        dl->AddLine(ImVec2(lo.x, py(v)), ImVec2(hi.x, py(v)), colour::track);
        const std::string t = format("%d", v);
        dl->AddText(ImVec2(lo.x - 4 - ImGui::CalcTextSize(t.c_str()).x, py(v) - line * 0.5f), colour::text_weak, t.c_str());
    }
    dl->AddLine(ImVec2(lo.x, hi.y), ImVec2(hi.x, hi.y), colour::text_weak);
    // Today (the as-of date) as a thin vertical line, with the first and last dates under the axis.
    dl->AddLine(ImVec2(px(as_of), lo.y), ImVec2(px(as_of), hi.y), colour::text_weak);
    const std::string d0 = iso_from_days(first), d1 = iso_from_days(last);
    dl->AddText(ImVec2(lo.x, hi.y + 3), colour::text_weak, d0.c_str());
    dl->AddText(ImVec2(hi.x - ImGui::CalcTextSize(d1.c_str()).x, hi.y + 3), colour::text_weak, d1.c_str());
    const float as_of_w = ImGui::CalcTextSize(d.as_of.c_str()).x;
    if (px(as_of) - as_of_w * 0.5f > lo.x + ImGui::CalcTextSize(d0.c_str()).x + 8 &&
        px(as_of) + as_of_w * 0.5f < hi.x - ImGui::CalcTextSize(d1.c_str()).x - 8)
        dl->AddText(ImVec2(px(as_of) - as_of_w * 0.5f, hi.y + 3), colour::text, d.as_of.c_str());

    for (size_t i = 0; i < series.size(); ++i) {
        const BatchForecast& b = *series[i].batch;
        const ImU32 ink = b.state == ForecastState::late ? colour::failed : colour::passed;
        // Steps of the teachers passed by their pass day, then flat to the as-of date.
        int count = 0;
        ImVec2 prev(px(days_from_iso(b.start) != kNoDate ? days_from_iso(b.start) : first), py(0));
        for (long day : series[i].days) {
            if (day > as_of) break;
            ++count;
            const ImVec2 here(px(day), py(count));
            dl->AddLine(prev, ImVec2(here.x, prev.y), ink, 2.0f);
            dl->AddLine(ImVec2(here.x, prev.y), here, ink, 2.0f);
            prev = here;
        }
        const ImVec2 now(px(as_of), py(b.passed));
        dl->AddLine(prev, ImVec2(now.x, prev.y), ink, 2.0f);
        if (now.y != prev.y) dl->AddLine(ImVec2(now.x, prev.y), now, ink, 2.0f);
        // The projection: dashed from today's count to the count the pace reaches at the end.
        const long end = days_from_iso(b.end);
        const double reached = double(b.teachers - std::max(0, b.projected_unpassed));
        const ImVec2 goal(px(end), py(reached));
        const float length = std::hypot(goal.x - now.x, goal.y - now.y), dash = 6.0f;
        for (float t = 0; t < length; t += dash * 2) {
            const float a = t / std::max(length, 1.0f), z = std::min(t + dash, length) / std::max(length, 1.0f);
            dl->AddLine(ImVec2(now.x + (goal.x - now.x) * a, now.y + (goal.y - now.y) * a),
                        ImVec2(now.x + (goal.x - now.x) * z, now.y + (goal.y - now.y) * z), ink, 2.0f);
        }
        // The batch's total as a faint target line, and the label at the end.
        dl->AddLine(ImVec2(px(as_of), py(b.teachers)), ImVec2(px(end), py(b.teachers)), colour::track, 1.0f);
        const std::string label = format(tr(Str::fmt_projection_label, d.lang), batch_label(b).c_str(), int(reached), b.teachers);
        if (label_room > 0) dl->AddText(ImVec2(hi.x + 6, goal.y - line * 0.5f + line * float(i)), ink, label.c_str());
        else dl->AddText(ImVec2(lo.x + 4, lo.y + line * float(i)), ink, label.c_str());
    }
    ImGui::Dummy(avail);
    if (ImGui::IsItemHovered()) forecast_tooltip(d, *f);
    ImGui::EndChild();
}

}  // namespace it2::ui
