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
EM_JS(void, it2_js_download_begin, (), { if (Module.it2Files) Module.it2Files.downloadBegin(); });
EM_JS(void, it2_js_download_append, (const char* bytes, int size), {
    if (Module.it2Files) Module.it2Files.downloadAppend(HEAPU8.slice(bytes, bytes + size));
});
EM_JS(void, it2_js_download_finish, (const char* name, const char* mime), {
    if (Module.it2Files) Module.it2Files.downloadFinish(UTF8ToString(name), UTF8ToString(mime));
});
EM_JS(void, it2_js_keep_source, (const char* name, double seq, const char* bytes, int size), {
    if (Module.it2Files) Module.it2Files.keepSource(UTF8ToString(name), seq, HEAPU8.slice(bytes, bytes + size));
});
EM_JS(void, it2_js_forget_source, (const char* name), {
    if (Module.it2Files) Module.it2Files.forgetSource(name ? UTF8ToString(name) : null);
});
// The size first (malloc'd here by C++), then the copy: two calls, so no pointer crosses back.
EM_JS(int, it2_js_source_size, (const char* name), {
    const bytes = Module.it2Files ? Module.it2Files.sourceBytes(UTF8ToString(name)) : null;
    return bytes ? bytes.length : -1;
});
EM_JS(void, it2_js_copy_source, (const char* name, char* out), {
    const bytes = Module.it2Files.sourceBytes(UTF8ToString(name));
    HEAPU8.set(bytes, out);
});
// The page's own HTML (UTF-8 bytes): its size first, then the copy, as for the sources above.
EM_JS(int, it2_js_page_html_size, (), {
    Module.it2PageHtml = Module.it2Page ? new TextEncoder().encode(Module.it2Page.ownHtml()) : null;
    return Module.it2PageHtml ? Module.it2PageHtml.length : -1;
});
EM_JS(void, it2_js_copy_page_html, (char* out), {
    HEAPU8.set(Module.it2PageHtml, out);
    Module.it2PageHtml = null;
});
EM_JS(void, it2_js_persist_changed, (), { if (Module.it2Files) Module.it2Files.persistChanged(); });

namespace it2::platform {

void open_file_picker() { it2_js_open_file_picker(0); }
void open_folder_picker() { it2_js_open_file_picker(1); }

void save_download(const std::string& name, const std::string& bytes, const std::string& mime) {
    it2_js_save_download(name.c_str(), bytes.data(), int(bytes.size()), mime.c_str());
}

void open_html_in_new_tab(const std::string& html) { it2_js_open_html(html.data(), int(html.size())); }

void download_begin() { it2_js_download_begin(); }
void download_append(std::string_view piece) { it2_js_download_append(piece.data(), int(piece.size())); }
void download_finish(const std::string& name, const std::string& mime) { it2_js_download_finish(name.c_str(), mime.c_str()); }

void keep_source(const std::string& name, long seq, std::string_view bytes) {
    it2_js_keep_source(name.c_str(), double(seq), bytes.data(), int(bytes.size()));
}
void forget_source(const std::string& name) { it2_js_forget_source(name.c_str()); }
void forget_all_sources() { it2_js_forget_source(nullptr); }

bool source_bytes(const std::string& name, std::string& bytes) {
    const int size = it2_js_source_size(name.c_str());
    if (size < 0) return false;
    bytes.resize(size_t(size));
    if (size > 0) it2_js_copy_source(name.c_str(), bytes.data());
    return true;
}

std::string page_html() {
    const int size = it2_js_page_html_size();
    if (size <= 0) return "";
    std::string html(size_t(size), '\0');
    it2_js_copy_page_html(html.data());
    return html;
}

void persist_changed() { it2_js_persist_changed(); }

}  // namespace it2::platform
