// How long a text value may be (docs/format.md §3, docs/csv-import.md), in Unicode characters.
// Bounded fields keep every export and report linear in the number of records: a 350,000-
// character school name repeated on 2,000 teacher rows would otherwise make a 700 MB CSV.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "utf8.h"

namespace it2 {

constexpr size_t kMaxIdChars = 200;     // school.id, batch.id, teacher id, district code
constexpr size_t kMaxNameChars = 200;   // school, teacher, district and batch names
constexpr size_t kMaxLabelChars = 100;  // subject, role, stage
constexpr size_t kMaxTitleChars = 500;  // activity and evidence item titles

// "学校名称 有 350000 个字符，超过 200 个字符的上限" and its English twin, for problem messages.
inline std::string too_long_zh(std::string_view what, std::string_view value, size_t limit) {
    return std::string(what) + " 有 " + std::to_string(utf8_chars(value)) + " 个字符，超过 " + std::to_string(limit) +
           " 个字符的上限";
}
inline std::string too_long_en(std::string_view what, std::string_view value, size_t limit) {
    return std::string(what) + " has " + std::to_string(utf8_chars(value)) + " characters, more than the limit of " +
           std::to_string(limit);
}

}  // namespace it2
