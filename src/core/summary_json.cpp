// The summary in three shapes: format.md §4 JSON (the contract tests read), teacher CSV rows,
// and a plain text table of schools for the terminal.
#include "summary_json.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>


#include "counts.h"
#include "export.h"
#include "vocabulary.h"

namespace it2 {

namespace {

// The keys of format.md §4 and §6, as constants: whether each is written as it is is then
// decided by the compiler, not at every write (JsonOut::Key).
namespace keys {
constexpr JsonOut::Key activities{"activities"}, as_of{"as_of"}, batch{"batch"}, batches{"batches"},
    column{"column"}, dimensions{"dimensions"}, district{"district"}, end{"end"}, excellence{"excellence"},
    excellence_rate{"excellence_rate"}, excellent_points{"excellent_points"}, file{"file"}, files{"files"},
    finish{"finish"}, forecast{"forecast"}, hours_rate{"hours_rate"}, id{"id"}, late{"late"},
    late_schools{"late_schools"}, line{"line"}, message{"message"}, name{"name"},
    new_passed_7d{"new_passed_7d"}, online{"online"}, organisation{"organisation"},
    pace_per_week{"pace_per_week"}, participation_hours{"participation_hours"},
    participation_rate{"participation_rate"}, pass{"pass"}, pass_rate{"pass_rate"}, passed{"passed"},
    passed_points{"passed_points"}, pointer{"pointer"}, practice{"practice"}, problems{"problems"},
    projected_unpassed{"projected_unpassed"}, school{"school"}, schools{"schools"}, score{"score"},
    score_parts{"score_parts"}, severity{"severity"}, state{"state"}, status{"status"},
    submission_rate{"submission_rate"}, teachers{"teachers"}, window_days{"window_days"},
    window_passed{"window_passed"};
}  // namespace keys

void put_rate(JsonOut& out, const JsonOut::Key& name, const std::optional<double>& rate) {
    out.key(name);
    if (rate) out.number(*rate);
    else out.null();
}

void put_rates(JsonOut& out, const Rates& rates) {
    put_rate(out, keys::participation_rate, rates.participation);
    put_rate(out, keys::hours_rate, rates.hours);
    put_rate(out, keys::submission_rate, rates.submission);
    put_rate(out, keys::pass_rate, rates.pass);
    put_rate(out, keys::excellence_rate, rates.excellence);
}

// Line and column are 1-based; 0 means unknown and is printed as null.
void put_position(JsonOut& out, const JsonOut::Key& name, int value) {
    out.key(name);
    if (value > 0) out.number(value);
    else out.null();
}

void put(JsonOut& out, const JsonOut::Key& name, std::string_view value) {
    out.key(name);
    out.string(value);
}

template <typename Number>
void put_number(JsonOut& out, const JsonOut::Key& name, Number value) {
    out.key(name);
    out.number(value);
}

const std::string& school_id_of(const Summary& s, const TeacherResult& t) {
    static const std::string kNone;
    return t.school >= 0 && size_t(t.school) < s.schools.size() ? s.schools[size_t(t.school)].id : kNone;
}


std::string percent(const std::optional<double>& rate) {
    if (!rate) return "-";
    char text[32];
    std::snprintf(text, sizeof text, "%.1f%%", *rate * 100.0);
    return text;
}

}  // namespace

std::string csv_number(double value) {
    // A magnitude that is the double nearest to m / 10 for a whole m below 10^15 prints as m's
    // digits at 15 significant digits (its error is far below the last one); %.15g drops ".0".
    const double magnitude = std::fabs(value);
    if (magnitude < 1e14) {
        const auto tenths = int64_t(magnitude * 10 + 0.5);
        if (double(tenths) / 10 == magnitude) {
            char text[32];
            char* at = text;
            if (std::signbit(value)) *at++ = '-';
            at = std::to_chars(at, text + sizeof text, tenths / 10).ptr;
            if (tenths % 10 != 0) {
                at[0] = '.';
                at[1] = char('0' + tenths % 10);
                at += 2;
            }
            return std::string(text, at);
        }
    }
    char text[64];
    std::snprintf(text, sizeof text, "%.15g", value);
    return text;
}

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

namespace {

std::string pad(const std::string& text, size_t width, bool right_align) {
    const size_t used = display_width(text);
    const std::string fill(width > used ? width - used : 0, ' ');
    return right_align ? fill + text : text + fill;
}

// ---- the forecast (format.md §6, forecast.h) ----

void put_date_or_null(JsonOut& out, const JsonOut::Key& name, const std::string& iso) {
    out.key(name);
    if (iso.empty()) out.null();
    else out.string(iso);
}

void put_district_forecast(JsonOut& out, const Forecast& f) {
    out.key(keys::forecast);
    out.begin_object();
    put_number(out, keys::window_days, kPaceWindowDays);
    put_number(out, keys::new_passed_7d, f.new_passed_7d);
    put_number(out, keys::projected_unpassed, f.projected_unpassed);
    put_number(out, keys::late_schools, f.late_schools);
    out.end_object();
}

void put_school_forecast(JsonOut& out, const SchoolForecast& f) {
    out.key(keys::forecast);
    out.begin_object();
    put_number(out, keys::new_passed_7d, f.new_passed_7d);
    put_number(out, keys::projected_unpassed, f.projected_unpassed);
    out.key(keys::late);
    out.boolean(f.late);
    put_date_or_null(out, keys::finish, f.finish);
    out.key(keys::batches);
    out.begin_array();
    for (const BatchForecast& b : f.batches) {
        out.begin_object();
        put(out, keys::batch, b.batch);
        put_date_or_null(out, keys::end, b.end);
        put(out, keys::state, forecast_state_key(b.state));
        put_number(out, keys::teachers, b.teachers);
        put_number(out, keys::passed, b.passed);
        put_number(out, keys::window_days, b.window_days);
        put_number(out, keys::window_passed, b.window_passed);
        put_number(out, keys::pace_per_week, b.pace_per_week);
        out.key(keys::projected_unpassed);
        if (b.projected_unpassed >= 0) out.number(b.projected_unpassed);
        else out.null();
        put_date_or_null(out, keys::finish, b.finish);
        out.end_object();
    }
    out.end_array();
    out.end_object();
}

}  // namespace

// The columns of `it2 summarize --csv` and of --table, in order (vocabulary.h has their words).
constexpr vocab::Term kCsvColumns[] = {
    vocab::Term::col_teacher_id,    vocab::Term::col_name,         vocab::Term::col_subject,
    vocab::Term::col_school_id,     vocab::Term::col_school,       vocab::Term::col_batch,
    vocab::Term::col_status,        vocab::Term::col_online,       vocab::Term::col_practice,
    vocab::Term::col_passed_points, vocab::Term::col_excellent_points, vocab::Term::col_dimensions,
    vocab::Term::col_missing};
constexpr vocab::Term kTableColumns[] = {
    vocab::Term::col_school_id,      vocab::Term::col_school,      vocab::Term::col_batches,
    vocab::Term::col_teachers,       vocab::Term::rate_participation, vocab::Term::rate_hours,
    vocab::Term::rate_submission,    vocab::Term::rate_pass,       vocab::Term::rate_excellence,
    vocab::Term::score,              vocab::Term::at_risk,         vocab::Term::overdue};

std::string missing_text(const TeacherResult& t, Lang lang) {
    std::string out;
    for (const Missing& m : t.missing) {
        if (!out.empty()) out += lang == Lang::zh ? "；" : "; ";
        out += describe(m, lang);
    }
    return out;
}

void write_summary_json(const Summary& s, Lang lang, const JsonOut::Sink& sink, const ParallelFor& parallel) {
    JsonOut out(sink, 2);
    out.begin_object();
    put(out, keys::as_of, s.as_of);

    out.key(keys::district);
    out.begin_object();
    put_number(out, keys::schools, s.schools.size());
    put_number(out, keys::teachers, s.district.teachers);
    put_rates(out, s.district);
    put_number(out, keys::score, s.district_score);
    put_district_forecast(out, s.forecast);
    out.end_object();

    // Each array's elements through JsonOut::array_elements: on the ParallelFor's threads when
    // there is one, the same bytes in the same order either way.
    out.key(keys::schools);
    out.begin_array();
    out.array_elements(s.schools.size(), parallel, [&](JsonOut& out, size_t i) {
        const SchoolResult& school = s.schools[i];
        out.begin_object();
        put(out, keys::id, school.id);
        put(out, keys::name, school.name);
        out.key(keys::batches);
        out.begin_array();
        for (const std::string& batch : school.batches) out.string(batch);
        out.end_array();
        put_number(out, keys::teachers, school.rates.teachers);
        put_rates(out, school.rates);
        put_number(out, keys::score, school.score.total());
        out.key(keys::score_parts);
        out.begin_object();
        put_number(out, keys::organisation, school.score.organisation);
        put_number(out, keys::activities, school.score.activities);
        put_number(out, keys::participation_hours, school.score.participation_hours);
        put_number(out, keys::pass, school.score.pass);
        put_number(out, keys::excellence, school.score.excellence);
        out.end_object();
        if (i < s.forecast.schools.size()) put_school_forecast(out, s.forecast.schools[i]);
        out.end_object();
    });
    out.end_array();

    out.key(keys::teachers);
    out.begin_array();
    out.array_elements(s.teachers.size(), parallel, [&](JsonOut& out, size_t i) {
        const TeacherResult& t = s.teachers[i];
        out.begin_object();
        put(out, keys::id, t.id);
        put(out, keys::name, t.name);
        put(out, keys::school, school_id_of(s, t));
        put(out, keys::batch, t.batch);
        put(out, keys::status, teacher_status_key(t.status));
        put_number(out, keys::online, t.online);
        put_number(out, keys::practice, t.practice);
        put_number(out, keys::passed_points, t.passed_points);
        put_number(out, keys::excellent_points, t.excellent_points);
        put_number(out, keys::dimensions, t.dimensions);
        out.end_object();
    });
    out.end_array();

    out.key(keys::files);
    out.begin_array();
    out.array_elements(s.files.size(), parallel, [&](JsonOut& out, size_t i) {
        const FileResult& f = s.files[i];
        out.begin_object();
        put(out, keys::file, f.name);
        put(out, keys::status, file_status_key(f.status));
        out.end_object();
    });
    out.end_array();

    out.key(keys::problems);
    out.begin_array();
    out.array_elements(s.problems.size(), parallel, [&](JsonOut& out, size_t i) {
        const Problem& p = s.problems[i];
        out.begin_object();
        put(out, keys::file, p.file);
        put(out, keys::severity, severity_key(p.severity));
        put(out, keys::pointer, p.pointer);
        put_position(out, keys::line, p.line);
        put_position(out, keys::column, p.column);
        put(out, keys::message, p.message(lang));
        out.end_object();
    });
    out.end_array();
    out.end_object();
}

std::string summary_json(const Summary& s, Lang lang, const ParallelFor& parallel) {
    std::string text;
    write_summary_json(s, lang, append_to(text), parallel);
    return text;
}

void summary_teacher_rows(const Summary& s, Lang lang, std::vector<std::string>& header,
                          std::vector<std::vector<std::string>>& rows, const ParallelFor& parallel) {
    const bool zh = lang == Lang::zh;
    // Chinese: the vocabulary's labels; English: its machine keys (teacher_id, …) for scripts.
    header.clear();
    rows.clear();
    for (vocab::Term column : kCsvColumns) header.push_back(zh ? vocab::term(column, lang) : vocab::column_key(column));
    rows.resize(s.teachers.size());  // each row into its slot, on the ParallelFor's threads when given
    for_ranges(parallel, s.teachers.size(), [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            const TeacherResult& t = s.teachers[i];
            const bool known_school = t.school >= 0 && size_t(t.school) < s.schools.size();
            rows[i] = {std::string(t.id), std::string(t.name), std::string(t.subject), school_id_of(s, t),
                       known_school ? s.schools[size_t(t.school)].name : std::string(), std::string(t.batch),
                       teacher_status_name(t.status, lang), csv_number(t.online), csv_number(t.practice),
                       std::to_string(t.passed_points), std::to_string(t.excellent_points),
                       std::to_string(t.dimensions), missing_text(t, lang)};
        }
    });
}

std::string summary_csv(const Summary& s, Lang lang, bool excel_safe, const ParallelFor& parallel) {
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
    summary_teacher_rows(s, lang, header, rows, parallel);
    // The page's writer (export.h): the same BOM, formula guard and control-character rule.
    return excel_safe ? csv_export(header, rows) : csv_export_plain(header, rows);
}

std::string summary_table(const Summary& s, Lang lang) {
    const bool zh = lang == Lang::zh;
    std::vector<std::vector<std::string>> rows;
    rows.emplace_back();
    for (vocab::Term column : kTableColumns) rows.back().push_back(vocab::term(column, lang));
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
    rows.push_back({vocab::term(vocab::Term::district, lang), "", "", std::to_string(s.district.teachers), percent(s.district.participation),
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
                  size_t(school_count(s)), teacher_count(s));
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
