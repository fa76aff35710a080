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
    "usage: it2 remind [--school ID] [--with-ids] [--as-of YYYY-MM-DD] [--policy FILE] [--max-chars N]\n"
    "                  [--lang zh|en] FILES_OR_DIRS...\n"
    "  Prints the reminder list to paste into WeChat or an SMS: for the school with id ID, or for\n"
    "  every school with teachers not passed (one message per school), the teachers grouped by what\n"
    "  they lack (hours short, points to submit, awaiting review, overdue), each by name with the\n"
    "  shortest form of what is missing. Names only unless --with-ids is given.\n"
    "  --with-ids      each name followed by the teacher's id in brackets (the page's Include IDs)\n"
    "  Files, folders, policy and workspace files are read as by `it2 summarize` (also --threads N).\n"
    "  --max-chars N   cut each message into blocks of at most N characters, marked (1/3), (2/3) …\n"
    "                  (default 1000; at least 120)\n"
    "  --as-of DATE    the day the list is for (default: today); --policy FILE as in summarize\n"
    "  Exit status: 0, or 1 when the files had problems (listed on stderr); 2 on a usage error.\n";

int usage_error(const std::string& message) {
    std::cerr << "it2: " << message << "\n\n" << kRemindUsage;
    return cli::kExitUsage;
}

}  // namespace

int run_remind(const std::vector<std::string>& args, CommandLoader load) {
    // Its own options here; the rest (--as-of, --policy, --lang, --threads, the inputs) are read
    // by summarize's loader, so remind reads exactly the files summarize reads.
    std::string school_id;
    size_t max_chars = kReminderBlockChars;
    bool with_ids = false;
    std::vector<std::string> rest;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (a == "--") {
            rest.insert(rest.end(), args.begin() + long(i), args.end());
            break;
        } else if (a == "--school") {
            if (!has_value || args[i + 1].empty()) return usage_error("--school needs a school id, e.g. --school 500110-0014");
            school_id = args[++i];
        } else if (a == "--with-ids") {
            with_ids = true;
        } else if (a == "--max-chars") {
            const std::string v = has_value ? args[i + 1] : std::string();
            if (v.empty() || v.size() > 7 || v.find_first_not_of("0123456789") != std::string::npos)
                return usage_error("--max-chars needs a whole number of characters, e.g. --max-chars 500");
            max_chars = size_t(std::stoul(v));
            ++i;
        } else {
            rest.push_back(a);
        }
    }
    Tracker tracker;
    Lang lang = Lang::zh;
    if (int status = load(rest, kRemindUsage, tracker, lang); status >= 0) return status;
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
    const std::string text = reminder_text(tracker.workspace(), summary, school, lang, max_chars, with_ids);
    cli::write_out(text.empty() ? std::string() : text + "\n");
    return cli::finish_output(summary.problems.empty() ? cli::kExitClean : cli::kExitProblems);
}

}  // namespace it2
