// The browser (and native) glue behind one small header. One implementation per target,
// chosen by CMake: platform_web.cpp (Emscripten page) and platform_native.cpp (does nothing
// useful on desktop). Callers never write #ifdef __EMSCRIPTEN__.
//
// Threading: everything here is called from the main (UI) thread only.
#pragma once

#include <string>

namespace it2::platform {

// ---- fonts ------------------------------------------------------------------------------
// Loads the page's embedded CJK font (Noto Sans CJK SC subset) into ImGui's font atlas at
// `size_pixels`, with a fallback that asks the browser to draw any character the embedded font
// lacks (rare name characters: Ext-A, Ext-B…). Call once after ImGui::CreateContext().
// Returns false when the page carries no font (ImGui's built-in font is used instead).
bool setup_fonts(float size_pixels);

// True when the fonts in use can draw `codepoint`: the embedded font has it, or the browser's
// own fonts do (through the fallback above). App uses this to count "missingGlyphs" over the
// UI strings and the loaded data. Control characters (< U+0020) count as renderable.
// Cost: a table lookup for characters in the embedded font; otherwise one canvas probe the
// first time a character is asked (cached afterwards), so ask per new string, not per frame.
bool can_render(char32_t codepoint);

// ---- demo data ----------------------------------------------------------------------------
// True when the page embeds the demo district (data/demo/*.json at build time).
bool has_demo();
// Asks the page to load the embedded demo files. They arrive later, one App::load_file() call
// per file, outside ImGui's frame (not synchronously inside the caller's frame).
void request_demo_load();

// ---- clipboard ----------------------------------------------------------------------------
// Puts UTF-8 text on the system clipboard (the browser may ask the user or refuse; silent then).
void set_clipboard_text(const std::string& utf8);

// ---- text input (input methods) ----------------------------------------------------------
// Called when ImGui's text-input state changes (its Platform_SetImeDataFn). While an ImGui text
// field is active the page focuses a hidden <textarea> placed at the text cursor (x, y, in CSS
// pixels, top-left of the line), so that an input method (拼音) composes there and its
// candidate window appears next to the field; each committed string goes to ImGui
// (io.AddInputCharactersUTF8). SDL 2.26 on the web never delivers such text itself.
void set_text_input(bool active, float x, float y, float line_height);

// ---- page life ----------------------------------------------------------------------------
// Called once after the first frame was presented: hides the loading message and resolves
// `it2.ready` in the page.
void notify_first_frame();

// A start-up milestone for it2.timings() (ms since navigation start under `milestone`), so the
// time to the first frame can be split into its steps (bench/browser_bench.mjs prints them).
void mark_startup(const char* milestone);

// Called when the page cannot start (no WebGL2 context, …): the page replaces the loading
// message with `message` and a hint, instead of leaving a blank window.
void report_fatal(const std::string& message);

}  // namespace it2::platform
