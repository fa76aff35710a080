// `it2 remind`: the 催办名单 (core/remind.h) of one school or of every school, as plain text to
// paste into WeChat or an SMS.
#include <cstring>
#include <iostream>
#include <string>
#include <vector>

#include "cli_io.h"
#include "remind_command.h"
#include "policy.h"
#include "remind.h"
#include "tracker.h"

namespace it2 {

namespace {

const char* const kRemindUsage =
    "usage: it2 remind [--school ID] [--as-of YYYY-MM-DD] [--policy FILE] [--max-chars N] [--lang zh|en]\n"
    "                  FILES_OR_DIRS...\n"
    "  Prints the reminder list to paste into WeChat or an SMS: for the school with id ID, or for\n"
    "  every school with teachers not passed (one message per school), the teachers grouped by what\n"
    "  they lack (hours short, points to submit, awaiting review, overdue), each by name with the\n"
    "  shortest form of what is missing. Names only: no teacher ids.\n"
    "  Files are read as by `it2 summarize` (folders recursively, *.json and *.csv).\n"
    "  --max-chars N   cut each message into blocks of at most N characters, marked (1/3), (2/3) …\n"
    "                  (default 1000; at least 120)\n"
    "  --as-of DATE    the day the list is for (default: today); --policy FILE as in summarize\n"
    "  Exit status: 0, or 1 when the files had problems (listed on stderr); 2 on a usage error.\n";

int usage_error(const std::string& message) {
    std::cerr << "it2: " << message << "\n\n" << kRemindUsage;
    return cli::kExitUsage;
}

// Loads one input as the page loads a file it is given (data, a policy, a workspace's files).
void load_one(Tracker& tracker, const std::string& name, std::string_view bytes) {
    LoadResult loaded = tracker.load(name, bytes);
    if (loaded.kind != FileKind::workspace) return;
    if (!loaded.workspace.ok) {
        FileEntry entry;
        entry.name = name;
        entry.problems = loaded.workspace.problems;
        tracker.add_entry(std::move(entry));
        return;
    }
    for (const StoredFile& file : loaded.workspace.files) load_one(tracker, file.name, file.bytes);
}

}  // namespace

int run_remind(const std::vector<std::string>& args) {
    std::string school_id, as_of, policy_file;
    size_t max_chars = kReminderBlockChars;
    Lang lang = Lang::zh;
    std::vector<std::string> inputs;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (a == "--help" || a == "-h") {
            std::cout << kRemindUsage;
            return cli::kExitClean;
        } else if (a == "--school") {
            if (!has_value || args[i + 1].empty()) return usage_error("--school needs a school id, e.g. --school 500110-0014");
            school_id = args[++i];
        } else if (a == "--as-of") {
            if (!has_value || !is_iso_date(args[i + 1])) return usage_error("--as-of needs a date written YYYY-MM-DD, e.g. --as-of 2026-11-30");
            as_of = args[++i];
        } else if (a == "--policy") {
            if (!has_value) return usage_error("--policy needs a file, e.g. --policy my-policy.json");
            policy_file = args[++i];
        } else if (a == "--max-chars") {
            const std::string v = has_value ? args[i + 1] : std::string();
            if (v.empty() || v.size() > 7 || v.find_first_not_of("0123456789") != std::string::npos)
                return usage_error("--max-chars needs a whole number of characters, e.g. --max-chars 500");
            max_chars = size_t(std::stoul(v));
            ++i;
        } else if (a == "--lang") {
            if (!has_value || (args[i + 1] != "zh" && args[i + 1] != "en")) return usage_error("--lang is zh or en, e.g. --lang en");
            lang = args[++i] == "en" ? Lang::en : Lang::zh;
        } else if (a == "--") {
            inputs.insert(inputs.end(), args.begin() + long(i) + 1, args.end());
            break;
        } else if (a.size() > 1 && a[0] == '-') {
            return usage_error("unknown option " + a);
        } else {
            inputs.push_back(a);
        }
    }
    if (inputs.empty()) return usage_error("give the it2-batch files or folders to read, e.g. it2 remind --school 500110-0014 data/demo/");

    Tracker tracker;
    if (!as_of.empty()) tracker.set_as_of(as_of);
    if (!policy_file.empty()) {
        std::string bytes;
        if (int error = cli::read_input(policy_file, bytes)) {
            std::cerr << "it2: cannot read the policy file " << policy_file << ": " << std::strerror(error) << " (check the path)\n";
            return cli::kExitUsage;
        }
        PolicyLoad loaded = load_policy(policy_file, bytes);
        for (const Problem& p : loaded.problems) std::cerr << cli::problem_line(p, lang) << "\n";
        if (!loaded.ok) {
            std::cerr << "it2: the policy file " << policy_file << " was rejected (see its problems)\n";
            return cli::kExitUsage;
        }
        tracker.add_policy_problems(loaded.problems);
        tracker.set_policy(loaded.policy);
    }
    std::vector<cli::InputFile> files;
    if (!cli::expand_inputs(inputs, {".json", ".csv"}, files)) return cli::kExitUsage;
    if (files.empty()) return usage_error("no *.json or *.csv files found in the folders given");
    for (const cli::InputFile& f : files) {
        std::string bytes;
        int error = f.error;
        if (error == 0) error = cli::read_input(f.path, bytes);
        if (error != 0) tracker.add_entry(unreadable_entry(f.display, error, f.folder));
        else load_one(tracker, f.display, bytes);
    }
    tracker.refresh();
    const Summary& summary = tracker.summary();
    for (const Problem& p : summary.problems) std::cerr << cli::problem_line(p, lang) << "\n";

    int school = -1;
    if (!school_id.empty()) {
        for (size_t i = 0; i < summary.schools.size(); ++i)
            if (summary.schools[i].id == school_id) school = int(i);
        if (school < 0) {
            std::string known;
            for (const SchoolResult& s : summary.schools) known += "\n  " + s.id + "  " + s.name;
            std::cerr << "it2: no school with id " << school_id << " in the files given; the schools are:" << known << "\n";
            return cli::kExitUsage;
        }
    }
    const std::string text = reminder_text(tracker.workspace(), summary, school, lang, max_chars);
    cli::write_out(text.empty() ? std::string() : text + "\n");
    return cli::finish_output(summary.problems.empty() ? cli::kExitClean : cli::kExitProblems);
}

}  // namespace it2
