// The forecast (预计完成): for each school and each of its batches, the recent pace of teachers
// newly passed, the number projected still not passed at the batch's `end`, and the day the pace
// would reach everyone; and 近 7 天新增合格 per school and district. A pure function of the data,
// the policy and the as-of date (through the Summary they gave). docs/format.md §6 "Forecast"
// states every rule with a worked example; tests/oracle/summarize.mjs computes the same
// independently.
//
// The rules in short:
// - a teacher's pass day is the first review date on which the points that count toward passing
//   (graded 合格/优秀 in the policy's environments, with a valid `reviewed`) meet the points rules
//   (min_passed, min_dimensions, every required point); hours carry no date and are not waited
//   for. A teacher passed whose dated points never meet them has no pass day;
// - pace window: the kPaceWindowDays days ending on the as-of date (as_of − 27 … as_of), cut at
//   the batch's `start`; window_passed counts the school's teachers of that batch, passed now,
//   whose pass day falls in it; pace = window_passed × 7 / window_days teachers a week;
// - an open batch (start ≤ as_of ≤ end) with `remaining` teachers not passed: the pace passes
//   ⌊window_passed × (end − as_of) / window_days⌋ more by `end`; the rest is projected_unpassed;
//   finish = as_of + ⌈remaining × window_days / window_passed⌉ (none when the pace is 0);
// - a school is late (预计逾期) when its open batches leave anyone projected unpassed.
#pragma once

#include <cstdint>
#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "model.h"
#include "parallel_for.h"
#include "policy.h"
#include "workspace.h"

namespace it2 {

struct Summary;  // metrics.h

constexpr int kPaceWindowDays = 28;   // the pace window: the last four weeks
constexpr int kRecentPassDays = 7;    // 近 7 天新增合格

// What a batch of a school is, as of the date.
enum class ForecastState : uint8_t {
    done,      // open, every teacher passed
    on_track,  // open, the pace passes everyone by `end`
    late,      // open, the pace leaves teachers unpassed at `end` (预计逾期)
    ended,     // `end` is before the as-of date (its teachers not passed are 逾期未达标)
    upcoming,  // `start` is after the as-of date: no pace yet
    no_end,    // no valid `end` (or no valid as-of date): nothing to project to
};
const char* forecast_state_key(ForecastState s);  // "done", "on_track", …

struct BatchForecast {
    std::string batch, name, start, end;  // the school's file for this batch
    ForecastState state = ForecastState::no_end;
    int teachers = 0, passed = 0, remaining = 0;  // the school's teachers of this batch
    int window_days = 0, window_passed = 0;
    double pace_per_week = 0;
    int projected_unpassed = -1;  // open batches only; -1 otherwise
    std::string finish;           // projected finish day (may be after `end`); "" when none
    bool open() const { return state == ForecastState::done || state == ForecastState::on_track || state == ForecastState::late; }
};

struct SchoolForecast {
    int new_passed_7d = 0;
    int projected_unpassed = 0;  // over its open batches
    bool late = false;           // projected_unpassed > 0 (预计逾期)
    bool open = false;           // it has an open batch
    std::string finish;          // not late: the last finish of its open batches with teachers left; "" otherwise
    std::vector<BatchForecast> batches;  // in the order of SchoolResult::batches
};

struct Forecast {
    std::vector<SchoolForecast> schools;  // parallel to Summary::schools
    int new_passed_7d = 0, projected_unpassed = 0, late_schools = 0;  // district
};

// The day (days_from_iso) a teacher with these points met the points rules, or kNoDate (see
// above). A record's points: BatchFile::points_of().
long pass_day(PointRange points, const Policy& policy);

// pass_day() from the points it reads, gathered by the caller: (review day, point index) of each
// point that counts toward passing and has a review day, in any order (sorted here). compute()
// gathers them in the loop over a teacher's points that it runs anyway.
using DatedPoint = std::pair<long, int>;
long pass_day_of(DatedPoint* dated, size_t count, const Policy& policy);

// One batch's projection from its counts (the arithmetic above, for any state's inputs).
// Dates as days_from_iso; kNoDate where unknown.
BatchForecast project_batch(int teachers, int passed, int window_passed, long as_of, long start, long end);

// The forecast of a summary computed by compute() from the same workspace and policy. With a
// ParallelFor (parallel_for.h) its schools are worked out on its threads: the same result.
Forecast forecast(const Workspace& ws, const Summary& summary, const Policy& policy, const ParallelFor& parallel = {});
// The same with each teacher's pass day given: pass_days[i] is pass_day() of summary.teachers[i]'s
// record when that teacher passed (read only then). compute() works them out while each record
// is in cache; forecast() above reads every passed teacher's record again.
Forecast forecast(const Workspace& ws, const Summary& summary, const Policy& policy, const std::vector<long>& pass_days,
                  const ParallelFor& parallel = {});

}  // namespace it2
