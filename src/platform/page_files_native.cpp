// page_files.h for native builds (the headless UI check): no pickers, no downloads; the loaded
// files' bytes are kept in memory, so workspace files can still be written.
#include <map>

#include "page_files.h"

namespace it2::platform {

namespace {
std::map<std::string, std::string>& sources() {
    static std::map<std::string, std::string> kept;
    return kept;
}
}  // namespace

void open_file_picker() {}
void open_folder_picker() {}
void save_download(const std::string&, const std::string&, const std::string&) {}
void open_html_in_new_tab(const std::string&) {}
void download_begin() {}
void download_append(std::string_view) {}
void download_finish(const std::string&, const std::string&) {}

void keep_source(const std::string& name, long, std::string_view bytes) { sources()[name] = std::string(bytes); }
void forget_source(const std::string& name) { sources().erase(name); }
void forget_all_sources() { sources().clear(); }

bool source_bytes(const std::string& name, std::string& bytes) {
    const auto it = sources().find(name);
    if (it == sources().end()) return false;
    bytes = it->second;
    return true;
}

std::string page_html() { return ""; }

void persist_changed() {}

}  // namespace it2::platform
