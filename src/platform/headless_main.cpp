// The UI without a browser (issue 11): Dear ImGui with no renderer and no window, in the way of
// ImGui's examples/example_null. Loads the demo district from disk (data/demo/*.json, given as
// the one argument), then draws every view, the 文件管理 window and each view's scopes for a
// few frames, checking through the page probe that each view was drawn with the demo's data.
// ImGui's own assertions (IM_ASSERT, e.g. an unbalanced Begin/End) abort the run. CTest runs it
// when CMake is given IT2_IMGUI_DIR (CMakeLists.txt).
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app.h"
#include "app_files.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

int failures = 0;

void check(bool ok, const std::string& what) {
    if (ok) return;
    std::fprintf(stderr, "headless UI: FAILED: %s\n", what.c_str());
    ++failures;
}

void frames(it2::App& app, int count) {
    ImGuiIO& io = ImGui::GetIO();
    for (int i = 0; i < count; ++i) {
        io.DisplaySize = ImVec2(1280, 800);
        io.DeltaTime = 1.0f / 60.0f;
        ImGui::NewFrame();
        app.draw();
        ImGui::Render();
    }
}

json state(it2::App& app) { return json::parse(app.state_json()); }

// Opens a view, draws it, and checks that the probe says it was drawn (and with what).
json show(it2::App& app, const std::string& view, const std::string& arg) {
    const bool opened = app.set_view(view, arg);
    check(opened, "it2.view('" + view + "', '" + arg + "') is refused");
    const int before = state(app)["frames"].get<int>();
    frames(app, 3);
    json s = state(app);
    check(s["frames"].get<int>() == before + 3, view + ": 3 frames drawn");
    check(s["view"] == (view == "levels" ? "capability" : view), view + ": the view drawn is " + s["view"].dump());
    std::printf("headless UI: %-10s %-14s rows %3d, %zu rects\n", view.c_str(), arg.c_str(), s["rows"].get<int>(),
                s["rects"].size());
    return s;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2 || !fs::is_directory(argv[1])) {
        std::fprintf(stderr, "usage: it2_headless_ui DEMO_FOLDER   (e.g. data/demo)\n");
        return 2;
    }
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.BackendFlags |= ImGuiBackendFlags_RendererHasTextures;  // the atlas is built, never uploaded
    io.Fonts->AddFontDefault();

    {
        it2::App app;
        std::vector<fs::path> files;
        for (const auto& entry : fs::directory_iterator(argv[1]))
            if (entry.path().extension() == ".json") files.push_back(entry.path());
        std::sort(files.begin(), files.end());
        check(!files.empty(), "demo files found in " + std::string(argv[1]));
        app.files().begin_batch();
        for (const fs::path& file : files) {
            std::ifstream in(file, std::ios::binary);
            const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
            app.load_file(file.filename().string(), bytes);
        }
        app.files().end_batch();
        frames(app, 3);

        const json summary = json::parse(app.summary_json(""));
        const size_t schools = summary["schools"].size(), teachers = summary["teachers"].size();
        check(schools > 0 && teachers > 0, "the demo district has schools and teachers");
        const std::string school = schools ? summary["schools"][0]["id"].get<std::string>() : "";
        const std::string teacher = teachers ? summary["teachers"][0]["id"].get<std::string>() : "";

        json s = show(app, "district", "");
        check(s["rows"].get<size_t>() == schools, "district: one row per school");
        check(s["loaded"]["teachers"].get<size_t>() == teachers, "district: every teacher loaded");
        s = show(app, "school", "");
        check(s["rows"].get<size_t>() == teachers, "school view, every school: one row per teacher");
        s = show(app, "school", school);
        check(s["rows"].get<int>() > 0 && s["scope"]["id"] == school, "school view of " + school);
        s = show(app, "teacher", teacher);
        check(s["scope"]["id"] == teacher && s.contains("cards"), "teacher view of " + teacher);
        s = show(app, "capability", "");
        check(s["rows"].get<int>() == 30, "capability view: the 30 points");
        show(app, "capability", school);
        s = show(app, "problems", "");
        check(s["rows"].get<int>() == s["loaded"]["problems"].get<int>() && s["rows"].get<int>() > 0,
              "problems view: every problem of the demo");
        show(app, "rules", "");
        show(app, "help", "");
        app.files().window.open = true;  // 文件管理
        frames(app, 3);
        check(state(app)["rects"].contains("filesWindow"), "the files window (the filesWindow rect) is drawn");
        app.clear();
        s = show(app, "district", "");
        check(s["rows"].get<int>() == 0, "after clearing: no rows");
    }
    ImGui::DestroyContext();
    if (failures) return 1;
    std::printf("headless UI: every view drawn\n");
    return 0;
}
