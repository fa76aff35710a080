// One vocabulary (issue 11 item 3): the screen strings, the CSV headers, the printed report and
// `it2 summarize --table` show the words and colours of core/vocabulary, read back from what
// each of them produces.
#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "counts.h"
#include "export.h"
#include "metrics_fixture.h"
#include "summary_json.h"
#include "ui_strings.h"
#include "vocabulary.h"

using namespace it2;
using namespace it2_test;
using vocab::Term;
using ui::Str;

namespace {

constexpr Lang kLangs[] = {Lang::zh, Lang::en};

// A district with a teacher of every status (as of 2022-11-01).
Summary every_status() {
    Fixture fx;
    fx.add(batch("S1", "2022-1", "2022-12-31",
                 {teacher("ex", 25, 25, {excellent("A1"), excellent("A2"), pass("A5")}),
                  teacher("ok", 25, 25, {pass("A1"), pass("A2"), pass("A5")}),
                  teacher("wait", 25, 25, {submitted("A1")}), teacher("new", 0, 0),
                  teacher("busy", 10, 0, {selected("A1")})}));
    fx.add(batch("S2", "2022-0", "2022-06-30", {teacher("late", 10, 0)}));
    Summary s = fx.run();
    std::set<TeacherStatus> seen;
    for (const TeacherResult& t : s.teachers) seen.insert(t.status);
    REQUIRE(seen.size() == size_t(kTeacherStatusCount));
    return s;
}

std::vector<std::string> split(const std::string& text, const std::string& sep) {
    std::vector<std::string> out;
    size_t at = 0;
    for (size_t next; (next = text.find(sep, at)) != std::string::npos; at = next + sep.size())
        out.push_back(text.substr(at, next - at));
    out.push_back(text.substr(at));
    return out;
}

std::vector<std::string> terms(std::initializer_list<Term> list, Lang lang) {
    std::vector<std::string> out;
    for (Term t : list) out.push_back(vocab::term(t, lang));
    return out;
}

// The <th scope="col"> texts of the table whose caption is `caption`.
std::vector<std::string> report_columns(const std::string& html, const std::string& caption) {
    const size_t at = html.find("<caption>" + caption);
    REQUIRE_MESSAGE(at != std::string::npos, caption);
    const size_t end = html.find("</thead>", at);
    std::vector<std::string> out;
    const std::string open = "<th scope=\"col\"";  // then `>` or ` class="num">`
    for (size_t p = html.find(open, at); p < end; p = html.find(open, p + 1)) {
        const size_t from = html.find('>', p) + 1;
        out.push_back(html.substr(from, html.find("</th>", from) - from));
    }
    return out;
}

// The cells of `--table`'s header line (columns are two or more spaces apart).
std::vector<std::string> table_header(const std::string& table) {
    std::istringstream lines(table);
    std::string title, header;
    std::getline(lines, title);
    std::getline(lines, header);
    std::vector<std::string> out;
    for (const std::string& cell : split(std::regex_replace(header, std::regex(" {2,}"), "\t"), "\t"))
        if (!cell.empty()) out.push_back(cell);
    return out;
}

}  // namespace

TEST_CASE("vocabulary: every term has both languages, and a teacher's status never uses a grade's word") {
    for (int i = 0; i < vocab::kTermCount; ++i)
        for (Lang lang : kLangs) CHECK(std::string(vocab::term(Term(i), lang)) != "");
    for (Lang lang : kLangs) {
        std::set<std::string> statuses;
        for (int s = 0; s < kTeacherStatusCount; ++s) statuses.insert(vocab::term(vocab::status_term(TeacherStatus(s)), lang));
        CHECK(statuses.size() == size_t(kTeacherStatusCount));
        CHECK(statuses.count(vocab::term(Term::grade_fail, lang)) == 0);  // 不合格 is only a point's grade
        CHECK(statuses.count(vocab::term(Term::overdue, lang)) == 0);
    }
    CHECK(std::string(vocab::term(Term::status_not_met, Lang::zh)) == "未达标");
    CHECK(std::string(vocab::term(Term::grade_fail, Lang::zh)) == "不合格");
    // One meaning per colour: no two statuses share a colour, and a score bar is no status.
    std::set<std::string> colours;
    for (int s = 0; s < kTeacherStatusCount; ++s) colours.insert(vocab::css_hex(vocab::status_colour(TeacherStatus(s))));
    CHECK(colours.size() == size_t(kTeacherStatusCount));
    CHECK(colours.count(vocab::css_hex(vocab::colour::neutral)) == 0);
    CHECK(colours.count(vocab::css_hex(vocab::colour::at_risk)) == 0);
    CHECK(vocab::css_hex(vocab::colour::excellent) == "#1565c0");
}

TEST_CASE("vocabulary: the screen's statuses, grades, score parts, rates, severities and columns are the table's") {
    const std::pair<Str, Term> same[] = {
        {Str::status_excellent, Term::status_excellent}, {Str::status_passed, Term::status_passed},
        {Str::status_not_met, Term::status_not_met},     {Str::status_awaiting, Term::status_awaiting},
        {Str::status_not_started, Term::status_not_started}, {Str::status_in_progress, Term::status_in_progress},
        {Str::grade_excellent, Term::grade_excellent},   {Str::grade_pass, Term::grade_pass},
        {Str::grade_fail, Term::grade_fail},             {Str::point_selected, Term::point_selected},
        {Str::point_submitted, Term::point_submitted},   {Str::part_organisation, Term::part_organisation},
        {Str::part_activities, Term::part_activities},   {Str::part_participation_hours, Term::part_participation_hours},
        {Str::part_pass, Term::part_pass},               {Str::part_excellence, Term::part_excellence},
        {Str::rate_participation, Term::rate_participation}, {Str::rate_hours, Term::rate_hours},
        {Str::rate_submission, Term::rate_submission},   {Str::rate_pass, Term::rate_pass},
        {Str::rate_excellence, Term::rate_excellence},   {Str::severity_error, Term::severity_error},
        {Str::severity_record, Term::severity_record},   {Str::severity_warning, Term::severity_warning},
        {Str::file_loaded, Term::file_loaded},           {Str::file_partial, Term::file_partial},
        {Str::file_rejected, Term::file_rejected},       {Str::file_replaced, Term::file_replaced},
        {Str::flag_at_risk, Term::at_risk},              {Str::flag_overdue, Term::overdue},
        {Str::col_at_risk, Term::at_risk},               {Str::col_overdue, Term::overdue},
        {Str::col_score, Term::score},                   {Str::col_pass, Term::rate_pass},
        {Str::col_participation, Term::rate_participation}, {Str::col_hours_rate, Term::rate_hours},
        {Str::col_submission, Term::rate_submission},    {Str::col_excellence, Term::rate_excellence},
        {Str::col_school, Term::col_school},             {Str::col_name, Term::col_name},
        {Str::col_status, Term::col_status},             {Str::col_missing, Term::col_missing},
        {Str::col_online, Term::col_online},             {Str::col_practice, Term::col_practice},
        {Str::col_teachers, Term::col_teachers},         {Str::col_batches, Term::col_batches},
    };
    for (Lang lang : kLangs) {
        for (const auto& [str, term] : same) CHECK(std::string(ui::tr(str, lang)) == vocab::term(term, lang));
        // The score's total on screen starts with the score's one name.
        CHECK(std::string(ui::tr(Str::fmt_score_total, lang)).rfind(vocab::term(Term::score, lang), 0) == 0);
        // The tables copied to Excel (TSV).
        // The district table's export columns (export.h school_table_columns) are vocabulary
        // terms; the screen's forecast columns show the same words.
        std::vector<Term> school_columns;
        for (const SchoolTableColumn& c : school_table_columns()) school_columns.push_back(c.term);
        CHECK(school_columns == std::vector<Term>{Term::col_school_id, Term::col_school, Term::col_stage, Term::col_batches,
                                                  Term::col_teachers, Term::rate_participation, Term::rate_hours,
                                                  Term::rate_submission, Term::rate_pass, Term::rate_excellence, Term::score,
                                                  Term::at_risk, Term::overdue, Term::col_new_passed_7d,
                                                  Term::col_forecast_finish, Term::col_forecast_unpassed});
        for (auto [str, term] : {std::pair{Str::col_new_passed_7d, Term::col_new_passed_7d},
                                 std::pair{Str::col_forecast_finish, Term::col_forecast_finish},
                                 std::pair{Str::col_forecast_unpassed, Term::col_forecast_unpassed},
                                 std::pair{Str::forecast_done, Term::forecast_done},
                                 std::pair{Str::forecast_late, Term::forecast_late}})
            CHECK(std::string(ui::tr(str, lang)) == vocab::term(term, lang));
        CHECK(split(ui::tr(Str::tsv_teachers_header, lang), "\t") ==
              terms({Term::col_teacher_id, Term::col_name, Term::col_school, Term::col_batch, Term::col_subject,
                     Term::col_online, Term::col_practice, Term::col_total_hours, Term::col_passed_points,
                     Term::col_status, Term::col_flag, Term::col_missing},
                    lang));
    }
}

TEST_CASE("vocabulary: the CSV and --table headers and cells are the table's") {
    const Summary s = every_status();
    const std::string zh = summary_csv(s, Lang::zh, false), en = summary_csv(s, Lang::en, false);
    const std::vector<std::string> zh_header = split(zh.substr(0, zh.find("\r\n")), ",");
    CHECK(zh_header == terms({Term::col_teacher_id, Term::col_name, Term::col_subject, Term::col_school_id,
                              Term::col_school, Term::col_batch, Term::col_status, Term::col_online,
                              Term::col_practice, Term::col_passed_points, Term::col_excellent_points,
                              Term::col_dimensions, Term::col_missing},
                             Lang::zh));
    std::vector<std::string> keys;
    for (Term t : {Term::col_teacher_id, Term::col_name, Term::col_subject, Term::col_school_id, Term::col_school,
                   Term::col_batch, Term::col_status, Term::col_online, Term::col_practice, Term::col_passed_points,
                   Term::col_excellent_points, Term::col_dimensions, Term::col_missing})
        keys.push_back(vocab::column_key(t));
    CHECK(split(en.substr(0, en.find("\r\n")), ",") == keys);
    // Every teacher's status cell is its status's term.
    for (Lang lang : kLangs) {
        const std::vector<std::string> lines = split(summary_csv(s, lang, false), "\r\n");
        for (size_t i = 0; i < s.teachers.size(); ++i) {
            const std::vector<std::string> cells = split(lines[i + 1], ",");
            REQUIRE(cells.size() > 6);
            CHECK(cells[6] == vocab::term(vocab::status_term(s.teachers[i].status), lang));
        }
        CHECK(table_header(summary_table(s, lang)) ==
              terms({Term::col_school_id, Term::col_school, Term::col_batches, Term::col_teachers,
                     Term::rate_participation, Term::rate_hours, Term::rate_submission, Term::rate_pass,
                     Term::rate_excellence, Term::score, Term::at_risk, Term::overdue},
                    lang));
    }
}

TEST_CASE("vocabulary: the printed report's words and colours are the table's") {
    const Summary s = every_status();
    Fixture fx;  // the report reads the workspace only to tell which files are a school's
    for (Lang lang : kLangs) {
        const std::string district = report_html(fx.ws, s, Policy{}, Scope{}, lang);
        // The status legend: each status's word on its colour.
        for (int st = 0; st < kTeacherStatusCount; ++st) {
            const std::string swatch = "<span class=\"swatch\" style=\"background:" +
                                       vocab::css_hex(vocab::status_colour(TeacherStatus(st))) + "\"></span>" +
                                       vocab::term(vocab::status_term(TeacherStatus(st)), lang) + "</li>";
            CHECK_MESSAGE(district.find(swatch) != std::string::npos, swatch);
        }
        // …in the order the screen draws them (vocab::kStatusDrawOrder).
        size_t previous = 0;
        for (TeacherStatus st : vocab::kStatusDrawOrder) {
            const size_t at = district.find(std::string("</span>") + vocab::term(vocab::status_term(st), lang) + "</li>");
            CHECK(at > previous);
            previous = at;
        }
        // Rate cards.
        for (int r = 0; r < vocab::kRateCount; ++r)
            CHECK(district.find(std::string("<span class=\"label\">") + vocab::term(vocab::rate_term(r), lang) +
                                "</span>") != std::string::npos);
        CHECK(district.find(std::string("<span class=\"label\">") + vocab::term(Term::score, lang)) !=
              std::string::npos);
        const char* schools_caption = lang == Lang::zh ? "各校指标" : "Schools in figures";
        CHECK(report_columns(district, schools_caption) ==
              terms({Term::col_school, Term::col_batches, Term::col_teachers,
                     Term::rate_participation, Term::rate_hours, Term::rate_submission, Term::rate_pass,
                     Term::rate_excellence, Term::score, Term::at_risk, Term::overdue},
                    lang));
        // No colour the screen does not use: every fill and swatch is one of the vocabulary's.
        std::set<std::string> allowed;
        for (int st = 0; st < kTeacherStatusCount; ++st)
            allowed.insert(vocab::css_hex(vocab::status_colour(TeacherStatus(st))));
        allowed.insert(vocab::css_hex(vocab::colour::neutral));
        const std::regex fill("(?:fill=\"|background:)(#[0-9a-f]{6})");
        for (auto it = std::sregex_iterator(district.begin(), district.end(), fill); it != std::sregex_iterator(); ++it)
            CHECK_MESSAGE(allowed.count((*it)[1]) == 1, (*it)[1].str());

        // The school report: score parts, the teachers' columns, their statuses and missing texts.
        const std::string school = report_html(fx.ws, s, Policy{}, Scope{Scope::Kind::school, "S1"}, lang);
        for (int p = 0; p < vocab::kScorePartCount; ++p)
            CHECK(school.find(std::string("<tr><th scope=\"row\">") + vocab::term(vocab::score_part_term(p), lang) +
                              "</th>") != std::string::npos);
        const std::string slash = lang == Lang::zh ? "/" : " / ";
        CHECK(report_columns(school, lang == Lang::zh ? "按状态分组" : "Grouped by status") ==
              std::vector<std::string>{vocab::term(Term::col_name, lang), vocab::term(Term::col_subject, lang),
                                       vocab::term(Term::col_batch, lang),
                                       std::string(vocab::term(Term::col_online, lang)) + slash +
                                           vocab::term(Term::col_practice, lang),
                                       std::string(vocab::term(Term::col_passed_points, lang)) + slash +
                                           vocab::term(Term::col_dimensions, lang),
                                       vocab::term(Term::col_missing, lang)});
        for (const TeacherResult& t : s.teachers) {
            if (t.school != 0) continue;
            // Each teacher under a heading of its status (the words and swatch of the screen).
            CHECK(school.find(std::string("\"></span>") + vocab::term(vocab::status_term(t.status), lang) +
                              (lang == Lang::zh ? "（" : " (")) != std::string::npos);
            CHECK(school.find(html_escape(t.name)) != std::string::npos);
            if (!t.missing.empty()) CHECK(school.find(html_escape(missing_text(t, lang))) != std::string::npos);
        }
    }
}

TEST_CASE("vocabulary: the report names every severity and file state as the screen does") {
    Summary s;
    s.as_of = "2022-11-01";
    s.files = {{"a.json", FileStatus::loaded}, {"b.json", FileStatus::partial}, {"c.json", FileStatus::rejected},
               {"d.json", FileStatus::replaced}};
    for (int sev = 0; sev < 3; ++sev) {
        Problem p;
        p.file = "b.json";
        p.severity = Severity(sev);
        p.message_zh = p.message_en = "x";
        s.problems.push_back(p);
    }
    Workspace ws;
    for (Lang lang : kLangs) {
        const std::string html = report_html(ws, s, Policy{}, Scope{}, lang);
        for (int sev = 0; sev < 3; ++sev) {
            const Term term = vocab::severity_term(Severity(sev));
            CHECK(std::string(ui::tr(sev == 0 ? Str::severity_error : sev == 1 ? Str::severity_record : Str::severity_warning,
                                     lang)) == vocab::term(term, lang));
            CHECK(html.find(std::string("<td>") + vocab::term(term, lang) + "</td>") != std::string::npos);
        }
        // Files that need a look are listed with their state; every state is counted on the cover.
        for (const FileResult& f : s.files) {
            const std::string word = vocab::term(vocab::file_status_term(f.status), lang);
            if (f.status != FileStatus::loaded) CHECK(html.find("<td>" + word + "</td>") != std::string::npos);
            CHECK(html.find(word + " 1") != std::string::npos);
        }
    }
}

TEST_CASE("counts: problems and files with problems come from one function, in the report as on screen") {
    Summary s = every_status();
    s.files = {{"a.json", FileStatus::loaded}, {"b.json", FileStatus::partial}, {"c.json", FileStatus::loaded}};
    for (const char* file : {"a.json", "b.json", "b.json"}) {
        Problem p;
        p.file = file;
        p.message_zh = p.message_en = "x";
        s.problems.push_back(p);
    }
    Problems policy(1);
    policy[0].file = "policy.json";
    const ProblemCounts files_only = count_problems(s.problems);
    CHECK(files_only.problems == 3);
    CHECK(files_only.files_with_problems == 2);
    CHECK(files_only.of_file("b.json") == 2);
    CHECK(files_only.of_file("c.json") == 0);
    const ProblemCounts with_policy = count_problems(s.problems, &policy);
    CHECK(with_policy.problems == 4);
    CHECK(with_policy.files_with_problems == 3);

    Fixture fx;
    for (Lang lang : kLangs) {
        // The screen's header template is the report's: the same words and the same two numbers.
        CHECK(std::string(ui::tr(Str::fmt_files_with_problems, lang)) == vocab::term(Term::fmt_problems_in_files, lang));
        char expected[96];
        std::snprintf(expected, sizeof expected, vocab::term(Term::fmt_problems_in_files, lang), 3, 2);
        CHECK_MESSAGE(report_html(fx.ws, s, Policy{}, Scope{}, lang).find(expected) != std::string::npos, expected);
        // The CLI's --table title states the schools and teachers the page's header states.
        const std::string title = summary_table(s, lang).substr(0, summary_table(s, lang).find('\n'));
        CHECK(title.find(std::to_string(school_count(s))) != std::string::npos);
        CHECK(title.find(std::to_string(teacher_count(s))) != std::string::npos);
    }
    CHECK(school_count(s) == 2);
    CHECK(teacher_count(s) == 6);
}

TEST_CASE("vocabulary: a point's colour is the colour of the teacher status that means the same") {
    using vocab::css_hex;
    CHECK(css_hex(vocab::grade_colour(Grade::excellent, PointStatus::graded)) == css_hex(vocab::status_colour(TeacherStatus::excellent)));
    CHECK(css_hex(vocab::grade_colour(Grade::pass, PointStatus::graded)) == css_hex(vocab::status_colour(TeacherStatus::passed)));
    CHECK(css_hex(vocab::grade_colour(Grade::fail, PointStatus::graded)) == css_hex(vocab::status_colour(TeacherStatus::not_met)));
    CHECK(css_hex(vocab::grade_colour(Grade::none, PointStatus::submitted)) ==
          css_hex(vocab::status_colour(TeacherStatus::awaiting_review)));
    CHECK(css_hex(vocab::grade_colour(Grade::none, PointStatus::selected)) ==
          css_hex(vocab::status_colour(TeacherStatus::not_started)));
    // A grade on a point that is not graded is ignored: the point is still only submitted.
    CHECK(css_hex(vocab::grade_colour(Grade::excellent, PointStatus::submitted)) ==
          css_hex(vocab::status_colour(TeacherStatus::awaiting_review)));
}

// issue 12 (ui12): stage names in the English UI.
TEST_CASE("school stages are translated in English and kept as given in Chinese") {
    CHECK(vocab::stage_name("小学", Lang::en) == "Primary");
    CHECK(vocab::stage_name("九年一贯制", Lang::en) == "Nine-year");
    CHECK(vocab::stage_name("高中", Lang::en) == "Senior high");
    CHECK(vocab::stage_name("小学", Lang::zh) == "小学");
    CHECK(vocab::stage_name("特色学校", Lang::en) == "特色学校");  // unknown: as the data gives it
    CHECK(vocab::stage_name("", Lang::en).empty());
}
