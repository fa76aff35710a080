// The workspace file (保存工作区 / 打开工作区): one JSON document holding every loaded file's
// name and original bytes (base64), the policy and the small settings, so work survives where
// browser storage does not. 导出本校 writes the same document with one school's files only.
//
//   { "format": "it2-workspace", "version": 1, "saved": "2026-11-28",
//     "settings": { "language": "zh", "text_size": 1.25, "as_of": "2022-11-01", "layout": "…" },
//     "policy": { …policy_json… },
//     "files": [ { "name": "a.json", "encoding": "base64", "data": "…" } ] }
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy.h"
#include "problems.h"

namespace it2 {

struct StoredFile {
    std::string name;
    std::string bytes;  // exactly as the user gave them
};

// Every field optional: empty / 0 means "not set by the user".
struct WorkspaceSettings {
    std::string language;  // "zh" / "en"
    double text_size = 0;  // UI text scale
    std::string as_of;     // ISO date chosen by the user
    std::string layout;    // the dashboard's layout text (e.g. imgui.ini)
};

std::string base64_encode(std::string_view bytes);
// False on characters outside the alphabet or a bad length (white space is skipped).
bool base64_decode(std::string_view text, std::string& bytes);

std::string write_workspace_file(const std::vector<StoredFile>& files, const Policy& policy,
                                 const WorkspaceSettings& settings);
// The same document written piece by piece, so that only one file is in memory at a time:
// `next_file` fills in the next file (false when there is none left), `write` receives the text.
void write_workspace_file(const std::function<bool(StoredFile&)>& next_file, const Policy& policy,
                          const WorkspaceSettings& settings, const std::function<void(std::string_view)>& write);

struct WorkspaceFileRead {
    bool ok = false;  // false: not a usable workspace file (problems say why); nothing else is set
    std::vector<StoredFile> files;
    std::optional<Policy> policy;  // absent when the document has none or it was rejected
    WorkspaceSettings settings;
    Problems problems;  // file errors, and warnings about entries that were skipped
};

// Never throws; a corrupt document is one error problem, a bad entry is skipped with a warning.
WorkspaceFileRead read_workspace_file(std::string_view file_name, std::string_view bytes);

// True when the document's top-level "format" is "it2-workspace" (parsed, not a byte search).
bool is_workspace_file(std::string_view bytes);

// 导出本校: the files (or, for a platform CSV holding several schools, just this school's rows)
// whose data belongs to `school_id`; files of other schools, rejected files and policy files are
// left out. `included` (optional) receives the names written.
std::string write_school_workspace_file(const std::vector<StoredFile>& files, const Policy& policy,
                                        const WorkspaceSettings& settings, const std::string& school_id,
                                        std::vector<std::string>* included = nullptr);

// The files of one school, as write_school_workspace_file would store them.
std::vector<StoredFile> files_of_school(const std::vector<StoredFile>& files, const std::string& school_id);

}  // namespace it2
