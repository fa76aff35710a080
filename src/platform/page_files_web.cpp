// page_files.h for the Emscripten page: thin calls into web/files.js (`Module.it2Files`).
#include "page_files.h"

#include <emscripten/emscripten.h>

EM_JS(void, it2_js_open_file_picker, (int folder), {
    if (Module.it2Files) Module.it2Files.openPicker(folder !== 0);
});
EM_JS(void, it2_js_save_download, (const char* name, const char* bytes, int size, const char* mime), {
    if (Module.it2Files) Module.it2Files.download(UTF8ToString(name), HEAPU8.slice(bytes, bytes + size), UTF8ToString(mime));
});
EM_JS(void, it2_js_open_html, (const char* html, int size), {
    if (Module.it2Files) Module.it2Files.openHtml(HEAPU8.slice(html, html + size));
});
EM_JS(void, it2_js_persist_changed, (), { if (Module.it2Files) Module.it2Files.persistChanged(); });

namespace it2::platform {

void open_file_picker() { it2_js_open_file_picker(0); }
void open_folder_picker() { it2_js_open_file_picker(1); }

void save_download(const std::string& name, const std::string& bytes, const std::string& mime) {
    it2_js_save_download(name.c_str(), bytes.data(), int(bytes.size()), mime.c_str());
}

void open_html_in_new_tab(const std::string& html) { it2_js_open_html(html.data(), int(html.size())); }

void persist_changed() { it2_js_persist_changed(); }

}  // namespace it2::platform
