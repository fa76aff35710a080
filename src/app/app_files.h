// Files in and out of the App (issue 5): the list of loaded files (their original bytes are
// handed to the page, which stores them and gives them back for 保存工作区 and 导出本校),
// workspace files, the CSV and report exports, the settings that persist, and the 文件管理
// window. Owned by App::Impl next to the Dashboard.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "dashboard.h"
#include "files_window.h"
#include "workspace_file.h"

namespace it2 {

class AppFiles {
public:
    explicit AppFiles(ui::Dashboard& dashboard);

    // A file from the page or the hook; a workspace file adds its files (and applies its policy
    // and settings), a policy file replaces the policy. A file is listed under `name`, or under
    // "name (2).ext" when a loaded file has that name already. JSON {"file": the name listed,
    // "status", "problems"} (+ "replaced": [names]).
    std::string load(const std::string& name, std::string_view bytes);
    void clear();
    bool remove(const std::string& name);  // every workspace entry of the file; false if unknown

    // A file too big for the memory left (the page checks before copying it in, see
    // it2_room_for in src/platform/web_exports.cpp): not loaded, and the load it is part of stops there and says
    // so. JSON {"file", "status": "too_large", "problems": 0}.
    std::string refuse_too_large(const std::string& name);

    // Several files in one go (picker, drop, restore): one notice for all of them at the end.
    void begin_batch();
    void end_batch();

    std::string export_csv(const std::string& table);  // "" for an unknown table
    std::string report_html(const std::string& scope);  // "district" or a school id; "" if unknown
    std::string workspace_file() const;                // 保存工作区, as text (the it2.workspaceFile() hook)
    void save_workspace(const std::string& download_name) const;  // 保存工作区, downloaded piece by piece
    // 导出本校; `as_of`, if given, is written as the as-of date even when it is today (导出本校页面
    // fixes the date its numbers were seen at).
    std::string school_workspace_file(const std::string& school_id, const std::string& as_of = "") const;

    // What the page keeps: {"files": [{"name", "seq", "size"}], "settings": {…}, "policy": {…}}.
    std::string persist_state() const;
    // Settings and policy saved by the page earlier. False when the text is unreadable (nothing
    // changed) or its policy cannot be used (settings applied, the policy's problems listed).
    bool restore_settings(std::string_view json);
    // The page could not use its storage: said once, with what to do instead.
    void storage_problem(const std::string& detail);
    // Part of a drop could not be read (a folder the browser refused): said after the load's own notice.
    void unreadable(const std::string& what, const std::string& detail);
    // Stored data the page could not read was moved aside under `key`: said, never a blank page.
    void set_aside(const std::string& what, const std::string& key);

    // After each frame: the 文件管理 window, and whether anything worth keeping changed.
    void after_frame();
    // A load's notice counts problems as the header does (core/counts.h), so it is written once
    // the tracker's summary includes the load: after a frame's refresh, or when it2.state() refreshes.
    void settle_notice();

    ui::FilesWindow window;

private:
    // A loaded file; its bytes are kept by the page (platform::keep_source), not here.
    struct Source {
        std::string name;
        long seq = 0;
        size_t size = 0;
    };
    ui::Dashboard& d_;
    std::vector<Source> sources_;  // load order; names are unique (see unused_name)
    std::unordered_set<std::string> source_names_;  // the names in sources_
    long next_seq_ = 1;
    long files_revision_ = 0, rows_revision_ = -1, persisted_revision_ = 0;
    std::string persisted_settings_;
    int frames_since_policy_check_ = 0;
    bool storage_problem_said_ = false;
    // The batch being loaded: counts for its notice.
    bool in_batch_ = false;
    int batch_files_ = 0, batch_rejected_ = 0;
    std::vector<std::string> batch_names_;  // the data files of the batch, as listed
    std::vector<std::string> batch_policies_;  // its policy files: their problems count too
    std::vector<std::string> batch_replaced_;
    std::string batch_special_;  // a policy or workspace notice, said after the counts
    std::string batch_too_large_;  // the first file refused for memory: the load stopped there
    // A load's notice waiting for the summary that counts its problems (settle_notice).
    struct PendingNotice {
        bool pending = false;
        bool single = false;  // one file loaded alone: its name, status and problems
        bool rejected = false;
        std::vector<std::string> files;  // the data files loaded
        std::vector<std::string> counted;  // whose problems the notice counts (files, policy files)
        int rejected_files = 0;
        std::vector<std::string> replaced;
        std::string tail;  // said after the counts (a policy or workspace notice, an unreadable folder)
    } pending_;
    void reset_batch();
    int problems_of(const std::vector<std::string>& files) const;

    void write_workspace(const std::function<void(std::string_view)>& write) const;
    std::string load_part(FileKind kind, const std::string& name, std::string_view bytes);  // a data or policy file
    std::string load_workspace(const OpenedPart& part);  // a workspace's document (its files come as parts)
    std::string unused_name(const std::string& name) const;
    std::string too_large_notice() const;
    WorkspaceSettings settings() const;
    void apply_settings(const WorkspaceSettings& s);
    std::string settings_fingerprint() const;
    void rebuild_rows();
    void say(const std::string& text);
};

}  // namespace it2
