// platform.h for the Emscripten page. The JS halves live in web/page.js (`Module.it2Page`);
// the EM_JS functions below are thin calls into it.
#include "platform.h"

#include <emscripten/emscripten.h>
#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>

// ---- JS side (web/page.js) -------------------------------------------------------------------
// Copies the embedded font into a malloc'd buffer; returns 0 when the page has none.
EM_JS(unsigned char*, it2_js_font_bytes, (int* size_out), {
    const bytes = Module.it2Page ? Module.it2Page.takeFontBytes() : null;
    if (!bytes || bytes.length === 0) { HEAP32[size_out >> 2] = 0; return 0; }
    const ptr = _malloc(bytes.length);
    HEAPU8.set(bytes, ptr);
    HEAP32[size_out >> 2] = bytes.length;
    return ptr;
});

EM_JS(int, it2_js_browser_has_glyph, (unsigned codepoint), {
    return Module.it2Page && Module.it2Page.browserHasGlyph(codepoint) ? 1 : 0;
});

// Draws one character with the browser's fonts into an alpha bitmap (malloc'd, width*height).
EM_JS(unsigned char*, it2_js_rasterize_glyph,
      (unsigned codepoint, float size_px, float ascent_px, int height_px, int* width_out, float* advance_out), {
    const glyph = Module.it2Page ? Module.it2Page.rasterizeGlyph(codepoint, size_px, ascent_px, height_px) : null;
    if (!glyph) { HEAP32[width_out >> 2] = 0; HEAPF32[advance_out >> 2] = 0; return 0; }
    HEAP32[width_out >> 2] = glyph.width;
    HEAPF32[advance_out >> 2] = glyph.advance;
    if (glyph.width === 0) return 0;
    const ptr = _malloc(glyph.alpha.length);
    HEAPU8.set(glyph.alpha, ptr);
    return ptr;
});

EM_JS(int, it2_js_has_demo, (), { return Module.it2Page && Module.it2Page.hasDemo() ? 1 : 0; });
EM_JS(void, it2_js_request_demo_load, (), { if (Module.it2Page) Module.it2Page.requestDemoLoad(); });
EM_JS(void, it2_js_set_clipboard_text, (const char* text), {
    if (Module.it2Page) Module.it2Page.setClipboardText(UTF8ToString(text));
});
EM_JS(void, it2_js_set_text_input, (int active, float x, float y, float line_height), {
    if (Module.it2Page) Module.it2Page.setTextInput(active !== 0, x, y, line_height);
});
EM_JS(void, it2_js_report_fatal, (const char* message), {
    if (Module.it2Page) Module.it2Page.fail(UTF8ToString(message));
});
EM_JS(void, it2_js_first_frame, (), { if (Module.it2Page) Module.it2Page.firstFrame(); });
EM_JS(void, it2_js_mark_startup, (const char* name), { if (Module.it2Page) Module.it2Page.mark(UTF8ToString(name)); });

namespace it2::platform {
namespace {

// ---- browser fallback font -------------------------------------------------------------------
// An ImFontLoader merged after the embedded font: ImGui 1.92 asks it for any character the
// embedded font lacks, at the size and density in use, and it returns the browser's rendering.

bool browser_font_contains_glyph(ImFontAtlas*, ImFontConfig*, ImWchar codepoint) {
    return it2_js_browser_has_glyph(unsigned(codepoint)) != 0;
}

bool browser_font_load_glyph(ImFontAtlas* atlas, ImFontConfig* src, ImFontBaked* baked, void*,
                             ImWchar codepoint, ImFontGlyph* out_glyph, float* out_advance_x) {
    if (it2_js_browser_has_glyph(unsigned(codepoint)) == 0) return false;
    const float density = src->RasterizerDensity * baked->RasterizerDensity;
    const float size_px = baked->Size * density;
    const float ascent_px = baked->Ascent * density;
    const int height_px = int(std::ceil((baked->Ascent - baked->Descent) * density)) + 1;

    int width_px = 0;
    float advance_px = 0.0f;
    unsigned char* alpha = it2_js_rasterize_glyph(unsigned(codepoint), size_px, ascent_px, height_px,
                                                  &width_px, &advance_px);
    if (out_advance_x != nullptr) {  // metrics-only mode (very large sizes)
        std::free(alpha);
        *out_advance_x = advance_px / density;
        return advance_px > 0.0f;
    }
    out_glyph->Codepoint = codepoint;
    out_glyph->AdvanceX = advance_px / density;
    if (alpha == nullptr || width_px <= 0) {  // blank glyph (a space): advance only
        std::free(alpha);
        return advance_px > 0.0f;
    }
    const ImFontAtlasRectId pack_id = ImFontAtlasPackAddRect(atlas, width_px, height_px);
    if (pack_id == ImFontAtlasRectId_Invalid) {
        std::free(alpha);
        return false;
    }
    ImTextureRect* rect = ImFontAtlasPackGetRect(atlas, pack_id);
    // The bitmap's top row is the line's top (the baseline sits at ascent_px).
    out_glyph->X0 = 0.0f;
    out_glyph->Y0 = 0.0f;
    out_glyph->X1 = float(width_px) / density;
    out_glyph->Y1 = float(height_px) / density;
    out_glyph->Visible = true;
    out_glyph->PackId = pack_id;
    ImFontAtlasBakedSetFontGlyphBitmap(atlas, baked, src, out_glyph, rect, alpha, ImTextureFormat_Alpha8, width_px);
    std::free(alpha);
    return true;
}

ImFontLoader make_browser_font_loader() {
    ImFontLoader loader;
    loader.Name = "browser canvas";
    loader.FontSrcContainsGlyph = browser_font_contains_glyph;
    loader.FontBakedLoadGlyph = browser_font_load_glyph;
    return loader;
}

// ImGui keeps a pointer to the loader for the atlas's lifetime (the whole page).
const ImFontLoader g_browser_font_loader = make_browser_font_loader();

}  // namespace

bool setup_fonts(float size_pixels) {
    ImGuiIO& io = ImGui::GetIO();
    int font_size = 0;
    unsigned char* font_bytes = it2_js_font_bytes(&font_size);
    if (font_bytes == nullptr) return false;

    ImFontConfig embedded;
    embedded.FontDataOwnedByAtlas = true;  // malloc'd above; ImGui frees it with the atlas
    // No horizontal oversampling: ImGui's automatic 2x (for sizes up to 36 px) doubles the
    // rasterizing of every CJK glyph, most of the first frame's work, for sub-pixel placement
    // that square CJK glyphs do not show; HiDPI screens get their texels from the density.
    embedded.OversampleH = 1;
    embedded.OversampleV = 1;
    std::snprintf(embedded.Name, sizeof(embedded.Name), "Noto Sans CJK SC (subset)");
    if (io.Fonts->AddFontFromMemoryTTF(font_bytes, font_size, size_pixels, &embedded) == nullptr) {
        std::free(font_bytes);
        return false;
    }
    ImFontConfig fallback;
    fallback.MergeMode = true;
    fallback.FontLoader = &g_browser_font_loader;
    std::snprintf(fallback.Name, sizeof(fallback.Name), "browser fonts (fallback)");
    io.Fonts->AddFont(&fallback);
    return true;
}

bool can_render(char32_t codepoint) {
    if (codepoint < 0x20) return true;
    if (ImGui::GetCurrentContext() == nullptr) return false;
    ImFont* font = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    return font != nullptr && font->IsGlyphInFont(ImWchar(codepoint));
}

bool has_demo() { return it2_js_has_demo() != 0; }

void request_demo_load() { it2_js_request_demo_load(); }

void set_clipboard_text(const std::string& utf8) { it2_js_set_clipboard_text(utf8.c_str()); }

void set_text_input(bool active, float x, float y, float line_height) {
    it2_js_set_text_input(active ? 1 : 0, x, y, line_height);
}

void notify_first_frame() { it2_js_first_frame(); }

void mark_startup(const char* milestone) { it2_js_mark_startup(milestone); }

void report_fatal(const std::string& message) { it2_js_report_fatal(message.c_str()); }

}  // namespace it2::platform
