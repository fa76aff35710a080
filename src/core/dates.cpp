// ISO YYYY-MM-DD date helpers (dates.h): strict parsing, day arithmetic, today.
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <limits>
#include <string>
#include <string_view>

#include "dates.h"

namespace it2 {

namespace {

bool is_leap(long year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(long year, int month) {
    static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : kDays[month - 1];
}

bool parse_iso(std::string_view s, long& year, int& month, int& day) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
        if (s[i] < '0' || s[i] > '9') return false;
    auto digits = [&](size_t from, size_t count) {
        long v = 0;
        for (size_t i = from; i < from + count; ++i) v = v * 10 + (s[i] - '0');
        return v;
    };
    year = digits(0, 4);
    month = int(digits(5, 2));
    day = int(digits(8, 2));
    return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days_in_month(year, month);
}

}  // namespace

long days_from_civil(long y, int m, int d) {
    y -= m <= 2;
    const long era = (y >= 0 ? y : y - 399) / 400;
    const long yoe = y - era * 400;
    const long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

std::string iso_from_days(long days) {
    char text[32];
    return std::string(text, iso_from_days(days, text));
}

size_t iso_from_days(long z, char* text) {
    z += 719468;
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    const long y = yoe + era * 400 + (m <= 2);
    if (y >= 0 && y <= 9999) {
        const long digits[] = {y / 1000, y / 100 % 10, y / 10 % 10, y % 10, m / 10, m % 10, d / 10, d % 10};
        const int at[] = {0, 1, 2, 3, 5, 6, 8, 9};
        for (int k = 0; k < 8; ++k) text[at[k]] = char('0' + digits[k]);
        text[4] = text[7] = '-';
        return 10;
    }
    // Room for any long (32 bytes: the compiler can see nothing is cut); what snprintf writes.
    const int written = std::snprintf(text, 32, "%04ld-%02ld-%02ld", y, m, d);
    return written > 0 ? std::min<size_t>(size_t(written), 31) : 0;
}

bool is_iso_date(std::string_view s) {
    long year;
    int month, day;
    return parse_iso(s, year, month, day);
}

long days_from_iso(std::string_view s) {
    long year;
    int month, day;
    if (!parse_iso(s, year, month, day)) return kNoDate;
    return days_from_civil(year, month, day);
}

std::string today_iso() {
    // The user's local calendar day decides "today" (a Chongqing office at 07:00 is not yesterday).
    std::time_t now = std::time(nullptr);
    std::tm local{};
#if defined(_WIN32)
    localtime_s(&local, &now);
#else
    localtime_r(&now, &local);
#endif
    char text[48];
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", local.tm_year + 1900, local.tm_mon + 1, local.tm_mday);
    return text;
}

Day day_from_iso(std::string_view s) {
    const long day = days_from_iso(s);
    return day == kNoDate ? kNoDay : Day(day);  // years 0001-9999: well inside an int32_t
}

std::string iso_date(Day day) { return day == kNoDay ? std::string() : iso_from_days(day); }

}  // namespace it2
