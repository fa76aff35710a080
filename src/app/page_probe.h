// The page probe: what the browser tests read through it2.state() (the view and its scope,
// filters and sort, the numbers the cards show with their text, row counts, where widgets were
// drawn, counters of rebuilds and the refresh's steps) and it2.drawnText() (the text the panels
// submitted to ImGui in the last frame, by region: ui::DrawnFrame in widgets.h). Kept out of
// the Dashboard, which only draws; the page's C exports call it through App.
#pragma once

#include <chrono>
#include <string>

#include "dashboard.h"
#include "widgets.h"

namespace it2 {

class PageProbe {
public:
    // Around each frame: the widgets record what they draw into this frame's record.
    // `tooltip_shown`: a tooltip was drawn this frame.
    void begin_frame();
    void end_frame(bool tooltip_shown);

    // JSON for it2.state(); builds the school view's rows first when their count is reported.
    std::string state_json(ui::Dashboard& d) const;

    // JSON for it2.drawnText(): {"frame": N, "items": [{"region", "window", "text", "column", "rect"}]},
    // the last whole frame drawn while text was recorded (frame 0, no items: none yet). The
    // first call turns the recording on; the next frame has the text.
    std::string drawn_text_json();

    // A value formatted by the function the panels use, for tests to compare with what was
    // drawn: kind "rate" (a fraction, NaN for none), "score", "hours" (value, target),
    // "count", "status" (a teacher status key in `text`). "" for an unknown kind.
    static std::string format_value(const ui::Dashboard& d, const std::string& kind, const std::string& text, double a, double b);

private:
    ui::DrawnFrame drawing_;  // the frame being drawn
    ui::DrawnFrame drawn_;    // the last whole frame
    bool record_text_ = false;
    int text_frames_ = 0;  // frames drawn with text recorded
    // The frame counters it2.state() reports: frames drawn, the last one's build time, its tooltip.
    int frames_ = 0;
    double last_draw_ms_ = 0;
    bool tooltip_shown_ = false;
    std::chrono::steady_clock::time_point frame_started_;
};

}  // namespace it2
