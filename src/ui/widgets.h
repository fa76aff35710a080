// Drawing helpers shared by the panels: the colour meanings, number formats, rate cards,
// bars, chips and a layout that wraps on narrow screens. No state lives here, except the
// page probe's record of what they drew (DrawnFrame), set by the app around each frame.
#pragma once

#include <imgui.h>

#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dashboard.h"
#include "vocabulary.h"

namespace it2::ui {

// One meaning per colour, everywhere (legend in the help view): the values are the core
// vocabulary's (core/vocabulary.h), which the printed report uses too.
constexpr ImU32 im_colour(vocab::Rgb c) { return IM_COL32(c.r, c.g, c.b, 255); }
namespace colour {
constexpr ImU32 excellent = im_colour(vocab::colour::excellent);      // 优秀: blue
constexpr ImU32 passed = im_colour(vocab::colour::passed);            // 合格: green
constexpr ImU32 failed = im_colour(vocab::colour::failed);            // 未达标 / 不合格 / lost file: red
constexpr ImU32 awaiting = im_colour(vocab::colour::awaiting);        // 待评审: purple
constexpr ImU32 in_progress = im_colour(vocab::colour::in_progress);  // 学习中: blue-grey
constexpr ImU32 not_started = im_colour(vocab::colour::not_started);  // 未开始 / 未提交: light grey
constexpr ImU32 at_risk = im_colour(vocab::colour::at_risk);          // 临期: orange
constexpr ImU32 record = im_colour(vocab::colour::record);            // 记录跳过: brown
constexpr ImU32 neutral = im_colour(vocab::colour::neutral);          // plain quantities (推进得分, counts)
constexpr ImU32 track = im_colour(vocab::colour::track);              // empty part of a bar
constexpr ImU32 text = im_colour(vocab::colour::text);
constexpr ImU32 text_weak = im_colour(vocab::colour::text_weak);
constexpr ImU32 white = im_colour(vocab::colour::white);
}  // namespace colour

void apply_light_theme();

ImU32 status_colour(TeacherStatus s);
ImU32 status_text_colour(TeacherStatus s);  // readable text on status_colour
Str status_label(TeacherStatus s);
ImU32 grade_colour(Grade g, PointStatus st);
Str grade_label(Grade g, PointStatus st);

std::string format(const char* templ, ...) IM_FMTARGS(1);
std::string format_rate(const std::optional<double>& rate, Lang lang);  // "97.0%" or "—"
std::string format_number(double v);                                    // "12.5", "12"
std::string format_score(double score);                                 // 推进得分: "87.5"

// Text right-aligned in the remaining width of the current cell or line.
void text_right(const std::string& s);
void text_coloured(ImU32 c, const char* s);
// A bar of `fraction` (0..1) filled with `fill`, with `label` drawn over it.
void bar(float fraction, ImU32 fill, const char* label, float width, float height = 0);
// A small coloured label box; returns true when clicked if `clickable`.
void chip(const char* label, ImU32 fill, ImU32 text_colour);
void legend_item(ImU32 c, const char* label);
// Stacked bar of the status counts (excellent … in_progress).
void status_stack(const std::array<int, kTeacherStatusCount>& counts, float width, float height, Lang lang);

// Narrow screen (phone portrait): fewer columns, stacked layout.
bool narrow();
// The smallest comfortable fingertip target on a phone, in CSS pixels (issue 12).
constexpr float kTouchTarget = 40.0f;
// Inside an open menu or combo list, around its entries (pop before EndCombo/EndPopup): on a
// phone each entry becomes a 40 px touch target (the item spacing is part of a selectable's
// hit box); elsewhere nothing changes.
void push_touch_list();
void pop_touch_list();
// SameLine() if an item `next_width` wide still fits on this line, else a new line.
void flow(float next_width);
float button_width(const char* label);

// Drag-to-scroll for touch screens in the current window.
void touch_scroll();

// Touch screens have no hover: a finger held still on an item for half a second shows its
// tooltip, and lifting it then does not press the item. Call once a frame, after every item.
void touch_long_press();
// Whether a tooltip was drawn this frame (for it2.state(); call after every item).
bool tooltip_drawn();

// Rate cards: five cards (participation … excellence) with their targets.
void rate_cards(const Dashboard& d, const Rates& r);

// A record's text (a view into its file, model.h: no terminating NUL), as ImGui::TextUnformatted.
inline void text_unformatted(std::string_view text) { ImGui::TextUnformatted(text.data(), text.data() + text.size()); }

// A clickable row cell that spans the table row (`height` 0: one line): returns true on click.
bool row_selectable(const char* id_label, float height = 0);

// Rows of different heights in a scrolling table: `top` holds each row's offset from the first
// row, plus the total height at the end. Draws only the rows on screen with draw_row(r); the
// others become one empty row of their height above and one below (two where needed to keep
// the rows' alternating colours in step). Call after TableHeadersRow().
void table_rows_on_screen(const std::vector<float>& top, const std::function<void(int)>& draw_row);

// InputText on a std::string (the buffer grows as needed). Returns true when edited.
bool input_text(const char* label, std::string& text, const char* hint = nullptr, float width = 0);

// A cell for TSV: tabs and line breaks inside become spaces, so rows stay rows in Excel.
std::string tsv_cell(std::string_view text);

// ---- what was drawn (the page probe's record, src/app/page_probe.h) ----------------------
// The text the widgets below submitted this frame (only items on screen: a clipped table row
// is not there), each with the region it belongs to (a panel's part, e.g. "card:pass_rate")
// and the ImGui window it was drawn in (a scrolling table is a window of its own, named after
// the table) with the table column's header; and named rectangles of widgets. Browser tests compare the text with the summary.
struct DrawnText {
    std::string region, window, text;
    std::string column;  // in a table: the header of its column, else ""
    std::array<float, 4> rect;  // x, y, w, h in CSS pixels
};
struct DrawnFrame {
    bool record_text = false;  // text costs a string per item: kept only while tests ask
    std::vector<DrawnText> text;
    std::map<std::string, std::array<float, 4>> rects;
};
// Where this frame's record goes (nullptr: nowhere); the app sets it around each frame.
void record_drawn(DrawnFrame* frame);
// For text drawn straight to a draw list: records `text` as the last item's (if it is on screen).
void note_drawn(std::string_view text);
// A region of the drawn text for the lifetime of this object (regions nest: "cards/…").
class DrawnRegion {
public:
    explicit DrawnRegion(const std::string& name);
    ~DrawnRegion();
    DrawnRegion(const DrawnRegion&) = delete;
    DrawnRegion& operator=(const DrawnRegion&) = delete;
};
// Records the last item's rectangle under `name` (read by browser tests through it2.state()).
// `d` is not used: the rectangle goes to the probe's record.
void remember_rect(Dashboard& d, const char* name);
void remember_rect(const char* name, ImVec2 min, ImVec2 size);

// A stretch column's weight: `weight` (1.0 = about three characters) or more when its header
// (plus the sort arrow) needs it, so headers are never cut.
float column_weight(const char* header, float weight);

// Text wrapped where Chinese allows (core/line_break.h): between CJK characters, never before
// ，。）》 or after （《, Latin words and numbers whole. ImGui's own wrap breaks only at spaces,
// 、 and 。. `width` 0: up to the wrap position (PushTextWrapPos) or the right edge of the content
// region, as ImGui::TextWrapped. Drawn as one item, so hover and tooltips work on it.
void text_wrapped(std::string_view text, float width = 0);
// The lines `text` takes at `width` with the current font (a row's height before it is drawn).
int wrapped_line_count(std::string_view text, float width);
// The first line of `text` at `width`, with "…" when more follows (cells one line high).
void text_one_line(std::string_view text, float width = 0);

// A tooltip for the last item with `text` wrapped, never wider than the screen (a 390 px phone
// included): use it for any tooltip longer than a few words.
void tooltip_wrapped(const char* text);

}  // namespace it2::ui
