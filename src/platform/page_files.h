// Files in and out of the page (issue 5): pickers, downloads, the printable report's tab and
// the persistence signal. The JS halves live in web/files.js (`Module.it2Files`); files chosen
// or dropped arrive later, one App::load_file() per file, outside ImGui's frame.
#pragma once

#include <string>
#include <string_view>

namespace it2::platform {

// Opens the browser's multi-file picker (.json, .csv) / folder picker (every .json and .csv
// inside, recursively). Must be called while handling a click (browsers need the gesture).
void open_file_picker();
void open_folder_picker();

// Offers `bytes` as a downloaded file (Blob + <a download>).
void save_download(const std::string& name, const std::string& bytes, const std::string& mime);

// Opens a self-contained HTML page (the printable report) in a new tab through a Blob URL.
void open_html_in_new_tab(const std::string& html);

// A download written in pieces (保存工作区 of a whole province): the page gathers the pieces
// outside the wasm heap and offers them as one file at `finish`.
void download_begin();
void download_append(std::string_view piece);
void download_finish(const std::string& name, const std::string& mime);

// The loaded files' original bytes live in the page, outside the wasm heap (they are needed
// only to store them and to write workspace files): `keep_source` hands a file's bytes over,
// `source_bytes` copies one back in when a workspace file is written.
void keep_source(const std::string& name, long seq, std::string_view bytes);
void forget_source(const std::string& name);
void forget_all_sources();
bool source_bytes(const std::string& name, std::string& bytes);  // false when the page has none

// The page's own HTML, byte for byte the file it was opened from (web/page.js rebuilds it from
// its parts): what 导出本校页面 starts from. "" where there is no page (native builds).
std::string page_html();

// Something worth keeping changed (files, policy, settings): the page saves it a little later
// (debounced), pulling the state through it2_persist_state.
void persist_changed();

}  // namespace it2::platform
