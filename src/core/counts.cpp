// Counts shown in more than one place (counts.h).
#include "counts.h"

namespace it2 {

int ProblemCounts::of_file(std::string_view name) const {
    auto it = by_file.find(std::string(name));
    return it == by_file.end() ? 0 : it->second;
}

ProblemCounts count_problems(const Problems& problems, const Problems* more) {
    ProblemCounts counts;
    auto add = [&](const Problems& list) {
        for (const Problem& p : list) ++counts.by_file[p.file];
        counts.problems += int(list.size());
    };
    add(problems);
    if (more) add(*more);
    counts.files_with_problems = int(counts.by_file.size());
    return counts;
}

int school_count(const Summary& s) { return int(s.schools.size()); }
int teacher_count(const Summary& s) { return s.district.teachers; }

}  // namespace it2
