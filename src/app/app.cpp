// The App: owns the dashboard state (loaded files, policy, as-of date, cached results, UI
// state) and connects it to the platform layer; the panels in src/ui draw it.
#include "app.h"

#include <imgui.h>

#include <nlohmann/json.hpp>

#include "app_files.h"
#include "csv_import.h"
#include "dashboard.h"
#include "page_files.h"
#include "page_probe.h"
#include "page_views.h"
#include "panels.h"
#include "platform.h"
#include "school_page.h"
#include "summary_json.h"
#include "table_export.h"
#include "tracker.h"
#include "widgets.h"
#include "xlsx_export.h"

namespace it2 {

struct App::Impl {
    Tracker tracker;  // the data; the dashboard draws it and keeps the view state
    ui::Dashboard dashboard{tracker};
    AppFiles files{dashboard};
    PageProbe probe;  // what the browser tests read (it2.state(), it2.drawnText())
};

App::App() : impl_(new Impl) {
    ui::PlatformActions& actions = impl_->dashboard.actions;
    actions.can_render = [](char32_t c) { return platform::can_render(c); };
    if (platform::has_demo()) actions.load_demo = [] { platform::request_demo_load(); };
    wire_files();
}

// Files in and out (issue 5): pickers, downloads, the report tab and the 文件管理 window.
void App::wire_files() {
    ui::Dashboard& d = impl_->dashboard;
    AppFiles& files = impl_->files;
    ui::PlatformActions& actions = d.actions;
    actions.open_files = [] { platform::open_file_picker(); };
    actions.open_folder = [] { platform::open_folder_picker(); };
    actions.save_file = [](const std::string& name, const std::string& bytes, const std::string& mime) {
        platform::save_download(name, bytes, mime);
    };
    actions.print_report = [&d, &files] {
        std::string html = files.report_html(d.view == ui::View::school ? d.school_id : "district");
        if (html.empty()) html = files.report_html("district");
        platform::open_html_in_new_tab(html);
    };
    actions.export_table = [&d, &files] {
        const std::string table = ui::current_table(d);
        platform::save_download("it2-" + table + "-" + d.as_of + ".csv", files.export_csv(table), "text/csv;charset=utf-8");
    };
    actions.export_xlsx = [&d] {
        d.refresh();
        std::string error;
        std::string book = xlsx_summary_workbook(d.summary, d.policy, d.lang, error);
        if (book.empty()) d.notice = ui::format(ui::tr(ui::Str::export_xlsx_failed, d.lang), error.c_str());
        else platform::save_download("it2-" + d.as_of + ".xlsx", book, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    };
    actions.manage_files = [&files] { files.window.open = true; };
    ui::FilesWindow& w = files.window;
    w.remove = [&files](const std::string& name) { files.remove(name); };
    w.clear_all = [&files] { files.clear(); };
    w.open_workspace = [] { platform::open_file_picker(); };
    w.save_workspace = [&d, &files] {
        files.save_workspace("it2-workspace-" + d.as_of + ".json");
    };
    w.export_school = [&d, &files] {
        if (d.school_id.empty()) return;
        platform::save_download("it2-school-" + d.school_id + "-" + d.as_of + ".json", files.school_workspace_file(d.school_id),
                                "application/json");
    };
    actions.export_school_page = [this, &d] {
        std::string file_name, error;
        const std::string html = school_page(d.school_id, file_name, error);
        if (html.empty()) d.notice = ui::format(ui::tr(ui::Str::school_page_failed, d.lang), error.c_str());
        else platform::save_download(file_name, html, "text/html;charset=utf-8");
    };
    w.download_template = [] { platform::save_download("it2-template.csv", csv_template(), "text/csv;charset=utf-8"); };
}

App::~App() { delete impl_; }

std::string App::load_file(const std::string& name, std::string_view bytes) { return impl_->files.load(name, bytes); }

void App::clear() { impl_->files.clear(); }

AppFiles& App::files() { return impl_->files; }

std::string App::summary_json(const std::string& as_of) {
    // The same Tracker code as `it2 summarize --json`: byte-identical for the same inputs.
    return impl_->tracker.summary_json(as_of, Lang::zh);
}

std::string App::school_page(const std::string& school_id, std::string& file_name, std::string& error) {
    ui::Dashboard& d = impl_->dashboard;
    d.refresh();
    const SchoolResult* school = d.school(school_id);
    if (school == nullptr) {
        error = "no school " + school_id + " is loaded";
        return "";
    }
    const std::string page = platform::page_html();
    if (page.empty()) {
        error = "this page cannot give its own HTML (it is not the bundled page)";
        return "";
    }
    const SchoolPageData data{school_id, school->name, d.as_of, impl_->files.school_workspace_file(school_id, d.as_of)};
    file_name = school_page_stem(data.school_name, data.data_date) + ".html";
    return school_page_html(page, data, error);
}

void App::show_own_school(const std::string& id, const std::string& name, const std::string& date) {
    ui::Dashboard& d = impl_->dashboard;
    d.own_school = {id, name, date};
    d.open_school(id);
}

bool App::set_view(const std::string& view, const std::string& arg) { return open_view(impl_->dashboard, view, arg); }

std::string App::state_json() const {
    impl_->dashboard.refresh();
    impl_->files.settle_notice();
    return impl_->probe.state_json(impl_->dashboard);
}

std::string App::drawn_text_json() { return impl_->probe.drawn_text_json(); }

std::string App::format_value(const std::string& kind, const std::string& text, double a, double b) const {
    return PageProbe::format_value(impl_->dashboard, kind, text, a, b);
}

void App::draw() {
    impl_->probe.begin_frame();
    ui::draw_dashboard(impl_->dashboard);
    impl_->files.after_frame();
    ui::touch_long_press();
    impl_->probe.end_frame(ui::tooltip_drawn());
}

}  // namespace it2
