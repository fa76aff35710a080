// The forecast of forecast.h: pass days, pace over the window, projection to each batch's end.
#include "forecast.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <unordered_map>

#include "catalog.h"
#include "dates.h"
#include "metrics.h"

namespace it2 {

const char* forecast_state_key(ForecastState s) {
    static constexpr const char* kKeys[] = {"done", "on_track", "late", "ended", "upcoming", "no_end"};
    return kKeys[int(s)];
}

long pass_day(PointRange points, const Policy& policy) {
    // The dated points that count toward passing, by review day (on the stack for the usual
    // few dozen points: this runs for every teacher passed).
    std::array<DatedPoint, 64> small;
    std::vector<DatedPoint> large;
    if (points.size() > small.size()) large.resize(points.size());
    DatedPoint* const dated = large.empty() ? small.data() : large.data();
    size_t count_dated = 0;
    for (const PointRecord& p : points) {
        if (p.point >= kPointCount || p.status != PointStatus::graded) continue;
        if (p.grade != Grade::pass && p.grade != Grade::excellent) continue;
        if (!policy.environments[int(catalog()[p.point].env)]) continue;
        if (p.reviewed != kNoDay) dated[count_dated++] = DatedPoint(long(p.reviewed), int(p.point));
    }
    return pass_day_of(dated, count_dated, policy);
}

long pass_day_of(DatedPoint* dated, size_t count_dated, const Policy& policy) {
    std::sort(dated, dated + count_dated);
    int count = 0;
    unsigned dims = 0;
    std::array<bool, kPointCount> have{};
    for (size_t i = 0; i < count_dated; ++i) {
        ++count;
        dims |= 1u << int(catalog()[dated[i].second].dimension);
        have[size_t(dated[i].second)] = true;
        if (i + 1 < count_dated && dated[i + 1].first == dated[i].first) continue;  // the whole day first
        int dim_count = 0;
        for (unsigned m = dims; m; m &= m - 1) ++dim_count;
        bool required = true;
        for (int r : policy.required) required = required && r >= 0 && r < kPointCount && have[size_t(r)];
        if (count >= policy.min_passed && dim_count >= policy.min_dimensions && required) return dated[i].first;
    }
    return kNoDate;
}

BatchForecast project_batch(int teachers, int passed, int window_passed, long as_of, long start, long end) {
    BatchForecast b;
    b.teachers = teachers;
    b.passed = passed;
    b.remaining = std::max(0, teachers - passed);
    b.window_passed = window_passed;
    if (as_of == kNoDate) {
        b.state = ForecastState::no_end;
        return b;
    }
    // The window: the last kPaceWindowDays days up to the as-of date, not before `start`.
    long window = kPaceWindowDays;
    if (start != kNoDate) window = std::clamp(as_of - start + 1, 0L, long(kPaceWindowDays));
    b.window_days = int(window);
    b.pace_per_week = window > 0 ? double(window_passed) * 7.0 / double(window) : 0.0;
    if (start != kNoDate && start > as_of) {
        b.state = ForecastState::upcoming;
        return b;
    }
    if (end == kNoDate) {
        b.state = ForecastState::no_end;
        return b;
    }
    if (end < as_of) {
        b.state = ForecastState::ended;
        return b;
    }
    const int64_t days_left = end - as_of;
    const int64_t more = window > 0 ? int64_t(window_passed) * days_left / window : 0;
    b.projected_unpassed = int(std::max<int64_t>(0, b.remaining - more));
    if (b.remaining > 0 && window_passed > 0 && window > 0) {
        const int64_t need = (int64_t(b.remaining) * window + window_passed - 1) / window_passed;
        b.finish = iso_from_days(as_of + long(need));
    }
    b.state = b.remaining == 0 ? ForecastState::done
              : b.projected_unpassed == 0 ? ForecastState::on_track
                                          : ForecastState::late;
    return b;
}

namespace {

// forecast() with pass days from `pass_days` (one per summary teacher) or, when null, from each
// passed teacher's record.
Forecast forecast_of(const Workspace& ws, const Summary& s, const Policy& policy, const std::vector<long>* pass_days,
                     const ParallelFor& parallel) {
    Forecast out;
    out.schools.resize(s.schools.size());
    const long as_of = days_from_iso(s.as_of);

    // Each school's file of each of its batches (one in force per school and batch, format.md §3).
    std::unordered_map<std::string, int> school_of;
    for (size_t i = 0; i < s.schools.size(); ++i) school_of.emplace(s.schools[i].id, int(i));
    std::vector<std::vector<const BatchFile*>> files(s.schools.size());
    for (size_t i = 0; i < ws.files.size() && i < s.files.size(); ++i) {
        const FileStatus status = s.files[i].status;
        if (!ws.files[i].data || (status != FileStatus::loaded && status != FileStatus::partial)) continue;
        auto it = school_of.find(ws.files[i].data->school_id);
        if (it != school_of.end()) files[size_t(it->second)].push_back(ws.files[i].data.get());
    }

    // Each school into its own slot (on the ParallelFor's threads when given), then the
    // district's sums in school order.
    for_ranges(parallel, s.schools.size(), [&](size_t begin, size_t end_school) {
        for (size_t si = begin; si < end_school; ++si) {
            const SchoolResult& school = s.schools[si];
            SchoolForecast& f = out.schools[si];
            const std::vector<std::string>& batches = school.batches;
            std::vector<int> teachers(batches.size(), 0), passed(batches.size(), 0);
            std::vector<std::vector<long>> recent(batches.size());  // pass days in the last kPaceWindowDays
            auto batch_index = [&](std::string_view id) {
                return size_t(std::find(batches.begin(), batches.end(), id) - batches.begin());
            };
            for (int ti : school.teachers) {
                const TeacherResult& t = s.teachers[size_t(ti)];
                const size_t b = batch_index(t.batch);
                if (b >= batches.size()) continue;
                ++teachers[b];
                if (t.status != TeacherStatus::passed && t.status != TeacherStatus::excellent) continue;
                ++passed[b];
                long day = kNoDate;
                if (pass_days) {
                    day = (*pass_days)[size_t(ti)];
                } else if (t.ref.file >= 0 && size_t(t.ref.file) < ws.files.size() && ws.files[size_t(t.ref.file)].data) {
                    const BatchFile& file = *ws.files[size_t(t.ref.file)].data;
                    if (t.ref.teacher >= 0 && size_t(t.ref.teacher) < file.teachers.size())
                        day = pass_day(file.points_of(file.teachers[size_t(t.ref.teacher)]), policy);
                }
                if (day == kNoDate || as_of == kNoDate || day > as_of) continue;
                if (day > as_of - kPaceWindowDays) recent[b].push_back(day);
                if (day > as_of - kRecentPassDays) ++f.new_passed_7d;
            }
            for (size_t b = 0; b < batches.size(); ++b) {
                const BatchFile* file = nullptr;
                for (const BatchFile* candidate : files[si])
                    if (candidate->batch_id == batches[b]) file = candidate;
                const std::string start = file ? file->batch_start : std::string(), end = file ? file->batch_end : std::string();
                // The window is cut at the batch's start: a pass day before it (a date error) is outside.
                const long start_day = days_from_iso(start);
                const int window_passed = int(std::count_if(recent[b].begin(), recent[b].end(),
                                                            [&](long day) { return start_day == kNoDate || day >= start_day; }));
                BatchForecast bf = project_batch(teachers[b], passed[b], window_passed, as_of, start_day, days_from_iso(end));
                bf.batch = batches[b];
                bf.name = file ? file->batch_name : std::string();
                bf.start = start;
                bf.end = end;
                f.batches.push_back(std::move(bf));
            }
            for (const BatchForecast& b : f.batches) {
                if (!b.open()) continue;
                f.open = true;
                f.projected_unpassed += b.projected_unpassed;
                if (b.remaining > 0 && b.finish > f.finish) f.finish = b.finish;
            }
            f.late = f.projected_unpassed > 0;
            if (f.late) f.finish.clear();  // on track, every open batch with teachers left has a finish
        }
    });
    for (const SchoolForecast& f : out.schools) {
        out.new_passed_7d += f.new_passed_7d;
        out.projected_unpassed += f.projected_unpassed;
        out.late_schools += f.late;
    }
    return out;
}

}  // namespace

Forecast forecast(const Workspace& ws, const Summary& s, const Policy& policy, const ParallelFor& parallel) {
    return forecast_of(ws, s, policy, nullptr, parallel);
}

Forecast forecast(const Workspace& ws, const Summary& s, const Policy& policy, const std::vector<long>& pass_days,
                  const ParallelFor& parallel) {
    return forecast_of(ws, s, policy, pass_days.size() == s.teachers.size() ? &pass_days : nullptr, parallel);
}

}  // namespace it2
