// 文件管理: the loaded files with their status, remove one or clear everything (each after a
// confirmation), and the workspace actions (保存工作区 / 打开工作区 / 导出本校 / 下载模板).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "dashboard.h"

namespace it2::ui {

// One file as the user gave it (a platform CSV may hold several workspace entries).
struct FileRow {
    std::string name;
    std::string status;  // "loaded" / "partial" / "replaced" / "rejected" (worst of its entries)
    int problems = 0;
};

struct FilesWindow {
    bool open = false;
    std::vector<FileRow> rows;
    std::function<void(const std::string& name)> remove;
    std::function<void()> clear_all, save_workspace, open_workspace, export_school, download_template;
    // Confirmation state: the file waiting to be removed, or everything.
    std::string confirm_remove;
    bool confirm_clear = false;
};

void draw_files_window(Dashboard& d, FilesWindow& w);

}  // namespace it2::ui
