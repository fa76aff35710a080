// Files in and out of the App (issue 5): the list of loaded files (their original bytes are
// handed to the page, which stores them and gives them back for 保存工作区 and 导出本校),
// workspace files, the CSV and report exports, the settings that persist, and the 文件管理
// window. Owned by App::Impl next to the Dashboard.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "dashboard.h"
#include "files_window.h"
#include "workspace_file.h"

namespace it2 {

class AppFiles {
public:
    explicit AppFiles(ui::Dashboard& dashboard);

    // A file from the page or the hook; a workspace file restores that workspace, a policy file
    // replaces the policy. JSON {"file", "status", "problems"} (+ "replaced": [names]).
    std::string load(const std::string& name, std::string_view bytes);
    void clear();
    bool remove(const std::string& name);  // every workspace entry of the file; false if unknown

    // Several files in one go (picker, drop, restore): one notice for all of them at the end.
    void begin_batch();
    void end_batch();

    std::string export_csv(const std::string& table);  // "" for an unknown table
    std::string report_html(const std::string& scope);  // "district" or a school id; "" if unknown
    std::string workspace_file() const;                // 保存工作区, as text (the it2.workspaceFile() hook)
    void save_workspace(const std::string& download_name) const;  // 保存工作区, downloaded piece by piece
    std::string school_workspace_file(const std::string& school_id) const;  // 导出本校

    // What the page keeps: {"files": [{"name", "seq", "size"}], "settings": {…}, "policy": {…}}.
    std::string persist_state() const;
    // Settings and policy saved by the page earlier; false (nothing changed) when unreadable.
    bool restore_settings(std::string_view json);
    // The page could not use its storage: said once, with what to do instead.
    void storage_problem(const std::string& detail);
    // Part of a drop could not be read (a folder the browser refused): said after the load's own notice.
    void unreadable(const std::string& what, const std::string& detail);
    // Stored data the page could not read was moved aside under `key`: said, never a blank page.
    void set_aside(const std::string& what, const std::string& key);

    // After each frame: the 文件管理 window, and whether anything worth keeping changed.
    void after_frame();

    ui::FilesWindow window;

private:
    // A loaded file; its bytes are kept by the page (platform::keep_source), not here.
    struct Source {
        std::string name;
        long seq = 0;
        size_t size = 0;
    };
    ui::Dashboard& d_;
    std::vector<Source> sources_;  // load order; one per file name (a name loaded again moves to the end)
    long next_seq_ = 1;
    long files_revision_ = 0, rows_revision_ = -1, persisted_revision_ = 0;
    std::string persisted_settings_;
    int frames_since_policy_check_ = 0;
    bool storage_problem_said_ = false;
    // The batch being loaded: counts for its notice.
    bool in_batch_ = false;
    int batch_files_ = 0, batch_rejected_ = 0, batch_problems_ = 0;
    std::vector<std::string> batch_replaced_;
    std::string batch_special_;  // a policy or workspace notice, said after the counts

    void write_workspace(const std::function<void(std::string_view)>& write) const;
    std::string load_workspace(const std::string& name, std::string_view bytes);
    WorkspaceSettings settings() const;
    void apply_settings(const WorkspaceSettings& s);
    std::string settings_fingerprint() const;
    void rebuild_rows();
    void say(const std::string& text);
};

}  // namespace it2
