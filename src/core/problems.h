// Problems with input (format.md §3): every one says file, where, what is wrong and what
// was done, in Chinese and in English.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "catalog.h"

namespace it2 {

enum class Severity : uint8_t { error, record, warning };  // file rejected / record skipped / kept

struct Problem {
    std::string file;
    Severity severity = Severity::warning;
    std::string pointer;  // JSON pointer, "" for the whole file
    int line = 0, column = 0;  // 1-based; 0 when unknown
    std::string message_zh, message_en;
    std::string teacher_id;  // set when the problem is about one teacher (UI opens it)
    std::string teacher_name;  // that teacher's name, when the file gave one
    std::string school;        // the school's name (else its id), when known

    const std::string& message(Lang lang) const { return lang == Lang::zh ? message_zh : message_en; }
};

const char* severity_key(Severity s);  // "error" / "record" / "warning"

// Where a problem is, in people's words (issue 12 item 8), from its school, pointer and teacher:
//   "綦江区通惠小学，第 21 位教师（彭瑶，T021）的实践学时" for /teachers/20/hours/practice,
//   "school 3, teacher 21 (彭瑶, T021), practice hours" in English. Field names come from the
// vocabulary; an unknown member is quoted (「备注」). "" when nothing is known (a whole file).
std::string problem_place(std::string_view school, std::string_view pointer, std::string_view teacher_name,
                          std::string_view teacher_id, Lang lang);

using Problems = std::vector<Problem>;

// Each problem from `first` on gets `school` and its place in front of its messages
// ("place：reason" / "place: reason"). The loaders call this once per file, after reading, so a
// clean record costs nothing. A file error gets the school only: its reason names the field.
void name_problem_places(Problems& problems, size_t first, std::string_view school);

}  // namespace it2
