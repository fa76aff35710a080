// `it2 school-page`: see school_page_command.h and core/school_page.h.
#include "school_page_command.h"

#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli_io.h"
#include "dates.h"
#include "school_page.h"
#include "tracker.h"
#include "workspace_file.h"

namespace it2 {

namespace {

namespace fs = std::filesystem;
using namespace it2::cli;

const char* const kUsage =
    "usage: it2 school-page --school ID [--as-of YYYY-MM-DD] [--page PAGE.html] -o OUT.html FILES_OR_DIRS...\n"
    "  Writes one school's own offline page, as the school view's export button downloads it:\n"
    "  the built page with only that school's files inside (and the policy in force), opening\n"
    "  straight onto that school, its numbers as of the date given. It stores nothing in the\n"
    "  browser. `it2 summarize --json --as-of DATE` of the files it holds gives the same summary.\n"
    "  --school ID     the school (school.id in its files)\n"
    "  --as-of DATE    the data date shown and used (default: today)\n"
    "  --page PAGE     the built page to start from (default: dist/it2-tracker.html here, or\n"
    "                  next to this program's build folder; ./build-wasm.sh builds it)\n"
    "  -o OUT.html     where to write it; a folder: the file inside it is named as\n"
    "                  the page names it (school name, the word for progress, date)\n"
    "  Inputs are read as `it2 summarize` reads them; it2-policy files among them are applied.\n";

int usage_error(const std::string& message) {
    std::cerr << "it2 school-page: " << message << "\n\n" << kUsage;
    return kExitUsage;
}

// The built page: --page, else dist/it2-tracker.html in the working folder, else the one in
// the source tree this program was built in (build/native/it2 → ../../dist).
std::string find_page(const std::string& given) {
    if (!given.empty()) return given;
    const fs::path here = "dist/it2-tracker.html";
    if (fs::exists(here)) return here.string();
    std::error_code error;
    const fs::path self = fs::read_symlink("/proc/self/exe", error);
    if (!error) {
        const fs::path built = self.parent_path().parent_path().parent_path() / "dist" / "it2-tracker.html";
        if (fs::exists(built)) return built.string();
    }
    return here.string();
}

}  // namespace

int run_school_page(const std::vector<std::string>& args) {
    std::string school_id, as_of = today_iso(), page_path, out_path;
    std::vector<std::string> inputs;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (a == "--help" || a == "-h") {
            std::cout << kUsage;
            return kExitClean;
        }
        if (a == "--school") {
            if (!has_value) return usage_error("--school needs a school id, e.g. --school 500110-0012");
            school_id = args[++i];
        } else if (a == "--as-of") {
            if (!has_value || !is_iso_date(args[i + 1]))
                return usage_error("--as-of needs a date written YYYY-MM-DD, e.g. --as-of 2026-11-30");
            as_of = args[++i];
        } else if (a == "--page") {
            if (!has_value) return usage_error("--page needs the built page, e.g. --page dist/it2-tracker.html");
            page_path = args[++i];
        } else if (a == "-o" || a == "--out") {
            if (!has_value) return usage_error("-o needs a file to write, e.g. -o school.html");
            out_path = args[++i];
        } else if (a == "--") {
            inputs.insert(inputs.end(), args.begin() + long(i) + 1, args.end());
            break;
        } else if (a.size() > 1 && a[0] == '-') {
            return usage_error("unknown option " + a);
        } else {
            inputs.push_back(a);
        }
    }
    if (school_id.empty()) return usage_error("say which school, e.g. --school 500110-0012");
    if (out_path.empty()) return usage_error("say where to write the page, e.g. -o school.html");
    if (inputs.empty()) return usage_error("give the it2-batch files or folders to read, e.g. data/demo/");

    page_path = find_page(page_path);
    std::string page;
    if (int error = read_input(page_path, page)) {
        std::cerr << "it2 school-page: cannot read the page " << page_path << ": " << std::strerror(error)
                  << ". Build it with ./build-wasm.sh, or give the built page with --page PATH.\n";
        return kExitUsage;
    }

    // Every input is loaded as summarize loads it (the policy files among them apply); the
    // school's own files are what the page carries.
    std::vector<InputFile> files;
    if (!expand_inputs(inputs, {".json", ".csv"}, files)) return kExitUsage;
    const std::vector<std::string> names = summary_names(files);
    Tracker tracker;
    tracker.set_as_of(as_of);
    std::vector<StoredFile> stored;
    for (size_t i = 0; i < files.size(); ++i) {
        std::string bytes;
        int error = files[i].error;
        if (error == 0) error = read_input(files[i].path, bytes);
        if (error != 0) {
            std::cerr << "it2 school-page: cannot read " << files[i].display << ": "
                      << (error > 0 ? std::strerror(error) : "not a regular file") << " (skipped)\n";
            continue;
        }
        const LoadResult loaded = tracker.load(names[i], bytes);
        if (loaded.kind == FileKind::workspace) {
            std::cerr << "it2 school-page: " << files[i].display
                      << " is a workspace file: give the it2-batch files it came from, or open it in the page and "
                         "use the school view's export button there\n";
            return kExitUsage;
        }
        if (loaded.kind == FileKind::data) stored.push_back({names[i], std::move(bytes)});
    }
    tracker.refresh();
    const SchoolResult* school = nullptr;
    for (const SchoolResult& s : tracker.summary().schools)
        if (s.id == school_id) school = &s;
    const std::vector<StoredFile> mine = files_of_school(stored, school_id);
    if (school == nullptr || mine.empty()) {
        std::cerr << "it2 school-page: no file holds school " << school_id << "; the schools found:";
        for (const SchoolResult& s : tracker.summary().schools) std::cerr << " " << s.id << " (" << s.name << ")";
        std::cerr << "\n";
        return kExitUsage;
    }

    WorkspaceSettings settings;
    settings.as_of = as_of;
    settings.layout = "school";
    SchoolPageData data{school_id, school->name, as_of, write_workspace_file(mine, tracker.policy(), settings)};
    std::string error;
    const std::string html = school_page_html(page, data, error);
    if (html.empty()) {
        std::cerr << "it2 school-page: " << page_path << " is " << error << "\n";
        return kExitUsage;
    }
    fs::path target = out_path;
    std::error_code folder_error;
    if (fs::is_directory(target, folder_error)) target /= school_page_stem(data.school_name, as_of) + ".html";
    std::ofstream out(target, std::ios::binary | std::ios::trunc);
    out.write(html.data(), std::streamsize(html.size()));
    out.close();
    if (!out) {
        std::cerr << "it2 school-page: cannot write " << target.string() << " (check the folder exists and is writable)\n";
        return kExitUsage;
    }
    std::cerr << "it2 school-page: wrote " << target.string() << " (" << school->name << ", " << mine.size()
              << " files, data as of " << as_of << ")\n";
    return kExitClean;
}

}  // namespace it2
