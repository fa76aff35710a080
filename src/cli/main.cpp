// `it2`: the command line on the same core as the page.
//   summarize / validate / generate / catalog / policy (+ summarize --partial and merge, see
//   partial_commands.h). Output goes to stdout, messages to stderr.
// Exit status: 0 everything loaded cleanly, 1 any problem was reported, 2 usage error, a
// rejected --policy, or output that could not be written.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "catalog.h"
#include "cli_io.h"
#include "excel_commands.h"
#include "export.h"
#include "generate.h"
#include "metrics.h"
#include "parallel_load.h"
#include "partial_commands.h"
#include "school_page_command.h"
#include "policy.h"
#include "remind_command.h"
#include "summary_json.h"
#include "tracker.h"
#include "vocabulary.h"
#include "workspace.h"

namespace {

namespace fs = std::filesystem;
using namespace it2;
using namespace it2::cli;

// After main_usage()'s first line, which names the programme in the vocabulary's words.
const char* const kMainUsageCommands =
    "\n"
    "usage: it2 COMMAND [OPTIONS] ...\n"
    "\n"
    "commands:\n"
    "  summarize   rates, scores and teacher statuses of it2-batch files (format.md section 4)\n"
    "  validate    list the problems in it2-batch files, one per line\n"
    "  generate    write realistic demo it2-batch files\n"
    "  catalog     print the 30 micro-abilities (data/catalog.json)\n"
    "  policy      print the default policy (data/policy.json)\n"
    "  merge       combine partial summaries (it2 summarize --partial)\n"
    "  remind      the reminder list of a school's teachers not passed, to paste into WeChat\n"
    "  export      write the summary as one Excel workbook (it2 export --xlsx -o OUT.xlsx FILES)\n"
    "  school-page one school's own offline page, for its principal\n"
    "\n"
    "Run `it2 COMMAND --help` for a command's options.\n"
    "Exit status: 0 all files loaded cleanly; 1 problems were reported (a file that cannot be\n"
    "read is one: it is listed as rejected and the other files load); 2 a usage error, a\n"
    "--policy FILE that cannot be read or is rejected (every command), or output that could not\n"
    "be written (a full disk, a closed stdout).\n";

std::string main_usage() {
    return std::string("it2 - IT 2.0 progress tracker (") + vocab::term(vocab::Term::app_title, Lang::zh) + "), command line\n" +
           kMainUsageCommands;
}

const char* const kSummarizeUsage =
    "usage: it2 summarize [--policy FILE] [--as-of YYYY-MM-DD] [--table | --json | --csv [--raw]] [--lang zh|en]\n"
    "                     FILES_OR_DIRS...\n"
    "  Loads the it2-batch files in the order given (folders: every *.json, *.csv, *.xlsx and *.xls inside, recursively,\n"
    "  in sorted path order; - or /dev/stdin reads stdin, pipes and <(...) work too), merges them\n"
    "  (format.md section 3) and prints the summary:\n"
    "    --table   a table of schools with the district total (default)\n"
    "    --json    exactly format.md section 4; files are named by their base name, as the page\n"
    "              names them (the relative path when two inputs share a base name)\n"
    "    --csv     one row per teacher with what each still misses: the page's Excel-safe CSV\n"
    "              (UTF-8 BOM, cells starting with = + - @ get a leading ')\n"
    "    --raw     with --csv: plain RFC 4180, no BOM and no guard (for scripts)\n"
    "  --policy FILE   an it2-policy file; fields it leaves out keep the defaults (`it2 policy`);\n"
    "                  exit 2 when it cannot be read or is rejected\n"
    "  An it2-policy file among the inputs (e.g. in a folder) is applied as the page applies it:\n"
    "  over --policy, in the order found; a rejected one is a problem (exit 1) and changes nothing.\n"
    "  --as-of DATE    the day that decides whether a batch has ended (default: today)\n"
    "  --lang zh|en    language of messages, headers and the missing lists (default: zh)\n"
    "  --threads N     read and parse files on N threads (default: IT2_THREADS, else every core,\n"
    "                  at most 8); the output is the same whatever N\n"
    "  --report [--school ID]   the page's printable report (HTML, A4) of the district or of one school\n"
    "  With --table and --csv the problems go to stderr; with --json they are in \"problems\".\n"
    "  See also: it2 summarize --partial --help\n";

const char* const kValidateUsage =
    "usage: it2 validate [--policy FILE] [--lang zh|en] FILES_OR_DIRS...\n"
    "  Loads and merges the it2-batch files like summarize and prints only the problems,\n"
    "  one per line:  file:line:column: severity: pointer: message\n"
    "  (line and column are 0 when unknown; severity is error, record or warning).\n"
    "  it2-policy files among the inputs are checked as policies and applied as summarize and the\n"
    "  page apply them; stderr says which were applied. --policy FILE that cannot be read or is\n"
    "  rejected: its problems are printed and the exit status is 2. Default language: zh.\n"
    "  --threads N: as for summarize.\n";

const char* const kGenerateUsage =
    "usage: it2 generate [--schools N] [--teachers-per-school M] [--batches K] [--seed S]\n"
    "                    [--first-year YYYY] [--with-errors [--few-errors]] --out DIR\n"
    "       it2 generate --demo --out DIR\n"
    "  Writes realistic it2-batch files (one per school and batch) into DIR. The same options\n"
    "  always give byte-identical files.\n"
    "  --schools N               schools in the district (default 20)\n"
    "  --teachers-per-school M   teachers per school (default 50)\n"
    "  --batches K               batches (default 3)\n"
    "  --seed S                  random seed (default 1)\n"
    "  --first-year YYYY         year of the first batch (default 2020)\n"
    "  --with-errors             sprinkle every kind of record error\n"
    "  --few-errors              with --with-errors: one problem of each of a few kinds\n"
    "  --demo                    the options that made data/demo/\n";

const char* const kCatalogUsage =
    "usage: it2 catalog\n"
    "  Prints the 30 micro-abilities as JSON (what data/catalog.json holds).\n";

const char* const kPolicyUsage =
    "usage: it2 policy [--policy FILE]\n"
    "  Prints the default policy as an it2-policy file (what data/policy.json holds); with\n"
    "  --policy FILE, the policy that file gives after filling in the defaults (exit 1 when the\n"
    "  file had warnings, 2 when it cannot be read or is rejected).\n";

bool is_help(const std::string& arg) { return arg == "--help" || arg == "-h"; }

int usage_error(const std::string& message, const char* usage) {
    std::cerr << "it2: " << message << "\n\n" << usage;
    return kExitUsage;
}

bool parse_lang(const std::string& value, Lang& lang) {
    if (value != "zh" && value != "en") return false;
    lang = value == "en" ? Lang::en : Lang::zh;
    return true;
}

// Loads --policy FILE. False when it cannot be read or is rejected (messages printed; the
// problems of a rejected file too unless `list_problems` is false: validate prints them itself).
bool read_policy(const std::string& path, Lang lang, Policy& policy, Problems& problems, bool list_problems = true) {
    std::string bytes;
    if (int error = read_input(path, bytes)) {
        std::cerr << "it2: cannot read the policy file " << path << ": " << std::strerror(error) << " (check the path)\n";
        return false;
    }
    PolicyLoad loaded = load_policy(path, bytes);
    problems.insert(problems.end(), loaded.problems.begin(), loaded.problems.end());
    if (!loaded.ok) {
        if (list_problems)
            for (const Problem& p : loaded.problems) std::cerr << problem_line(p, lang) << "\n";
        std::cerr << "it2: the policy file " << path
                  << " was rejected (see its problems); fix it, or leave out --policy to use the defaults (`it2 policy`)\n";
        return false;
    }
    policy = loaded.policy;
    return true;
}

struct LoadOptions {
    std::string policy_file, as_of, format = "--table", threads_text, school;
    unsigned threads = 1;
    bool raw = false;
    Lang lang = Lang::zh;
    std::vector<std::string> inputs;
};

// Parses the options summarize and validate share. Returns -1 to go on, else the exit status.
int parse_load_options(const std::vector<std::string>& args, bool allow_output, const char* usage,
                       LoadOptions& options) {
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (is_help(a)) {
            std::cout << usage;
            return kExitClean;
        }
        if (a == "--policy") {
            if (!has_value) return usage_error("--policy needs a file, e.g. --policy my-policy.json", usage);
            options.policy_file = args[++i];
        } else if (a == "--as-of" && allow_output) {
            if (!has_value || !is_iso_date(args[i + 1]))
                return usage_error("--as-of needs a date written YYYY-MM-DD, e.g. --as-of 2022-11-01", usage);
            options.as_of = args[++i];
        } else if (a == "--threads") {
            if (!has_value) return usage_error("--threads needs a number, e.g. --threads 2", usage);
            options.threads_text = args[++i];
        } else if (a == "--lang") {
            if (!has_value || !parse_lang(args[i + 1], options.lang))
                return usage_error("--lang is zh or en, e.g. --lang en", usage);
            ++i;
        } else if (allow_output && (a == "--json" || a == "--csv" || a == "--table" || a == "--report")) {
            options.format = a;
        } else if (allow_output && a == "--school") {
            if (!has_value) return usage_error("--school needs a school id, e.g. --school 500110-0012", usage);
            options.school = args[++i];
        } else if (allow_output && a == "--raw") {
            options.raw = true;
        } else if (a == "--") {
            options.inputs.insert(options.inputs.end(), args.begin() + long(i) + 1, args.end());
            break;
        } else if (a.size() > 1 && a[0] == '-') {
            return usage_error("unknown option " + a, usage);
        } else {
            options.inputs.push_back(a);
        }
    }
    if (options.raw && options.format != "--csv") return usage_error("--raw goes with --csv", usage);
    if (!thread_count(options.threads_text, options.threads)) return kExitUsage;
    if (!options.school.empty() && options.format != "--report") return usage_error("--school goes with --report", usage);
    if (options.inputs.empty())
        return usage_error("give the it2-batch files or folders to read, e.g. it2 " +
                               std::string(allow_output ? "summarize" : "validate") + " data/demo/",
                           usage);
    return -1;
}

// Loads one input into the tracker, as the page loads a file it is given (open_file(), the
// one definition): an it2-policy file is applied over the policy so far (stderr says what was
// done with it), a workspace file adds its files (and its policy), nested ones too; anything
// else is data.
void load_one(Tracker& tracker, FileKind kind, const std::string& name, std::string_view bytes, Lang lang) {
    open_file(kind, name, bytes, [&](const OpenedPart& part) {
        const LoadResult loaded = tracker.load(part);
        const std::string shown = visible_controls(part.name, false);
        if (part.kind == FileKind::policy) {
            std::cerr << "it2: " << shown << ": "
                      << vocab::term(loaded.status == "policy" ? vocab::Term::cli_policy_applied : vocab::Term::cli_policy_rejected, lang)
                      << "\n";
        } else if (part.kind == FileKind::workspace) {
            if (!part.workspace->ok) {  // listed like a rejected data file: its problems are reported and counted
                tracker.add_entry(rejected_workspace_entry(part.name, *part.workspace));
                return;
            }
            char said[256];
            std::snprintf(said, sizeof said, vocab::term(vocab::Term::fmt_cli_workspace_files, lang), int(part.workspace->files.size()));
            std::cerr << "it2: " << shown << ": " << said << "\n";
        }
    });
}

// Reads every input into the tracker under the given names, parsing data files on `threads`
// threads and adding them in load order. A file that cannot be read is a rejected entry with a
// file error (the rest loads).
void load_inputs(const std::vector<InputFile>& files, const std::vector<std::string>& names, Lang lang,
                 unsigned threads, Tracker& tracker) {
    load_in_order(files, names, threads, [&](size_t i, LoadedInput& input) {
        if (input.error != 0) tracker.add_entry(unreadable_entry(names[i], input.error, files[i].folder));
        else if (input.kind == FileKind::data)
            for (FileEntry& entry : input.entries) tracker.add_entry(std::move(entry));
        else load_one(tracker, input.kind, names[i], input.bytes, lang);
    });
}

// Reads the inputs of summarize (files named as the page names them) and validate (named by
// the path as found, for an editor to jump to; validate prints the problems of a rejected
// --policy itself). Returns -1 to go on, else the exit status.
int read_all(const LoadOptions& options, const char* usage, bool validating, Tracker& tracker) {
    if (!options.as_of.empty()) tracker.set_as_of(options.as_of);
    tracker.set_parallel(parallel_for(options.threads));  // the summary's teachers on the same threads
    if (!options.policy_file.empty()) {
        Policy policy;
        Problems problems;
        const bool ok = read_policy(options.policy_file, options.lang, policy, problems, !validating);
        tracker.add_policy_problems(problems);
        if (!ok) return kExitUsage;
        tracker.set_policy(policy);
    }
    std::vector<InputFile> files;
    if (!expand_inputs(options.inputs, {".json", ".csv", ".xlsx", ".xls"}, files)) return kExitUsage;
    if (files.empty()) return usage_error("no *.json, *.csv, *.xlsx or *.xls files found in the folders given", usage);
    std::vector<std::string> names = summary_names(files);
    if (validating)
        for (size_t i = 0; i < files.size(); ++i) names[i] = files[i].display;
    load_inputs(files, names, options.lang, options.threads, tracker);
    return -1;
}

int run_summarize(const std::vector<std::string>& args) {
    if (std::find(args.begin(), args.end(), "--partial") != args.end()) return run_partial(args);
    LoadOptions options;
    if (int status = parse_load_options(args, true, kSummarizeUsage, options); status >= 0) return status;
    // Never freed: the process ends right after the output, and freeing every record of a
    // district one by one cost about 5 % of the command (perf, 100,000 teachers).
    Tracker& tracker = *new Tracker;
    if (int status = read_all(options, kSummarizeUsage, false, tracker); status >= 0) return status;
    tracker.refresh();
    const Summary& summary = tracker.summary();  // the problems of policy files first, as on the page

    if (options.format == "--json") {
        // Streamed, no whole-document string; its arrays written on the same threads.
        write_summary_json(summary, options.lang, write_out, tracker.parallel());
        write_out("\n");
    } else if (options.format == "--report") {
        Scope scope;
        if (!options.school.empty()) scope = {Scope::Kind::school, options.school};
        write_out(report_html(tracker.workspace(), summary, tracker.policy(), scope, options.lang));
    } else {
        write_out(options.format == "--csv" ? summary_csv(summary, options.lang, !options.raw, tracker.parallel())
                                            : summary_table(summary, options.lang));
        for (const Problem& p : summary.problems) std::cerr << problem_line(p, options.lang) << "\n";
    }
    return finish_output(summary.problems.empty() ? kExitClean : kExitProblems);
}

// `it2 export` (excel_commands.cpp) loads as summarize does.
int load_for_export(const std::vector<std::string>& args, const char* usage, Tracker& tracker, Lang& lang) {
    LoadOptions options;
    if (int status = parse_load_options(args, true, usage, options); status >= 0) return status;
    lang = options.lang;
    return read_all(options, usage, false, tracker);
}

int run_validate(const std::vector<std::string>& args) {
    LoadOptions options;
    if (int status = parse_load_options(args, false, kValidateUsage, options); status >= 0) return status;
    Tracker tracker;
    if (int status = read_all(options, kValidateUsage, true, tracker); status >= 0) {
        // A rejected --policy: its problems are what validate is for; then exit 2 as everywhere.
        for (const Problem& p : tracker.policy_problems()) write_out(problem_line(p, options.lang) + "\n");
        return finish_output(status);
    }
    // The summary's problems: the policy files', the files' own, then the merge's.
    tracker.refresh();
    const Problems& problems = tracker.summary().problems;
    for (const Problem& p : problems) write_out(problem_line(p, options.lang) + "\n");
    return finish_output(problems.empty() ? kExitClean : kExitProblems);
}

// The whole-number options of `it2 generate`, with their bounds and an example to type.
struct NumberOption {
    const char* flag;
    long min, max;
    const char* example;
};
constexpr NumberOption kGenerateNumbers[] = {{"--schools", 1, 100000, "--schools 20"},
                                             {"--teachers-per-school", 0, 100000, "--teachers-per-school 50"},
                                             {"--batches", 1, 1000, "--batches 3"},
                                             {"--first-year", 1900, 9000, "--first-year 2020"}};

bool parse_count(const std::string& text, long min, long max, long& value) {
    if (text.empty() || text.size() > 18 || text.find_first_not_of("0123456789") != std::string::npos) return false;
    value = std::stol(text);
    return value >= min && value <= max;
}

int run_generate(const std::vector<std::string>& args) {
    GenerateOptions options;
    std::string out_dir;
    bool demo = false, custom = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (is_help(a)) {
            std::cout << kGenerateUsage;
            return kExitClean;
        }
        const NumberOption* number = nullptr;
        for (const NumberOption& n : kGenerateNumbers)
            if (a == n.flag) number = &n;
        if (number) {
            long value = 0;
            if (!has_value || !parse_count(args[i + 1], number->min, number->max, value))
                return usage_error(std::string(number->flag) + " needs a whole number from " +
                                       std::to_string(number->min) + " to " + std::to_string(number->max) + ", e.g. " +
                                       number->example,
                                   kGenerateUsage);
            ++i;
            custom = true;
            if (a == "--schools") options.schools = int(value);
            if (a == "--teachers-per-school") options.teachers_per_school = int(value);
            if (a == "--batches") options.batches = int(value);
            if (a == "--first-year") options.first_year = int(value);
        } else if (a == "--seed") {
            const std::string text = has_value ? args[i + 1] : std::string();
            if (text.empty() || text.size() > 19 || text.find_first_not_of("0123456789") != std::string::npos)
                return usage_error("--seed needs a whole number, e.g. --seed 42", kGenerateUsage);
            options.seed = std::stoull(text);
            ++i;
            custom = true;
        } else if (a == "--with-errors") {
            options.with_errors = true;
            custom = true;
        } else if (a == "--few-errors") {
            options.few_errors = true;
            custom = true;
        } else if (a == "--demo") {
            demo = true;
        } else if (a == "--out") {
            if (!has_value) return usage_error("--out needs a folder, e.g. --out data/demo", kGenerateUsage);
            out_dir = args[++i];
        } else {
            return usage_error("unknown argument " + a, kGenerateUsage);
        }
    }
    if (out_dir.empty()) return usage_error("say where to write the files, e.g. --out generated/", kGenerateUsage);
    if (demo && custom) return usage_error("--demo fixes every option; leave the others out", kGenerateUsage);
    if (demo) options = demo_options();
    if (options.few_errors && !options.with_errors)
        return usage_error("--few-errors only changes --with-errors; add --with-errors", kGenerateUsage);

    std::error_code error;
    fs::create_directories(out_dir, error);
    if (error) {
        std::cerr << "it2: cannot create the folder " << out_dir << ": " << error.message() << "\n";
        return kExitUsage;
    }
    const std::vector<GeneratedFile> generated = generate(options);
    for (const GeneratedFile& file : generated) {
        // The generator names files itself; refuse anything that would leave the folder.
        if (file.name.empty() || file.name.find('/') != std::string::npos || file.name.find('\\') != std::string::npos ||
            file.name == "." || file.name == "..") {
            std::cerr << "it2: the generator produced an unusable file name: " << file.name << "\n";
            return kExitUsage;
        }
        const fs::path target = fs::path(out_dir) / file.name;
        std::ofstream out(target, std::ios::binary | std::ios::trunc);
        out.write(file.bytes.data(), std::streamsize(file.bytes.size()));
        out.close();
        if (!out) {
            std::cerr << "it2: cannot write " << target.string() << "\n";
            return kExitUsage;
        }
    }
    std::cerr << "it2: wrote " << generated.size() << " files to " << out_dir << "\n";
    return kExitClean;
}

int run_catalog(const std::vector<std::string>& args) {
    if (!args.empty() && is_help(args[0])) {
        std::cout << kCatalogUsage;
        return kExitClean;
    }
    if (!args.empty()) return usage_error("catalog takes no arguments", kCatalogUsage);
    write_out(catalog_json());
    return finish_output(kExitClean);
}

int run_policy(const std::vector<std::string>& args) {
    std::string policy_file;
    for (size_t i = 0; i < args.size(); ++i) {
        if (is_help(args[i])) {
            std::cout << kPolicyUsage;
            return kExitClean;
        }
        if (args[i] == "--policy" && i + 1 < args.size()) {
            policy_file = args[++i];
        } else {
            return usage_error("unknown argument " + args[i], kPolicyUsage);
        }
    }
    Policy policy;
    Problems problems;
    if (!policy_file.empty()) {
        if (!read_policy(policy_file, Lang::zh, policy, problems)) return kExitUsage;
        for (const Problem& p : problems) std::cerr << problem_line(p, Lang::zh) << "\n";
    }
    write_out(policy_json(policy));
    return finish_output(problems.empty() ? kExitClean : kExitProblems);
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << main_usage();
        return kExitUsage;
    }
    const std::string command = args.front();
    args.erase(args.begin());
    if (is_help(command) || command == "help") {
        std::cout << main_usage();
        return kExitClean;
    }
    if (command == "summarize") return run_summarize(args);
    if (command == "validate") return run_validate(args);
    if (command == "generate") return run_generate(args);
    if (command == "catalog") return run_catalog(args);
    if (command == "policy") return run_policy(args);
    if (command == "merge") return run_merge(args);
    if (command == "remind") return run_remind(args, load_for_export);
    if (command == "export") return run_export(args, load_for_export);
    if (command == "school-page") return run_school_page(args);
    std::cerr << "it2: unknown command " << command << "\n\n" << main_usage();
    return kExitUsage;
}
