// The vocabulary's table (vocabulary.h says which word was chosen where two competed). Each
// entry names its Term, and a compile-time check makes sure the table lists every Term once, in
// enum order.
#include "vocabulary.h"

#include <cstdio>

namespace it2::vocab {

namespace {

struct Entry {
    Term id;
    const char* zh;
    const char* en;
    const char* key;  // column terms: the English CSV header; "" otherwise
};

constexpr Entry kTerms[] = {
    {Term::status_excellent, "优秀", "Excellent", ""},
    {Term::status_passed, "合格", "Passed", ""},
    {Term::status_not_met, "未达标", "Not met", ""},
    {Term::status_awaiting, "待评审", "Awaiting review", ""},
    {Term::status_not_started, "未开始", "Not started", ""},
    {Term::status_in_progress, "学习中", "In progress", ""},
    {Term::grade_excellent, "优秀", "Excellent", ""},
    {Term::grade_pass, "合格", "Pass", ""},
    {Term::grade_fail, "不合格", "Fail", ""},
    {Term::point_selected, "未提交", "Not submitted", ""},
    {Term::point_submitted, "待评审", "Awaiting review", ""},
    {Term::score, "推进得分", "Progress score", "score"},
    {Term::part_organisation, "组织与方案", "Organisation and plans", ""},
    {Term::part_activities, "校本研修活动", "School-based activities", ""},
    {Term::part_participation_hours, "参训与学时", "Participation × hours", ""},
    {Term::part_pass, "合格率", "Pass rate", ""},
    {Term::part_excellence, "优秀率", "Excellence rate", ""},
    {Term::rate_participation, "参训率", "Participation", "participation"},
    {Term::rate_hours, "学时达标率", "Hours completion", "hours"},
    {Term::rate_submission, "提交率", "Submission rate", "submission"},
    {Term::rate_pass, "合格率", "Pass rate", "pass"},
    {Term::rate_excellence, "优秀率", "Excellence rate", "excellence"},
    {Term::severity_error, "文件错误", "File error", ""},
    {Term::severity_record, "记录跳过", "Record skipped", ""},
    {Term::severity_warning, "提醒", "Warning", ""},
    {Term::file_loaded, "已加载", "Loaded", ""},
    {Term::file_partial, "部分加载", "Partly loaded", ""},
    {Term::file_rejected, "未加载", "Rejected", ""},
    {Term::file_replaced, "已被替换", "Replaced", ""},
    {Term::at_risk, "临期", "At risk", "at_risk"},
    {Term::overdue, "逾期未达标", "Overdue", "overdue"},
    {Term::col_teacher_id, "教师编号", "Teacher ID", "teacher_id"},
    {Term::col_name, "姓名", "Name", "name"},
    {Term::col_subject, "学科", "Subject", "subject"},
    {Term::col_school_id, "学校编号", "School ID", "school_id"},
    {Term::col_school, "学校", "School", "school"},
    {Term::col_stage, "学段", "Stage", "stage"},
    {Term::col_batch, "批次", "Batch", "batch"},
    {Term::col_batches, "批次", "Batches", "batches"},
    {Term::col_teachers, "教师", "Teachers", "teachers"},
    {Term::col_status, "状态", "Status", "status"},
    {Term::col_online, "在线学时", "Online hours", "online_hours"},
    {Term::col_practice, "实践学时", "Practice hours", "practice_hours"},
    {Term::col_total_hours, "总学时", "Total hours", "total_hours"},
    {Term::col_passed_points, "合格能力点", "Passed points", "passed_points"},
    {Term::col_excellent_points, "优秀能力点", "Excellent points", "excellent_points"},
    {Term::col_dimensions, "覆盖维度", "Dimensions", "dimensions"},
    {Term::col_flag, "提醒", "Flag", "flag"},
    {Term::col_missing, "还缺什么", "Still missing", "missing"},
    {Term::district, "全区", "District", ""},
    {Term::fmt_problems_in_files, "%d 个问题（%d 个文件）", "%d problems in %d files", ""},
    {Term::app_title, "提升工程2.0 进度看板", "IT 2.0 Progress Tracker", ""},
    {Term::cli_policy_applied, "规则文件已采用：其中的规则用于统计（与页面相同，覆盖 --policy 和之前的规则文件）",
     "policy file applied: its rules are in force (as on the page; over --policy and earlier policy files)", ""},
    {Term::cli_policy_rejected, "规则文件有误，未采用（见其问题）", "policy file rejected and not applied (see its problems)", ""},
    {Term::fmt_cli_workspace_files, "工作区文件：载入其中的 %d 个文件（及其规则）", "workspace file: loading its %d files (and its policy)", ""},
    {Term::school_page_progress, "进度", "progress", ""},
    {Term::col_new_passed_7d, "近7天合格", "New in 7 days", "new_passed_7d"},
    {Term::col_forecast_finish, "预计完成", "Projected finish", "forecast_finish"},
    {Term::col_forecast_unpassed, "预计未达标", "Projected short", "forecast_unpassed"},
    {Term::forecast_done, "已完成", "Done", ""},
    {Term::forecast_late, "无法按期完成", "Will miss the deadline", ""},
};

template <size_t N>
constexpr bool in_enum_order(const Entry (&table)[N]) {
    if (N != size_t(kTermCount)) return false;
    for (size_t i = 0; i < N; ++i)
        if (size_t(table[i].id) != i) return false;
    return true;
}
static_assert(in_enum_order(kTerms), "kTerms must list every Term once, in enum order");

}  // namespace

const char* term(Term t, Lang lang) {
    const size_t i = size_t(t);
    if (i >= size_t(kTermCount)) return "";
    return lang == Lang::zh ? kTerms[i].zh : kTerms[i].en;
}

const char* column_key(Term t) {
    const size_t i = size_t(t);
    return i < size_t(kTermCount) ? kTerms[i].key : "";
}

// issue 12 (ui12): the stages of Chinese schools (domain.md), in English.
std::string stage_name(const std::string& stage, Lang lang) {
    struct Stage {
        const char *zh, *en;
    };
    // Short, as a table column has room for (and as Chinese schools name themselves in English).
    static constexpr Stage kStages[] = {{"幼儿园", "Kindergarten"},  {"小学", "Primary"},          {"初中", "Junior high"},
                                        {"高中", "Senior high"},     {"完全中学", "Secondary"},    {"九年一贯制", "Nine-year"},
                                        {"十二年一贯制", "Twelve-year"}, {"职业学校", "Vocational"}, {"特殊教育学校", "Special ed."}};
    if (lang == Lang::zh) return stage;
    for (const Stage& s : kStages)
        if (stage == s.zh) return s.en;
    return stage;
}

Term status_term(TeacherStatus s) { return Term(int(Term::status_excellent) + int(s)); }

Term grade_term(Grade g, PointStatus st) {
    if (st == PointStatus::graded) {
        if (g == Grade::excellent) return Term::grade_excellent;
        if (g == Grade::pass) return Term::grade_pass;
        if (g == Grade::fail) return Term::grade_fail;
    }
    return st == PointStatus::submitted ? Term::point_submitted : Term::point_selected;
}

Term severity_term(Severity s) { return Term(int(Term::severity_error) + int(s)); }
Term file_status_term(FileStatus s) { return Term(int(Term::file_loaded) + int(s)); }
Term score_part_term(int part) { return Term(int(Term::part_organisation) + part); }
Term rate_term(int rate) { return Term(int(Term::rate_participation) + rate); }

// ---- Fields in people's words (issue 12 item 8) ----------------------------------------------

namespace {

struct FieldEntry {
    const char* context;
    const char* key;
    FieldName name;
};
// The it2-batch members (format.md §1) a problem can point at.
constexpr FieldEntry kFields[] = {
    {"", "format", {"文件格式", "file format", false}},
    {"", "version", {"格式版本", "format version", false}},
    {"", "district", {"区县信息", "district", false}},
    {"", "school", {"学校信息", "school", false}},
    {"", "batch", {"批次信息", "batch", false}},
    {"", "teachers", {"教师名单", "teacher list", false}},
    {"", "activities", {"校本研修活动", "activities", false}},
    {"district", "code", {"区县编号", "district code", true}},
    {"district", "name", {"区县名称", "district name", true}},
    {"school", "id", {"学校编号", "school id", true}},
    {"school", "name", {"学校名称", "school name", true}},
    {"school", "stage", {"学段", "stage", true}},
    {"school", "environment", {"学校环境", "environment", true}},
    {"school", "deliverables", {"学校成果材料", "deliverables", true}},
    {"deliverables", "management_team", {"管理团队", "management team", true}},
    {"deliverables", "development_plan", {"信息化发展规划", "development plan", true}},
    {"deliverables", "training_plan", {"校本研修方案", "training plan", true}},
    {"batch", "id", {"批次编号", "batch id", true}},
    {"batch", "name", {"批次名称", "batch name", true}},
    {"batch", "start", {"批次开始日期", "batch start date", true}},
    {"batch", "end", {"批次结束日期", "batch end date", true}},
    {"teachers", "id", {"教师编号", "teacher id", false}},
    {"teachers", "name", {"姓名", "name", false}},
    {"teachers", "subject", {"学科", "subject", false}},
    {"teachers", "role", {"角色", "role", false}},
    {"teachers", "stage", {"学段", "stage", false}},
    {"teachers", "hours", {"学时", "hours", false}},
    {"teachers", "points", {"能力点", "points", false}},
    {"hours", "online", {"在线学时", "online hours", true}},
    {"hours", "practice", {"实践学时", "practice hours", true}},
    {"points", "code", {"代码", "code", false}},
    {"points", "status", {"状态", "status", false}},
    {"points", "grade", {"成绩", "grade", false}},
    {"points", "items", {"评价项", "items", false}},
    {"points", "submitted", {"提交日期", "submission date", false}},
    {"points", "reviewed", {"评审日期", "review date", false}},
    {"items", "title", {"标题", "title", false}},
    {"items", "grade", {"成绩", "grade", false}},
    {"activities", "date", {"日期", "date", false}},
    {"activities", "title", {"标题", "title", false}},
    {"activities", "hours", {"学时", "hours", false}},
    {"activities", "participants", {"参与人数", "participants", false}},
};

struct ElementEntry {
    const char* list;
    const char* zh;
    const char* en;
};
constexpr ElementEntry kElements[] = {
    {"teachers", "第 %d 位教师", "teacher %d"},   {"points", "第 %d 个能力点", "point %d"},
    {"items", "第 %d 个评价项", "item %d"},       {"activities", "第 %d 项校本研修活动", "activity %d"},
    {"rows", "第 %d 行", "row %d"},
};

}  // namespace

const FieldName* field_name(std::string_view context, std::string_view key) {
    for (const FieldEntry& f : kFields)
        if (context == f.context && key == f.key) return &f.name;
    return nullptr;
}

const char* element_name(std::string_view list_key, Lang lang) {
    for (const ElementEntry& e : kElements)
        if (list_key == e.list) return lang == Lang::zh ? e.zh : e.en;
    return nullptr;
}

Rgb status_colour(TeacherStatus s) {
    switch (s) {
        case TeacherStatus::excellent: return colour::excellent;
        case TeacherStatus::passed: return colour::passed;
        case TeacherStatus::not_met: return colour::failed;
        case TeacherStatus::awaiting_review: return colour::awaiting;
        case TeacherStatus::not_started: return colour::not_started;
        case TeacherStatus::in_progress: return colour::in_progress;
    }
    return colour::neutral;
}

Rgb status_text_colour(TeacherStatus s) {
    return (s == TeacherStatus::not_started || s == TeacherStatus::in_progress) ? colour::text : colour::white;
}

// The colour follows the word: grade_term() decides which of the five a point shows.
Rgb grade_colour(Grade g, PointStatus st) {
    switch (grade_term(g, st)) {
        case Term::grade_excellent: return colour::excellent;
        case Term::grade_pass: return colour::passed;
        case Term::grade_fail: return colour::failed;
        case Term::point_submitted: return colour::awaiting;
        default: return colour::not_started;
    }
}

Rgb severity_colour(Severity s) {
    // An error loses a file (red, as every loss); a record loses one record (brown); a warning
    // keeps everything (grey). Neither brown nor grey is a teacher status colour.
    switch (s) {
        case Severity::error: return colour::failed;
        case Severity::record: return colour::record;
        case Severity::warning: return colour::text_weak;
    }
    return colour::neutral;
}

std::string css_hex(Rgb c) {
    char text[8];
    std::snprintf(text, sizeof text, "#%02x%02x%02x", c.r, c.g, c.b);
    return text;
}

}  // namespace it2::vocab
