#include "widgets.h"

#include <imgui_internal.h>
#include <misc/cpp/imgui_stdlib.h>

#include <algorithm>
#include <cmath>
#include <cstdarg>
#include <cstdio>

#include "line_break.h"
#include "number_bar.h"

namespace it2::ui {

// ---- what was drawn (widgets.h) ---------------------------------------------------------------
namespace {

DrawnFrame* g_drawn = nullptr;      // the probe's record of this frame, or none
std::vector<std::string> g_regions;  // DrawnRegion's names, outermost first

bool recording_text() { return g_drawn != nullptr && g_drawn->record_text; }

void record_text(std::string_view text, ImVec2 min, ImVec2 max) {
    std::string region;
    for (const std::string& r : g_regions) region += (region.empty() ? "" : "/") + r;
    const char* column = ImGui::GetCurrentTable() != nullptr ? ImGui::TableGetColumnName() : nullptr;
    g_drawn->text.push_back({std::move(region), ImGui::GetCurrentWindow()->Name, std::string(text),
                             column != nullptr ? column : "", {min.x, min.y, max.x - min.x, max.y - min.y}});
}

// The last item's text, if that item is on screen this frame.
void drawn(std::string_view text) {
    if (!recording_text() || text.empty() || ImGui::GetCurrentWindow()->SkipItems || !ImGui::IsItemVisible()) return;
    record_text(text, ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

}  // namespace

void note_drawn(std::string_view text) { drawn(text); }

void push_touch_list() {
    if (!narrow()) return;
    const ImVec2 spacing = ImGui::GetStyle().ItemSpacing;
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(spacing.x, std::max(spacing.y, kTouchTarget - ImGui::GetTextLineHeight())));
}

void pop_touch_list() {
    if (narrow()) ImGui::PopStyleVar();
}

void record_drawn(DrawnFrame* frame) {
    g_drawn = frame;
    g_regions.clear();
}

DrawnRegion::DrawnRegion(const std::string& name) { g_regions.push_back(name); }
DrawnRegion::~DrawnRegion() { g_regions.pop_back(); }

void remember_rect(Dashboard&, const char* name) {
    const ImVec2 min = ImGui::GetItemRectMin(), max = ImGui::GetItemRectMax();
    remember_rect(name, min, ImVec2(max.x - min.x, max.y - min.y));
}

void remember_rect(const char* name, ImVec2 min, ImVec2 size) {
    if (g_drawn != nullptr) g_drawn->rects[name] = {min.x, min.y, size.x, size.y};
}

void apply_light_theme() {
    ImGui::StyleColorsLight();
    ImGuiStyle& style = ImGui::GetStyle();
    style.WindowRounding = 0;
    style.ChildRounding = 6;
    style.FrameRounding = 4;
    style.GrabRounding = 4;
    style.FramePadding = ImVec2(8, 5);
    style.ItemSpacing = ImVec2(8, 6);
    style.CellPadding = ImVec2(6, 4);
    style.ScrollbarSize = 16;
    ImVec4* c = style.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.965f, 0.969f, 0.973f, 1);
    c[ImGuiCol_ChildBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(colour::text);
    c[ImGuiCol_TextDisabled] = ImVec4(0.45f, 0.48f, 0.50f, 1);
    c[ImGuiCol_Border] = ImVec4(0.80f, 0.82f, 0.84f, 1);
    c[ImGuiCol_FrameBg] = ImVec4(1, 1, 1, 1);
    c[ImGuiCol_FrameBgHovered] = ImVec4(0.90f, 0.94f, 0.98f, 1);
    c[ImGuiCol_Button] = ImVec4(0.89f, 0.91f, 0.93f, 1);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.80f, 0.87f, 0.95f, 1);
    c[ImGuiCol_ButtonActive] = ImVec4(0.70f, 0.80f, 0.92f, 1);
    c[ImGuiCol_Header] = ImVec4(0.86f, 0.91f, 0.97f, 1);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.80f, 0.87f, 0.95f, 1);
    c[ImGuiCol_TableHeaderBg] = ImVec4(0.91f, 0.93f, 0.95f, 1);
    c[ImGuiCol_TableRowBgAlt] = ImVec4(0.96f, 0.97f, 0.98f, 1);
    c[ImGuiCol_FrameBgActive] = ImVec4(0.85f, 0.90f, 0.97f, 1);
    c[ImGuiCol_TextLink] = ImGui::ColorConvertU32ToFloat4(colour::neutral);  // links: dark, underlined
    style.FrameBorderSize = 1;
}

ImU32 status_colour(TeacherStatus s) { return im_colour(vocab::status_colour(s)); }
ImU32 status_text_colour(TeacherStatus s) { return im_colour(vocab::status_text_colour(s)); }
// Str and vocabulary terms share names (ui_strings.cpp maps one to the other).
Str status_label(TeacherStatus s) {
    switch (s) {
        case TeacherStatus::excellent: return Str::status_excellent;
        case TeacherStatus::passed: return Str::status_passed;
        case TeacherStatus::not_met: return Str::status_not_met;
        case TeacherStatus::awaiting_review: return Str::status_awaiting;
        case TeacherStatus::not_started: return Str::status_not_started;
        case TeacherStatus::in_progress: return Str::status_in_progress;
    }
    return Str::status_in_progress;
}

ImU32 grade_colour(Grade g, PointStatus st) { return im_colour(vocab::grade_colour(g, st)); }

Str grade_label(Grade g, PointStatus st) {
    if (st == PointStatus::graded) {
        if (g == Grade::excellent) return Str::grade_excellent;
        if (g == Grade::pass) return Str::grade_pass;
        if (g == Grade::fail) return Str::grade_fail;
    }
    if (st == PointStatus::submitted) return Str::point_submitted;
    return Str::point_selected;
}

std::string format(const char* templ, ...) {
    va_list args;
    va_start(args, templ);
    char small[256];
    va_list copy;
    va_copy(copy, args);
    int n = std::vsnprintf(small, sizeof small, templ, copy);
    va_end(copy);
    std::string out;
    if (n < 0) {
        va_end(args);
        return out;
    }
    if (n < int(sizeof small)) {
        out.assign(small, size_t(n));
    } else {
        out.resize(size_t(n) + 1);
        std::vsnprintf(out.data(), out.size(), templ, args);
        out.resize(size_t(n));
    }
    va_end(args);
    return out;
}

std::string format_rate(const std::optional<double>& rate, Lang lang) {
    if (!rate) return tr(Str::no_value, lang);
    return format("%.1f%%", *rate * 100.0);
}

std::string format_score(double score) { return format("%.1f", score); }

std::string format_number(double v) {
    if (std::fabs(v - std::round(v)) < 1e-9) return format("%.0f", v);
    return format("%.1f", v);
}

void text_right(const std::string& s) {
    float w = ImGui::CalcTextSize(s.c_str()).x;
    float avail = ImGui::GetContentRegionAvail().x;
    if (avail > w) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + avail - w);
    ImGui::TextUnformatted(s.c_str());
    drawn(s);
}

void text_coloured(ImU32 c, const char* s) {
    ImGui::PushStyleColor(ImGuiCol_Text, c);
    ImGui::TextUnformatted(s);
    ImGui::PopStyleColor();
    drawn(s);
}

void bar(float fraction, ImU32 fill, const char* label, float width, float height) {
    if (height <= 0) height = ImGui::GetTextLineHeight();
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    width = std::max(width, 8.0f);
    fraction = std::clamp(fraction, 0.0f, 1.0f);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + height), colour::track, 3);
    if (fraction > 0) dl->AddRectFilled(p, ImVec2(p.x + width * fraction, p.y + height), fill, 3);
    if (label && *label) {
        // Right-aligned label: white over the fill, dark over the track (two clipped passes),
        // so it reads wherever the fill ends.
        const ImVec2 ts = ImGui::CalcTextSize(label);
        const ImVec2 tp(std::max(p.x + 2, p.x + width - ts.x - 4), p.y + (height - ts.y) * 0.5f);
        const float split = p.x + width * fraction;
        dl->PushClipRect(p, ImVec2(split, p.y + height), true);
        dl->AddText(tp, colour::white, label);
        dl->PopClipRect();
        dl->PushClipRect(ImVec2(split, p.y), ImVec2(p.x + width, p.y + height), true);
        dl->AddText(tp, colour::text, label);
        dl->PopClipRect();
    }
    ImGui::Dummy(ImVec2(width, height));
    if (label) drawn(label);
}

void chip(const char* label, ImU32 fill, ImU32 text_colour) {
    ImVec2 ts = ImGui::CalcTextSize(label);
    ImVec2 pad(4, 1);
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImVec2 size(ts.x + pad.x * 2, ImGui::GetTextLineHeight());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), fill, 3);
    dl->AddText(ImVec2(p.x + pad.x, p.y + (size.y - ts.y) * 0.5f), text_colour, label);
    ImGui::Dummy(size);
    drawn(label);
}

void legend_item(ImU32 c, const char* label) {
    float h = ImGui::GetTextLineHeight();
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(p.x, p.y + h * 0.2f), ImVec2(p.x + h * 0.6f, p.y + h * 0.8f), c, 2);
    ImGui::Dummy(ImVec2(h * 0.6f, h));
    ImGui::SameLine(0, 4);
    ImGui::TextUnformatted(label);
    drawn(label);
}

void status_stack(const std::array<int, kTeacherStatusCount>& counts, float width, float height, Lang lang) {
    if (height <= 0) height = ImGui::GetTextLineHeight();
    if (width <= 0) width = ImGui::GetContentRegionAvail().x;
    int total = 0;
    for (int c : counts) total += c;
    ImVec2 p = ImGui::GetCursorScreenPos();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->AddRectFilled(p, ImVec2(p.x + width, p.y + height), colour::track);
    float x = p.x;
    if (total > 0) {
        for (TeacherStatus s : vocab::kStatusDrawOrder) {
            int n = counts[size_t(s)];
            if (n == 0) continue;
            float w = width * float(n) / float(total);
            dl->AddRectFilled(ImVec2(x, p.y), ImVec2(x + w, p.y + height), status_colour(s));
            x += w;
        }
    }
    ImGui::Dummy(ImVec2(width, height));
    if (total > 0 && ImGui::BeginItemTooltip()) {
        for (TeacherStatus s : vocab::kStatusDrawOrder) {
            legend_item(status_colour(s), format(tr(Str::fmt_status_count, lang), tr(status_label(s), lang),
                                                 counts[size_t(s)])
                                              .c_str());
        }
        ImGui::EndTooltip();
    }
}

bool narrow() { return ImGui::GetIO().DisplaySize.x < 700.0f; }

float button_width(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2;
}

void flow(float next_width) {
    float spacing = ImGui::GetStyle().ItemSpacing.x;
    float right = ImGui::GetItemRectMax().x + spacing + next_width;
    // The cursor is at the start of the next line here: its x plus the available width is the
    // right edge of the content region.
    float limit = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    if (right <= limit) ImGui::SameLine();
}

void touch_scroll() {
    ImGuiIO& io = ImGui::GetIO();
    if (io.MouseSource != ImGuiMouseSource_TouchScreen) return;
    if (!ImGui::IsWindowHovered(ImGuiHoveredFlags_AllowWhenBlockedByActiveItem)) return;
    if (!ImGui::IsMouseDragging(ImGuiMouseButton_Left, 8.0f)) return;
    // A finger that drags scrolls: whatever row it started on must not open when it lifts.
    if (ImGui::IsAnyItemActive()) {
        if (ImGuiWindow* active = ImGui::GetCurrentContext()->ActiveIdWindow; active && active != ImGui::GetCurrentWindow()) return;
        ImGui::ClearActiveID();
    }
    ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
}

void touch_long_press() {
    constexpr float kLongPressSeconds = 0.5f;
    const ImGuiIO& io = ImGui::GetIO();
    if (io.MouseSource != ImGuiMouseSource_TouchScreen || !io.MouseDown[ImGuiMouseButton_Left]) return;
    if (io.MouseDownDuration[ImGuiMouseButton_Left] < kLongPressSeconds) return;
    if (ImGui::IsMouseDragging(ImGuiMouseButton_Left, 8.0f) || io.WantTextInput) return;  // scrolling or typing
    // The item stays hovered, so its tooltip (past the hover delay by now) keeps showing.
    if (ImGui::IsAnyItemActive()) ImGui::ClearActiveID();
}

bool tooltip_drawn() {
    const ImGuiWindow* tooltip = ImGui::FindWindowByName("##Tooltip_00");
    return tooltip != nullptr && tooltip->Active;
}

void rate_cards(const Dashboard& d, const Rates& r) {
    const Lang lang = d.lang;
    struct Card {
        const char* key;  // the rate's key in the summary (format.md §4): the drawn text's region
        Str label;
        const std::optional<double>* value;
        double target;
    };
    const Card cards[] = {
        {"participation_rate", Str::rate_participation, &r.participation, 1.0},
        {"hours_rate", Str::rate_hours, &r.hours, 1.0},
        {"submission_rate", Str::rate_submission, &r.submission, 1.0},
        {"pass_rate", Str::rate_pass, &r.pass, 1.0},
        {"excellence_rate", Str::rate_excellence, &r.excellence, d.policy.excellence_target},
    };
    // Phone: three cards a row (two rows for five), a smaller value to save height.
    const bool compact = narrow();
    const int per_row = compact ? 3 : 5;
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float width = std::floor((avail - spacing * float(per_row - 1)) / float(per_row));
    const float line = ImGui::GetTextLineHeightWithSpacing();
    const float height = line * (compact ? 4.0f : 3.6f) + ImGui::GetStyle().WindowPadding.y * 2;
    for (int i = 0; i < 5; ++i) {
        const Card& c = cards[i];
        if (i % per_row != 0) ImGui::SameLine();
        ImGui::PushID(i);
        const DrawnRegion region(std::string("card:") + c.key);
        ImGui::BeginChild("card", ImVec2(width, height), ImGuiChildFlags_Borders,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
        text_coloured(colour::text_weak, tr(c.label, lang));
        ImGui::PushFont(nullptr, ImGui::GetStyle().FontSizeBase * (compact ? 1.35f : 1.6f));
        text_right(format_rate(*c.value, lang));
        ImGui::PopFont();
        std::string target = format(tr(Str::fmt_target, lang), c.target * 100.0);
        const double value = c.value->value_or(0.0);
        float fraction = c.target > 0 ? float(value / c.target) : 1.0f;
        // The target beside the bar (a phone's narrow card: under it), never across its fill (issue 12).
        if (compact) {
            bar(fraction, colour::neutral, nullptr, 0, line * 0.4f);
            ImGui::PushStyleColor(ImGuiCol_Text, colour::text_weak);
            text_right(target);
            ImGui::PopStyleColor();
        } else {
            number_bar(fraction, colour::neutral, target.c_str());
        }
        ImGui::EndChild();
        ImGui::PopID();
    }
}

bool row_selectable(const char* id_label, float height) {
    // No AllowOverlap: an overlappable item is hovered only from its second frame under the
    // pointer, which loses quick taps on touch screens (pointer moves and presses in one frame).
    const bool clicked = ImGui::Selectable(id_label, false, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, height));
    if (recording_text()) drawn(std::string_view(id_label, size_t(ImGui::FindRenderedTextEnd(id_label) - id_label)));
    return clicked;
}

void table_rows_on_screen(const std::vector<float>& top, const std::function<void(int)>& draw_row) {
    if (top.empty()) return;
    const int n = int(top.size()) - 1;
    const float scroll = ImGui::GetScrollY(), view_h = ImGui::GetWindowHeight();
    const int first = std::clamp(int(std::upper_bound(top.begin(), top.end(), scroll) - top.begin()) - 1, 0, n);
    const int last = std::clamp(int(std::lower_bound(top.begin(), top.end(), scroll + view_h) - top.begin()), first, n);
    auto stand_in = [](int rows, float height) {
        if (rows == 0) return;
        if (rows % 2 == 0) {
            ImGui::TableNextRow(ImGuiTableRowFlags_None, height / 2);
            ImGui::TableNextRow(ImGuiTableRowFlags_None, height - height / 2);
        } else {
            ImGui::TableNextRow(ImGuiTableRowFlags_None, height);
        }
    };
    stand_in(first, top[size_t(first)]);
    for (int r = first; r < last; ++r) draw_row(r);
    stand_in(n - last, top[size_t(n)] - top[size_t(last)]);
}

bool input_text(const char* label, std::string& text, const char* hint, float width) {
    if (width > 0) ImGui::SetNextItemWidth(width);
    return ImGui::InputTextWithHint(label, hint ? hint : "", &text);  // imgui_stdlib: the string grows as needed
}

std::string tsv_cell(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    }
    return out;
}

float column_weight(const char* header, float weight) {
    const float unit = ImGui::GetFontSize() * 3.0f;
    const float needed = ImGui::CalcTextSize(header).x + ImGui::GetStyle().CellPadding.x * 2 + ImGui::GetFontSize();
    return std::max(weight, needed / unit);
}

namespace {

// The current font's advances, for wrap_lines().
std::vector<TextLine> lines_at(std::string_view text, float width) {
    ImFontBaked* baked = ImGui::GetFontBaked();
    const float scale = ImGui::GetFontSize() / baked->Size;
    return wrap_lines(text, width, [&](uint32_t cp) { return baked->GetCharAdvance(ImWchar(cp)) * scale; });
}

// ImGui::TextWrapped's width: to the wrap position, or to the content region's right edge.
float wrap_width_here() {
    const ImGuiWindow* window = ImGui::GetCurrentWindow();
    const float wrap_pos = window->DC.TextWrapPos;
    return ImGui::CalcWrapWidthForPos(window->DC.CursorPos, wrap_pos < 0 ? 0.0f : wrap_pos);
}

// Lines as one item: one block `width` wide, one line height per line, no spacing between.
void draw_lines(std::string_view text, const std::vector<TextLine>& lines, const char* suffix) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    const float line_h = ImGui::GetTextLineHeight();
    float width = 0;
    for (const TextLine& line : lines) width = std::max(width, line.width);
    if (suffix) width += ImGui::CalcTextSize(suffix).x;
    const ImVec2 pos(window->DC.CursorPos.x, window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
    const ImVec2 size(width, line_h * float(std::max<size_t>(lines.size(), 1)));
    const ImRect bb(pos, ImVec2(pos.x + size.x, pos.y + size.y));
    ImGui::ItemSize(size, 0.0f);
    if (!ImGui::ItemAdd(bb, 0)) return;
    if (recording_text()) {
        std::string shown;  // the lines as drawn (a one-line cell: its first line and "…")
        for (const TextLine& line : lines) shown.append(text.data() + line.begin, text.data() + line.end);
        if (suffix) shown += suffix;
        record_text(shown, bb.Min, bb.Max);
    }
    const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
    const float clip_top = window->ClipRect.Min.y - line_h, clip_bottom = window->ClipRect.Max.y;
    for (size_t i = 0; i < lines.size(); ++i) {
        const float y = pos.y + line_h * float(i);
        if (y < clip_top || y > clip_bottom) continue;  // long help text: only what shows
        const char* begin = text.data() + lines[i].begin;
        window->DrawList->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x, y), col, begin,
                                  text.data() + lines[i].end);
        if (suffix && i + 1 == lines.size())
            window->DrawList->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(pos.x + lines[i].width, y), col, suffix);
    }
}

}  // namespace

void text_wrapped(std::string_view text, float width) {
    if (width <= 0) width = wrap_width_here();
    draw_lines(text, lines_at(text, width), nullptr);
}

int wrapped_line_count(std::string_view text, float width) {
    return std::max<int>(1, int(lines_at(text, width).size()));
}

void text_one_line(std::string_view text, float width) {
    if (width <= 0) width = wrap_width_here();
    std::vector<TextLine> lines = lines_at(text, width);
    if (lines.size() <= 1) return draw_lines(text, lines, nullptr);
    const char* ellipsis = "…";
    lines = lines_at(text, std::max(1.0f, width - ImGui::CalcTextSize(ellipsis).x));
    lines.resize(1);
    draw_lines(text, lines, ellipsis);
}

void tooltip_wrapped(const char* text) {
    if (ImGui::BeginItemTooltip()) {
        // 24 characters wide, or the screen less the tooltip's padding and a margin on a phone.
        const float screen = ImGui::GetIO().DisplaySize.x - ImGui::GetStyle().WindowPadding.x * 2 - 16.0f;
        text_wrapped(text, std::max(ImGui::GetFontSize() * 4, std::min(ImGui::GetFontSize() * 24.0f, screen)));
        ImGui::EndTooltip();
    }
}

}  // namespace it2::ui
