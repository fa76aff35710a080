// Problems with input (format.md §3): every one says file, where, what is wrong and what
// was done, in Chinese and in English.
#pragma once

#include <cstdint>
#include <string>
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

    const std::string& message(Lang lang) const { return lang == Lang::zh ? message_zh : message_en; }
};

const char* severity_key(Severity s);  // "error" / "record" / "warning"

using Problems = std::vector<Problem>;

}  // namespace it2
