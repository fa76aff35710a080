// CSV export (Excel-friendly, injection-guarded) and the printable HTML report.
#include "export.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <string>
#include <unordered_map>

#include "catalog.h"
#include "counts.h"
#include "summary_json.h"
#include "utf8.h"
#include "vocabulary.h"

namespace it2 {

// ==== [SECTION] control characters ==============================================================

std::string visible_controls(std::string_view text, bool keep_tab_and_newline) {
    auto is_control = [&](size_t i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x20) return !(keep_tab_and_newline && (c == '\t' || c == '\n'));
        if (c == 0x7F) return true;
        return c == 0xC2 && i + 1 < text.size() && static_cast<unsigned char>(text[i + 1]) <= 0x9F &&
               static_cast<unsigned char>(text[i + 1]) >= 0x80;  // U+0080–U+009F
    };
    size_t first = 0;
    while (first < text.size() && !is_control(first)) ++first;
    if (first == text.size()) return std::string(text);  // the common case: nothing to change
    std::string out(text.substr(0, first));
    out.reserve(text.size() + 16);
    for (size_t i = first; i < text.size(); ++i) {
        if (!is_control(i)) {
            out += text[i];
            continue;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xC2) {
            out += "\xEF\xBF\xBD";  // U+FFFD
            ++i;
        } else {
            append_utf8(out, c == 0x7F ? 0x2421 : 0x2400 + c);
        }
    }
    return out;
}

// ==== [SECTION] CSV =============================================================================

std::string csv_neutralise(std::string_view cell) {
    if (!cell.empty()) {
        char c = cell.front();
        if (c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r') return "'" + std::string(cell);
    }
    return std::string(cell);
}

std::string csv_quote(std::string_view cell) {
    if (cell.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(cell);
    std::string out = "\"";
    for (char c : cell) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

namespace {

std::string csv_document(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                         bool neutralise, bool bom = true) {
    std::string out = bom ? "\xEF\xBB\xBF" : "";
    auto write_row = [&](const std::vector<std::string>& row) {
        for (size_t i = 0; i < row.size(); ++i) {
            if (i) out += ',';
            const std::string cell = visible_controls(row[i], true);
            out += csv_quote(neutralise ? csv_neutralise(cell) : cell);
        }
        out += "\r\n";
    };
    write_row(header);
    for (const auto& row : rows) write_row(row);
    return out;
}

}  // namespace

std::string csv_export(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    return csv_document(header, rows, true);
}

std::string csv_export_raw(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    return csv_document(header, rows, false);
}

std::string csv_export_plain(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
    return csv_document(header, rows, false, false);
}

// ==== [SECTION] HTML report =====================================================================

std::string html_escape(std::string_view raw) {
    const std::string text = visible_controls(raw, true);
    std::string out;
    out.reserve(text.size() + text.size() / 8);
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

const char* tr(Lang lang, const char* zh, const char* en) { return lang == Lang::zh ? zh : en; }

// Words and colours are the vocabulary's (vocabulary.h), the same the screen shows.
const char* status_label(TeacherStatus s, Lang lang) { return vocab::term(vocab::status_term(s), lang); }
std::string status_colour(int s) { return vocab::css_hex(vocab::status_colour(TeacherStatus(s))); }
const std::string kNeutral = vocab::css_hex(vocab::colour::neutral);  // 推进得分 bars, as on screen

// Order for a list to chase: the most urgent first.
constexpr TeacherStatus kChaseOrder[] = {TeacherStatus::not_met,     TeacherStatus::not_started,
                                         TeacherStatus::in_progress, TeacherStatus::awaiting_review,
                                         TeacherStatus::passed,      TeacherStatus::excellent};

std::string fmt(const char* format, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}

std::string percent(const std::optional<double>& rate) { return rate ? fmt("%.1f%%", *rate * 100) : "—"; }

std::string number(double v) {
    std::string s = fmt("%.1f", v);
    if (s.size() > 2 && s.compare(s.size() - 2, 2, ".0") == 0) s.resize(s.size() - 2);
    return s;
}

struct RateRow {
    vocab::Term term;
    std::optional<double> Rates::*rate;
};
constexpr RateRow kRates[] = {
    {vocab::Term::rate_participation, &Rates::participation}, {vocab::Term::rate_hours, &Rates::hours},
    {vocab::Term::rate_submission, &Rates::submission},       {vocab::Term::rate_pass, &Rates::pass},
    {vocab::Term::rate_excellence, &Rates::excellence},
};

struct PartRow {
    vocab::Term term;
    double ScoreParts::*points;
    double ScoreWeights::*weight;
};
constexpr PartRow kParts[] = {
    {vocab::Term::part_organisation, &ScoreParts::organisation, &ScoreWeights::organisation},
    {vocab::Term::part_activities, &ScoreParts::activities, &ScoreWeights::activities},
    {vocab::Term::part_participation_hours, &ScoreParts::participation_hours, &ScoreWeights::participation_hours},
    {vocab::Term::part_pass, &ScoreParts::pass, &ScoreWeights::pass},
    {vocab::Term::part_excellence, &ScoreParts::excellence, &ScoreWeights::excellence},
};

const char* kStyle = R"CSS(
:root { color-scheme: light; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 24px auto; max-width: 1100px; padding: 0 16px; color: #1f2328; line-height: 1.45; }
h1 { font-size: 1.6rem; margin: 0 0 4px; } h2 { font-size: 1.2rem; margin: 28px 0 8px; break-after: avoid; }
.meta { color: #57606a; margin: 0 0 16px; }
.cards { display: flex; flex-wrap: wrap; gap: 10px; list-style: none; padding: 0; margin: 0; }
.cards li { border: 1px solid #d0d7de; border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.cards .label { display: block; color: #57606a; font-size: .85rem; }
.cards .value { display: block; font-size: 1.5rem; font-weight: 600; }
.score { font-size: 2rem; font-weight: 700; margin: 4px 0 8px; }
table { border-collapse: collapse; width: 100%; font-size: .9rem; margin: 8px 0 16px; }
caption { text-align: left; font-weight: 600; padding: 4px 0; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; white-space: nowrap; }
td.wrap { white-space: normal; min-width: 14em; } table.narrow { width: auto; min-width: 50%; }
thead th { background: #f3f5f7; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
.legend { display: flex; flex-wrap: wrap; gap: 12px; list-style: none; padding: 0; font-size: .85rem; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: 4px; vertical-align: middle; }
svg { max-width: 100%; height: auto; } svg text { font-size: 12px; fill: #1f2328; }
@page { size: A4; margin: 14mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  table { font-size: 8.5pt; } th, td { padding: 2px 4px; }
  thead { display: table-header-group; } tr, .cards li, figure { break-inside: avoid; }
  .page { break-before: page; }
  a { color: inherit; text-decoration: none; }
}
)CSS";


const char* file_status_label(FileStatus s, Lang lang) { return vocab::term(vocab::file_status_term(s), lang); }
const char* severity_label(Severity s, Lang lang) { return vocab::term(vocab::severity_term(s), lang); }

// Problems listed in full up to this many; beyond, the count says how many more there are.
constexpr size_t kMaxProblemRows = 300;

// The per-school bar charts: label column, bar length and row height, in SVG units.
constexpr int kChartLabelW = 220, kChartBarW = 480, kChartRowH = 22;

class ReportWriter {
public:
    ReportWriter(const Workspace& ws, const Summary& s, const Policy& policy, Lang lang)
        : ws_(ws), s_(s), policy_(policy), lang_(lang) {}

    std::string district();
    std::string school(const std::string& id);

private:
    const Workspace& ws_;
    const Summary& s_;
    const Policy& policy_;
    Lang lang_;
    std::string out_;

    const char* t(const char* zh, const char* en) const { return tr(lang_, zh, en); }
    void begin(const std::string& title, const std::string& heading);
    void end();
    void rate_cards(const Rates& rates);
    void score_section(double score, const ScoreParts* parts);
    void status_legend();
    // One bar chart row per school: `<svg>` with its accessible label, sized for the rows.
    void open_school_chart(const std::string& aria_label, size_t schools);
    // `<table>` with its caption and column headers (zh/en pairs), up to the opening `<tbody>`.
    struct Head {
        Head(const char* zh_text, const char* en_text) : zh(zh_text), en(en_text) {}
        Head(vocab::Term term) : zh(vocab::term(term, Lang::zh)), en(vocab::term(term, Lang::en)) {}  // NOLINT: implicit on purpose
        const char* zh;
        const char* en;
    };
    const char* term(vocab::Term term) const { return vocab::term(term, lang_); }
    void open_table(const char* caption_zh, const char* caption_en, std::initializer_list<Head> heads,
                    const char* css_class = nullptr);
    void status_bars(const std::vector<const SchoolResult*>& schools);
    void score_bars(const std::vector<const SchoolResult*>& schools);
    void schools_table(const std::vector<const SchoolResult*>& schools);
    void teachers_table(const SchoolResult& school);
    void files_section(const std::string* school_id);
};

void ReportWriter::begin(const std::string& title, const std::string& heading) {
    out_ += "<!DOCTYPE html>\n<html lang=\"";
    out_ += lang_ == Lang::zh ? "zh-CN" : "en";
    out_ += "\">\n<head>\n<meta charset=\"utf-8\">\n";
    // Nothing external may load: inline styles only, no scripts, no fetches, no frames.
    out_ += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<meta name=\"referrer\" content=\"no-referrer\">\n";
    out_ += "<title>" + html_escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    out_ += "<header>\n<h1>" + html_escape(heading) + "</h1>\n<p class=\"meta\">";
    out_ += t("数据截至 ", "As of ") + html_escape(s_.as_of);
    out_ += t(" · 已加载文件 ", " · files loaded: ") + std::to_string(s_.files.size());
    const ProblemCounts problems = count_problems(s_.problems);  // the page's header counts the same way
    char counted[96];
    std::snprintf(counted, sizeof counted, vocab::term(vocab::Term::fmt_problems_in_files, lang_), problems.problems,
                  problems.files_with_problems);
    out_ += std::string(" · ") + counted;
    out_ += "</p>\n</header>\n<main>\n";
}

void ReportWriter::open_table(const char* caption_zh, const char* caption_en, std::initializer_list<Head> heads,
                              const char* css_class) {
    out_ += css_class ? std::string("<table class=\"") + css_class + "\">\n" : std::string("<table>\n");
    out_ += "<caption>";
    out_ += t(caption_zh, caption_en);
    out_ += "</caption>\n<thead><tr>";
    for (const Head& h : heads) {
        out_ += "<th scope=\"col\">";
        out_ += t(h.zh, h.en);
        out_ += "</th>";
    }
    out_ += "</tr></thead>\n<tbody>\n";
}

void ReportWriter::end() {
    out_ += "</main>\n<footer>\n<h2>";
    out_ += t("达标规则", "Rules in force");
    out_ += "</h2>\n<p>";
    if (lang_ == Lang::zh) {
        out_ += "在线学时 ≥ " + number(policy_.online_min) + "，实践学时 ≥ " + number(policy_.practice_min) +
                "，总学时 ≥ " + number(policy_.total_min) + "；至少 " + std::to_string(policy_.min_passed) +
                " 个能力点合格，覆盖至少 " + std::to_string(policy_.min_dimensions) + " 个维度；优秀需至少 " +
                std::to_string(policy_.min_excellent_points) + " 个能力点优秀。";
    } else {
        out_ += "Online hours ≥ " + number(policy_.online_min) + ", practice hours ≥ " + number(policy_.practice_min) +
                ", total ≥ " + number(policy_.total_min) + "; at least " + std::to_string(policy_.min_passed) +
                " points passed covering at least " + std::to_string(policy_.min_dimensions) +
                " dimensions; excellent needs at least " + std::to_string(policy_.min_excellent_points) +
                " points graded excellent.";
    }
    out_ += "</p>\n<p>";
    out_ += t("由 IT2 Tracker（提升工程2.0 进度看板）生成。", "Made by IT2 Tracker.");
    out_ += "</p>\n</footer>\n</body>\n</html>\n";
}

void ReportWriter::rate_cards(const Rates& rates) {
    out_ += "<section aria-labelledby=\"rates\">\n<h2 id=\"rates\">";
    out_ += t("各项比率", "Rates");
    out_ += "</h2>\n<ul class=\"cards\">\n<li><span class=\"label\">";
    out_ += t("教师人数", "Teachers");
    out_ += "</span><span class=\"value\">" + std::to_string(rates.teachers) + "</span></li>\n";
    for (const RateRow& r : kRates) {
        out_ += "<li><span class=\"label\">";
        out_ += term(r.term);
        out_ += "</span><span class=\"value\">" + percent(rates.*(r.rate)) + "</span></li>\n";
    }
    out_ += "</ul>\n</section>\n";
}

void ReportWriter::score_section(double score, const ScoreParts* parts) {
    out_ += "<section aria-labelledby=\"score\">\n<h2 id=\"score\">";
    out_ += term(vocab::Term::score);
    out_ += "</h2>\n<p class=\"score\">" + fmt("%.1f", score) + " <small>/ 100</small></p>\n";
    if (!parts) {
        out_ += "<p>";
        out_ += t("区县的推进得分为各校推进得分的平均值。", "The district's progress score is the mean of the schools' progress scores.");
        out_ += "</p>\n</section>\n";
        return;
    }
    // Bars: each part against its weight.
    const int width = 640, label_w = 190, bar_w = 330, row_h = 26;
    int height = row_h * int(std::size(kParts)) + 8;
    out_ += "<figure>\n<svg role=\"img\" aria-labelledby=\"score-chart-title\" viewBox=\"0 0 " + std::to_string(width) +
            " " + std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
            std::to_string(height) + "\">\n<title id=\"score-chart-title\">";
    out_ += t("得分构成", "Score parts");
    out_ += "</title>\n";
    int y = 4;
    for (const PartRow& p : kParts) {
        double got = parts->*(p.points), weight = policy_.weights.*(p.weight);
        double fill = weight > 0 ? std::clamp(got / weight, 0.0, 1.0) : 0.0;
        out_ += "<text x=\"0\" y=\"" + std::to_string(y + 16) + "\">" + html_escape(term(p.term)) + "</text>";
        out_ += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" +
                std::to_string(bar_w) + "\" height=\"16\" fill=\"#eef1f4\" stroke=\"#c9d1d9\"/>";
        out_ += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" +
                fmt("%.1f", bar_w * fill) + "\" height=\"16\" fill=\"" + kNeutral + "\"/>";
        out_ += "<text x=\"" + std::to_string(label_w + bar_w + 8) + "\" y=\"" + std::to_string(y + 16) + "\">" +
                fmt("%.1f", got) + " / " + number(weight) + "</text>\n";
        y += row_h;
    }
    out_ += "</svg>\n</figure>\n";
    open_table("得分构成", "Score parts", {{"项目", "Part"}, {"得分", "Points"}, {"满分", "Weight"}}, "narrow");
    for (const PartRow& p : kParts) {
        out_ += "<tr><th scope=\"row\">";
        out_ += term(p.term);
        out_ += "</th><td class=\"num\">" + fmt("%.2f", parts->*(p.points)) + "</td><td class=\"num\">" +
                number(policy_.weights.*(p.weight)) + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n</section>\n";
}

void ReportWriter::status_legend() {
    out_ += "<ul class=\"legend\">";
    for (TeacherStatus s : vocab::kStatusDrawOrder) {  // as the screen's legend
        out_ += "<li><span class=\"swatch\" style=\"background:";
        out_ += status_colour(int(s));
        out_ += "\"></span>";
        out_ += status_label(s, lang_);
        out_ += "</li>";
    }
    out_ += "</ul>\n";
}

void ReportWriter::open_school_chart(const std::string& aria_label, size_t schools) {
    const int width = kChartLabelW + kChartBarW + 60, height = kChartRowH * int(schools) + 8;
    out_ += "<svg role=\"img\" aria-label=\"" + aria_label + "\" viewBox=\"0 0 " + std::to_string(width) + " " +
            std::to_string(height) + "\" width=\"" + std::to_string(width) + "\" height=\"" +
            std::to_string(height) + "\">\n";
}

void ReportWriter::status_bars(const std::vector<const SchoolResult*>& schools) {
    const int label_w = kChartLabelW, bar_w = kChartBarW, row_h = kChartRowH;
    out_ += "<figure>\n<figcaption>";
    out_ += t("教师状态分布", "Teachers by status");
    out_ += "</figcaption>\n";
    status_legend();
    open_school_chart(t("教师状态分布（详见下表）", "Teachers by status (see the table below)"), schools.size());
    int y = 4;
    for (const SchoolResult* school : schools) {
        out_ += "<text x=\"0\" y=\"" + std::to_string(y + 15) + "\">" + html_escape(school->name) + "</text>";
        int total = 0;
        for (int count : school->by_status) total += count;
        double x = label_w;
        for (TeacherStatus status : vocab::kStatusDrawOrder) {  // as the screen's bars
            const int st = int(status);
            if (total == 0) break;
            int count = school->by_status[st];
            if (count == 0) continue;
            double w = bar_w * double(count) / total;
            out_ += "<rect x=\"" + fmt("%.1f", x) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" + fmt("%.1f", w) +
                    "\" height=\"16\" fill=\"" + status_colour(st) + "\"><title>" +
                    status_label(TeacherStatus(st), lang_) + " " + std::to_string(count) + "</title></rect>";
            x += w;
        }
        out_ += "<text x=\"" + std::to_string(label_w + bar_w + 6) + "\" y=\"" + std::to_string(y + 15) + "\">" +
                std::to_string(total) + "</text>\n";
        y += row_h;
    }
    out_ += "</svg>\n</figure>\n";
}

void ReportWriter::score_bars(const std::vector<const SchoolResult*>& schools) {
    const int label_w = kChartLabelW, bar_w = kChartBarW, row_h = kChartRowH;
    out_ += "<figure>\n<figcaption>";
    out_ += t("各校推进得分", "Progress score by school");
    out_ += "</figcaption>\n";
    open_school_chart(t("各校推进得分（详见下表）", "Progress score by school (see the table below)"), schools.size());
    int y = 4;
    for (const SchoolResult* school : schools) {
        double score = std::clamp(school->score.total(), 0.0, 100.0);
        out_ += "<text x=\"0\" y=\"" + std::to_string(y + 15) + "\">" + html_escape(school->name) + "</text>";
        out_ += "<rect x=\"" + std::to_string(label_w) + "\" y=\"" + std::to_string(y + 3) + "\" width=\"" +
                fmt("%.1f", bar_w * score / 100) + "\" height=\"16\" fill=\"" + kNeutral + "\"/>";
        out_ += "<text x=\"" + std::to_string(label_w + bar_w + 6) + "\" y=\"" + std::to_string(y + 15) + "\">" +
                fmt("%.1f", score) + "</text>\n";
        y += row_h;
    }
    out_ += "</svg>\n</figure>\n";
}

void ReportWriter::schools_table(const std::vector<const SchoolResult*>& schools) {
    open_table("各校进度（按得分排序）", "Schools (by score)",
               {vocab::Term::col_school_id, vocab::Term::col_school, vocab::Term::col_batches, vocab::Term::col_teachers,
                vocab::Term::rate_participation, vocab::Term::rate_hours, vocab::Term::rate_submission,
                vocab::Term::rate_pass, vocab::Term::rate_excellence, vocab::Term::score, vocab::Term::at_risk,
                vocab::Term::overdue});
    for (const SchoolResult* school : schools) {
        std::string batches;
        for (const std::string& b : school->batches) batches += (batches.empty() ? "" : ", ") + b;
        out_ += "<tr><td>" + html_escape(school->id) + "</td><th scope=\"row\">" + html_escape(school->name) +
                "</th><td>" + html_escape(batches) + "</td><td class=\"num\">" +
                std::to_string(school->rates.teachers) + "</td>";
        for (const RateRow& r : kRates) out_ += "<td class=\"num\">" + percent(school->rates.*(r.rate)) + "</td>";
        out_ += "<td class=\"num\">" + fmt("%.1f", school->score.total()) + "</td><td class=\"num\">" +
                std::to_string(school->at_risk) + "</td><td class=\"num\">" + std::to_string(school->overdue) +
                "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
}

void ReportWriter::teachers_table(const SchoolResult& school) {
    std::vector<const TeacherResult*> rows;
    for (int index : school.teachers)
        if (index >= 0 && size_t(index) < s_.teachers.size()) rows.push_back(&s_.teachers[index]);
    auto rank = [](TeacherStatus st) {
        return int(std::find(std::begin(kChaseOrder), std::end(kChaseOrder), st) - std::begin(kChaseOrder));
    };
    std::stable_sort(rows.begin(), rows.end(), [&](const TeacherResult* a, const TeacherResult* b) {
        return rank(a->status) < rank(b->status);
    });
    open_table("教师名单（最需跟进的在前）", "Teachers (most urgent first)",
               {vocab::Term::col_teacher_id, vocab::Term::col_name, vocab::Term::col_subject, vocab::Term::col_batch,
                vocab::Term::col_status, vocab::Term::col_online, vocab::Term::col_practice,
                vocab::Term::col_passed_points, vocab::Term::col_excellent_points, vocab::Term::col_dimensions,
                vocab::Term::col_missing});
    for (const TeacherResult* r : rows) {
        const std::string missing = missing_text(*r, lang_);  // as the CSV and the screen write it
        out_ += "<tr><td>" + html_escape(r->id) + "</td><th scope=\"row\">" + html_escape(r->name) + "</th><td>" +
                html_escape(r->subject) +
                "</td><td>" + html_escape(r->batch) + "</td><td>" + status_label(r->status, lang_) +
                "</td><td class=\"num\">" + number(r->online) + "</td><td class=\"num\">" + number(r->practice) +
                "</td><td class=\"num\">" + std::to_string(r->passed_points) + "</td><td class=\"num\">" +
                std::to_string(r->excellent_points) + "</td><td class=\"num\">" + std::to_string(r->dimensions) +
                "</td><td class=\"wrap\">" + html_escape(missing) + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
}

// The files behind the report and their problems (all files, or one school's).
void ReportWriter::files_section(const std::string* school_id) {
    std::vector<size_t> shown;
    for (size_t i = 0; i < s_.files.size(); ++i) {
        if (school_id) {
            const bool mine = i < ws_.files.size() && ws_.files[i].data && ws_.files[i].data->school_id == *school_id;
            if (!mine) continue;
        }
        shown.push_back(i);
    }
    out_ += "<section class=\"page\" aria-labelledby=\"files\">\n<h2 id=\"files\">";
    out_ += t("数据文件与输入问题", "Data files and input problems");
    out_ += "</h2>\n";
    open_table("数据文件", "Data files", {{"文件", "File"}, vocab::Term::col_status, {"问题数", "Problems"}});
    // Problems by file name in one pass (not one pass per file: 2,000 files × their problems).
    std::unordered_map<std::string_view, std::vector<const Problem*>> problems_of;
    for (const Problem& p : s_.problems) problems_of[p.file].push_back(&p);
    std::vector<const Problem*> problems;
    for (size_t i : shown) {
        const std::string& name = s_.files[i].name;
        size_t count = 0;
        if (auto it = problems_of.find(name); it != problems_of.end()) {
            count = it->second.size();
            problems.insert(problems.end(), it->second.begin(), it->second.end());
            problems_of.erase(it);  // a name listed twice counts its problems once, as before
        }
        out_ += "<tr><th scope=\"row\">" + html_escape(name) + "</th><td>" +
                file_status_label(s_.files[i].status, lang_) + "</td><td class=\"num\">" + std::to_string(count) +
                "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
    if (!problems.empty()) {
        open_table("输入问题", "Input problems",
                   {{"文件", "File"}, {"类别", "Kind"}, {"位置", "Where"}, {"说明", "What happened"}});
        for (size_t k = 0; k < problems.size() && k < kMaxProblemRows; ++k) {
            const Problem& p = *problems[k];
            std::string where = p.pointer;
            if (p.line > 0) where += (where.empty() ? "" : " ") + std::string(t("行 ", "line ")) + std::to_string(p.line);
            if (p.column > 0) where += std::string(t(" 列 ", " col ")) + std::to_string(p.column);
            out_ += "<tr><td>" + html_escape(p.file) + "</td><td>" + severity_label(p.severity, lang_) +
                    "</td><td>" + html_escape(where) + "</td><td class=\"wrap\">" + html_escape(p.message(lang_)) +
                    "</td></tr>\n";
        }
        out_ += "</tbody>\n</table>\n";
        if (problems.size() > kMaxProblemRows) {
            out_ += "<p>";
            out_ += t("另有 ", "And ") + std::to_string(problems.size() - kMaxProblemRows) +
                    t(" 个问题未列出（见看板的「数据问题」）。", " more problems (see Data problems in the dashboard).");
            out_ += "</p>\n";
        }
    }
    out_ += "</section>\n";
}

std::string ReportWriter::district() {
    std::string title = t("提升工程2.0 进度报告 · 区县", "IT 2.0 progress report · district");
    begin(title, title);
    rate_cards(s_.district);
    score_section(s_.district_score, nullptr);
    std::vector<const SchoolResult*> schools;
    for (const SchoolResult& school : s_.schools) schools.push_back(&school);
    std::stable_sort(schools.begin(), schools.end(), [](const SchoolResult* a, const SchoolResult* b) {
        return a->score.total() != b->score.total() ? a->score.total() > b->score.total() : a->id < b->id;
    });
    out_ += "<section class=\"page\" aria-labelledby=\"schools\">\n<h2 id=\"schools\">";
    out_ += t("学校", "Schools");
    out_ += " (" + std::to_string(schools.size()) + ")</h2>\n";
    if (schools.empty()) {
        out_ += "<p>";
        out_ += t("尚未加载任何学校的数据。", "No school data is loaded.");
        out_ += "</p>\n";
    } else {
        score_bars(schools);
        status_bars(schools);
        schools_table(schools);
    }
    out_ += "</section>\n";
    files_section(nullptr);
    end();
    return std::move(out_);
}

std::string ReportWriter::school(const std::string& id) {
    const SchoolResult* school = nullptr;
    for (const SchoolResult& candidate : s_.schools)
        if (candidate.id == id) school = &candidate;
    if (!school) {
        std::string title = t("提升工程2.0 进度报告", "IT 2.0 progress report");
        begin(title, title);
        out_ += "<p>";
        out_ += t("没有找到学校：", "No such school: ") + html_escape(id);
        out_ += "</p>\n";
        end();
        return std::move(out_);
    }
    std::string title = std::string(t("提升工程2.0 进度报告 · ", "IT 2.0 progress report · ")) + school->name;
    begin(title, title);
    out_ += "<p class=\"meta\">" + std::string(t("学校编号 ", "School id ")) + html_escape(school->id);
    if (!school->batches.empty()) {
        out_ += t(" · 批次 ", " · batches ");
        std::string batches;
        for (const std::string& b : school->batches) batches += (batches.empty() ? "" : ", ") + b;
        out_ += html_escape(batches);
    }
    out_ += std::string(" · ") + term(vocab::Term::part_activities) + " " + std::to_string(school->activities);
    out_ += std::string(" · ") + term(vocab::Term::part_organisation) + " " + std::to_string(school->deliverables) +
            "/3</p>\n";
    rate_cards(school->rates);
    score_section(school->score.total(), &school->score);
    out_ += "<section class=\"page\" aria-labelledby=\"teachers\">\n<h2 id=\"teachers\">";
    out_ += t("教师", "Teachers");
    out_ += " (" + std::to_string(school->teachers.size()) + ")</h2>\n";
    status_bars({school});
    teachers_table(*school);
    out_ += "</section>\n";
    files_section(&school->id);
    end();
    return std::move(out_);
}

}  // namespace

std::string report_html(const Workspace& ws, const Summary& summary, const Policy& policy, const Scope& scope,
                        Lang lang) {
    ReportWriter writer(ws, summary, policy, lang);
    if (scope.kind == Scope::Kind::school) return writer.school(scope.id);
    return writer.district();
}

}  // namespace it2
