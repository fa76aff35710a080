// The UI text tables. Each entry names its Str; a compile-time check makes sure every Str is
// listed exactly once: in both language tables (in enum order), or in kFromVocabulary. Terms the
// CSV, the printed report and the CLI also show (statuses, grades, score parts, rates,
// severities, column labels) are not written here: kFromVocabulary names the core vocabulary's
// term (core/vocabulary.h) instead.
#include "ui_strings.h"

#include <array>
#include <iterator>

#include "vocabulary.h"

namespace it2::ui {

namespace {

using vocab::Term;

struct Entry {
    Str id;
    const char* text;
};

// Strs that show a vocabulary term: the CSV, the printed report and the CLI use the same words.
struct FromVocabulary {
    Str id;
    Term term;
};
constexpr FromVocabulary kFromVocabulary[] = {
    {Str::app_title, Term::app_title},  // also the page's window title and the CLI's help
    {Str::col_at_risk, Term::at_risk},
    {Str::col_batches, Term::col_batches},
    {Str::col_excellence, Term::rate_excellence},
    {Str::col_file_status, Term::col_status},
    {Str::col_flag, Term::col_flag},
    {Str::col_forecast_finish, Term::col_forecast_finish},  // the forecast (issue 13): exports too
    {Str::col_forecast_unpassed, Term::col_forecast_unpassed},
    {Str::col_new_passed_7d, Term::col_new_passed_7d},
    {Str::forecast_done, Term::forecast_done},
    {Str::forecast_late, Term::forecast_late},
    {Str::col_hours_rate, Term::rate_hours},
    {Str::col_missing, Term::col_missing},
    {Str::col_name, Term::col_name},
    {Str::col_online, Term::col_online},
    {Str::col_overdue, Term::overdue},
    {Str::col_participation, Term::rate_participation},
    {Str::col_pass, Term::rate_pass},
    {Str::col_practice, Term::col_practice},
    {Str::col_school, Term::col_school},
    {Str::col_score, Term::score},
    {Str::col_stage, Term::col_stage},
    {Str::col_status, Term::col_status},
    {Str::col_status_short, Term::col_status},
    {Str::col_subject, Term::col_subject},
    {Str::col_submission, Term::rate_submission},
    {Str::col_teachers, Term::col_teachers},
    {Str::file_loaded, Term::file_loaded},
    {Str::file_partial, Term::file_partial},
    {Str::file_rejected, Term::file_rejected},
    {Str::file_replaced, Term::file_replaced},
    {Str::flag_at_risk, Term::at_risk},
    {Str::flag_overdue, Term::overdue},
    {Str::fmt_files_with_problems, Term::fmt_problems_in_files},
    {Str::grade_excellent, Term::grade_excellent},
    {Str::grade_fail, Term::grade_fail},
    {Str::grade_pass, Term::grade_pass},
    {Str::part_activities, Term::part_activities},
    {Str::part_excellence, Term::part_excellence},
    {Str::part_organisation, Term::part_organisation},
    {Str::part_participation_hours, Term::part_participation_hours},
    {Str::part_pass, Term::part_pass},
    {Str::point_selected, Term::point_selected},
    {Str::point_submitted, Term::point_submitted},
    {Str::rate_excellence, Term::rate_excellence},
    {Str::rate_hours, Term::rate_hours},
    {Str::rate_participation, Term::rate_participation},
    {Str::rate_pass, Term::rate_pass},
    {Str::rate_submission, Term::rate_submission},
    {Str::severity_error, Term::severity_error},
    {Str::severity_record, Term::severity_record},
    {Str::severity_warning, Term::severity_warning},
    {Str::status_awaiting, Term::status_awaiting},
    {Str::status_excellent, Term::status_excellent},
    {Str::status_in_progress, Term::status_in_progress},
    {Str::status_not_met, Term::status_not_met},
    {Str::status_not_started, Term::status_not_started},
    {Str::status_passed, Term::status_passed},
};

constexpr Entry kZh[] = {
    {Str::absent, "缺"},
    {Str::all_batches, "全部批次"},
    {Str::all_files, "全部文件"},
    {Str::all_schools, "全部学校"},
    {Str::all_severities, "全部级别"},
    {Str::all_statuses, "全部状态"},
    {Str::all_subjects, "全部学科"},
    {Str::as_of_label, "统计日期"},
    {Str::as_of_tooltip, "按这一天判断批次是否已结束、谁临期；格式 2022-11-01"},
    {Str::at_risk_only, "只看临期/逾期"},
    {Str::col_activity_hours, "学时"},
    {Str::col_chosen, "选择人数"},
    {Str::col_date, "日期"},
    {Str::col_dimension, "维度"},
    {Str::col_environment, "环境"},
    {Str::col_environment_short, "环境"},
    {Str::col_file, "文件"},
    {Str::col_grade, "结果"},
    {Str::col_items, "成果与评定"},
    {Str::col_line, "行"},
    {Str::col_column, "列"},
    {Str::col_line_column, "行:列"},
    {Str::col_message, "问题"},
    {Str::col_participants, "人数"},
    {Str::col_point, "能力点"},
    {Str::col_pointer, "位置"},
    {Str::col_points, "能力点"},
    {Str::col_problem_count, "问题数"},
    {Str::col_reviewed, "评审日期"},
    {Str::col_role, "岗位"},
    {Str::col_severity, "级别"},
    {Str::col_status_mix, "教师状态"},
    {Str::col_submitted, "提交日期"},
    {Str::col_title, "活动"},
    {Str::computing, "正在汇总 %d 名教师的数据……"},
    {Str::copy_table, "复制表格"},
    {Str::copy_table_tooltip, "把当前筛选出的行复制到剪贴板（制表符分隔），可直接粘贴到 Excel"},
    {Str::date_hint, "年-月-日"},
    {Str::deliverable_plan, "学校信息化发展规划"},
    {Str::deliverable_team, "管理团队"},
    {Str::deliverable_training, "校本研修方案"},
    {Str::deliverables_heading, "整校推进材料"},
    {Str::empty_workspace, "还没有加载数据。点击上方“打开文件”选择各校的批次文件（JSON、CSV），或点击“示例区县”先看看效果（手机上这两项在“文件…”菜单中）。"},
    {Str::env_not_counted, "（此环境不计入）"},
    {Str::export_csv, "导出"},
    {Str::export_file_name, "提升工程2.0-教师明细.csv"},
    {Str::export_xlsx, "导出 Excel"},
    {Str::export_xlsx_failed, "无法生成 Excel 工作簿：%s"},
    {Str::file_menu, "文件…"},
    {Str::files_window_title, "文件管理"},
    {Str::fmt_activities_heading, "校本研修活动（%d 次）"},
    {Str::fmt_activities_of, "%d / %.0f 次活动"},
    {Str::fmt_back_to_school, "< 返回 %s"},
    {Str::fmt_best_gain, "提分空间最大：%s（还可得 %.1f 分）"},
    {Str::fmt_copied_rows, "已复制 %d 行到剪贴板，可直接粘贴到 Excel。"},
    {Str::fmt_date_range, "（%s 至 %s）"},
    {Str::fmt_deliverables, "已有 %d / 3 项"},
    {Str::fmt_detail_gain, "%s；还可得 %.1f 分"},
    {Str::fmt_district_heading, "全区 %d 所学校，%d 名教师，学校平均推进得分 %.1f"},
    {Str::fmt_files_heading, "已加载的文件（%d 个）"},
    {Str::fmt_hours_of, "%.1f / %.0f"},
    {Str::fmt_item_grade, "%s：%s"},
    {Str::fmt_loaded, "学校 %d 所 · 教师 %d 人 · 批次 %d 个 · 文件 %d 个"},
    {Str::fmt_points_given, "%.1f / %.0f 分，还可得 %.1f"},
    {Str::fmt_points_heading, "能力点：已通过 %d 个（要求 %d 个），覆盖 %d 个维度（要求 %d 个）"},
    {Str::fmt_rate_of_target, "%s（目标 %.1f%%）"},
    {Str::fmt_reviewed_on, "评审 %s"},
    {Str::fmt_rows_shown, "显示 %d / %d"},
    {Str::fmt_school_line, "编号 %s · %s · 批次 %s · 教师 %d 人"},
    {Str::fmt_scope_batch, "批次：%s"},
    {Str::fmt_scope_teachers, "范围内教师 %d 人"},
    {Str::fmt_score_formula,
     "得分 = 组织与方案 + 校本研修活动 + 参训与学时 + 合格率 + 优秀率，满分为各项权重之和。\n"
     "· 组织与方案 = %g × 已有材料数 / 3（管理团队、信息化发展规划、校本研修方案）\n"
     "· 校本研修活动 = %g × min(1, 活动次数 ÷ (%g × 已加载批次数))\n"
     "· 参训与学时 = %g × 参训率 × 学时达标率\n"
     "· 合格率 = %g × 合格率\n"
     "· 优秀率 = %g × min(1, 优秀率 ÷ 目标 %.1f%%)\n"
     "没有教师的学校，比率按 0 计；区县得分是各校得分的平均数。"},
    {Str::fmt_score_total, "推进得分 %.1f"},
    {Str::fmt_series_label, "%s %d 人"},
    {Str::fmt_status_count, "%s：%d 人"},
    {Str::fmt_submitted_on, "提交 %s"},
    {Str::fmt_target, "目标 %.1f%%"},
    {Str::fmt_teacher_line, "编号 %s · %s · %s · %s · %s%s"},
    {Str::fmt_two_rates, "参训 %s × 学时 %s"},
    {Str::fmt_weights_sum, "权重合计 %.1f 分（通常为 100）"},
    {Str::heat_map_heading, "已通过能力点：环境 × 维度"},
    {Str::help_colour_at_risk, "临期：批次将在规定天数内结束而尚未合格"},
    {Str::help_colour_neutral, "深灰：推进得分和一般数量"},
    {Str::help_colours_heading, "颜色的含义（全站统一）"},
    {Str::help_excel,
     "Excel 导入：省级平台导出的 .xlsx 和 .xls（Excel 97–2003）名单可以直接打开或拖入，与 CSV 使用同一套列名"
     "（学校编号、学校名称、批次、教师编号、姓名、在线学时、实践学时、能力点N/状态N/等级N）。"
     "工作簿有多个工作表时，使用第一个首行含「教师编号」的工作表；都没有时会列出试过的工作表。"
     "问题写明工作表、行和列。\n"
     "Excel 导出：「导出 Excel」生成一个工作簿：「说明」表写明数据日期和统计所用的规则，"
     "「学校」「教师」「问题」各一张表，表头冻结，百分比是可排序、可求和的数值；"
     "以 = + - @ 开头的文字前加了单引号，防止被当作公式。"},
    {Str::help_excel_heading, "Excel 导入和导出"},
    {Str::help_files,
     "每所学校每个批次一个 UTF-8 编码的 JSON 文件，\"format\" 为 \"it2-batch\"，\"version\" 为 1。\n"
     "· school：id 和 name 必填；stage（学段）、environment（A/B/C）、deliverables（管理团队、发展规划、研修方案：填日期或 true）可选。\n"
     "· batch：id 必填；name、start、end（YYYY-MM-DD）可选。end 早于统计日期且未合格的教师记为未达标（逾期未达标）。\n"
     "· activities：校本研修活动，每条需要 date，可有 title、hours、participants。\n"
     "· teachers：每位教师需要 id 和 name（id 在全区唯一），可有 subject、role、hours.online、hours.practice，"
     "以及 points：code（A1–A13、B1–B10、C1–C7）、status（selected / submitted / graded）、grade（优秀 / 合格 / 不合格）、"
     "items（各项成果及其评定）、submitted、reviewed 日期。\n"
     "同一学校同一批次再次加载会替换旧文件；同一教师出现在多个批次时只计一次（以开始日期最晚的批次为准）。"
     "文件里的错误不会让页面崩溃，都会列在“数据问题”里，写明文件、行列和处理方式。"},
    {Str::help_files_heading, "如何准备文件"},
    {Str::help_privacy,
     "所有数据只在本机浏览器里处理，不上传到任何地方。关闭页面后数据不保留，只记住界面语言和字号。"},
    {Str::help_privacy_heading, "数据安全"},
    {Str::help_rates,
     "以下比率的分母都是该校（或全区）参训名单上的教师人数：\n"
     "· 参训率：有任何学时或提交过能力点的教师所占比例。\n"
     "· 学时达标率：在线学时、实践学时和总学时都达到要求的教师比例。\n"
     "· 提交率：提交（或已评审）能力点数达到要求个数的教师比例。\n"
     "· 合格率：状态为合格或优秀的教师比例。\n"
     "· 优秀率：状态为优秀的教师比例。\n"
     "比率保留一位小数；没有教师的学校显示“—”。"},
    {Str::help_rates_heading, "各项比率的含义"},
    {Str::help_score,
     "推进得分（0–100）是本工具的评分办法，权重可以在“规则设置”里修改。五个部分：组织与方案、校本研修活动、"
     "参训与学时、合格率、优秀率。学校页面显示每一部分已得分数和还可得的分数，提分空间最大的一项会单独指出。"},
    {Str::help_score_heading, "推进得分怎么算"},
    {Str::help_start,
     "1．点击“打开文件”或“打开文件夹”，选择各校的批次文件；也可以把文件拖进页面。\n"
     "2．在“区县总览”按得分或合格率排序，找出落后的学校；点击学校进入学校页面。\n"
     "3．在学校页面筛选“只看临期/逾期”，查看每位教师还缺什么；点击“复制表格”粘贴到 Excel 发给学校。\n"
     "4．“统计日期”决定批次是否已结束，默认是今天，可以改成开会那天。\n"
     "5．鼠标停在按钮或表格行上会显示说明；在手机上，用手指按住半秒即可查看（松开不会触发按钮）。"},
    {Str::help_start_heading, "一分钟上手"},
    {Str::help_status,
     "教师状态按以下顺序判断：优秀（合格且至少有规定个数的能力点为优秀）→ 合格（学时和能力点都达到要求）→ "
     "未达标（批次已结束仍未合格）→ 待评审（有能力点已提交、等待评审）→ 未开始（没有学时也没有提交）→ 学习中（其他情况）。\n"
     "用词：“不合格”只指一个能力点的评定结果（优秀 / 合格 / 不合格）；教师的总体状态不说“不合格”，"
     "批次结束仍未合格的教师是“未达标”，学校表里这些教师的人数一栏叫“逾期未达标”。"
     "“临期”指批次将在规定天数内结束而教师尚未合格。“记录跳过”指文件里有一条记录有错、被跳过，文件其余部分照常载入。"
     "学校的得分在所有页面、导出表格和打印报告中都叫“推进得分”。"},
    {Str::help_status_heading, "教师状态"},
    {Str::hours_heading, "学时"},
    {Str::hours_online, "在线学时"},
    {Str::hours_practice, "实践学时"},
    {Str::hours_total, "总学时"},
    {Str::lang_en, "English"},
    {Str::lang_zh, "中文"},
    {Str::list_separator, "；"},
    {Str::load_demo, "示例区县"},
    {Str::load_policy, "加载规则文件"},
    {Str::load_policy_tooltip, "选择 \"format\" 为 \"it2-policy\" 的 JSON 文件"},
    {Str::missing_heading, "合格还缺"},
    {Str::most_chosen, "选择最多的能力点"},
    {Str::most_failed, "不合格最多的能力点"},
    {Str::no_activities, "没有活动记录"},
    {Str::no_points, "尚未选择能力点"},
    {Str::no_problems, "没有发现数据问题。"},
    {Str::no_such_point, "无此类能力点"},
    {Str::no_teacher_selected, "请先在“学校”页面的教师表中点击一位教师。"},
    {Str::no_value, "—"},
    {Str::not_available_here, "此页面环境暂不支持该功能"},
    {Str::nothing_missing, "已达到合格要求"},
    {Str::open_files, "打开文件"},
    {Str::open_folder, "打开文件夹"},
    {Str::point_graded, "已评审"},
    {Str::policy_file_name, "it2-规则.json"},
    {Str::present, "有"},
    {Str::print_report, "打印报告"},
    {Str::problem_opens_teacher, "点击查看这位教师"},
    {Str::progress_empty, "还没有带评审日期的合格教师。"},
    {Str::progress_heading, "累计合格人数（按评审日期，分批次）"},
    {Str::required_point, "（必修）"},
    {Str::reset_policy, "恢复默认规则"},
    {Str::rule_activities_per_batch, "每批次活动次数目标"},
    {Str::rule_at_risk_days, "临期提醒天数"},
    {Str::rule_environments, "计入的环境"},
    {Str::rule_excellence_target, "优秀率目标 (%)"},
    {Str::rule_min_dimensions, "至少覆盖维度数"},
    {Str::rule_min_excellent, "评为优秀所需的优秀能力点数"},
    {Str::rule_min_passed, "至少通过能力点数"},
    {Str::rule_online_min, "在线学时至少"},
    {Str::rule_practice_min, "实践学时至少"},
    {Str::rule_required, "必修能力点"},
    {Str::rule_required_help, "勾选的能力点必须通过才算合格。"},
    {Str::rule_total_min, "总学时至少"},
    {Str::rules_hours, "学时要求"},
    {Str::rules_intro, "这里的规则决定每位教师的状态和每所学校的得分；修改后所有页面立即重新计算。"},
    {Str::rules_points, "能力点要求"},
    {Str::rules_score, "学校推进得分"},
    {Str::save_policy, "保存规则文件"},
    {Str::school_label, "学校"},
    {Str::school_page_button, "导出本校页面"},
    {Str::school_page_failed, "无法导出本校页面：%s"},
    {Str::school_page_help, "导出本校页面：在“学校”视图点“导出本校页面”，下载一个只含本校数据的网页文件（如“某校-进度-日期.html”），发给校长双击即可离线查看本校进度。该页面不在浏览器中保存任何数据，也不会读到本页保存的其他学校。命令行：it2 school-page --school 学校编号 -o 文件夹 数据文件…"},
    {Str::school_page_holds, "本页只含 %s 的数据（数据截至 %s），不保存到浏览器。"},
    {Str::school_page_tooltip, "下载一个只含本校数据的网页文件（可离线打开），发给校长即可直接查看本校进度"},
    {Str::schools_heading, "各校进度"},
    {Str::scope_batches, "批次"},
    {Str::scope_district, "全区"},
    {Str::scope_label, "范围"},
    {Str::scope_schools, "学校"},
    {Str::search_school_hint, "搜索学校名称或编号"},
    {Str::search_teacher_hint, "搜索姓名或编号"},
    {Str::teachers_heading, "教师"},
    {Str::text_larger, "A+"},
    {Str::text_size_tooltip, "调整字号"},
    {Str::text_smaller, "A−"},
    {Str::today, "今天"},
    {Str::tsv_teachers_header, "教师编号\t姓名\t学校\t批次\t学科\t在线学时\t实践学时\t总学时\t合格能力点\t状态\t提醒\t还缺什么"},
    {Str::view_capability, "能力点分析"},
    {Str::view_district, "区县总览"},
    {Str::view_help, "帮助"},
    {Str::view_problems, "数据问题"},
    {Str::view_rules, "规则设置"},
    {Str::view_school, "学校"},
    {Str::view_teacher, "教师"},
    {Str::weight_activities, "校本研修活动权重"},
    {Str::weight_excellence, "优秀率权重"},
    {Str::weight_organisation, "组织与方案权重"},
    {Str::weight_participation_hours, "参训与学时权重"},
    {Str::weight_pass, "合格率权重"},
    // The load notices and the 文件管理 window.
    {Str::files_notice_loaded_one, "已载入 %s（%d 个问题）。"},
    {Str::files_notice_rejected_one, "%s 未能载入（%d 个问题），已载入的数据没有改变。"},
    {Str::files_notice_loaded_many, "已载入 %d 个文件：%d 个被拒绝，共 %d 个问题。"},
    {Str::files_notice_replaced_one, "替换了同一学校同一批次的旧文件：%s。"},
    {Str::files_notice_replaced_many, "替换了同一学校同一批次的旧文件：%s。"},
    {Str::files_notice_policy_used, "已采用规则文件 %s：新规则已生效。"},
    {Str::files_notice_policy_rejected, "规则文件 %s 有误，未采用（见“数据问题”）。"},
    {Str::files_notice_workspace_unreadable, "工作区文件 %s 无法打开：%s 已载入的数据没有改变。"},
    {Str::files_notice_workspace_opened, "已打开工作区 %s：%d 个文件。"},
    {Str::files_notice_too_large, "这批文件太大，浏览器内存不够：已载入 %d 个文件，其余未载入（从 %s 起）。"},
    {Str::files_notice_cleared, "已清空全部文件。"},
    {Str::files_notice_removed, "已移除 %s。"},
    {Str::files_notice_storage, "浏览器不能保存数据（%s）：关闭页面后文件不会保留。请用“文件管理”中的“保存工作区”保存，下次用“打开工作区”打开。"},
    {Str::files_notice_unreadable, "无法读取拖入的 %s（%s）：其中的文件没有全部载入。"},
    {Str::files_notice_set_aside, "上次保存的数据已损坏（%s），已移到一旁（%s），没有载入。"},
    {Str::files_yes, "确定"},
    {Str::files_cancel, "取消"},
    {Str::files_open_workspace, "打开工作区"},
    {Str::files_save_workspace, "保存工作区"},
    {Str::files_export_school, "导出本校"},
    {Str::files_export_school_tooltip, "先在“学校”视图中选择一所学校"},
    {Str::files_download_template, "下载模板"},
    {Str::files_clear_all, "全部清空…"},
    {Str::files_remove, "移除"},
    {Str::files_remove_question, "从看板中移除“%s”？其数据将不再计入。"},
    {Str::files_remove_title, "移除文件"},
    {Str::files_clear_question, "清空全部 %d 个文件？规则和设置保留。"},
    {Str::files_clear_title, "全部清空"},
    // ---- forecast and reminder lists (issue 13) ----
    {Str::forecast_late_long, "按当前进度无法在截止前完成"},
    {Str::fmt_forecast_tooltip, "%s：截止 %s，共 %d 人，已合格 %d 人；近 %d 天新增合格 %d 人（每周 %.2f 人）"},
    {Str::fmt_forecast_finish_at, "按此速度，%s 全部合格；预计截止时仍有 %d 人未达标"},
    {Str::forecast_no_pace, "近 4 周没有新增合格，按此速度无法完成"},
    {Str::forecast_not_open, "没有进行中的批次"},
    {Str::fmt_district_forecast, "近 7 天新增合格 %d 人 · 预计逾期学校 %d 所（预计 %d 人未达标）"},
    {Str::forecast_rule_tooltip, "预计：按近 4 周（截至统计日期）新增合格人数的速度，推算到批次截止日期。合格日期取教师能力点达到合格要求的评审日期。"},
    {Str::copy_reminder, "复制催办名单"},
    {Str::copy_reminder_all, "复制全区催办名单"},
    {Str::copy_reminder_tooltip, "把未合格教师按缺项分组（学时不足 / 未提交能力点 / 待评审 / 已逾期）复制为纯文本，可直接粘贴到微信群或短信；只含姓名（勾选“附带工号”则附上工号），每段不超过 1000 字并标注（1/3）"},
    {Str::fmt_reminder_copied, "已复制 %d 所学校的催办名单（共 %d 段），可直接粘贴到微信。"},
    {Str::reminder_nothing, "没有需要催办的教师。"},
    {Str::reminder_with_ids, "附带工号"},
    {Str::reminder_with_ids_tooltip, "勾选后，复制的催办名单在每位教师姓名后附上工号（教师编号），如：王伟（50011000123）；不勾选只含姓名。此选择会保存在本页设置中。"},
    {Str::forecast_chart_heading, "本校累计合格人数与预计（虚线到截止日期）"},
    {Str::fmt_projection_label, "%s 预计 %d/%d"},
    {Str::help_forecast_heading, "预计完成与催办名单"},
    {Str::help_forecast, "预计完成：按近 4 周（截至统计日期的 28 天）每周新增合格人数的速度，推算每个进行中批次到截止日期还会有多少人未达标。合格日期取教师的能力点第一次达到合格要求的那次评审日期（学时没有日期，不计）。按当前速度在截止前不能让所有人合格的学校标为“无法按期完成”（预计逾期），“预计未达标”是截止时仍未合格的人数；鼠标停在单元格上可看到每批次的速度与推算日期。“近7天合格”是最近 7 天（含统计日期）新合格的人数，不用保存快照也能看到一周的进展。批次刚开始、还没有评审时速度为 0，各校都会显示无法按期完成，请结合批次日程判断。\n催办名单：在“学校”页点“复制催办名单”，或在“区县总览”点“复制全区催办名单”（每校一条），即把未合格教师按缺项分组（学时不足 / 未提交能力点 / 待评审 / 已逾期）复制为纯文本，可直接粘贴到微信群或短信。默认只列姓名；勾选按钮旁的“附带工号”则在姓名后附上工号（本页会记住此选择；命令行加 --with-ids）。每段不超过 1000 字并标注（1/3）。“打印报告”里也有同样文字的“催办名单”一节：全区报告每校一段，学校报告为本校名单。区县总览表格的导出与复制、“导出 Excel”的“学校”表也带“近7天合格”“预计完成”“预计未达标”三列。命令行：it2 remind --school 学校编号 文件或文件夹。"},
    // issue 12 (ui12): capability rates, rules in force, filters, the phone header
    {Str::cap_col_fail_rate, "不合格率"},
    {Str::cap_col_submitted, "提交人数"},
    {Str::cap_rates_tooltip, "合格率 = 合格和优秀的人数 ÷ 提交的人数；不合格率 = 不合格的人数 ÷ 提交的人数。提交的人数含待评审的，所以两者之和可以小于 100%。点表头排序。"},
    {Str::fmt_weakest_heading, "最薄弱的能力点（按合格率，至少 %d 人提交）"},
    {Str::fmt_weakest_none, "还没有能力点达到 %d 人提交，暂不排名。"},
    {Str::fmt_weakest_row, "合格率 %s，不合格率 %s（%d 人提交）"},
    {Str::rules_changed_chip, "使用了自定义规则"},
    {Str::rules_changed_tooltip, "本页的数字按与默认不同的规则计算。点击查看哪些规则不同。"},
    {Str::rules_diff_heading, "与默认规则不同的设置："},
    {Str::fmt_rule_diff, "%s：%s（默认 %s）"},
    {Str::rules_open, "打开规则设置"},
    {Str::reset_confirm, "把所有规则恢复为默认值？恢复后可以点“撤销”找回当前规则。"},
    {Str::reset_confirm_yes, "恢复默认"},
    {Str::cancel, "取消"},
    {Str::undo_rule, "撤销"},
    {Str::undo_rule_tooltip, "撤销上一次规则修改"},
    {Str::rule_on, "是"},
    {Str::rule_off, "否"},
    {Str::status_not_passed_all, "未合格（全部）"},
    {Str::batch_label, "批次"},
    {Str::more_menu, "设置…"},
    {Str::fmt_loaded_short, "%d 所学校 · %d 人"},
    {Str::fmt_problems_short, "%d 个问题"},
    {Str::rules_changed_chip_short, "自定义规则"},
    {Str::school_tab_forecast, "预计进度"},
};

constexpr Entry kEn[] = {
    {Str::absent, "Missing"},
    {Str::all_batches, "All batches"},
    {Str::all_files, "All files"},
    {Str::all_schools, "All schools"},
    {Str::all_severities, "All levels"},
    {Str::all_statuses, "All statuses"},
    {Str::all_subjects, "All subjects"},
    {Str::as_of_label, "As of"},
    {Str::as_of_tooltip, "Decides whether a batch has ended and who is at risk; format 2022-11-01"},
    {Str::at_risk_only, "At risk / overdue only"},
    {Str::col_activity_hours, "Hours"},
    {Str::col_chosen, "Chose it"},
    {Str::col_date, "Date"},
    {Str::col_dimension, "Dimension"},
    {Str::col_environment, "Environment"},
    {Str::col_environment_short, "Env."},
    {Str::col_file, "File"},
    {Str::col_grade, "Result"},
    {Str::col_items, "Items and grades"},
    {Str::col_line, "Line"},
    {Str::col_column, "Column"},
    {Str::col_line_column, "Line:col"},
    {Str::col_message, "Problem"},
    {Str::col_participants, "People"},
    {Str::col_point, "Point"},
    {Str::col_pointer, "Where"},
    {Str::col_points, "Points"},
    {Str::col_problem_count, "Problems"},
    {Str::col_reviewed, "Reviewed"},
    {Str::col_role, "Role"},
    {Str::col_severity, "Level"},
    {Str::col_status_mix, "Teachers by status"},
    {Str::col_submitted, "Submitted"},
    {Str::col_title, "Activity"},
    {Str::computing, "Computing the results of %d teachers…"},
    {Str::copy_table, "Copy table"},
    {Str::copy_table_tooltip, "Copies the rows shown to the clipboard (tab-separated): paste into Excel"},
    {Str::date_hint, "YYYY-MM-DD"},
    {Str::deliverable_plan, "IT development plan"},
    {Str::deliverable_team, "Management team"},
    {Str::deliverable_training, "School-based training plan"},
    {Str::deliverables_heading, "Whole-school deliverables"},
    {Str::empty_workspace, "Nothing loaded yet. Click \"Open files\" above and choose the schools' batch files (JSON or CSV), or click \"Demo district\" to look around first (on a phone both are in the \"Files…\" menu)."},
    {Str::env_not_counted, "(environment not counted)"},
    {Str::export_csv, "Export"},
    {Str::export_file_name, "it2-teachers.csv"},
    {Str::export_xlsx, "Export Excel"},
    {Str::export_xlsx_failed, "The Excel workbook could not be made: %s"},
    {Str::file_menu, "Files…"},
    {Str::files_window_title, "Files"},
    {Str::fmt_activities_heading, "School-based activities (%d)"},
    {Str::fmt_activities_of, "%d of %.0f activities"},
    {Str::fmt_back_to_school, "< Back to %s"},
    {Str::fmt_best_gain, "Most room to gain: %s (%.1f points still available)"},
    {Str::fmt_copied_rows, "Copied %d rows to the clipboard: paste them into Excel."},
    {Str::fmt_date_range, " (%s to %s)"},
    {Str::fmt_deliverables, "%d of 3 present"},
    {Str::fmt_detail_gain, "%s; %.1f points to gain"},
    {Str::fmt_district_heading, "District: %d schools, %d teachers, mean progress score %.1f"},
    {Str::fmt_files_heading, "Loaded files (%d)"},
    {Str::fmt_hours_of, "%.1f / %.0f"},
    {Str::fmt_item_grade, "%s: %s"},
    {Str::fmt_loaded, "%d schools · %d teachers · %d batches · %d files"},
    {Str::fmt_points_given, "%.1f of %.0f, %.1f to gain"},
    {Str::fmt_points_heading, "Points: %d passed (%d required), %d dimensions covered (%d required)"},
    {Str::fmt_rate_of_target, "%s (target %.1f%%)"},
    {Str::fmt_reviewed_on, "Reviewed %s"},
    {Str::fmt_rows_shown, "Showing %d of %d"},
    {Str::fmt_school_line, "ID %s · %s · batches %s · %d teachers"},
    {Str::fmt_scope_batch, "Batch: %s"},
    {Str::fmt_scope_teachers, "%d teachers in scope"},
    {Str::fmt_score_formula,
     "Score = organisation + activities + participation and hours + pass + excellence; full marks are the sum of the weights.\n"
     "· Organisation = %g × deliverables present / 3 (management team, IT development plan, training plan)\n"
     "· Activities = %g × min(1, activities ÷ (%g × batches loaded))\n"
     "· Participation and hours = %g × participation rate × hours rate\n"
     "· Pass = %g × pass rate\n"
     "· Excellence = %g × min(1, excellence rate ÷ target %.1f%%)\n"
     "A school without teachers counts its rates as 0; the district score is the mean of the schools' scores."},
    {Str::fmt_score_total, "Progress score %.1f"},
    {Str::fmt_series_label, "%s %d"},
    {Str::fmt_status_count, "%s: %d"},
    {Str::fmt_submitted_on, "Submitted %s"},
    {Str::fmt_target, "Target %.1f%%"},
    {Str::fmt_teacher_line, "ID %s · %s · %s · %s · %s%s"},
    {Str::fmt_two_rates, "participation %s × hours %s"},
    {Str::fmt_weights_sum, "Weights add up to %.1f (usually 100)"},
    {Str::heat_map_heading, "Passed points: environment × dimension"},
    {Str::help_colour_at_risk, "At risk: the batch ends within the set number of days and the teacher has not passed"},
    {Str::help_colour_neutral, "Dark grey: the progress score and plain quantities"},
    {Str::help_colours_heading, "What the colours mean (everywhere)"},
    {Str::help_excel,
     "Excel import: the provincial platforms' .xlsx and .xls (Excel 97–2003) exports open or drop straight in, with the "
     "same column names as the CSV (学校编号, 学校名称, 批次, 教师编号, 姓名, 在线学时, 实践学时, 能力点N/状态N/等级N). "
     "In a workbook with several sheets, the first sheet whose first row holds 教师编号 is read; if none does, the sheets "
     "tried are listed. Problems name the sheet, row and column.\n"
     "Excel export: Export Excel writes one workbook: an About sheet with the data date and the rules used, then one "
     "sheet each for schools, teachers and problems, with a frozen header and rates as numbers that sort and sum; text "
     "starting with = + - @ gets a leading ' so that it is never run as a formula."},
    {Str::help_excel_heading, "Excel import and export"},
    {Str::help_files,
     "One UTF-8 JSON file per school per batch, with \"format\": \"it2-batch\" and \"version\": 1.\n"
     "· school: id and name are required; stage, environment (A/B/C) and deliverables (management team, development plan, "
     "training plan: a date or true) are optional.\n"
     "· batch: id is required; name, start, end (YYYY-MM-DD) are optional. Teachers not passed when the batch has ended "
     "before the as-of date count as Not met (Overdue).\n"
     "· activities: school-based training activities, each with a date; title, hours, participants are optional.\n"
     "· teachers: each needs an id (unique in the district) and a name; subject, role, hours.online, hours.practice are "
     "optional, and points: code (A1–A13, B1–B10, C1–C7), status (selected / submitted / graded), grade (优秀 / 合格 / 不合格), "
     "items (each piece of evidence and its grade), submitted and reviewed dates.\n"
     "Loading the same school and batch again replaces the earlier file; a teacher in several batches counts once (the batch "
     "that started last wins). Errors in a file never break the page: they are listed under Data problems with file, "
     "line and column and what was done."},
    {Str::help_files_heading, "Preparing the files"},
    {Str::help_privacy,
     "All data stays in this browser on this computer; nothing is uploaded. Closing the page forgets the data; only the "
     "language and the text size are remembered."},
    {Str::help_privacy_heading, "Privacy"},
    {Str::help_rates,
     "Every rate is over the teachers enrolled at the school (or in the district):\n"
     "· Participation: teachers with any hours or any submitted point.\n"
     "· Hours: teachers meeting the online, practice and total hour rules.\n"
     "· Submitted: teachers who submitted (or had graded) at least the required number of points.\n"
     "· Pass: teachers passed or excellent.\n"
     "· Excellent: teachers excellent.\n"
     "Rates show one decimal; a school without teachers shows \"—\"."},
    {Str::help_rates_heading, "What each rate means"},
    {Str::help_score,
     "The progress score (0–100) is this tool's own; the weights can be changed under Rules. Five parts: organisation and "
     "plans, school-based activities, participation and hours, pass rate, excellence rate. The school view shows the points "
     "each part gives and the points it could still give, and names the part with the most to gain."},
    {Str::help_score_heading, "How the score is made"},
    {Str::help_start,
     "1. Click \"Open files\" or \"Open folder\" and choose the schools' batch files, or drop them onto the page.\n"
     "2. In District overview, sort by score or pass rate to find the schools behind; click a school to open it.\n"
     "3. In the school view, tick \"At risk / overdue only\" to see what each teacher still needs; \"Copy table\" pastes "
     "into Excel.\n"
     "4. The as-of date decides whether a batch has ended: today by default, or set it to the day of the meeting.\n"
     "5. Resting the mouse on a button, table row or chart shows what it is; on a phone, hold a finger on it for half a "
     "second (lifting it then does not press the button)."},
    {Str::help_start_heading, "Start in a minute"},
    {Str::help_status,
     "A teacher's status is the first that holds: Excellent (passed, with enough points graded excellent) → Passed (hours "
     "and points both met) → Not met (the batch has ended without a pass) → Awaiting review (a point submitted and not yet "
     "graded) → Not started (no hours and nothing submitted) → In progress (otherwise).\n"
     "Words: \"Fail\" is only a point's grade (Excellent / Pass / Fail); a teacher is never \"failed\": a teacher "
     "whose batch has ended without a pass is \"Not met\", and the schools table counts them as \"Overdue\". \"At "
     "risk\" means the batch ends within the set number of days and the teacher has not passed. \"Record skipped\" "
     "means one record in a file was wrong and left out; the rest of the file was loaded. The school's score is the "
     "\"Progress score\" on every view, in the exports and in the printed report."},
    {Str::help_status_heading, "Teacher status"},
    {Str::hours_heading, "Hours"},
    {Str::hours_online, "Online"},
    {Str::hours_practice, "Practice"},
    {Str::hours_total, "Total"},
    {Str::lang_en, "English"},
    {Str::lang_zh, "中文"},
    {Str::list_separator, "; "},
    {Str::load_demo, "Demo district"},
    {Str::load_policy, "Load rules file"},
    {Str::load_policy_tooltip, "Choose a JSON file with \"format\": \"it2-policy\""},
    {Str::missing_heading, "Still missing to pass"},
    {Str::most_chosen, "Most chosen points"},
    {Str::most_failed, "Most failed points"},
    {Str::no_activities, "No activities recorded"},
    {Str::no_points, "No points chosen yet"},
    {Str::no_problems, "No problems found in the data."},
    {Str::no_such_point, "no such point"},
    {Str::no_teacher_selected, "Click a teacher in the School view's teacher table first."},
    {Str::no_value, "—"},
    {Str::not_available_here, "Not available in this page yet"},
    {Str::nothing_missing, "Meets every rule to pass"},
    {Str::open_files, "Open files"},
    {Str::open_folder, "Open folder"},
    {Str::point_graded, "Graded"},
    {Str::policy_file_name, "it2-policy.json"},
    {Str::present, "Yes"},
    {Str::print_report, "Print report"},
    {Str::problem_opens_teacher, "Click to open this teacher"},
    {Str::progress_empty, "No passed teacher with a review date yet."},
    {Str::progress_heading, "Teachers passed over time (by review date, per batch)"},
    {Str::required_point, "(required)"},
    {Str::reset_policy, "Reset to default"},
    {Str::rule_activities_per_batch, "Activities per batch (target)"},
    {Str::rule_at_risk_days, "At-risk warning days"},
    {Str::rule_environments, "Environments that count"},
    {Str::rule_excellence_target, "Excellence target (%)"},
    {Str::rule_min_dimensions, "Dimensions at least"},
    {Str::rule_min_excellent, "Excellent points for Excellent"},
    {Str::rule_min_passed, "Passed points at least"},
    {Str::rule_online_min, "Online hours at least"},
    {Str::rule_practice_min, "Practice hours at least"},
    {Str::rule_required, "Required points"},
    {Str::rule_required_help, "A ticked point must be passed for the teacher to pass."},
    {Str::rule_total_min, "Total hours at least"},
    {Str::rules_hours, "Hours"},
    {Str::rules_intro, "These rules decide every teacher's status and every school's score; any change recalculates every view at once."},
    {Str::rules_points, "Points"},
    {Str::rules_score, "School progress score"},
    {Str::save_policy, "Save rules file"},
    {Str::school_label, "School"},
    {Str::school_page_button, "Export school page"},
    {Str::school_page_failed, "Could not export the school page: %s"},
    {Str::school_page_help, "School page: in the School view, 导出本校页面 downloads one web page with only that school's data (e.g. \"school-进度-date.html\"); the principal opens it offline with a double click. It saves nothing in the browser and never sees the other schools this page keeps. Command line: it2 school-page --school ID -o FOLDER FILES…"},
    {Str::school_page_holds, "This page holds only %s's data (as of %s) and saves nothing in the browser."},
    {Str::school_page_tooltip, "Downloads one web page (it opens offline) with only this school's data, for the principal"},
    {Str::schools_heading, "Schools"},
    {Str::scope_batches, "Batches"},
    {Str::scope_district, "Whole district"},
    {Str::scope_label, "Scope"},
    {Str::scope_schools, "Schools"},
    {Str::search_school_hint, "Search school name or ID"},
    {Str::search_teacher_hint, "Search name or ID"},
    {Str::teachers_heading, "Teachers"},
    {Str::text_larger, "A+"},
    {Str::text_size_tooltip, "Text size"},
    {Str::text_smaller, "A−"},
    {Str::today, "Today"},
    {Str::tsv_teachers_header, "Teacher ID\tName\tSchool\tBatch\tSubject\tOnline hours\tPractice hours\tTotal hours\tPassed points\tStatus\tFlag\tStill missing"},
    {Str::view_capability, "Capability levels"},
    {Str::view_district, "District"},
    {Str::view_help, "Help"},
    {Str::view_problems, "Data problems"},
    {Str::view_rules, "Rules"},
    {Str::view_school, "School"},
    {Str::view_teacher, "Teacher"},
    {Str::weight_activities, "Activities weight"},
    {Str::weight_excellence, "Excellence weight"},
    {Str::weight_organisation, "Organisation weight"},
    {Str::weight_participation_hours, "Participation × hours weight"},
    {Str::weight_pass, "Pass weight"},
    // The load notices and the Files window.
    {Str::files_notice_loaded_one, "Loaded %s (%d problems)."},
    {Str::files_notice_rejected_one, "%s was rejected (%d problems); nothing loaded changed."},
    {Str::files_notice_loaded_many, "Loaded %d files: %d rejected, %d problems."},
    {Str::files_notice_replaced_one, " It replaces the older copy of the same school and batch: %s."},
    {Str::files_notice_replaced_many, " Replaced older copies of the same school and batch: %s."},
    {Str::files_notice_policy_used, "Policy file %s is now in force."},
    {Str::files_notice_policy_rejected, "Policy file %s was rejected (see Data problems)."},
    {Str::files_notice_workspace_unreadable, "Workspace file %s cannot be opened: %s Nothing loaded changed."},
    {Str::files_notice_workspace_opened, "Opened workspace %s: %d files."},
    {Str::files_notice_too_large, "These files are too large for the browser's memory: %d files were loaded, the rest were not (from %s on)."},
    {Str::files_notice_cleared, "All files were unloaded."},
    {Str::files_notice_removed, "Removed %s."},
    {Str::files_notice_storage, "The browser cannot keep data here (%s): files will not survive closing the page. Use Save workspace in Files, and Open workspace next time."},
    {Str::files_notice_unreadable, "Could not read the dropped %s (%s): not all of its files were loaded."},
    {Str::files_notice_set_aside, "The data saved last time is damaged (%s): it was set aside (%s) and not loaded."},
    {Str::files_yes, "Yes"},
    {Str::files_cancel, "Cancel"},
    {Str::files_open_workspace, "Open workspace"},
    {Str::files_save_workspace, "Save workspace"},
    {Str::files_export_school, "Export this school"},
    {Str::files_export_school_tooltip, "Choose a school in the School view first"},
    {Str::files_download_template, "Download template"},
    {Str::files_clear_all, "Clear everything…"},
    {Str::files_remove, "Remove"},
    {Str::files_remove_question, "Remove \"%s\"? Its data will no longer count."},
    {Str::files_remove_title, "Remove file"},
    {Str::files_clear_question, "Unload all %d files? The policy and settings stay."},
    {Str::files_clear_title, "Clear everything"},
    // ---- forecast and reminder lists (issue 13) ----
    {Str::forecast_late_long, "At the current pace this will not finish before the deadline"},
    {Str::fmt_forecast_tooltip, "%s: ends %s, %d teachers, %d passed; %d days' new passes: %d (%.2f a week)"},
    {Str::fmt_forecast_finish_at, "At this pace everyone passes on %s; %d projected not passed at the end"},
    {Str::forecast_no_pace, "No new pass in the last 4 weeks: at this pace it never finishes"},
    {Str::forecast_not_open, "No batch under way"},
    {Str::fmt_district_forecast, "Passed in the last 7 days: %d · schools projected late: %d (%d teachers projected not passed)"},
    {Str::forecast_rule_tooltip, "Projection: the pace of new passes over the last 4 weeks (to the as-of date), carried to the batch's end. A teacher's pass date is the review date on which their points met the rules."},
    {Str::copy_reminder, "Copy reminder list"},
    {Str::copy_reminder_all, "Copy reminder lists"},
    {Str::copy_reminder_tooltip, "Copies the teachers not passed, grouped by what they lack, as plain text for WeChat or SMS; names only (ids too when Include IDs is ticked), blocks of at most 1000 characters marked (1/3)"},
    {Str::fmt_reminder_copied, "Copied the reminder lists of %d schools (%d blocks): paste them into WeChat."},
    {Str::reminder_nothing, "Nobody to remind."},
    {Str::reminder_with_ids, "Include IDs"},
    {Str::reminder_with_ids_tooltip, "When ticked, the copied reminder lists give each teacher's id after the name, e.g. Wang Wei (50011000123); unticked, names only. The page keeps this choice in its settings."},
    {Str::forecast_chart_heading, "Teachers passed so far and the projection (dashed, to the end)"},
    {Str::fmt_projection_label, "%s projected %d/%d"},
    {Str::help_forecast_heading, "Forecast and reminder lists"},
    {Str::help_forecast, "Forecast: the pace of new passes over the last 4 weeks (the 28 days to the as-of date), carried to each open batch's end, tells how many teachers will still not have passed then. A teacher's pass date is the review date on which their points first met the rules (hours have no date). A school whose pace leaves anyone unpassed at the end shows \"Will miss the deadline\"; \"Projected short\" is how many; hover a cell for each batch's pace and dates. \"New in 7 days\" counts new passes in the 7 days to the as-of date: last week's movement without snapshots. Early in a batch, before any review, the pace is 0 and every school shows late: read it with the batch's calendar.\nReminder lists: \"Copy reminder list\" in the school view, or \"Copy reminder lists\" in the district view (one message per school), copies the teachers not passed, grouped by what they lack (hours, points to submit, awaiting review, overdue), as plain text for WeChat or SMS: names only unless \"Include IDs\" beside the buttons is ticked (the page remembers it; --with-ids on the command line), blocks of at most 1,000 characters marked (1/3). The printed report has the same text in a reminder-list section: one block per school in the district report, the school's own in a school report. The district table's export and copy and the Excel workbook's schools sheet carry the three forecast columns too. Command line: it2 remind --school ID FILES."},
    // issue 12 (ui12): capability rates, rules in force, filters, the phone header
    {Str::cap_col_fail_rate, "Fail rate"},
    {Str::cap_col_submitted, "Submitted"},
    {Str::cap_rates_tooltip, "Pass rate = passed and excellent ÷ submitted; fail rate = failed ÷ submitted. Submitted includes those awaiting review, so the two can add up to less than 100%. Click a header to sort."},
    {Str::fmt_weakest_heading, "Weakest points (by pass rate, at least %d submitted)"},
    {Str::fmt_weakest_none, "No point has %d submissions yet: no ranking."},
    {Str::fmt_weakest_row, "pass %s, fail %s (%d submitted)"},
    {Str::rules_changed_chip, "Custom rules in force"},
    {Str::rules_changed_tooltip, "The numbers on this page use rules that differ from the defaults. Click to see which."},
    {Str::rules_diff_heading, "Settings that differ from the defaults:"},
    {Str::fmt_rule_diff, "%s: %s (default %s)"},
    {Str::rules_open, "Open rules"},
    {Str::reset_confirm, "Reset every rule to its default? Undo brings the current rules back."},
    {Str::reset_confirm_yes, "Reset"},
    {Str::cancel, "Cancel"},
    {Str::undo_rule, "Undo"},
    {Str::undo_rule_tooltip, "Undo the last rule change"},
    {Str::rule_on, "yes"},
    {Str::rule_off, "no"},
    {Str::status_not_passed_all, "Not passed (all)"},
    {Str::batch_label, "Batch"},
    {Str::more_menu, "Settings…"},
    {Str::fmt_loaded_short, "%d schools · %d teachers"},
    {Str::fmt_problems_short, "%d problems"},
    {Str::rules_changed_chip_short, "Custom rules"},
    {Str::school_tab_forecast, "Projection"},
};

// Where each Str's text comes from: an index into kZh and kEn, or a vocabulary term.
struct Source {
    int zh = -1, en = -1, term = -1;
};
using SourceIndex = std::array<Source, size_t(kStrCount)>;

template <size_t Z, size_t E>
constexpr SourceIndex index_sources(const Entry (&zh)[Z], const Entry (&en)[E]) {
    SourceIndex index{};
    for (size_t i = 0; i < Z; ++i) index[size_t(zh[i].id)].zh = int(i);
    for (size_t i = 0; i < E; ++i) index[size_t(en[i].id)].en = int(i);
    for (const FromVocabulary& v : kFromVocabulary) index[size_t(v.id)].term = int(v.term);
    return index;
}
constexpr SourceIndex kSources = index_sources(kZh, kEn);

// Every Str once: in both language tables (in enum order), or taken from the vocabulary.
template <size_t Z, size_t E>
constexpr bool complete(const Entry (&zh)[Z], const Entry (&en)[E]) {
    size_t from_vocabulary = 0;
    for (const Source& s : kSources) {
        const bool in_tables = s.zh >= 0 && s.en >= 0, in_vocabulary = s.term >= 0;
        if (in_tables == in_vocabulary) return false;
        from_vocabulary += in_vocabulary;
    }
    for (size_t i = 1; i < Z; ++i)
        if (zh[i - 1].id >= zh[i].id) return false;
    for (size_t i = 1; i < E; ++i)
        if (en[i - 1].id >= en[i].id) return false;
    return Z == E && Z + from_vocabulary == size_t(kStrCount) && from_vocabulary == std::size(kFromVocabulary);
}
static_assert(complete(kZh, kEn), "every Str must be in kZh and kEn (in enum order) or in kFromVocabulary, once");

}  // namespace

const char* tr(Str s, Lang lang) {
    const size_t i = size_t(s);
    if (i >= size_t(kStrCount)) return "";
    const Source& source = kSources[i];
    if (source.term >= 0) return vocab::term(Term(source.term), lang);
    return lang == Lang::zh ? kZh[source.zh].text : kEn[source.en].text;
}

}  // namespace it2::ui
