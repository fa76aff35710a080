// The App: owns the dashboard state (loaded files, policy, as-of date, cached results, UI
// state) and connects it to the platform layer; the panels in src/ui draw it.
#include "app.h"

#include <imgui.h>

#include <nlohmann/json.hpp>

#include "dashboard.h"
#include "panels.h"
#include "platform.h"
#include "summary_json.h"

namespace it2 {

struct App::Impl {
    ui::Dashboard dashboard;
};

App::App() : impl_(new Impl) {
    ui::PlatformActions& actions = impl_->dashboard.actions;
    actions.can_render = [](char32_t c) { return platform::can_render(c); };
    if (platform::has_demo()) actions.load_demo = [] { platform::request_demo_load(); };
    // Open files / folder, download, print and remembered settings are not in platform.h yet:
    // their buttons stay visibly disabled (see src/ui/platform_needs.md).
}

App::~App() { delete impl_; }

std::string App::load_file(const std::string& name, std::string_view bytes) {
    std::string status;
    int problems = 0;
    impl_->dashboard.load(name, bytes, &status, &problems);
    nlohmann::json result = {{"file", name}, {"status", status}, {"problems", problems}};
    return result.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void App::clear() { impl_->dashboard.clear(); }

std::string App::summary_json(const std::string& as_of) {
    ui::Dashboard& d = impl_->dashboard;
    d.refresh();
    if (as_of.empty() || as_of == d.as_of) return it2::summary_json(d.summary, Lang::zh);
    return it2::summary_json(compute(d.workspace, d.merged, d.policy, as_of), Lang::zh);
}

bool App::set_view(const std::string& view, const std::string& arg) { return impl_->dashboard.set_view(view, arg); }

std::string App::state_json() const {
    impl_->dashboard.refresh();
    return impl_->dashboard.state_json();
}

void App::draw() { ui::draw_dashboard(impl_->dashboard); }

}  // namespace it2
