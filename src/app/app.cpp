// Placeholder App so the page pipeline can link before the dashboard lands: shows the
// title and the loaded counts. Replaced by the real panels in src/ui.
#include "app.h"

#include <imgui.h>

#include "metrics.h"
#include "summary_json.h"

namespace it2 {

struct App::Impl {
    Workspace workspace;
    Merged merged;
    Policy policy;
    Summary summary;
    std::string as_of = today_iso();
    std::string view = "district";
    int frames = 0;

    void recompute() {
        merged = merge(workspace);
        summary = compute(workspace, merged, policy, as_of);
    }
};

App::App() : impl_(new Impl) {}
App::~App() { delete impl_; }

std::string App::load_file(const std::string& name, std::string_view bytes) {
    const FileEntry& entry = impl_->workspace.add(name, bytes);
    std::string status = file_status_key(entry.status);
    size_t problems = entry.problems.size();
    impl_->recompute();
    return "{\"file\":" + nlohmann::json(name).dump() + ",\"status\":\"" + status +
           "\",\"problems\":" + std::to_string(problems) + "}";
}

void App::clear() {
    impl_->workspace.clear();
    impl_->recompute();
}

std::string App::summary_json(const std::string& as_of) {
    if (as_of.empty() || as_of == impl_->as_of) return it2::summary_json(impl_->summary, Lang::zh);
    return it2::summary_json(compute(impl_->workspace, impl_->merged, impl_->policy, as_of), Lang::zh);
}

bool App::set_view(const std::string& view, const std::string&) {
    impl_->view = view;
    return true;
}

std::string App::state_json() const {
    return "{\"view\":\"" + impl_->view + "\",\"frames\":" + std::to_string(impl_->frames) +
           ",\"missingGlyphs\":0}";
}

void App::draw() {
    ++impl_->frames;
    ImGui::Begin("提升工程2.0 进度看板");
    ImGui::Text("学校 %d 所，教师 %d 人", int(impl_->summary.schools.size()), impl_->summary.district.teachers);
    ImGui::End();
}

}  // namespace it2
