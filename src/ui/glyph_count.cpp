#include "glyph_count.h"

#include <imgui.h>

#include <set>
#include <vector>

#include "catalog.h"
#include "utf8.h"

namespace it2::ui {

namespace {

// The distinct code points of some text: a bit per BMP character (names and messages are
// nearly all BMP, and a province has millions of them), a set for the rest.
struct CodePoints {
    std::vector<bool> bmp = std::vector<bool>(0x10000);
    std::set<char32_t> beyond;
    void insert(char32_t c) {
        if (c < 0x10000) bmp[c] = true;
        else beyond.insert(c);
    }
    std::vector<char32_t> list() const {
        std::vector<char32_t> out;
        for (char32_t c = 0; c < 0x10000; ++c)
            if (bmp[c]) out.push_back(c);
        out.insert(out.end(), beyond.begin(), beyond.end());
        return out;
    }
};

// Every printable code point of the text (invalid bytes become U+FFFD, counted as missing).
void collect_code_points(std::string_view s, CodePoints& out) {
    for (size_t i = 0; i < s.size();) {
        const char32_t cp = next_utf8(s, i);
        if (cp >= 0x20) out.insert(cp);
    }
}

}  // namespace

int count_missing_glyphs(const Dashboard& d) {
    CodePoints chars;
    for (int i = 0; i < kStrCount; ++i) collect_code_points(tr(Str(i), d.lang), chars);
    for (const SchoolResult& s : d.summary.schools) {
        collect_code_points(s.name, chars);
        collect_code_points(s.stage, chars);
    }
    for (const BatchInfo& b : d.batches) collect_code_points(b.name, chars);
    for (const TeacherResult& t : d.summary.teachers) {
        const Teacher* rec = d.record(t);
        if (!rec) continue;
        collect_code_points(rec->name, chars);
        collect_code_points(rec->subject, chars);
        collect_code_points(rec->role, chars);
    }
    for (const FileEntry& f : d.workspace.files) {
        collect_code_points(f.name, chars);
        if (!f.data) continue;
        for (const Activity& a : f.data->activities) collect_code_points(a.title, chars);
    }
    for (int i = 0; i < d.problem_count(); ++i) collect_code_points(d.problem(i).message(d.lang), chars);
    for (const PointInfo& p : catalog()) collect_code_points(d.lang == Lang::zh ? p.name_zh : p.name_en, chars);

    ImFont* font = ImGui::GetCurrentContext() ? ImGui::GetFont() : nullptr;
    int missing = 0;
    for (char32_t c : chars.list()) {
        if (c == 0xFFFD) {
            ++missing;
            continue;
        }
        bool ok;
        if (d.actions.can_render) {
            ok = d.actions.can_render(c);
        } else if (!font) {
            ok = false;
        } else if (c > IM_UNICODE_CODEPOINT_MAX) {
            ok = false;  // ImWchar too narrow for this plane in this build
        } else {
            ok = font->IsGlyphInFont(ImWchar(c));
        }
        if (!ok) ++missing;
    }
    return missing;
}

}  // namespace it2::ui
