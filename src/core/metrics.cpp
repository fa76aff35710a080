// The rules of format.md §4: teacher status and what is missing, school rates and score,
// the district rollup, capability levels. Everything here is a pure function of its inputs.
#include "metrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "vocabulary.h"

namespace it2 {

// ---- names ----------------------------------------------------------------------------------

const char* teacher_status_key(TeacherStatus s) {
    static constexpr const char* kKeys[] = {"excellent",       "passed",      "not_met",
                                            "awaiting_review", "not_started", "in_progress"};
    return kKeys[int(s)];
}

const char* teacher_status_name(TeacherStatus s, Lang lang) { return vocab::term(vocab::status_term(s), lang); }

// ---- describe(Missing) ----------------------------------------------------------------------

std::string fill_template(const char* tmpl, const std::string& arg0, const std::string& arg1) {
    std::string out;
    for (const char* p = tmpl; *p; ++p) {
        if (p[0] == '{' && (p[1] == '0' || p[1] == '1') && p[2] == '}') {
            out += p[1] == '0' ? arg0 : arg1;
            p += 2;
        } else {
            out += *p;
        }
    }
    return out;
}

namespace {

// Hours still missing, rounded up to 0.01 so a shortfall never prints as 0; no trailing zeros.
std::string format_amount(double value) {
    double rounded = std::ceil(value * 100.0 - 1e-6) / 100.0;
    if (rounded < 0) rounded = 0;
    char text[64];
    std::snprintf(text, sizeof text, "%.2f", rounded);
    std::string s = text;
    while (!s.empty() && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
}

std::string format_count(double value) { return std::to_string(long(std::lround(value))); }

int popcount(unsigned mask) {
    int n = 0;
    for (; mask; mask &= mask - 1) ++n;
    return n;
}

std::string dimension_list(uint8_t mask, Lang lang) {
    std::string out;
    for (int d = 0; d < kDimensionCount; ++d) {
        if (!(mask & (1u << d))) continue;
        if (!out.empty()) out += lang == Lang::zh ? "、" : ", ";
        out += dimension_name(Dimension(d), lang);
    }
    return out;
}

}  // namespace

std::string missing_amount(double hours) { return format_amount(hours); }

std::string describe(const Missing& m, Lang lang) {
    const bool zh = lang == Lang::zh;
    switch (m.kind) {
        case Missing::Kind::online_hours: {
            std::string n = format_amount(m.amount);
            return fill_template(zh ? "在线学时还差 {0} 学时"
                           : (n == "1" ? "{0} online hour still missing" : "{0} online hours still missing"),
                        n);
        }
        case Missing::Kind::practice_hours: {
            std::string n = format_amount(m.amount);
            return fill_template(zh ? "实践学时还差 {0} 学时"
                           : (n == "1" ? "{0} practice hour still missing" : "{0} practice hours still missing"),
                        n);
        }
        case Missing::Kind::total_hours: {
            std::string n = format_amount(m.amount);
            return fill_template(zh ? "总学时还差 {0} 学时"
                           : (n == "1" ? "{0} more hour needed to reach the total"
                                       : "{0} more hours needed to reach the total"),
                        n);
        }
        case Missing::Kind::points: {
            // One sentence with the total, then the condition on some of them: "还需 3 个…；还需 3 个
            // 新维度的…" read as six points.
            const long total = std::lround(m.amount), fresh = m.new_dimensions;
            const std::string n = format_count(m.amount), k = std::to_string(fresh);
            std::string text;
            if (fresh <= 0)
                return fill_template(zh ? "还需 {0} 个合格能力点"
                               : (total == 1 ? "Needs {0} more passed point" : "Needs {0} more passed points"),
                            n);
            if (fresh >= total)
                text = fill_template(zh ? (total == 1 ? "还需 1 个合格能力点，须属于新的维度" : "还需 {0} 个合格能力点，分别属于 {0} 个不同的新维度")
                               : (total == 1 ? "Needs 1 more passed point, in a dimension not covered yet"
                                             : "Needs {0} more passed points, each in a different dimension not covered yet"),
                            n);
            else
                text = fill_template(zh ? (fresh == 1 ? "还需 {0} 个合格能力点，其中至少 1 个属于新的维度"
                                             : "还需 {0} 个合格能力点，其中至少 {1} 个分别属于不同的新维度")
                               : (fresh == 1 ? "Needs {0} more passed points, at least 1 of them in a dimension not covered yet"
                                             : "Needs {0} more passed points, at least {1} of them each in a different dimension not covered yet"),
                            n, k);
            const bool exact = popcount(m.dimension_options) == fresh;
            return text + fill_template(zh ? (exact ? "（即：{0}）" : "（可选：{0}）") : (exact ? " (namely: {0})" : " (choose from: {0})"),
                               dimension_list(m.dimension_options, lang));
        }
        case Missing::Kind::dimensions:
            return fill_template(zh ? "还需覆盖 {0} 个新维度，但允许的环境中已没有足够的维度可选"
                           : "Needs {0} more dimensions, but the allowed environments cannot provide them",
                        format_count(m.amount));
        case Missing::Kind::required_point: {
            std::string code = m.point >= 0 && m.point < kPointCount ? catalog()[m.point].code : "?";
            return fill_template(zh ? "必修能力点 {0} 尚未合格" : "Required point {0} not yet passed", code);
        }
    }
    return std::string();
}

// ---- one teacher ----------------------------------------------------------------------------

namespace {

bool grade_passes(Grade g) { return g == Grade::pass || g == Grade::excellent; }

bool is_passed_status(TeacherStatus s) { return s == TeacherStatus::excellent || s == TeacherStatus::passed; }

// What the rules read of the policy and the catalogue, worked out once per compute() rather than
// per teacher: catalog() was called for every point, and 30 times more for every teacher who
// does not pass (the dimensions the allowed environments offer), a fifth of the loop's time.
struct Rules {
    const Policy& policy;
    std::array<bool, kPointCount> env_counts{};     // the point is in one of the policy's environments
    std::array<uint8_t, kPointCount> dim_bit{};     // 1 << its dimension
    uint8_t env_dimensions = 0;                     // the dimensions an allowed environment offers
    explicit Rules(const Policy& p) : policy(p) {
        for (int i = 0; i < kPointCount; ++i) {
            const PointInfo& info = catalog()[size_t(i)];
            env_counts[size_t(i)] = policy.environments[int(info.env)];
            dim_bit[size_t(i)] = uint8_t(1u << int(info.dimension));
            if (env_counts[size_t(i)]) env_dimensions |= dim_bit[size_t(i)];
        }
    }
    // A point that counts towards passing: graded 合格/优秀 in one of the policy's environments.
    bool counts_as_passed(const PointRecord& p) const {
        return p.point < kPointCount && p.status == PointStatus::graded && grade_passes(p.grade) && env_counts[p.point];
    }
};

// What is still missing for a teacher who does not pass, in the order a principal reads it.
std::vector<Missing> missing_for(const Teacher& t, const Rules& rules, int passed_points, uint8_t passed_dims,
                                 const std::array<bool, kPointCount>& passed_point) {
    const Policy& policy = rules.policy;
    // At most five items before the required points: gathered here, then moved into a vector
    // of the exact size (growing it item by item reallocated up to three times per teacher).
    std::array<Missing, 5> head{};
    size_t heads = 0;
    auto add = [&](Missing::Kind kind, double amount) {
        Missing m{};
        m.kind = kind;
        m.amount = amount;
        head[heads++] = m;
    };
    if (t.online < policy.online_min) add(Missing::Kind::online_hours, policy.online_min - t.online);
    if (t.practice < policy.practice_min) add(Missing::Kind::practice_hours, policy.practice_min - t.practice);
    // Beyond what reaching both minimums would already add.
    const double total_short =
        policy.total_min - std::max(t.online, policy.online_min) - std::max(t.practice, policy.practice_min);
    if (total_short > 0) add(Missing::Kind::total_hours, total_short);

    // Points and dimensions as one item: each new point adds at most one new dimension, so the
    // total is the larger need, and that many of them must be in distinct new dimensions.
    const int points_needed = std::max(0, policy.min_passed - passed_points);
    const int dims_needed = std::max(0, policy.min_dimensions - popcount(passed_dims));
    // Uncovered dimensions that an allowed environment offers.
    const uint8_t options = uint8_t(rules.env_dimensions & uint8_t(~passed_dims));
    const bool dims_possible = popcount(options) >= dims_needed;
    if (points_needed > 0 || (dims_needed > 0 && dims_possible)) {
        Missing m{};
        m.kind = Missing::Kind::points;
        m.amount = std::max(points_needed, dims_possible ? dims_needed : 0);
        m.new_dimensions = dims_possible ? dims_needed : 0;
        m.dimension_options = m.new_dimensions > 0 ? options : 0;
        head[heads++] = m;
    }
    if (dims_needed > 0 && !dims_possible) {
        Missing m{};
        m.kind = Missing::Kind::dimensions;
        m.amount = dims_needed;
        m.dimension_options = options;
        head[heads++] = m;
    }

    auto required_missing = [&](int required) {
        return !(required < 0 || required >= kPointCount || passed_point[size_t(required)]);
    };
    size_t items = heads;
    for (int required : policy.required) items += required_missing(required);
    std::vector<Missing> out;
    out.reserve(items);
    out.insert(out.end(), head.begin(), head.begin() + long(heads));
    for (int required : policy.required) {
        if (!required_missing(required)) continue;
        Missing m{};
        m.kind = Missing::Kind::required_point;
        m.point = required;
        out.push_back(m);
    }
    return out;
}

// Evaluates one teacher into `r` (a default TeacherResult: its slot in the summary, filled in
// place). `end_days`: days_from_iso(file.batch_end), worked out once per file by the caller.
// Returns the teacher's pass day (forecast.h) when the teacher passes, kNoDate otherwise: its
// dated points are gathered in the same loop, while the record is in cache.
long evaluate_teacher(const Teacher& t, const BatchFile& file, const Rules& rules, long as_of_days, long end_days,
                      TeacherResult& r) {
    const Policy& policy = rules.policy;
    r.id = t.id;
    r.name = t.name;
    r.subject = t.subject;
    r.batch = file.batch_id;
    r.online = t.online;
    r.practice = t.practice;

    std::array<bool, kPointCount> passed_point{};
    uint8_t passed_dims = 0;
    int submitted_or_graded = 0;
    bool any_submitted = false;
    // The passed points with a review day, for the pass day (on the stack for the usual few
    // dozen points, as pass_day() does).
    std::array<DatedPoint, 64> small;
    std::vector<DatedPoint> large;
    const PointRange points = file.points_of(t);
    if (points.size() > small.size()) large.resize(points.size());
    DatedPoint* const dated = large.empty() ? small.data() : large.data();
    size_t count_dated = 0;
    for (const PointRecord& p : points) {
        if (p.point >= kPointCount) continue;
        if (p.status == PointStatus::submitted) any_submitted = true;
        if (p.status != PointStatus::selected) ++submitted_or_graded;
        if (!rules.counts_as_passed(p)) continue;
        ++r.passed_points;
        if (p.grade == Grade::excellent) ++r.excellent_points;
        passed_point[p.point] = true;
        passed_dims |= rules.dim_bit[p.point];
        if (p.reviewed != kNoDay) dated[count_dated++] = DatedPoint(long(p.reviewed), int(p.point));
    }
    r.dimensions = popcount(passed_dims);

    r.hours_met = t.online >= policy.online_min && t.practice >= policy.practice_min &&
                  t.online + t.practice >= policy.total_min;
    r.participated = t.online > 0 || t.practice > 0 || submitted_or_graded > 0;
    r.submitted_enough = submitted_or_graded >= policy.min_passed;

    bool required_met = true;
    for (int required : policy.required)
        if (required < 0 || required >= kPointCount || !passed_point[size_t(required)]) required_met = false;
    const bool passes = r.hours_met && r.passed_points >= policy.min_passed &&
                        r.dimensions >= policy.min_dimensions && required_met;

    const bool have_dates = end_days != kNoDate && as_of_days != kNoDate;
    if (passes && r.excellent_points >= policy.min_excellent_points)
        r.status = TeacherStatus::excellent;
    else if (passes)
        r.status = TeacherStatus::passed;
    else if (have_dates && end_days < as_of_days)
        r.status = TeacherStatus::not_met;
    else if (any_submitted)
        r.status = TeacherStatus::awaiting_review;
    else if (t.online + t.practice == 0 && submitted_or_graded == 0)
        r.status = TeacherStatus::not_started;
    else
        r.status = TeacherStatus::in_progress;

    r.overdue = r.status == TeacherStatus::not_met;
    r.at_risk = !is_passed_status(r.status) && have_dates && as_of_days <= end_days &&
                end_days <= as_of_days + policy.at_risk_days;
    if (!passes) {
        r.missing = missing_for(t, rules, r.passed_points, passed_dims, passed_point);
        return kNoDate;
    }
    return pass_day_of(dated, count_dated, policy);
}

// Reaching a target of 0 (or less) is always full marks.
double fraction_of_target(double value, double target) {
    if (!(target > 0)) return 1.0;
    return std::min(1.0, value / target);
}

ScoreParts score_of(const SchoolResult& school, const Policy& policy) {
    const ScoreWeights& w = policy.weights;
    ScoreParts parts;
    parts.organisation = w.organisation * school.deliverables / 3.0;
    parts.activities = w.activities * fraction_of_target(double(school.activities),
                                                         policy.activities_per_batch * double(school.batches.size()));
    parts.participation_hours = w.participation_hours * school.rates.participation.value_or(0.0) *
                                school.rates.hours.value_or(0.0);
    parts.pass = w.pass * school.rates.pass.value_or(0.0);
    parts.excellence = w.excellence * fraction_of_target(school.rates.excellence.value_or(0.0), policy.excellence_target);
    return parts;
}

// A file whose data counts: loaded or partial after the merge (not rejected, not replaced).
bool file_counts(const Workspace& ws, const Merged& merged, size_t i) {
    if (i >= ws.files.size() || !ws.files[i].data) return false;
    const FileStatus status = i < merged.file_status.size() ? merged.file_status[i] : ws.files[i].status;
    return status == FileStatus::loaded || status == FileStatus::partial;
}

}  // namespace

// ---- the summary ----------------------------------------------------------------------------

namespace {

// What the five rates count, summed teacher by teacher (or school by school: integer sums
// give the same whatever the grouping).
struct RateCounts {
    int teachers = 0, participated = 0, hours = 0, submitted = 0, passed = 0, excellent = 0;
    void add(const TeacherResult& t) {
        ++teachers;
        participated += t.participated;
        hours += t.hours_met;
        submitted += t.submitted_enough;
        passed += is_passed_status(t.status);
        excellent += t.status == TeacherStatus::excellent;
    }
    void add(const RateCounts& o) {
        teachers += o.teachers;
        participated += o.participated;
        hours += o.hours;
        submitted += o.submitted;
        passed += o.passed;
        excellent += o.excellent;
    }
    Rates rates() const {
        Rates rates;
        rates.teachers = teachers;
        if (teachers == 0) return rates;
        const double n = double(teachers);
        rates.participation = participated / n;
        rates.hours = hours / n;
        rates.submission = submitted / n;
        rates.pass = passed / n;
        rates.excellence = excellent / n;
        return rates;
    }
};

}  // namespace

Rates rates_of(const std::vector<const TeacherResult*>& teachers) {
    RateCounts counts;
    for (const TeacherResult* t : teachers) counts.add(*t);
    return counts.rates();
}

Summary compute(const Workspace& ws, const Merged& merged, const Policy& policy, const std::string& as_of,
                const ParallelFor& parallel) {
    Summary s;
    s.as_of = as_of;
    const long as_of_days = days_from_iso(as_of);

    // Schools sorted by id, so every view lists them the same way. Each counted file's school is
    // looked up once (its slot in the map kept), its batch end and teacher count read once: at
    // 12,000 files and 400,000 teachers the lookups and the pointer chase per teacher were
    // ~20 ms of compute() on one thread, before anything could run on several.
    std::map<std::string, int> school_index;
    std::vector<int*> index_of_file(ws.files.size(), nullptr);
    for (size_t i = 0; i < ws.files.size(); ++i)
        if (file_counts(ws, merged, i)) index_of_file[i] = &school_index.try_emplace(ws.files[i].data->school_id, 0).first->second;
    for (auto& [id, index] : school_index) {
        index = int(s.schools.size());
        s.schools.emplace_back();
        s.schools.back().id = id;
    }
    std::vector<int> school_of_file(ws.files.size(), -1);
    std::vector<long> end_of_file(ws.files.size(), kNoDate);  // its batch end, as a day
    std::vector<size_t> teachers_of_file(ws.files.size(), 0);
    for (size_t i = 0; i < ws.files.size(); ++i) {
        if (!index_of_file[i]) continue;
        const BatchFile& f = *ws.files[i].data;
        school_of_file[i] = *index_of_file[i];
        end_of_file[i] = days_from_iso(f.batch_end);
        teachers_of_file[i] = f.teachers.size();
        SchoolResult& school = s.schools[size_t(school_of_file[i])];
        school.name = f.school_name;  // the file loaded last wins
        if (!f.school_stage.empty()) school.stage = f.school_stage;
        if (std::find(school.batches.begin(), school.batches.end(), f.batch_id) == school.batches.end())
            school.batches.push_back(f.batch_id);
        school.activities += int(f.activities.size());
        school.management_team = school.management_team || f.management_team.present;
        school.development_plan = school.development_plan || f.development_plan.present;
        school.training_plan = school.training_plan || f.training_plan.present;
    }
    // The winning records that count, in the merge's order; each is evaluated on its own
    // (possibly on several threads, into its own slot), then listed under its school in order.
    std::vector<TeacherRef> counted;
    counted.reserve(merged.teachers.size());
    for (const TeacherRef& ref : merged.teachers) {
        if (ref.file < 0 || size_t(ref.file) >= ws.files.size() || school_of_file[size_t(ref.file)] < 0) continue;
        if (ref.teacher < 0 || size_t(ref.teacher) >= teachers_of_file[size_t(ref.file)]) continue;
        counted.push_back(ref);
    }
    s.teachers.reserve(counted.size());
    {
        // The storage reserve() allocated, its pages touched on the ParallelFor's threads before
        // resize() makes the slots here: their first-touch page faults (~200 bytes a teacher)
        // were a sixth of compute() on one thread. Only bytes of raw storage are written.
        volatile unsigned char* bytes = reinterpret_cast<unsigned char*>(s.teachers.data());
        const size_t page = 4096, pages = (counted.size() * sizeof(TeacherResult) + page - 1) / page;
        for_ranges(parallel, pages, [&](size_t begin, size_t end) {
            for (size_t k = begin; k < end; ++k) bytes[k * page] = 0;
        });
    }
    s.teachers.resize(counted.size());
    const Rules rules(policy);
    std::vector<long> pass_days(counted.size(), kNoDate);  // for the forecast: each passed teacher's
    for_ranges(parallel, counted.size(), [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            const TeacherRef ref = counted[i];
            const BatchFile& f = *ws.files[size_t(ref.file)].data;
            TeacherResult& r = s.teachers[i];
            r.ref = ref;
            r.school = school_of_file[size_t(ref.file)];
            pass_days[i] = evaluate_teacher(f.teachers[size_t(ref.teacher)], f, rules, as_of_days, end_of_file[size_t(ref.file)], r);
        }
    });
    // (From the compact refs, not the results: reading each 200-byte result here was a cache miss
    // per teacher on one thread.)
    std::vector<int> school_sizes(s.schools.size(), 0);
    for (const TeacherRef& ref : counted) ++school_sizes[size_t(school_of_file[size_t(ref.file)])];
    for (size_t si = 0; si < s.schools.size(); ++si) s.schools[si].teachers.reserve(size_t(school_sizes[si]));
    for (size_t i = 0; i < counted.size(); ++i)
        s.schools[size_t(school_of_file[size_t(counted[i].file)])].teachers.push_back(int(i));

    // Each school's sums and score into its own slot (on the same threads), then the district's
    // in school order: the same sums, in the same order, as one loop.
    std::vector<RateCounts> school_counts(s.schools.size());
    for_ranges(parallel, s.schools.size(), [&](size_t begin, size_t end) {
        for (size_t si = begin; si < end; ++si) {
            SchoolResult& school = s.schools[si];
            std::sort(school.batches.begin(), school.batches.end());
            school.deliverables = int(school.management_team) + int(school.development_plan) + int(school.training_plan);
            RateCounts& counts = school_counts[si];
            for (int t : school.teachers) {
                const TeacherResult& teacher = s.teachers[size_t(t)];
                counts.add(teacher);
                school.by_status[size_t(teacher.status)]++;
                school.at_risk += teacher.at_risk;
                school.overdue += teacher.overdue;
            }
            school.rates = counts.rates();
            school.score = score_of(school, policy);
        }
    });
    RateCounts district;
    double score_sum = 0;
    for (size_t si = 0; si < s.schools.size(); ++si) {
        const SchoolResult& school = s.schools[si];
        district.add(school_counts[si]);
        for (size_t k = 0; k < school.by_status.size(); ++k) s.by_status[k] += school.by_status[k];
        s.at_risk += school.at_risk;
        s.overdue += school.overdue;
        score_sum += school.score.total();
    }
    s.district = district.rates();
    s.district_score = s.schools.empty() ? 0.0 : score_sum / double(s.schools.size());

    s.files.resize(ws.files.size());  // each into its slot, on the ParallelFor's threads
    for_ranges(parallel, ws.files.size(), [&](size_t begin, size_t end) {
        for (size_t i = begin; i < end; ++i) {
            s.files[i].name = ws.files[i].name;
            s.files[i].status = i < merged.file_status.size() ? merged.file_status[i] : ws.files[i].status;
        }
    });
    for (const FileEntry& file : ws.files) s.problems.insert(s.problems.end(), file.problems.begin(), file.problems.end());
    s.sources.reserve(ws.files.size());  // what the teachers' views point into (metrics.h)
    for (const FileEntry& file : ws.files)
        if (file.data) s.sources.push_back(file.data);
    s.problems.insert(s.problems.end(), merged.problems.begin(), merged.problems.end());
    s.forecast = forecast(ws, s, policy, pass_days, parallel);
    return s;
}

// ---- capability levels ----------------------------------------------------------------------

CapabilityLevels capability_levels(const Workspace& ws, const Summary& summary, const Scope& scope) {
    CapabilityLevels levels;
    for (const TeacherResult& t : summary.teachers) {
        if (scope.kind == Scope::Kind::school &&
            (t.school < 0 || size_t(t.school) >= summary.schools.size() || summary.schools[size_t(t.school)].id != scope.id))
            continue;
        if (scope.kind == Scope::Kind::batch && t.batch != scope.id) continue;
        if (t.ref.file < 0 || size_t(t.ref.file) >= ws.files.size() || !ws.files[size_t(t.ref.file)].data) continue;
        const BatchFile& f = *ws.files[size_t(t.ref.file)].data;
        if (t.ref.teacher < 0 || size_t(t.ref.teacher) >= f.teachers.size()) continue;
        ++levels.teachers;
        for (const PointRecord& p : f.points_of(f.teachers[size_t(t.ref.teacher)])) {
            if (p.point >= kPointCount) continue;
            PointState state = PointState::selected;
            if (p.status == PointStatus::submitted) state = PointState::submitted;
            if (p.status == PointStatus::graded) {
                if (p.grade == Grade::excellent) state = PointState::excellent;
                else if (p.grade == Grade::pass) state = PointState::pass;
                else if (p.grade == Grade::fail) state = PointState::fail;
                else continue;  // the loader never keeps a graded point without a grade
            }
            levels.points[p.point][size_t(state)]++;
            if (state == PointState::pass || state == PointState::excellent) {
                const PointInfo& info = catalog()[p.point];
                levels.passed_by_env_dim[size_t(info.env)][size_t(info.dimension)]++;
            }
        }
    }
    return levels;
}

}  // namespace it2
