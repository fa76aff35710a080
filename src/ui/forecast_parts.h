// The forecast and the reminder lists on the page (issue 13): the district table's 预计完成 /
// 预计未达标人数 / 近7天新增合格 cells and their sort, the district's forecast line, the school's
// cumulative chart with its projection, and the 复制催办名单 buttons. Drawn from the summary's
// forecast (core/forecast.h) and the core's reminder text (core/remind.h).
#pragma once

#include "dashboard.h"

namespace it2::ui {

// District table columns (ids after the table's own, so a saved sort stays valid).
constexpr int kColumnForecastFinish = 13, kColumnForecastUnpassed = 14, kColumnNewPassed7d = 15;
void forecast_cell(const Dashboard& d, int school, int column);
// Sort key of those columns: finish sorts done, then by date, then late (most left last), then none.
double forecast_sort_key(const Summary& s, int school, int column);

// 近 7 天新增合格 · 预计逾期学校 for the district, one line.
void forecast_district_line(const Dashboard& d);

// 复制催办名单: one school's (index into the summary's schools), or every school's (-1).
void copy_reminder_button(Dashboard& d, int school);

// The school's cumulative passes per open batch, with the projection dashed to the batch's end.
// pass_days: this school's series from forecast_pass_days (per open batch, its index in the
// school's forecast batches and the sorted pass days). The page keeps the open school's in
// Dashboard::school_pass_days, built when the results or the open school change
// (Dashboard::rebuild_school_detail), never per frame.
using PassDays = std::vector<std::pair<size_t, std::vector<long>>>;
void school_forecast_chart(Dashboard& d, const SchoolResult& s, const PassDays& pass_days);
PassDays forecast_pass_days(const Dashboard& d, const SchoolResult& s);

}  // namespace it2::ui
