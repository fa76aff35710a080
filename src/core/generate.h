// Realistic demo data: it2-batch files for a made-up district (`it2 generate`).
// The same options give byte-identical files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace it2 {

struct GenerateOptions {
    int schools = 20;
    int teachers_per_school = 50;
    int batches = 3;
    uint64_t seed = 1;
    bool with_errors = false;  // sprinkle every record-error kind
    // With with_errors: one problem of each of a few kinds (the demo's handful) instead of
    // problems sprinkled through every file.
    bool few_errors = false;
    int first_year = 2020;  // batch k is "<first_year + k>-1", running March to December
    // The day the files were exported (YYYY-MM-DD; "" = none). The batch running on that day
    // (start <= data_date <= end) is in progress: its submitted/reviewed dates spread from its
    // start up to data_date, never after, and the share of its passes in the last weeks grows
    // with the school's progress, so a forecast made a few days later has schools done, schools
    // on pace and schools far behind (docs in data/demo/README.md).
    std::string data_date;
};

struct GeneratedFile {
    std::string name;   // e.g. "500110-0003-2021-1.json"
    std::string bytes;  // the JSON text
};

std::vector<GeneratedFile> generate(const GenerateOptions& options);

// The options that made data/demo/ (`it2 generate --demo`, data_date 2026-11-27); a test keeps
// the two equal.
GenerateOptions demo_options();

}  // namespace it2
