// The one vocabulary: every term a user sees on the screen, in the CSV, in the printed report
// and in `it2 summarize --table` (teacher statuses, point grades, score parts, rates, problem
// severities, file states, flags, column labels), and the one colour table for statuses.
// ui_strings reads these terms from here, so the screen and the paper cannot drift apart.
//
// Words chosen once (and explained in 帮助):
// - 不合格 is only a point's grade; a teacher whose batch ended without a pass is 未达标, and the
//   count of such teachers is 逾期未达标 ("overdue"): a teacher is never 不合格.
// - 推进得分 is the school's score (整校推进), everywhere; its parts are 组织与方案, 校本研修活动,
//   参训与学时, 合格率, 优秀率.
// - 临期 (batch ends soon, not yet passed); 记录跳过 (one record skipped, the file kept).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "catalog.h"
#include "load_batch.h"
#include "metrics.h"
#include "model.h"
#include "problems.h"

namespace it2::vocab {

enum class Term : uint8_t {
    // A teacher's overall status, in TeacherStatus order.
    status_excellent,
    status_passed,
    status_not_met,
    status_awaiting,
    status_not_started,
    status_in_progress,
    // A point's grade and its states before grading.
    grade_excellent,
    grade_pass,
    grade_fail,
    point_selected,
    point_submitted,
    // The school's score and its five parts, in ScoreParts order.
    score,
    part_organisation,
    part_activities,
    part_participation_hours,
    part_pass,
    part_excellence,
    // The five rates, in Rates order.
    rate_participation,
    rate_hours,
    rate_submission,
    rate_pass,
    rate_excellence,
    // Problem severities, in Severity order.
    severity_error,
    severity_record,
    severity_warning,
    // File states, in FileStatus order.
    file_loaded,
    file_partial,
    file_rejected,
    file_replaced,
    // A teacher's flags (and the school columns that count them).
    at_risk,
    overdue,
    // Column labels shared by the screen tables, the CSV, the report and --table.
    col_teacher_id,
    col_name,
    col_subject,
    col_school_id,
    col_school,
    col_stage,
    col_batch,
    col_batches,
    col_teachers,
    col_status,
    col_online,
    col_practice,
    col_total_hours,
    col_passed_points,
    col_excellent_points,
    col_dimensions,
    col_flag,
    col_missing,
    district,
    // "12 个问题（10 个文件）": the header, the load notice and the report (printf: problems, files).
    fmt_problems_in_files,
    // The programme's name (the page's title and window, the CLI's help), and what the CLI says
    // about a policy or workspace file it was given (as the page's load notices do).
    app_title,
    cli_policy_applied,
    cli_policy_rejected,
    fmt_cli_workspace_files,  // printf: the number of files
    // A principal's own page (导出本校页面): its file name and title, "綦江区石壕小学-进度-2026-11-30".
    school_page_progress,
    // The forecast (issue 13): the district table's columns, on screen, in its CSV and workbook.
    col_new_passed_7d,
    col_forecast_finish,
    col_forecast_unpassed,
    forecast_done,  // 预计完成 of a school whose open batches are all passed
    forecast_late,  // 预计完成 of a school flagged 预计逾期
    count_
};
constexpr int kTermCount = int(Term::count_);

const char* term(Term t, Lang lang);
// The machine key of a column term (the English CSV header: "teacher_id", …); "" for non-columns.
const char* column_key(Term t);

// issue 12 (ui12): a school's stage (学段) as the data gives it (小学, 初中, …) in the UI
// language: the known stages are translated, anything else is shown as given.
std::string stage_name(const std::string& stage, Lang lang);

Term status_term(TeacherStatus s);
Term grade_term(Grade g, PointStatus st);  // 优秀 / 合格 / 不合格, or 未提交 / 待评审 before grading
Term severity_term(Severity s);
Term file_status_term(FileStatus s);
constexpr int kScorePartCount = 5;
Term score_part_term(int part);  // 0..4 in ScoreParts order
constexpr int kRateCount = 5;
Term rate_term(int rate);  // 0..4 in Rates order

// One meaning per colour, everywhere: the screen (widgets.h) and the printed report both take
// their colours from here.
struct Rgb {
    uint8_t r, g, b;
};
namespace colour {
constexpr Rgb excellent{21, 101, 192};     // 优秀: blue
constexpr Rgb passed{46, 125, 50};         // 合格: green
constexpr Rgb failed{198, 40, 40};         // 不合格 grade, 未达标 / 逾期未达标 teacher, a lost file: red
constexpr Rgb awaiting{123, 31, 162};      // 待评审: purple
constexpr Rgb in_progress{144, 164, 174};  // 学习中: blue-grey
constexpr Rgb not_started{215, 215, 215};  // 未开始 / 未提交: light grey
constexpr Rgb at_risk{230, 100, 0};        // 临期: orange
constexpr Rgb record{121, 85, 72};         // 记录跳过: brown (not a status colour)
constexpr Rgb neutral{55, 71, 79};         // plain quantities (推进得分, counts): dark grey
constexpr Rgb track{232, 236, 239};        // the empty part of a bar
constexpr Rgb text{20, 24, 28};
constexpr Rgb text_weak{84, 96, 105};      // 提醒 (warning) chips, secondary text
constexpr Rgb white{255, 255, 255};
}  // namespace colour

// The order statuses are drawn and listed in (bars, legends, on screen and on paper): done
// first, then the ones that need attention.
constexpr TeacherStatus kStatusDrawOrder[] = {TeacherStatus::excellent,   TeacherStatus::passed,
                                              TeacherStatus::awaiting_review, TeacherStatus::in_progress,
                                              TeacherStatus::not_started, TeacherStatus::not_met};

// ---- Fields in people's words (issue 12 item 8): where a problem is, for problem_place() ----
// A member of an it2-batch file: (context, key) → 实践学时 / practice hours. `context` is the key of
// the enclosing member ("" at the top level, "teachers" inside one teacher, "hours", "points" …);
// `replaces_parent`: the word stands for the parent's too (hours/online → 在线学时, not 学时的在线学时).
struct FieldName {
    const char* zh;
    const char* en;
    bool replaces_parent;
};
const FieldName* field_name(std::string_view context, std::string_view key);  // nullptr: not a known field
// One element of a known list, printf with its 1-based number: "第 %d 位教师" / "teacher %d"; nullptr otherwise.
const char* element_name(std::string_view list_key, Lang lang);

Rgb status_colour(TeacherStatus s);
Rgb status_text_colour(TeacherStatus s);  // readable text on status_colour
Rgb grade_colour(Grade g, PointStatus st);
Rgb severity_colour(Severity s);
std::string css_hex(Rgb c);  // "#1565c0"

}  // namespace it2::vocab
