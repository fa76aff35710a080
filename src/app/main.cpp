// The page's entry point: SDL2 window + WebGL2 (GLES3) context, Dear ImGui, the App, and the
// C functions the page's `window.it2` hook calls (web/it2.js). One frame per animation frame.
#include <SDL.h>
#include <SDL_opengles2.h>
#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>

#include <malloc.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "app.h"
#include "app_files.h"
#include "platform.h"

namespace {

// Base text size in CSS pixels; HiDPI screens get more texels through ImGui's rasterizer
// density (set from the drawable/window size ratio), not through a larger size.
constexpr float kFontSizePixels = 18.0f;

struct Page {
    SDL_Window* window = nullptr;
    SDL_GLContext gl_context = nullptr;
    it2::App app;
    bool first_frame_reported = false;
    // ImGui's clipboard: the last text copied in the page or pasted into it from outside.
    std::string clipboard;
};

// The exported C functions below are called by the page's JS outside the frame; they need the
// one Page the main loop owns.
Page* g_page = nullptr;

// Hands a string to JS: malloc'd copy that it2.js frees with it2_free_string.
char* to_js_string(const std::string& text) {
    char* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (copy == nullptr) return nullptr;
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    return copy;
}

void set_clipboard_text_for_imgui(ImGuiContext*, const char* text) {
    g_page->clipboard = text != nullptr ? text : "";
    it2::platform::set_clipboard_text(g_page->clipboard);
}

const char* get_clipboard_text_for_imgui(ImGuiContext*) { return g_page->clipboard.c_str(); }

// Replaces the SDL2 backend's handler, whose SDL_SetTextInputRect does nothing on the web.
void set_ime_data_for_imgui(ImGuiContext*, ImGuiViewport*, ImGuiPlatformImeData* data) {
    it2::platform::set_text_input(data->WantTextInput, data->InputPos.x, data->InputPos.y, data->InputLineHeight);
}

void run_frame(void* arg) {
    Page& page = *static_cast<Page*>(arg);
    SDL_Event event;
    while (SDL_PollEvent(&event)) ImGui_ImplSDL2_ProcessEvent(&event);

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    page.app.draw();
    ImGui::Render();

    int drawable_width = 0, drawable_height = 0;
    SDL_GL_GetDrawableSize(page.window, &drawable_width, &drawable_height);
    glViewport(0, 0, drawable_width, drawable_height);
    const ImVec4 background = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    glClearColor(background.x, background.y, background.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    SDL_GL_SwapWindow(page.window);

    if (!page.first_frame_reported) {
        page.first_frame_reported = true;
        it2::platform::notify_first_frame();
    }
}

bool start(Page& page) {
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        it2::platform::report_fatal(std::string("SDL could not start: ") + SDL_GetError());
        return false;
    }
    // WebGL2 = OpenGL ES 3.0.
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_FLAGS, 0);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    SDL_GL_SetAttribute(SDL_GL_DEPTH_SIZE, 0);
    SDL_GL_SetAttribute(SDL_GL_STENCIL_SIZE, 0);

    // The canvas is sized by CSS (100% of the window); SDL follows its CSS size on resize and
    // multiplies the backing store by devicePixelRatio (ALLOW_HIGHDPI).
    page.window = SDL_CreateWindow("提升工程2.0 进度看板", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                   1280, 800,
                                   SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (page.window == nullptr) {
        it2::platform::report_fatal(std::string("No window: ") + SDL_GetError());
        return false;
    }
    page.gl_context = SDL_GL_CreateContext(page.window);
    if (page.gl_context == nullptr) {
        it2::platform::report_fatal(std::string("No WebGL2 context: ") + SDL_GetError());
        return false;
    }
    SDL_GL_MakeCurrent(page.window, page.gl_context);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // no filesystem on the page; layout persistence is the page's job
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    ImGui::StyleColorsLight();

    ImGui_ImplSDL2_InitForOpenGL(page.window, page.gl_context);
    ImGui_ImplOpenGL3_Init("#version 300 es");
    // SDL 2.26 keeps the clipboard inside the page on the web: copies go to the browser, and
    // pastes from the browser arrive through it2_paste_text.
    ImGui::GetPlatformIO().Platform_SetClipboardTextFn = set_clipboard_text_for_imgui;
    ImGui::GetPlatformIO().Platform_GetClipboardTextFn = get_clipboard_text_for_imgui;
    ImGui::GetPlatformIO().Platform_SetImeDataFn = set_ime_data_for_imgui;

    if (!it2::platform::setup_fonts(kFontSizePixels)) {
        std::fprintf(stderr, "No embedded font: Chinese text will not render.\n");  // a broken bundle
        io.Fonts->AddFontDefault();
    }
    return true;
}

}  // namespace

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

// Frames presented so far (0 until the first frame): lets the page tell "running" from "stuck".
EMSCRIPTEN_KEEPALIVE int it2_frame_count() {
    return ImGui::GetCurrentContext() != nullptr ? ImGui::GetFrameCount() : 0;
}

// Text committed by an input method in the page's hidden textarea.
EMSCRIPTEN_KEEPALIVE void it2_add_input_text(const char* utf8) {
    if (ImGui::GetCurrentContext() != nullptr && utf8 != nullptr) ImGui::GetIO().AddInputCharactersUTF8(utf8);
}

// Text pasted from the system clipboard (the page's paste event): becomes ImGui's clipboard and
// goes through ImGui's own Ctrl+V, so selection replacement and field filters apply as usual.
EMSCRIPTEN_KEEPALIVE void it2_paste_text(const char* utf8) {
    if (g_page == nullptr || ImGui::GetCurrentContext() == nullptr || utf8 == nullptr) return;
    g_page->clipboard = utf8;
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

int main() {
    // Lives for the page's lifetime: the main loop never returns on the web.
    g_page = new Page;
    if (!start(*g_page)) {
        return 1;  // start() already told the page why
    }
    emscripten_set_main_loop_arg(run_frame, g_page, 0, true);
    return 0;
}
