// The page's entry point: SDL2 window + WebGL2 (GLES3) context, Dear ImGui and the App, one
// frame per animation frame. The C functions the page's `window.it2` hook calls are in
// web_exports.cpp.
#include <SDL.h>
#include <SDL_opengles2.h>
#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl2.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "platform.h"
#include "vocabulary.h"
#include "web_page.h"

namespace it2::web {

Page* g_page = nullptr;

char* to_js_string(const std::string& text) {
    char* copy = static_cast<char*>(std::malloc(text.size() + 1));
    if (copy == nullptr) return nullptr;
    std::memcpy(copy, text.data(), text.size());
    copy[text.size()] = '\0';
    return copy;
}

void pump_sdl_events() {
    SDL_Event event;
    while (SDL_PollEvent(&event)) ImGui_ImplSDL2_ProcessEvent(&event);
}

}  // namespace it2::web

namespace {

using it2::web::g_page;
using it2::web::kFontSizePixels;
using it2::web::Page;
using it2::web::pump_sdl_events;

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
    pump_sdl_events();

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    ImGui::NewFrame();
    page.app.draw();
    ImGui::Render();
    if (!page.first_frame_reported) it2::platform::mark_startup("firstFrameBuilt");

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
    it2::platform::mark_startup("sdlInit");
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
    // No title: SDL would write it over the page's own <title> (web/page.html's, or the school's
    // name and data date on a principal's page, core/school_page.h).
    page.window = SDL_CreateWindow(nullptr, SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
                                   1280, 800,
                                   SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (page.window == nullptr) {
        it2::platform::report_fatal(std::string("No window: ") + SDL_GetError());
        return false;
    }
    it2::platform::mark_startup("windowReady");
    page.gl_context = SDL_GL_CreateContext(page.window);
    if (page.gl_context == nullptr) {
        it2::platform::report_fatal(std::string("No WebGL2 context: ") + SDL_GetError());
        return false;
    }
    SDL_GL_MakeCurrent(page.window, page.gl_context);
    it2::platform::mark_startup("sdlReady");

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
    it2::platform::mark_startup("fontsReady");
    return true;
}

}  // namespace


int main() {
    // Lives for the page's lifetime: the main loop never returns on the web.
    it2::platform::mark_startup("mainStarted");
    g_page = new Page;
    it2::platform::mark_startup("appReady");
    if (!start(*g_page)) {
        return 1;  // start() already told the page why
    }
    emscripten_set_main_loop_arg(run_frame, g_page, 0, true);
    return 0;
}
