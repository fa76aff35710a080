// The C functions the page's `window.it2` hook calls (web/it2.js), outside the frame.
#include <emscripten/emscripten.h>
#include <imgui.h>
#include <malloc.h>

#include <cstdlib>
#include <string>
#include <string_view>

#include "app_files.h"
#include "web_page.h"

using it2::web::g_page;
using it2::web::pump_sdl_events;
using it2::web::to_js_string;

// ---- the page hook (web/it2.js) -----------------------------------------------------------
extern "C" {

EMSCRIPTEN_KEEPALIVE char* it2_load_file(const char* name, const unsigned char* bytes, int size) {
    if (g_page == nullptr || name == nullptr || size < 0) return nullptr;
    std::string_view data(reinterpret_cast<const char*>(bytes), bytes != nullptr ? size_t(size) : 0);
    return to_js_string(g_page->app.load_file(name, data));
}

EMSCRIPTEN_KEEPALIVE void it2_clear() {
    if (g_page != nullptr) g_page->app.clear();
}

EMSCRIPTEN_KEEPALIVE char* it2_summary_json(const char* as_of) {
    if (g_page == nullptr) return nullptr;
    return to_js_string(g_page->app.summary_json(as_of != nullptr ? as_of : ""));
}

EMSCRIPTEN_KEEPALIVE int it2_set_view(const char* view, const char* arg) {
    if (g_page == nullptr || view == nullptr) return 0;
    return g_page->app.set_view(view, arg != nullptr ? arg : "") ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE char* it2_state_json() {
    if (g_page == nullptr) return nullptr;
    return to_js_string(g_page->app.state_json());
}

// The text the panels drew last frame (src/app/page_probe.h); the first call starts recording.
EMSCRIPTEN_KEEPALIVE char* it2_drawn_text_json() {
    if (g_page == nullptr) return nullptr;
    return to_js_string(g_page->app.drawn_text_json());
}

// A value formatted as the panels format it, for tests that compare it with the drawn text.
EMSCRIPTEN_KEEPALIVE char* it2_format_value(const char* kind, const char* text, double a, double b) {
    if (g_page == nullptr || kind == nullptr) return nullptr;
    return to_js_string(g_page->app.format_value(kind, text != nullptr ? text : "", a, b));
}

// Frames presented so far (0 until the first frame): lets the page tell "running" from "stuck".
EMSCRIPTEN_KEEPALIVE int it2_frame_count() {
    return ImGui::GetCurrentContext() != nullptr ? ImGui::GetFrameCount() : 0;
}

// Text committed by an input method in the page's hidden textarea.
EMSCRIPTEN_KEEPALIVE void it2_add_input_text(const char* utf8) {
    if (ImGui::GetCurrentContext() == nullptr || utf8 == nullptr) return;
    pump_sdl_events();  // keys pressed before the text reach ImGui before it
    ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

// Text pasted from the system clipboard (the page's paste event): becomes ImGui's clipboard and
// goes through ImGui's own Ctrl+V, so selection replacement and field filters apply as usual.
EMSCRIPTEN_KEEPALIVE void it2_paste_text(const char* utf8) {
    if (g_page == nullptr || ImGui::GetCurrentContext() == nullptr || utf8 == nullptr) return;
    g_page->clipboard = utf8;
    pump_sdl_events();  // keys pressed before the paste (Ctrl+A) reach ImGui before it
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, true);
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
    io.AddKeyEvent(ImGuiMod_Ctrl, false);
}

EMSCRIPTEN_KEEPALIVE void it2_free_string(char* text) { std::free(text); }

// ---- files in and out (issue 5; web/files.js and web/it2.js) ---------------------------------
// The current view's table ("schools", "teachers", "problems") as CSV; null for an unknown name.
EMSCRIPTEN_KEEPALIVE char* it2_export_csv(const char* table) {
    if (g_page == nullptr || table == nullptr) return nullptr;
    const std::string csv = g_page->app.files().export_csv(table);
    return csv.empty() ? nullptr : to_js_string(csv);
}

// The printable report ("district" or a school id); null for an unknown school.
EMSCRIPTEN_KEEPALIVE char* it2_report_html(const char* scope) {
    if (g_page == nullptr || scope == nullptr) return nullptr;
    const std::string html = g_page->app.files().report_html(scope);
    return html.empty() ? nullptr : to_js_string(html);
}

EMSCRIPTEN_KEEPALIVE int it2_remove_file(const char* name) {
    return g_page != nullptr && name != nullptr && g_page->app.files().remove(name) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE char* it2_workspace_file() {
    return g_page != nullptr ? to_js_string(g_page->app.files().workspace_file()) : nullptr;
}

// ---- 导出本校页面 (a principal's own page; core/school_page.h) ------------------------------------
// The page for one school as the school view's button downloads it: "FILE_NAME\nHTML", or null.
EMSCRIPTEN_KEEPALIVE char* it2_school_page_html(const char* school_id) {
    if (g_page == nullptr || school_id == nullptr) return nullptr;
    std::string file_name, error;
    const std::string html = g_page->app.school_page(school_id, file_name, error);
    return html.empty() ? nullptr : to_js_string(file_name + "\n" + html);
}

// web/files.js, once a principal's page has opened its embedded data.
EMSCRIPTEN_KEEPALIVE void it2_show_own_school(const char* id, const char* name, const char* date) {
    if (g_page != nullptr && id != nullptr && name != nullptr && date != nullptr) g_page->app.show_own_school(id, name, date);
}

// Bytes malloc has handed out and not freed (the live data, without free blocks and slack):
// beside HEAPU8.length (the heap, which only grows) it tells data from fragmentation.
EMSCRIPTEN_KEEPALIVE double it2_live_heap_bytes() { return double(mallinfo().uordblks); }

// ---- the memory ceiling (docs/performance.md) --------------------------------------------------
// wasm memory grows up to IT2_MAXIMUM_MEMORY (cmake/web.cmake passes the same number to
// -sMAXIMUM_MEMORY); past it an allocation fails and the module aborts. So a file is taken
// only when kLoadFactor times its size, plus a reserve for drawing and the results, fits in
// what is left; otherwise the page refuses it with a message (it2_refuse_too_large).
// kLoadFactor: the file's copy in the heap, the parse and the model built from it, and the
// results recomputed after it. Measured (docs/performance.md): one 182 MB batch file of 300,000
// teachers grows the heap to 4.5x its size by the time the school view and its CSV export are
// done; 8 leaves room for a heap already in pieces. So up to about 245 MB loads into an empty page.
constexpr double kLoadFactor = 8;
constexpr double kReserveBytes = 64.0 * 1024 * 1024;
double g_memory_ceiling = double(IT2_MAXIMUM_MEMORY);

EMSCRIPTEN_KEEPALIVE int it2_room_for(double file_bytes) {
    return file_bytes * kLoadFactor + kReserveBytes <= g_memory_ceiling - double(mallinfo().uordblks) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE char* it2_refuse_too_large(const char* name) {
    if (g_page == nullptr || name == nullptr) return nullptr;
    return to_js_string(g_page->app.files().refuse_too_large(name));
}

// Test hooks (it2._setMemoryCeilingForTest, it2._abortForTest in web/it2.js): a lower ceiling
// shows the refusal without a 2 GB file; an abort shows what the page does if one ever happens.
EMSCRIPTEN_KEEPALIVE void it2_set_memory_ceiling_for_test(double bytes) {
    g_memory_ceiling = bytes > 0 ? bytes : double(IT2_MAXIMUM_MEMORY);
}

EMSCRIPTEN_KEEPALIVE void it2_abort_for_test() { std::abort(); }

EMSCRIPTEN_KEEPALIVE char* it2_persist_state() {
    return g_page != nullptr ? to_js_string(g_page->app.files().persist_state()) : nullptr;
}

EMSCRIPTEN_KEEPALIVE int it2_restore_settings(const char* json) {
    return g_page != nullptr && json != nullptr && g_page->app.files().restore_settings(json) ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void it2_storage_problem(const char* detail) {
    if (g_page != nullptr && detail != nullptr) g_page->app.files().storage_problem(detail);
}

EMSCRIPTEN_KEEPALIVE void it2_unreadable(const char* what, const char* detail) {
    if (g_page != nullptr && what != nullptr && detail != nullptr) g_page->app.files().unreadable(what, detail);
}

EMSCRIPTEN_KEEPALIVE void it2_set_aside(const char* what, const char* key) {
    if (g_page != nullptr && what != nullptr && key != nullptr) g_page->app.files().set_aside(what, key);
}

EMSCRIPTEN_KEEPALIVE void it2_begin_batch() {
    if (g_page != nullptr) g_page->app.files().begin_batch();
}

EMSCRIPTEN_KEEPALIVE void it2_end_batch() {
    if (g_page != nullptr) g_page->app.files().end_batch();
}

}  // extern "C"
