// The one page the browser's main loop owns (web_main.cpp), shared with the C functions the
// page's `window.it2` hook calls (web_exports.cpp).
#pragma once

#include <SDL.h>

#include <string>

#include "app.h"

namespace it2::web {

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

// The exported C functions (web_exports.cpp) are called by the page's JS outside the frame;
// they need the one Page the main loop owns.
extern Page* g_page;

// Hands the events SDL has queued (keys, mouse, typed ASCII) to ImGui's input queue, in order.
// The frame does this first; so does text that reaches ImGui outside SDL (an input method's
// committed text, a paste), before adding itself: otherwise a key pressed just before it (Ctrl+A)
// would reach ImGui after it, at the next frame.
void pump_sdl_events();

// Hands a string to JS: malloc'd copy that it2.js frees with it2_free_string.
char* to_js_string(const std::string& text);

}  // namespace it2::web
