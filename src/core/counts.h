// Counts that are shown in more than one place (the header and the load notice, the files
// table and the problems list, the report and `it2 summarize --table`). Each comes from one
// function here, so two places cannot count the same thing two ways ("共 10 个问题" next to
// "12 个文件有问题").
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>

#include "metrics.h"
#include "problems.h"

namespace it2 {

struct ProblemCounts {
    int problems = 0;             // every problem (a file's own, the merge's, the policy's)
    int files_with_problems = 0;  // distinct file names among them
    std::unordered_map<std::string, int> by_file;

    int of_file(std::string_view name) const;  // 0 for a file without problems
};

// `problems` and, when given, `more` (the page keeps the policy's problems apart).
ProblemCounts count_problems(const Problems& problems, const Problems* more = nullptr);

// The district's schools and teachers, as every header and title states them.
int school_count(const Summary& s);
int teacher_count(const Summary& s);

}  // namespace it2
