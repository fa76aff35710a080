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
};

struct GeneratedFile {
    std::string name;   // e.g. "500110-0003-2021-1.json"
    std::string bytes;  // the JSON text
};

std::vector<GeneratedFile> generate(const GenerateOptions& options);

}  // namespace it2
