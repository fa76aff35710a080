// Files in and out of the page (issue 5): pickers, downloads, the printable report's tab and
// the persistence signal. The JS halves live in web/files.js (`Module.it2Files`); files chosen
// or dropped arrive later, one App::load_file() per file, outside ImGui's frame.
#pragma once

#include <string>

namespace it2::platform {

// Opens the browser's multi-file picker (.json, .csv) / folder picker (every .json and .csv
// inside, recursively). Must be called while handling a click (browsers need the gesture).
void open_file_picker();
void open_folder_picker();

// Offers `bytes` as a downloaded file (Blob + <a download>).
void save_download(const std::string& name, const std::string& bytes, const std::string& mime);

// Opens a self-contained HTML page (the printable report) in a new tab through a Blob URL.
void open_html_in_new_tab(const std::string& html);

// Something worth keeping changed (files, policy, settings): the page saves it a little later
// (debounced), pulling the state through it2_persist_state / it2_source_bytes.
void persist_changed();

}  // namespace it2::platform
