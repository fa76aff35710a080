// CSV export (Excel-friendly, injection-guarded) and the printable HTML report.
#include "export.h"

#include <algorithm>
#include <cstdio>
#include <initializer_list>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "catalog.h"
#include "counts.h"
#include "pinyin_order.h"
#include "remind.h"
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

// ==== [SECTION] the schools table ===============================================================

const std::vector<SchoolTableColumn>& school_table_columns() {
    using vocab::Term;
    using K = SchoolCellKind;
    static const std::vector<SchoolTableColumn> kColumns = {
        {Term::col_school_id, K::text},        {Term::col_school, K::text},          {Term::col_stage, K::text},
        {Term::col_batches, K::text},          {Term::col_teachers, K::count},       {Term::rate_participation, K::percent},
        {Term::rate_hours, K::percent},        {Term::rate_submission, K::percent},  {Term::rate_pass, K::percent},
        {Term::rate_excellence, K::percent},   {Term::score, K::score},              {Term::at_risk, K::count},
        {Term::overdue, K::count},             {Term::col_new_passed_7d, K::count},  {Term::col_forecast_finish, K::text},
        {Term::col_forecast_unpassed, K::count},
    };
    return kColumns;
}

std::vector<SchoolTableCell> school_table_row(const Summary& s, int school, Lang lang) {
    auto text = [](std::string t) { return SchoolTableCell{std::move(t), std::nullopt}; };
    auto value = [](std::optional<double> v) { return SchoolTableCell{std::string(), v}; };
    const bool district = school < 0 || size_t(school) >= s.schools.size();
    const Rates& r = district ? s.district : s.schools[size_t(school)].rates;
    std::vector<SchoolTableCell> row;
    if (district) {
        row = {text(vocab::term(vocab::Term::district, lang)), text(""), text(""), text("")};
    } else {
        const SchoolResult& one = s.schools[size_t(school)];
        std::string batches;
        for (const std::string& b : one.batches) batches += (batches.empty() ? "" : ",") + b;
        row = {text(one.id), text(one.name), text(one.stage), text(batches)};
    }
    row.push_back(value(double(r.teachers)));
    for (const std::optional<double>& rate : {r.participation, r.hours, r.submission, r.pass, r.excellence}) row.push_back(value(rate));
    row.push_back(value(district ? s.district_score : s.schools[size_t(school)].score.total()));
    row.push_back(value(double(district ? s.at_risk : s.schools[size_t(school)].at_risk)));
    row.push_back(value(double(district ? s.overdue : s.schools[size_t(school)].overdue)));
    // The forecast as the screen's cells say it (forecast_parts.cpp): 已完成, 无法按期完成 or the day.
    if (district) {
        row.push_back(value(double(s.forecast.new_passed_7d)));
        row.push_back(text(""));
        row.push_back(value(double(s.forecast.projected_unpassed)));
    } else if (size_t(school) < s.forecast.schools.size()) {
        const SchoolForecast& f = s.forecast.schools[size_t(school)];
        row.push_back(value(double(f.new_passed_7d)));
        if (!f.open) row.push_back(text(""));
        else if (f.late) row.push_back(text(vocab::term(vocab::Term::forecast_late, lang)));
        else if (f.finish.empty()) row.push_back(text(vocab::term(vocab::Term::forecast_done, lang)));
        else row.push_back(text(f.finish));
        row.push_back(f.open ? value(double(f.projected_unpassed)) : value(std::nullopt));
    } else {
        row.push_back(value(std::nullopt));
        row.push_back(text(""));
        row.push_back(value(std::nullopt));
    }
    return row;
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

std::string html_escape_ascii(std::string_view raw) {
    const std::string text = html_escape(raw);
    std::string out;
    out.reserve(text.size() * 2);
    for (size_t i = 0; i < text.size();) {
        if (static_cast<unsigned char>(text[i]) < 0x80) {
            out += text[i++];
            continue;
        }
        char reference[16];
        std::snprintf(reference, sizeof reference, "&#x%x;", static_cast<unsigned>(next_utf8(text, i)));
        out += reference;
    }
    return out;
}

namespace {

const char* tr(Lang lang, const char* zh, const char* en) { return lang == Lang::zh ? zh : en; }

// Words and colours are the vocabulary's (vocabulary.h), the same the screen shows.
const char* status_label(TeacherStatus s, Lang lang) { return vocab::term(vocab::status_term(s), lang); }
std::string status_colour(TeacherStatus s) { return vocab::css_hex(vocab::status_colour(s)); }
const char* file_status_label(FileStatus s, Lang lang) { return vocab::term(vocab::file_status_term(s), lang); }
const char* severity_label(Severity s, Lang lang) { return vocab::term(vocab::severity_term(s), lang); }

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

// A CSS string literal for the page's margin boxes: only characters that cannot end the string
// or the <style> element pass as they are.
std::string css_string(std::string_view text) {
    std::string out = "\"";
    for (unsigned char c : visible_controls(text, false)) {
        if (c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' || c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\%x ", unsigned(c));
            out += buf;
        } else {
            out += char(c);
        }
    }
    return out + "\"";
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

// The report's layout for A4 portrait. Tables break between rows and repeat their header row
// (thead); only small blocks (a row, a card, the cover) avoid breaking, so no page is left
// mostly blank. Colours of meaning (statuses, the score, the custom-rules mark) are the
// vocabulary's, filled in by style(); the rest is neutral.
const char* kStyle = R"CSS(
:root { color-scheme: light; }
* { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", sans-serif;
       margin: 24px auto; max-width: 1000px; padding: 0 16px; color: var(--text); line-height: 1.45; }
h1 { font-size: 1.5rem; margin: 0 0 6px; } h2 { font-size: 1.1rem; margin: 18px 0 6px; break-after: avoid; }
.kicker { color: var(--weak); margin: 0; font-size: .9rem; }
.cover { border: 1px solid #c9d1d9; border-radius: 6px; padding: 10px 14px; break-inside: avoid; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 6px 0 0; font-size: .9rem; }
.facts dt { color: var(--weak); } .facts dd { margin: 0; }
.custom { display: inline-block; background: var(--custom); color: #fff; border-radius: 4px; padding: 0 6px;
          font-weight: 600; margin-right: 6px; }
.cards { display: flex; flex-wrap: wrap; gap: 6px; list-style: none; padding: 0; margin: 10px 0 0; }
.cards li { border: 1px solid #d0d7de; border-radius: 6px; padding: 4px 8px; flex: 1 1 0; min-width: 70px; break-inside: avoid; }
.cards .label { display: block; color: var(--weak); font-size: .8rem; }
.cards .value { display: block; font-size: 1.25rem; font-weight: 600; }
.cards li.score { border-color: var(--neutral); }
table { border-collapse: collapse; width: 100%; font-size: .85rem; margin: 6px 0 12px; }
caption { text-align: left; font-weight: 600; padding: 2px 0; break-after: avoid; }
th, td { border: 1px solid #d0d7de; padding: 3px 6px; text-align: left; vertical-align: top; }
thead th { background: #eef1f4; font-weight: 600; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
table.problems td:nth-child(-n+2), table.problems th:nth-child(-n+2) { white-space: nowrap; }
tr { break-inside: avoid; } thead { display: table-header-group; }
tbody tr:first-child { break-before: avoid; }  /* a header row never ends a page alone */
tr.group th { background: #f6f8fa; text-align: left; }
.id { display: block; color: var(--weak); font-size: .75rem; font-weight: normal; }
.teachers .id { display: inline; margin-left: 4px; font-size: .85em; }
.teachers th[scope="row"], .teachers td:not(:last-child) { white-space: nowrap; }
table.parts { width: 70%; }
.nowrap { white-space: nowrap; }
.bar { display: flex; height: 12px; min-width: 120px; background: var(--track); }
.bar span { display: block; height: 100%; }
.scorebar { display: flex; align-items: center; gap: 6px; }
.scorebar .bar { flex: 1; min-width: 60px; }
.legend { display: flex; flex-wrap: wrap; gap: 10px; list-style: none; padding: 0; margin: 4px 0; font-size: .8rem; }
.swatch { display: inline-block; width: .8em; height: .8em; margin-right: 4px; vertical-align: middle; border: 1px solid #8c959f; }
.names { margin: 2px 0 8px; font-size: .85rem; }
.names strong { margin-right: 6px; }
.note { color: var(--weak); font-size: .8rem; }
.appendix table { font-size: .7rem; color: var(--weak); }
.reminders { columns: 2; column-gap: 16px; font-size: .8rem; }
.reminder { white-space: pre-wrap; margin: 0 0 10px; line-height: 1.35; }
.appendix h2 { font-size: .95rem; }
@page { size: A4; margin: 13mm 12mm 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 9.5pt; }
  table { font-size: 8pt; } th, td { padding: 2px 4px; }
  .cards .value { font-size: 12pt; }
  .cards { flex-wrap: nowrap; }
  table.teachers { font-size: 7pt; line-height: 1.3; } table.teachers td, table.teachers th { padding: 1px 4px; }
  .reminders { columns: 3; column-gap: 4mm; font-size: 6.5pt; } .reminder { line-height: 1.25; margin-bottom: 6px; }
}
)CSS";

// Counts of the files behind a report, by state: "63 个：已加载 57 · 部分加载 4 · …".
struct FileCounts {
    int total = 0;
    std::array<int, 4> by_status{};
};

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
    std::vector<const Problem*> appendix_;  // problems listed, in the order of their numbers

    const char* t(const char* zh, const char* en) const { return tr(lang_, zh, en); }
    const char* term(vocab::Term term) const { return vocab::term(term, lang_); }
    struct Head {
        Head(const char* zh_text, const char* en_text, bool numeric = false) : zh(zh_text), en(en_text), num(numeric) {}
        Head(vocab::Term term, bool numeric = false)  // NOLINT: implicit on purpose
            : zh(vocab::term(term, Lang::zh)), en(vocab::term(term, Lang::en)), num(numeric) {}
        // Two terms in one narrow column: "在线学时/实践学时", its cells "15 / 28".
        Head(vocab::Term first, vocab::Term second)
            : zh(std::string(vocab::term(first, Lang::zh)) + "/" + vocab::term(second, Lang::zh)),
              en(std::string(vocab::term(first, Lang::en)) + " / " + vocab::term(second, Lang::en)), num(true) {}
        std::string zh, en;
        bool num;
    };
    void open_table(const char* caption_zh, const char* caption_en, std::initializer_list<Head> heads,
                    const char* css_class = nullptr);

    void begin(const std::string& title, const std::string& footer_left);
    void end();
    void cover(const std::string& heading, const std::string& scope, const std::vector<size_t>& files);
    std::vector<const Problem*> problems_of(const std::vector<size_t>& files) const;
    std::string district_name() const;
    std::string rules_text(const Policy& p) const;
    std::vector<std::string> rule_differences() const;
    FileCounts count_files(const std::vector<size_t>& files) const;
    void rate_cards(const Rates& rates, double score, const char* score_note);
    void score_parts(const SchoolResult& school);
    void status_legend();
    std::string status_bar(const std::array<int, kTeacherStatusCount>& by_status) const;
    void schools_overview(const std::vector<const SchoolResult*>& schools);
    void schools_table(const std::vector<const SchoolResult*>& schools);
    void teachers_section(const SchoolResult& school);
    void reminders_section(int school);
    std::vector<size_t> files_of(const std::string* school_id) const;
    void problems_section(const std::vector<size_t>& files);
    void appendix();
};

void ReportWriter::open_table(const char* caption_zh, const char* caption_en, std::initializer_list<Head> heads,
                              const char* css_class) {
    out_ += css_class ? std::string("<table class=\"") + css_class + "\">\n" : std::string("<table>\n");
    if (*caption_zh) out_ += std::string("<caption>") + t(caption_zh, caption_en) + "</caption>\n";
    out_ += "<thead><tr>";
    for (const Head& h : heads) {
        out_ += h.num ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">";
        out_ += lang_ == Lang::zh ? h.zh : h.en;
        out_ += "</th>";
    }
    out_ += "</tr></thead>\n<tbody>\n";
}

void ReportWriter::begin(const std::string& title, const std::string& footer_left) {
    out_ += "<!DOCTYPE html>\n<html lang=\"";
    out_ += lang_ == Lang::zh ? "zh-CN" : "en";
    out_ += "\">\n<head>\n<meta charset=\"utf-8\">\n";
    // Nothing external may load: inline styles only, no scripts, no fetches, no frames.
    out_ += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'\">\n";
    out_ += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out_ += "<meta name=\"referrer\" content=\"no-referrer\">\n";
    out_ += "<title>" + html_escape(title) + "</title>\n<style>";
    out_ += ":root { --text: " + vocab::css_hex(vocab::colour::text) +
            "; --weak: " + vocab::css_hex(vocab::colour::text_weak) +
            "; --neutral: " + vocab::css_hex(vocab::colour::neutral) +
            "; --track: " + vocab::css_hex(vocab::colour::track) +
            "; --custom: " + vocab::css_hex(vocab::colour::at_risk) + "; }";
    out_ += kStyle;
    // Every printed page: what and as of when (left), page N of M (right). Chromium prints
    // @page margin boxes (checked with --print-to-pdf); a browser without them prints none.
    // The page number gets a fixed width: sized by content, a wider CJK font (a machine with
    // only Noto CJK) squeezed it and cut off its first character ("1 页，共 2 页").
    out_ += "@page { @bottom-left { content: " + css_string(footer_left) +
            "; font-size: 8pt; color: " + vocab::css_hex(vocab::colour::text_weak) + "; } @bottom-right { content: " +
            css_string(t("第 ", "Page ")) + " counter(page) " + css_string(t(" 页，共 ", " of ")) + " counter(pages) " +
            css_string(t(" 页", "")) + "; width: 40mm; text-align: right; white-space: nowrap; font-size: 8pt; color: " +
            vocab::css_hex(vocab::colour::text_weak) + "; } }\n";
    out_ += "</style>\n</head>\n<body>\n";
}

void ReportWriter::end() {
    appendix();
    out_ += "<footer><p class=\"note\">";
    out_ += t("由 IT2 Tracker（提升工程2.0 进度看板）生成。", "Made by IT2 Tracker.");
    out_ += "</p></footer>\n</body>\n</html>\n";
}

std::string ReportWriter::district_name() const {
    // The name most of the loaded files give (a district's files agree; a stray one does not win).
    std::vector<std::pair<std::string, int>> seen;
    for (const FileEntry& f : ws_.files) {
        if (!f.data || f.data->district_name.empty()) continue;
        auto it = std::find_if(seen.begin(), seen.end(), [&](const auto& s) { return s.first == f.data->district_name; });
        if (it == seen.end()) seen.emplace_back(f.data->district_name, 1);
        else ++it->second;
    }
    if (seen.empty()) return "";
    return std::max_element(seen.begin(), seen.end(), [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
}

std::string ReportWriter::rules_text(const Policy& p) const {
    std::string text = std::string(term(vocab::Term::col_online)) + " ≥ " + number(p.online_min) + t("，", ", ") +
                       term(vocab::Term::col_practice) + " ≥ " + number(p.practice_min) + t("，", ", ") +
                       term(vocab::Term::col_total_hours) + " ≥ " + number(p.total_min) + t("；", "; ") +
                       term(vocab::Term::col_passed_points) + " ≥ " + std::to_string(p.min_passed) + t("，", ", ") +
                       term(vocab::Term::col_dimensions) + " ≥ " + std::to_string(p.min_dimensions) + t("；", "; ") +
                       t("优秀：", "excellent: ") + term(vocab::Term::col_excellent_points) + " ≥ " +
                       std::to_string(p.min_excellent_points);
    return text + t("。", ".");
}

// The rules that differ from the defaults, each as "在线学时 ≥ 20（默认 25）".
std::vector<std::string> ReportWriter::rule_differences() const {
    const Policy d;
    std::vector<std::string> out;
    auto differs = [&](const char* label, const std::string& now, const std::string& before) {
        if (now != before) out.push_back(std::string(label) + " " + now + t("（默认 ", " (default ") + before + t("）", ")"));
    };
    differs((std::string(term(vocab::Term::col_online)) + " ≥").c_str(), number(policy_.online_min), number(d.online_min));
    differs((std::string(term(vocab::Term::col_practice)) + " ≥").c_str(), number(policy_.practice_min), number(d.practice_min));
    differs((std::string(term(vocab::Term::col_total_hours)) + " ≥").c_str(), number(policy_.total_min), number(d.total_min));
    differs((std::string(term(vocab::Term::col_passed_points)) + " ≥").c_str(), std::to_string(policy_.min_passed),
            std::to_string(d.min_passed));
    differs((std::string(term(vocab::Term::col_dimensions)) + " ≥").c_str(), std::to_string(policy_.min_dimensions),
            std::to_string(d.min_dimensions));
    differs((std::string(term(vocab::Term::col_excellent_points)) + " ≥").c_str(),
            std::to_string(policy_.min_excellent_points), std::to_string(d.min_excellent_points));
    auto environments = [](const Policy& p) {
        std::string s;
        for (int e = 0; e < kEnvCount; ++e)
            if (p.environments[e]) s += char('A' + e);
        return s;
    };
    differs(t("可选环境", "environments"), environments(policy_), environments(d));
    auto required = [&](const Policy& p) {
        std::string s;
        for (int i : p.required)
            if (i >= 0 && i < kPointCount) s += (s.empty() ? "" : t("、", ", ")) + std::string(catalog()[size_t(i)].code);
        return s.empty() ? std::string(t("无", "none")) : s;
    };
    differs(t("必选能力点", "required points"), required(policy_), required(d));
    for (const PartRow& p : kParts)
        differs((std::string(term(p.term)) + t(" 权重", " weight")).c_str(), number(policy_.weights.*(p.weight)),
                number(d.weights.*(p.weight)));
    differs(t("每批校本研修活动", "activities per batch"), number(policy_.activities_per_batch), number(d.activities_per_batch));
    differs(t("优秀率目标", "excellence target"), number(policy_.excellence_target * 100) + "%",
            number(d.excellence_target * 100) + "%");
    differs(t("临期提醒天数", "at-risk days"), std::to_string(policy_.at_risk_days), std::to_string(d.at_risk_days));
    return out;
}

FileCounts ReportWriter::count_files(const std::vector<size_t>& files) const {
    FileCounts c;
    for (size_t i : files) {
        ++c.total;
        const size_t st = size_t(s_.files[i].status);
        if (st < c.by_status.size()) ++c.by_status[st];
    }
    return c;
}

std::vector<const Problem*> ReportWriter::problems_of(const std::vector<size_t>& files) const {
    std::unordered_set<std::string_view> names;
    for (size_t i : files) names.insert(s_.files[i].name);
    std::vector<const Problem*> out;
    for (const Problem& p : s_.problems)
        if (names.count(p.file)) out.push_back(&p);
    return out;
}

void ReportWriter::cover(const std::string& heading, const std::string& scope, const std::vector<size_t>& files) {
    out_ += "<header class=\"cover\">\n<p class=\"kicker\">";
    out_ += t("信息技术应用能力提升工程2.0 · 进度报告", "IT Application Capability Improvement Project 2.0 · progress report");
    out_ += "</p>\n<h1>" + html_escape(heading) + "</h1>\n<dl class=\"facts\">\n";
    const std::string district = district_name();
    if (!district.empty()) {
        out_ += "<dt>";
        out_ += t("区县", "District");
        out_ += "</dt><dd>" + html_escape(district) + "</dd>\n";
    }
    out_ += "<dt>";
    out_ += t("数据截至", "Data as of");
    out_ += "</dt><dd>" + html_escape(s_.as_of) + "</dd>\n<dt>";
    out_ += t("范围", "Scope");
    out_ += "</dt><dd>" + scope + "</dd>\n<dt>";
    // Files by state, counted from the files themselves (not one line per file).
    const FileCounts counts = count_files(files);
    out_ += t("数据文件", "Data files");
    out_ += "</dt><dd>" + std::to_string(counts.total) + t(" 个：", ": ");
    bool first = true;
    for (size_t st = 0; st < counts.by_status.size(); ++st) {
        if (counts.by_status[st] == 0) continue;
        out_ += first ? "" : " · ";
        out_ += file_status_label(FileStatus(st), lang_);
        out_ += " " + std::to_string(counts.by_status[st]);
        first = false;
    }
    Problems mine;
    for (const Problem* p : problems_of(files)) mine.push_back(*p);
    const ProblemCounts problems = count_problems(mine);  // the page's header counts the same way
    char counted[96];
    std::snprintf(counted, sizeof counted, vocab::term(vocab::Term::fmt_problems_in_files, lang_), problems.problems,
                  problems.files_with_problems);
    out_ += std::string(t("；", "; ")) + counted + "</dd>\n<dt>";
    out_ += t("达标规则", "Rules");
    out_ += "</dt><dd>";
    const std::vector<std::string> differences = rule_differences();
    if (differences.empty()) {
        out_ += t("默认规则：", "Default rules: ");
    } else {
        out_ += "<span class=\"custom\">";
        out_ += t("使用了自定义规则", "Custom rules in use");
        out_ += "</span>";
    }
    out_ += html_escape(rules_text(policy_));
    if (!differences.empty()) {
        out_ += "<br>";
        out_ += t("与默认规则不同：", "Differs from the defaults: ");
        for (size_t i = 0; i < differences.size(); ++i)
            out_ += (i ? t("；", "; ") : "") + html_escape(differences[i]);
    }
    out_ += "</dd>\n</dl>\n</header>\n";
}

void ReportWriter::rate_cards(const Rates& rates, double score, const char* score_note) {
    out_ += "<ul class=\"cards\">\n<li><span class=\"label\">";
    out_ += term(vocab::Term::col_teachers);
    out_ += "</span><span class=\"value\">" + std::to_string(rates.teachers) + "</span></li>\n";
    for (const RateRow& r : kRates) {
        out_ += "<li><span class=\"label\">";
        out_ += term(r.term);
        out_ += "</span><span class=\"value\">" + percent(rates.*(r.rate)) + "</span></li>\n";
    }
    out_ += "<li class=\"score\"><span class=\"label\">";
    out_ += term(vocab::Term::score);
    if (score_note) out_ += std::string(t("（", " (")) + score_note + t("）", ")");
    out_ += "</span><span class=\"value\"><span class=\"score-value\">" + fmt("%.1f", score) + "</span> / 100</span></li>\n";
    out_ += "</ul>\n";
}

void ReportWriter::score_parts(const SchoolResult& school) {
    open_table("推进得分构成", "Progress score parts",
               {{"项目", "Part"}, {"", ""}, {"得分", "Points", true}, {"满分", "Weight", true}}, "parts");
    for (const PartRow& p : kParts) {
        const double got = school.score.*(p.points), weight = policy_.weights.*(p.weight);
        const double fill = weight > 0 ? std::clamp(got / weight, 0.0, 1.0) : 0.0;
        out_ += "<tr><th scope=\"row\">";
        out_ += term(p.term);
        out_ += "</th><td style=\"width:45%\"><div class=\"bar\"><span style=\"width:" + fmt("%.1f", fill * 100) +
                "%;background:var(--neutral)\"></span></div></td><td class=\"num\">" + fmt("%.2f", got) +
                "</td><td class=\"num\">" + number(weight) + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
}

void ReportWriter::status_legend() {
    out_ += "<ul class=\"legend\">";
    for (TeacherStatus s : vocab::kStatusDrawOrder) {  // as the screen's legend
        out_ += "<li><span class=\"swatch\" style=\"background:" + status_colour(s) + "\"></span>";
        out_ += status_label(s, lang_);
        out_ += "</li>";
    }
    out_ += "</ul>\n";
}

std::string ReportWriter::status_bar(const std::array<int, kTeacherStatusCount>& by_status) const {
    int total = 0;
    for (int count : by_status) total += count;
    std::string bar = "<div class=\"bar\">";
    for (TeacherStatus status : vocab::kStatusDrawOrder) {  // as the screen's bars
        const int count = by_status[size_t(status)];
        if (total == 0 || count == 0) continue;
        bar += "<span style=\"width:" + fmt("%.2f", 100.0 * count / total) + "%;background:" + status_colour(status) +
               "\" title=\"" + status_label(status, lang_) + " " + std::to_string(count) + "\"></span>";
    }
    return bar + "</div>";
}

// One row per school: its teachers by status and its score, as bars that break between rows.
void ReportWriter::schools_overview(const std::vector<const SchoolResult*>& schools) {
    out_ += "<h2>";
    out_ += t("各校概况（按推进得分排序）", "Schools at a glance (by progress score)");
    out_ += "</h2>\n";
    status_legend();
    open_table("", "", {vocab::Term::col_school, {vocab::Term::col_teachers, true}, {"教师状态分布", "Teachers by status"},
                        vocab::Term::score});
    for (const SchoolResult* school : schools) {
        const double score = std::clamp(school->score.total(), 0.0, 100.0);
        out_ += "<tr><th scope=\"row\">" + html_escape(school->name) + "</th><td class=\"num\">" +
                std::to_string(school->rates.teachers) + "</td><td style=\"width:40%\">" + status_bar(school->by_status) +
                "</td><td style=\"width:24%\"><div class=\"scorebar\"><div class=\"bar\"><span style=\"width:" +
                fmt("%.1f", score) + "%;background:var(--neutral)\"></span></div><span class=\"num\">" +
                fmt("%.1f", school->score.total()) + "</span></div></td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
}

void ReportWriter::schools_table(const std::vector<const SchoolResult*>& schools) {
    open_table("各校指标（按推进得分排序）", "Schools in figures (by progress score)",
               {vocab::Term::col_school, {vocab::Term::col_batches, true}, {vocab::Term::col_teachers, true},
                {vocab::Term::rate_participation, true}, {vocab::Term::rate_hours, true},
                {vocab::Term::rate_submission, true}, {vocab::Term::rate_pass, true},
                {vocab::Term::rate_excellence, true}, {vocab::Term::score, true}, {vocab::Term::at_risk, true},
                {vocab::Term::overdue, true}});
    for (const SchoolResult* school : schools) {
        out_ += "<tr><th scope=\"row\">" + html_escape(school->name) + "<span class=\"id\">" + html_escape(school->id) +
                "</span></th><td class=\"num\">" + std::to_string(school->batches.size()) + "</td><td class=\"num\">" +
                std::to_string(school->rates.teachers) + "</td>";
        for (const RateRow& r : kRates) out_ += "<td class=\"num\">" + percent(school->rates.*(r.rate)) + "</td>";
        out_ += "<td class=\"num\">" + fmt("%.1f", school->score.total()) + "</td><td class=\"num\">" +
                std::to_string(school->at_risk) + "</td><td class=\"num\">" + std::to_string(school->overdue) +
                "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
}

// The teachers to chase, grouped by status (most urgent first), each group in pinyin order;
// the teachers who passed as a list of names, so a school fits on one or two pages.
void ReportWriter::teachers_section(const SchoolResult& school) {
    std::vector<std::pair<std::string, const TeacherResult*>> rows;  // (pinyin key, teacher)
    for (int index : school.teachers)
        if (index >= 0 && size_t(index) < s_.teachers.size()) {
            const TeacherResult& r = s_.teachers[size_t(index)];
            rows.emplace_back(pinyin_sort_key(r.name, CollateAs::person_name), &r);
        }
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return a.first != b.first ? a.first < b.first : a.second->id < b.second->id;
    });
    out_ += "<h2>";
    out_ += t("需要跟进的教师", "Teachers to follow up");
    out_ += "</h2>\n";
    status_legend();
    out_ += status_bar(school.by_status);
    bool any = false;
    for (TeacherStatus st : kChaseOrder) {
        if (st == TeacherStatus::passed || st == TeacherStatus::excellent) continue;
        if (school.by_status[size_t(st)] == 0) continue;
        if (!any) {
            open_table("按状态分组，组内按姓名拼音排序", "Grouped by status, by name (pinyin) within a group",
                       {vocab::Term::col_name, vocab::Term::col_subject, vocab::Term::col_batch,
                        {vocab::Term::col_online, vocab::Term::col_practice},
                        {vocab::Term::col_passed_points, vocab::Term::col_dimensions}, vocab::Term::col_missing},
                       "teachers");
            any = true;
        }
        out_ += "<tr class=\"group\"><th colspan=\"6\"><span class=\"swatch\" style=\"background:" + status_colour(st) +
                "\"></span>" + status_label(st, lang_) + t("（", " (") + std::to_string(school.by_status[size_t(st)]) +
                t(" 人）", ")") + "</th></tr>\n";
        for (const auto& [key, r] : rows) {
            if (r->status != st) continue;
            out_ += "<tr><th scope=\"row\">" + html_escape(r->name) + "<span class=\"id\">" + html_escape(r->id) +
                    "</span></th><td>" + html_escape(r->subject) + "</td><td class=\"nowrap\">" + html_escape(r->batch) +
                    "</td><td class=\"num\">" + number(r->online) + " / " + number(r->practice) + "</td><td class=\"num\">" +
                    std::to_string(r->passed_points) + " / " + std::to_string(r->dimensions) + "</td><td>" +
                    html_escape(missing_text(*r, lang_)) + "</td></tr>\n";
        }
    }
    if (any) {
        out_ += "</tbody>\n</table>\n";
    } else {
        out_ += "<p>";
        out_ += t("没有需要跟进的教师。", "No teacher needs following up.");
        out_ += "</p>\n";
    }
    for (TeacherStatus st : {TeacherStatus::excellent, TeacherStatus::passed}) {
        if (school.by_status[size_t(st)] == 0) continue;
        out_ += "<p class=\"names\"><strong><span class=\"swatch\" style=\"background:" + status_colour(st) + "\"></span>";
        out_ += status_label(st, lang_);
        out_ += t("（", " (") + std::to_string(school.by_status[size_t(st)]) + t(" 人）", ")") + "</strong>";
        bool first = true;
        for (const auto& [key, r] : rows) {
            if (r->status != st) continue;
            out_ += (first ? "" : t("、", ", ")) + html_escape(r->name);
            first = false;
        }
        out_ += "</p>\n";
    }
}

// 催办名单: the text `it2 remind` writes and the page copies (reminder_text, remind.h), one
// block per school (school < 0: every school with teachers not passed), in narrow columns so a
// school's report stays within two pages. Names only, as `it2 remind` without --with-ids.
void ReportWriter::reminders_section(int school) {
    std::vector<std::pair<int, std::string>> texts;
    for (size_t i = 0; i < s_.schools.size(); ++i) {
        if (school >= 0 && size_t(school) != i) continue;
        // The district's list leaves out the schools with nobody to chase, as reminder_text(-1) does.
        if (school < 0 && school_reminder(ws_, s_, int(i)).unpassed == 0) continue;
        texts.emplace_back(int(i), reminder_text(ws_, s_, int(i), lang_));
    }
    if (texts.empty()) return;
    out_ += "<h2>";
    out_ += t("催办名单", "Reminder list");
    out_ += "</h2>\n<p class=\"note\">";
    out_ += t("可直接复制到微信或短信；与“复制催办名单”和 it2 remind 的文字相同。",
              "Ready to paste into WeChat or a text message; the same text as Copy reminder and it2 remind.");
    out_ += "</p>\n<div class=\"reminders\">\n";
    for (const auto& [index, text] : texts)
        out_ += "<div class=\"reminder\" data-school=\"" + html_escape(s_.schools[size_t(index)].id) + "\">" +
                html_escape(text) + "</div>\n";
    out_ += "</div>\n";
}

std::vector<size_t> ReportWriter::files_of(const std::string* school_id) const {
    std::vector<size_t> shown;
    for (size_t i = 0; i < s_.files.size(); ++i) {
        if (school_id) {
            const bool mine = i < ws_.files.size() && ws_.files[i].data && ws_.files[i].data->school_id == *school_id;
            if (!mine) continue;
        }
        shown.push_back(i);
    }
    return shown;
}

// Problems listed in full up to this many; beyond, the count says how many more there are.
constexpr size_t kMaxProblemRows = 300;

// The files that need a look (not loaded cleanly, or with problems) and their problems in
// people's words; where each is in the file (pointer, line) goes to the appendix.
void ReportWriter::problems_section(const std::vector<size_t>& files) {
    std::unordered_map<std::string_view, size_t> problem_count;
    for (const Problem& p : s_.problems) ++problem_count[p.file];
    std::vector<size_t> listed;
    for (size_t i : files)
        if (s_.files[i].status != FileStatus::loaded || problem_count.count(s_.files[i].name)) listed.push_back(i);
    const std::vector<const Problem*> problems = problems_of(files);
    out_ += "<section aria-labelledby=\"problems\">\n<h2 id=\"problems\">";
    out_ += t("数据问题", "Data problems");
    out_ += "</h2>\n";
    if (listed.empty() && problems.empty()) {
        out_ += "<p>";
        out_ += t("所有数据文件都已完整加载，没有发现问题。", "Every data file loaded in full; no problems were found.");
        out_ += "</p>\n</section>\n";
        return;
    }
    open_table("需要核对的文件", "Files to check",
               {{"文件", "File"}, vocab::Term::col_school, vocab::Term::col_status, {"问题数", "Problems", true}});
    for (size_t i : listed) {
        const std::string& name = s_.files[i].name;
        const FileEntry* entry = i < ws_.files.size() ? &ws_.files[i] : nullptr;
        const std::string school = entry && entry->data ? (entry->data->school_name.empty() ? entry->data->school_id
                                                                                          : entry->data->school_name)
                                                        : std::string("—");
        auto it = problem_count.find(name);
        out_ += "<tr><th scope=\"row\">" + html_escape(name) + "</th><td>" + html_escape(school) + "</td><td>" +
                file_status_label(s_.files[i].status, lang_) + "</td><td class=\"num\">" +
                std::to_string(it == problem_count.end() ? 0 : it->second) + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n";
    if (!problems.empty()) {
        open_table("问题说明（编号对应附录中的技术位置）", "What is wrong (numbers refer to the appendix)",
                   {{"编号", "No.", true}, {"类别", "Kind"}, {"说明", "What happened"}}, "problems");
        for (size_t k = 0; k < problems.size() && k < kMaxProblemRows; ++k) {
            const Problem& p = *problems[k];
            appendix_.push_back(&p);
            out_ += "<tr><td class=\"num\">" + std::to_string(appendix_.size()) + "</td><td>" +
                    severity_label(p.severity, lang_) + "</td><td>" +
                    // A file rejected before its school was read: say which file.
                    (p.school.empty() ? html_escape(p.file) + t("：", ": ") : std::string()) +
                    html_escape(p.message(lang_)) + "</td></tr>\n";
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

// For whoever fixes the files: where each problem is (file, line, column, JSON pointer).
void ReportWriter::appendix() {
    if (appendix_.empty()) return;
    out_ += "<section class=\"appendix\" aria-labelledby=\"appendix\">\n<h2 id=\"appendix\">";
    out_ += t("附录：问题在文件中的位置（供数据管理员核对）", "Appendix: where each problem is (for whoever fixes the files)");
    out_ += "</h2>\n";
    open_table("", "", {{"编号", "No.", true}, {"文件", "File"}, {"行:列", "Line:col"}, {"JSON 指针", "JSON pointer"}});
    for (size_t k = 0; k < appendix_.size(); ++k) {
        const Problem& p = *appendix_[k];
        out_ += "<tr><td class=\"num\">" + std::to_string(k + 1) + "</td><td>" + html_escape(p.file) + "</td><td class=\"num\">" +
                (p.line > 0 ? std::to_string(p.line) + ":" + std::to_string(p.column) : std::string("—")) + "</td><td>" +
                html_escape(p.pointer.empty() ? std::string("—") : p.pointer) + "</td></tr>\n";
    }
    out_ += "</tbody>\n</table>\n</section>\n";
}

std::string ReportWriter::district() {
    const std::string district = district_name();
    const std::string title = (district.empty() ? std::string(term(vocab::Term::district)) : district) +
                              t(" · 提升工程2.0 进度报告", " · IT 2.0 progress report");
    begin(title, title + t(" · 数据截至 ", " · as of ") + s_.as_of);
    std::vector<const SchoolResult*> schools;
    for (const SchoolResult& school : s_.schools) schools.push_back(&school);
    std::vector<std::string> keys(s_.schools.size());
    for (size_t i = 0; i < s_.schools.size(); ++i) keys[i] = pinyin_sort_key(s_.schools[i].name);
    std::stable_sort(schools.begin(), schools.end(), [&](const SchoolResult* a, const SchoolResult* b) {
        if (a->score.total() != b->score.total()) return a->score.total() > b->score.total();
        return keys[size_t(a - s_.schools.data())] < keys[size_t(b - s_.schools.data())];
    });
    std::set<std::string> batches;
    for (const SchoolResult& school : s_.schools) batches.insert(school.batches.begin(), school.batches.end());
    std::string scope = std::string(term(vocab::Term::district)) + " " + std::to_string(schools.size()) +
                        t(" 所学校 · ", " schools · ") + std::to_string(s_.district.teachers) +
                        t(" 名教师", " teachers");
    if (!batches.empty()) {
        scope += t(" · 批次 ", " · batches ");
        bool first = true;
        for (const std::string& b : batches) {
            scope += (first ? "" : t("、", ", ")) + html_escape(b);
            first = false;
        }
    }
    const std::vector<size_t> files = files_of(nullptr);
    cover(district.empty() ? term(vocab::Term::district) : district, scope, files);
    rate_cards(s_.district, s_.district_score, t("各校平均", "mean of the schools"));
    if (schools.empty()) {
        out_ += "<p>";
        out_ += t("尚未加载任何学校的数据。", "No school data is loaded.");
        out_ += "</p>\n";
    } else {
        schools_overview(schools);
        schools_table(schools);
        reminders_section(-1);
    }
    problems_section(files);
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
    const std::string title = school->name + t(" · 提升工程2.0 进度报告", " · IT 2.0 progress report");
    begin(title, title + t(" · 数据截至 ", " · as of ") + s_.as_of);
    std::string scope = std::string(term(vocab::Term::col_school_id)) + " " + html_escape(school->id);
    if (!school->stage.empty()) scope += " · " + html_escape(school->stage);
    if (!school->batches.empty()) {
        scope += t(" · 批次 ", " · batches ");
        for (size_t i = 0; i < school->batches.size(); ++i)
            scope += (i ? t("、", ", ") : "") + html_escape(school->batches[i]);
    }
    scope += std::string(" · ") + std::to_string(school->rates.teachers) + t(" 名教师", " teachers") + " · " +
             term(vocab::Term::part_activities) + " " + std::to_string(school->activities) + " · " +
             term(vocab::Term::part_organisation) + " " + std::to_string(school->deliverables) + "/3";
    const std::vector<size_t> files = files_of(&school->id);
    cover(school->name, scope, files);
    rate_cards(school->rates, school->score.total(), nullptr);
    score_parts(*school);
    teachers_section(*school);
    reminders_section(int(school - s_.schools.data()));
    problems_section(files);
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
