// The summary in three shapes: format.md §4 JSON (the contract tests read), teacher CSV rows,
// and a plain text table of schools for the terminal.
#include "summary_json.h"

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "export.h"

namespace it2 {

namespace {

using Json = nlohmann::ordered_json;

Json rate_value(const std::optional<double>& rate) { return rate ? Json(*rate) : Json(nullptr); }

void put_rates(Json& object, const Rates& rates) {
    object["participation_rate"] = rate_value(rates.participation);
    object["hours_rate"] = rate_value(rates.hours);
    object["submission_rate"] = rate_value(rates.submission);
    object["pass_rate"] = rate_value(rates.pass);
    object["excellence_rate"] = rate_value(rates.excellence);
}

// Line and column are 1-based; 0 means unknown and is printed as null.
Json position_value(int value) { return value > 0 ? Json(value) : Json(nullptr); }

const std::string& school_id_of(const Summary& s, const TeacherResult& t) {
    static const std::string kNone;
    return t.school >= 0 && size_t(t.school) < s.schools.size() ? s.schools[size_t(t.school)].id : kNone;
}

// Shortest text that reads back as the same number in a spreadsheet ("26", "28.5").
std::string format_number(double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.15g", value);
    return text;
}

std::string percent(const std::optional<double>& rate) {
    if (!rate) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", *rate * 100.0);
    return text;
}

// Terminal columns a UTF-8 string takes: East Asian wide characters take two.
size_t display_width(const std::string& text) {
    size_t width = 0;
    for (size_t i = 0; i < text.size();) {
        const unsigned char lead = static_cast<unsigned char>(text[i]);
        unsigned cp = lead;
        size_t length = 1;
        if (lead >= 0xF0) cp = lead & 0x07, length = 4;
        else if (lead >= 0xE0) cp = lead & 0x0F, length = 3;
        else if (lead >= 0xC0) cp = lead & 0x1F, length = 2;
        for (size_t k = 1; k < length && i + k < text.size(); ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
        i += length;
        const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                          (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                          (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                          (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
        width += wide ? 2 : 1;
    }
    return width;
}

std::string pad(const std::string& text, size_t width, bool right_align) {
    const size_t used = display_width(text);
    const std::string fill(width > used ? width - used : 0, ' ');
    return right_align ? fill + text : text + fill;
}

}  // namespace

std::string missing_text(const TeacherResult& t, Lang lang) {
    std::string out;
    for (const Missing& m : t.missing) {
        if (!out.empty()) out += lang == Lang::zh ? "；" : "; ";
        out += describe(m, lang);
    }
    return out;
}

std::string summary_json(const Summary& s, Lang lang) {
    Json doc = Json::object();
    doc["as_of"] = s.as_of;

    Json district = Json::object();
    district["schools"] = s.schools.size();
    district["teachers"] = s.district.teachers;
    put_rates(district, s.district);
    district["score"] = s.district_score;
    doc["district"] = std::move(district);

    Json schools = Json::array();
    for (const SchoolResult& school : s.schools) {
        Json o = Json::object();
        o["id"] = school.id;
        o["name"] = school.name;
        o["batches"] = school.batches;
        o["teachers"] = school.rates.teachers;
        put_rates(o, school.rates);
        o["score"] = school.score.total();
        o["score_parts"] = Json{{"organisation", school.score.organisation},
                                {"activities", school.score.activities},
                                {"participation_hours", school.score.participation_hours},
                                {"pass", school.score.pass},
                                {"excellence", school.score.excellence}};
        schools.push_back(std::move(o));
    }
    doc["schools"] = std::move(schools);

    Json teachers = Json::array();
    for (const TeacherResult& t : s.teachers) {
        Json o = Json::object();
        o["id"] = t.id;
        o["name"] = t.name;
        o["school"] = school_id_of(s, t);
        o["batch"] = t.batch;
        o["status"] = teacher_status_key(t.status);
        o["online"] = t.online;
        o["practice"] = t.practice;
        o["passed_points"] = t.passed_points;
        o["excellent_points"] = t.excellent_points;
        o["dimensions"] = t.dimensions;
        teachers.push_back(std::move(o));
    }
    doc["teachers"] = std::move(teachers);

    Json files = Json::array();
    for (const FileResult& f : s.files) files.push_back(Json{{"file", f.name}, {"status", file_status_key(f.status)}});
    doc["files"] = std::move(files);

    Json problems = Json::array();
    for (const Problem& p : s.problems) {
        problems.push_back(Json{{"file", p.file},
                                {"severity", severity_key(p.severity)},
                                {"pointer", p.pointer},
                                {"line", position_value(p.line)},
                                {"column", position_value(p.column)},
                                {"message", p.message(lang)}});
    }
    doc["problems"] = std::move(problems);
    // Invalid UTF-8 can only come from a bug upstream; replace it rather than abort the page.
    return doc.dump(2, ' ', false, Json::error_handler_t::replace);
}

std::string summary_csv(const Summary& s, Lang lang, bool excel_safe) {
    const bool zh = lang == Lang::zh;
    const std::vector<std::string> header =
        zh ? std::vector<std::string>{"教师编号", "姓名", "学科", "学校编号", "学校", "批次", "状态", "在线学时", "实践学时",
                                      "合格能力点", "优秀能力点", "覆盖维度", "还缺什么"}
           : std::vector<std::string>{"teacher_id", "name", "subject", "school_id", "school", "batch", "status",
                                      "online_hours", "practice_hours", "passed_points", "excellent_points",
                                      "dimensions", "missing"};
    std::vector<std::vector<std::string>> rows;
    rows.reserve(s.teachers.size());
    for (const TeacherResult& t : s.teachers) {
        const bool known_school = t.school >= 0 && size_t(t.school) < s.schools.size();
        rows.push_back({t.id, t.name, t.subject, school_id_of(s, t),
                        known_school ? s.schools[size_t(t.school)].name : std::string(), t.batch,
                        teacher_status_name(t.status, lang), format_number(t.online), format_number(t.practice),
                        std::to_string(t.passed_points), std::to_string(t.excellent_points),
                        std::to_string(t.dimensions), missing_text(t, lang)});
    }
    // The page's writer (export.h): the same BOM, formula guard and control-character rule.
    return excel_safe ? csv_export(header, rows) : csv_export_plain(header, rows);
}

std::string summary_table(const Summary& s, Lang lang) {
    const bool zh = lang == Lang::zh;
    std::vector<std::vector<std::string>> rows;
    rows.push_back(zh ? std::vector<std::string>{"学校编号", "学校", "批次", "教师", "参训率", "学时达标率", "提交率",
                                                 "合格率", "优秀率", "得分", "临近截止", "逾期"}
                      : std::vector<std::string>{"School id", "School", "Batches", "Teachers", "Participation",
                                                 "Hours", "Submission", "Pass", "Excellence", "Score", "At risk",
                                                 "Overdue"});
    auto score_text = [](double score) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f", score);
        return std::string(text);
    };
    for (const SchoolResult& school : s.schools) {
        std::string batches;
        for (const std::string& b : school.batches) batches += (batches.empty() ? "" : ",") + b;
        rows.push_back({school.id, school.name, batches, std::to_string(school.rates.teachers),
                        percent(school.rates.participation), percent(school.rates.hours),
                        percent(school.rates.submission), percent(school.rates.pass), percent(school.rates.excellence),
                        score_text(school.score.total()), std::to_string(school.at_risk),
                        std::to_string(school.overdue)});
    }
    rows.push_back({zh ? "全区" : "District", "", "", std::to_string(s.district.teachers), percent(s.district.participation),
                    percent(s.district.hours), percent(s.district.submission), percent(s.district.pass),
                    percent(s.district.excellence), score_text(s.district_score), std::to_string(s.at_risk),
                    std::to_string(s.overdue)});

    // Data cannot drive the terminal or start a line of its own: control characters made visible.
    for (auto& row : rows)
        for (std::string& cell : row) cell = visible_controls(cell, false);
    std::vector<size_t> widths(rows.front().size(), 0);
    for (const auto& row : rows)
        for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], display_width(row[c]));

    char title[160];
    std::snprintf(title, sizeof title,
                  zh ? "截至 %s：%zu 所学校，%d 名教师\n" : "As of %s: %zu schools, %d teachers\n", s.as_of.c_str(),
                  s.schools.size(), s.district.teachers);
    std::string out = title;
    auto add_row = [&](const std::vector<std::string>& row) {
        std::string line;
        for (size_t c = 0; c < row.size(); ++c) {
            if (c) line += "  ";
            line += pad(row[c], widths[c], c >= 3);  // numbers right-aligned
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out += line + "\n";
    };
    add_row(rows.front());
    size_t total_width = 0;
    for (size_t w : widths) total_width += w + 2;
    const std::string rule(total_width > 2 ? total_width - 2 : 0, '-');
    out += rule + "\n";
    for (size_t r = 1; r + 1 < rows.size(); ++r) add_row(rows[r]);
    out += rule + "\n";
    add_row(rows.back());
    return out;
}

}  // namespace it2
