// The application: owns the loaded workspace, the policy, the as-of date and the cached
// results; the UI panels read from it. Wired to the browser by src/platform/web_main.cpp (and web_exports.cpp) and the page's
// `window.it2` hook. Everything that depends on the data is recomputed only when the data,
// the policy, the date, filters or sort change: never per frame.
#pragma once

#include <string>
#include <string_view>

namespace it2 {

class AppFiles;

class App {
public:
    App();
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // A file from the page (picker, drop, folder, demo) or the hook. Returns a JSON object
    // {"file": name, "status": "loaded|partial|rejected|replaced|policy", "problems": N}.
    std::string load_file(const std::string& name, std::string_view bytes);
    void clear();

    // format.md §4 JSON for the loaded files, the policy in force and `as_of` ("" = the
    // app's current as-of date).
    std::string summary_json(const std::string& as_of);

    // Switch panel and scope, e.g. ("school", "500110-0012"). Returns false if unknown.
    bool set_view(const std::string& view, const std::string& arg);

    // JSON for it2.state(): at least {"view", "frames", "missingGlyphs", ...}.
    std::string state_json() const;
    // JSON for it2.drawnText(): the text the panels drew last frame (src/app/page_probe.h).
    std::string drawn_text_json();
    // A value as the panels format it (PageProbe::format_value), for it2.format().
    std::string format_value(const std::string& kind, const std::string& text, double a, double b) const;

    // Builds one ImGui frame (called between ImGui::NewFrame and ImGui::Render).
    void draw();

    // 导出本校页面: the principal's own page for `school_id` (core/school_page.h), built from the
    // page's own HTML; `file_name` receives "NAME-进度-DATE.html". "" with `error` set when it
    // cannot be built (an unknown school, a page that cannot give its HTML).
    std::string school_page(const std::string& school_id, std::string& file_name, std::string& error);
    // This page is a principal's own page (web/files.js, after opening its data): it says so in
    // the top bar and shows the school.
    void show_own_school(const std::string& id, const std::string& name, const std::string& date);

    // Files in and out: exports, workspace files, persistence (src/app/app_files.h).
    AppFiles& files();

private:
    struct Impl;
    Impl* impl_;
    void wire_files();
};

}  // namespace it2
