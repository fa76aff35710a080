// Date helpers on ISO YYYY-MM-DD strings (src/core/dates.cpp).
#pragma once

#include <climits>
#include <cstdint>
#include <string>
#include <string_view>

namespace it2 {

constexpr long kNoDate = LONG_MIN;       // days_from_iso() of a string that is not a valid date
bool is_iso_date(std::string_view s);    // strict YYYY-MM-DD, a real calendar day, year 0001 or later
long days_from_iso(std::string_view s);  // days since 1970-01-01; kNoDate when invalid
std::string today_iso();
// Howard Hinnant's algorithms, exact for the proleptic Gregorian calendar (days since 1970-01-01).
long days_from_civil(long year, int month, int day);
std::string iso_from_days(long days);  // YYYY-MM-DD
// The same written into `out` (room for 32 bytes, no terminator); returns its length. Without
// snprintf for years 0 to 9999: a partial writes two dates per point (docs/scale.md).
size_t iso_from_days(long days, char* out);
// A calendar day as days since 1970-01-01, kNoDay when absent (the model's dates, model.h).
using Day = int32_t;
constexpr Day kNoDay = INT32_MIN;
// The day of a valid ISO date, kNoDay for anything else (absent, invalid);
// and back: YYYY-MM-DD, or "" for kNoDay.
Day day_from_iso(std::string_view s);
std::string iso_date(Day day);

}  // namespace it2
