// The one set of date helpers (dates.h) the loader, the rules, the generator and the charts share.
#include <doctest/doctest.h>

#include "dates.h"

using namespace it2;

TEST_CASE("iso_from_days and days_from_iso are inverse over four centuries of days") {
    CHECK(days_from_iso("1970-01-01") == 0);
    CHECK(iso_from_days(0) == "1970-01-01");
    CHECK(iso_from_days(-1) == "1969-12-31");
    CHECK(days_from_civil(2024, 2, 29) + 1 == days_from_civil(2024, 3, 1));  // a leap day
    CHECK(days_from_civil(2100, 2, 28) + 1 == days_from_civil(2100, 3, 1));  // no leap day in 2100
    CHECK(iso_from_days(days_from_civil(2000, 2, 29)) == "2000-02-29");
    const long first = days_from_civil(1900, 1, 1), last = days_from_civil(2300, 12, 31);
    long checked = 0;
    for (long day = first; day <= last; ++day) {
        const std::string iso = iso_from_days(day);
        REQUIRE(is_iso_date(iso));
        REQUIRE(days_from_iso(iso) == day);
        ++checked;
    }
    CHECK(checked == 146097 + 365);  // 400 Gregorian years are 146,097 days; 1900-2300 is one more year
}
