#include "excel_commands.h"

#include <algorithm>
#include <fstream>
#include <iostream>

#include "cli_io.h"
#include "xlsx_export.h"

namespace it2 {

namespace {

const char* const kExportUsage =
    "usage: it2 export --xlsx -o OUT.xlsx [--policy FILE] [--as-of YYYY-MM-DD] [--lang zh|en] FILES_OR_DIRS...\n"
    "\n"
    "  Loads the files as `it2 summarize` does (it2-batch JSON, platform CSV, .xlsx and .xls exports,\n"
    "  policy and workspace files; folders recursively) and writes one Excel workbook: a sheet\n"
    "  stating the data date and the rules used, then the schools, teachers and problems tables\n"
    "  (Chinese headers, frozen header row, rates as numbers with a percent format, text cells\n"
    "  guarded against formulas as in the CSV export). docs/csv-import.md, \"Excel\".\n"
    "\n"
    "  -o FILE   the workbook to write (required; '-' writes to stdout)\n"
    "  --xlsx    the format (the only one; may be left out)\n"
    "\n"
    "Exit status as summarize: 0 clean, 1 problems were reported (they are in the problems\n"
    "sheet and on stderr), 2 a usage error or the workbook could not be written.\n";

}  // namespace

int run_export(const std::vector<std::string>& args, CommandLoader load) {
    std::vector<std::string> rest;
    std::string out_path;
    for (size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--xlsx") continue;
        if (args[i] == "-o" || args[i] == "--out") {
            if (i + 1 >= args.size()) {
                std::cerr << "it2: -o needs a file name, e.g. -o progress.xlsx\n\n" << kExportUsage;
                return cli::kExitUsage;
            }
            out_path = args[++i];
            continue;
        }
        rest.push_back(args[i]);
    }
    const bool help = std::find(rest.begin(), rest.end(), "--help") != rest.end() ||
                      std::find(rest.begin(), rest.end(), "-h") != rest.end();
    if (!help && out_path.empty()) {
        std::cerr << "it2: export needs -o OUT.xlsx (the workbook to write)\n\n" << kExportUsage;
        return cli::kExitUsage;
    }
    Tracker tracker;
    Lang lang = Lang::zh;
    if (int status = load(rest, kExportUsage, tracker, lang); status >= 0) return status;
    tracker.refresh();
    const Summary& summary = tracker.summary();
    std::string error;
    const std::string bytes = xlsx_summary_workbook(summary, tracker.policy(), lang, error);
    if (bytes.empty()) {
        std::cerr << "it2: the workbook could not be made: " << error << "\n";
        return cli::kExitUsage;
    }
    if (out_path == "-") {
        cli::write_out(bytes);
    } else {
        std::ofstream out(out_path, std::ios::binary);
        out.write(bytes.data(), std::streamsize(bytes.size()));
        out.close();
        if (!out) {
            std::cerr << "it2: cannot write " << out_path << ": check the folder exists and is writable\n";
            return cli::kExitUsage;
        }
    }
    for (const Problem& p : summary.problems) std::cerr << cli::problem_line(p, lang) << "\n";
    return cli::finish_output(summary.problems.empty() ? cli::kExitClean : cli::kExitProblems);
}

}  // namespace it2
