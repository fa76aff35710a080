// Reads one it2-batch file: (name, bytes) in, data and problems out. Never throws, never
// aborts; a file error returns no data (format.md §3).
#pragma once

#include <memory>
#include <string_view>

#include "model.h"
#include "problems.h"

namespace it2 {

enum class FileStatus : uint8_t { loaded, partial, rejected, replaced };
const char* file_status_key(FileStatus s);  // "loaded" / "partial" / "rejected" / "replaced"

struct BatchLoad {
    std::shared_ptr<const BatchFile> data;  // null when the file was rejected
    Problems problems;
    FileStatus status = FileStatus::rejected;  // loaded, partial or rejected
};

// How teacher records are read: clean ones straight from the text (no node per value) and the
// rest, or all with `general`, from the parsed nodes; both give the same result (the tests
// compare them). `fast_records`, when given, counts the teachers the fast reader took.
enum class BatchReading : uint8_t { fast_then_general, general };
BatchLoad load_batch(std::string_view file_name, std::string_view bytes,
                     BatchReading reading = BatchReading::fast_then_general, size_t* fast_records = nullptr);

// What kind of file the bytes claim to be ("it2-batch", "it2-policy", … or "" when unknown).
std::string sniff_format(std::string_view bytes);

}  // namespace it2
