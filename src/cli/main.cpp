// `it2`: the command line on the same core as the page.
//   summarize / validate / generate / catalog / policy (+ summarize --partial and merge, see
//   partial_commands.h). Output goes to stdout, messages to stderr.
// Exit status: 0 everything loaded cleanly, 1 any problem was reported, 2 usage or I/O error.
#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "catalog.h"
#include "generate.h"
#include "metrics.h"
#include "partial_commands.h"
#include "policy.h"
#include "summary_json.h"
#include "workspace.h"

namespace {

namespace fs = std::filesystem;
using namespace it2;

constexpr int kExitClean = 0;
constexpr int kExitProblems = 1;
constexpr int kExitUsage = 2;

const char* const kMainUsage =
    "it2 - IT 2.0 progress tracker (提升工程2.0 进度看板), command line\n"
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
    "\n"
    "Run `it2 COMMAND --help` for a command's options.\n"
    "Exit status: 0 all files loaded cleanly, 1 problems were reported, 2 usage or I/O error.\n";

const char* const kSummarizeUsage =
    "usage: it2 summarize [--policy FILE] [--as-of YYYY-MM-DD] [--table | --json | --csv] [--lang zh|en]\n"
    "                     FILES_OR_DIRS...\n"
    "  Loads the it2-batch files in the order given (folders: every *.json and *.csv inside, recursively,\n"
    "  in sorted path order), merges them (format.md section 3) and prints the summary:\n"
    "    --table   a table of schools with the district total (default)\n"
    "    --json    exactly format.md section 4; files are named by their base name, as the page\n"
    "              names them (the relative path when two inputs share a base name)\n"
    "    --csv     one row per teacher with what each still misses\n"
    "  --policy FILE   an it2-policy file; fields it leaves out keep the defaults (`it2 policy`)\n"
    "  --as-of DATE    the day that decides whether a batch has ended (default: today)\n"
    "  --lang zh|en    language of messages, headers and the missing lists (default: zh)\n"
    "  With --table and --csv the problems go to stderr; with --json they are in \"problems\".\n"
    "  See also: it2 summarize --partial --help\n";

const char* const kValidateUsage =
    "usage: it2 validate [--policy FILE] [--lang zh|en] FILES_OR_DIRS...\n"
    "  Loads and merges the it2-batch files like summarize and prints only the problems,\n"
    "  one per line:  file:line:column: severity: pointer: message\n"
    "  (line and column are 0 when unknown; severity is error, record or warning).\n"
    "  it2-policy files among the inputs (or given with --policy) are checked as policies.\n"
    "  Default language: zh.\n";

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
    "  --policy FILE, the policy that file gives after filling in the defaults.\n";

bool is_help(const std::string& arg) { return arg == "--help" || arg == "-h"; }

int usage_error(const std::string& message, const char* usage) {
    std::cerr << "it2: " << message << "\n\n" << usage;
    return kExitUsage;
}

bool read_bytes(const std::string& path, std::string& bytes) {
    std::ifstream in(path, std::ios::binary);  // bytes as they are: no newline conversion
    if (!in) return false;
    // One read of the whole file: a byte-by-byte iterator cost 13% of a 100k-teacher summary.
    std::error_code size_error;
    const auto size = fs::file_size(path, size_error);
    bytes.resize(size_error ? 0 : size_t(size));
    in.read(bytes.data(), std::streamsize(bytes.size()));
    return size_t(in.gcount()) == bytes.size();
}

bool has_data_extension(const fs::path& path) {  // batch files and platform CSVs
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".json" || ext == ".csv";
}

// One input file: where to read it, and the path shown for it (as found).
struct InputFile {
    std::string path;
    std::string display;  // path relative to the folder argument's parent, or as given
};

// Files as given, folders expanded recursively to their *.json and *.csv files in sorted path order.
bool expand_inputs(const std::vector<std::string>& inputs, std::vector<InputFile>& files) {
    for (const std::string& input : inputs) {
        std::error_code error;
        if (fs::is_directory(input, error)) {
            std::vector<std::string> found;
            for (fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, error), end;
                 !error && it != end; it.increment(error)) {
                std::error_code type_error;
                if (it->is_regular_file(type_error) && has_data_extension(it->path())) found.push_back(it->path().string());
            }
            if (error) {
                std::cerr << "it2: cannot read the folder " << input << ": " << error.message() << "\n";
                return false;
            }
            std::sort(found.begin(), found.end());
            for (const std::string& path : found) files.push_back({path, path});
        } else if (fs::exists(input, error)) {
            files.push_back({input, input});
        } else {
            std::cerr << "it2: no such file or folder: " << input << " (check the path; folders are read for *.json and *.csv)\n";
            return false;
        }
    }
    return true;
}

// The page knows only base names; use them too, unless two inputs share one.
std::vector<std::string> summary_names(const std::vector<InputFile>& files) {
    std::map<std::string, int> uses;
    for (const InputFile& f : files) ++uses[fs::path(f.path).filename().string()];
    std::vector<std::string> names;
    for (const InputFile& f : files) {
        const std::string base = fs::path(f.path).filename().string();
        names.push_back(uses[base] > 1 ? f.display : base);
    }
    return names;
}

std::string problem_line(const Problem& p, Lang lang) {
    return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + severity_key(p.severity) +
           ": " + p.pointer + ": " + p.message(lang);
}

bool parse_lang(const std::string& value, Lang& lang) {
    if (value != "zh" && value != "en") return false;
    lang = value == "en" ? Lang::en : Lang::zh;
    return true;
}

// Loads --policy FILE. False when it cannot be read or is rejected (messages printed).
bool read_policy(const std::string& path, Lang lang, Policy& policy, Problems& problems) {
    std::string bytes;
    if (!read_bytes(path, bytes)) {
        std::cerr << "it2: cannot read the policy file " << path << " (check the path)\n";
        return false;
    }
    PolicyLoad loaded = load_policy(path, bytes);
    problems.insert(problems.end(), loaded.problems.begin(), loaded.problems.end());
    if (!loaded.ok) {
        for (const Problem& p : loaded.problems) std::cerr << problem_line(p, lang) << "\n";
        std::cerr << "it2: the policy file " << path
                  << " was rejected (see above); fix it, or leave out --policy to use the defaults (`it2 policy`)\n";
        return false;
    }
    policy = loaded.policy;
    return true;
}

struct LoadOptions {
    std::string policy_file, as_of, format = "--table";
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
        } else if (a == "--lang") {
            if (!has_value || !parse_lang(args[i + 1], options.lang))
                return usage_error("--lang is zh or en, e.g. --lang en", usage);
            ++i;
        } else if (allow_output && (a == "--json" || a == "--csv" || a == "--table")) {
            options.format = a;
        } else if (a == "--") {
            options.inputs.insert(options.inputs.end(), args.begin() + long(i) + 1, args.end());
            break;
        } else if (a.size() > 1 && a[0] == '-') {
            return usage_error("unknown option " + a, usage);
        } else {
            options.inputs.push_back(a);
        }
    }
    if (options.inputs.empty())
        return usage_error("give the it2-batch files or folders to read, e.g. it2 " +
                               std::string(allow_output ? "summarize" : "validate") + " data/demo/",
                           usage);
    return -1;
}

// Reads every input into the workspace under the given names. False on an I/O error.
bool load_inputs(const std::vector<InputFile>& files, const std::vector<std::string>& names, Workspace& ws) {
    for (size_t i = 0; i < files.size(); ++i) {
        std::string bytes;
        if (!read_bytes(files[i].path, bytes)) {
            std::cerr << "it2: cannot read " << files[i].path << " (check that it is a readable file)\n";
            return false;
        }
        ws.add(names[i], bytes);
    }
    return true;
}

int run_summarize(const std::vector<std::string>& args) {
    if (std::find(args.begin(), args.end(), "--partial") != args.end()) return run_partial(args);
    LoadOptions options;
    if (int status = parse_load_options(args, true, kSummarizeUsage, options); status >= 0) return status;

    Policy policy;
    Problems policy_problems;
    if (!options.policy_file.empty() && !read_policy(options.policy_file, options.lang, policy, policy_problems))
        return kExitUsage;
    std::vector<InputFile> files;
    if (!expand_inputs(options.inputs, files)) return kExitUsage;
    if (files.empty()) return usage_error("no *.json or *.csv files found in the folders given", kSummarizeUsage);

    Workspace ws;
    if (!load_inputs(files, summary_names(files), ws)) return kExitUsage;
    Summary summary = compute(ws, merge(ws), policy, options.as_of.empty() ? today_iso() : options.as_of);
    summary.problems.insert(summary.problems.begin(), policy_problems.begin(), policy_problems.end());

    if (options.format == "--json") {
        std::cout.flush();
        write_summary_json(summary, options.lang, write_stdout);
        std::fputs("\n", stdout);
        std::fflush(stdout);
    } else {
        std::cout << (options.format == "--csv" ? summary_csv(summary, options.lang)
                                                : summary_table(summary, options.lang));
        for (const Problem& p : summary.problems) std::cerr << problem_line(p, options.lang) << "\n";
    }
    std::cout.flush();
    return summary.problems.empty() ? kExitClean : kExitProblems;
}

int run_validate(const std::vector<std::string>& args) {
    LoadOptions options;
    if (int status = parse_load_options(args, false, kValidateUsage, options); status >= 0) return status;
    Problems problems;
    if (!options.policy_file.empty()) {
        Policy policy;
        if (!read_policy(options.policy_file, options.lang, policy, problems)) return kExitProblems;
    }
    std::vector<InputFile> files;
    if (!expand_inputs(options.inputs, files)) return kExitUsage;
    if (files.empty()) return usage_error("no *.json or *.csv files found in the folders given", kValidateUsage);
    Workspace ws;
    for (const InputFile& f : files) {
        std::string bytes;
        if (!read_bytes(f.path, bytes)) {
            std::cerr << "it2: cannot read " << f.path << " (check that it is a readable file)\n";
            return kExitUsage;
        }
        // A policy file among the inputs is checked as a policy, not rejected as a batch file.
        if (sniff_format(bytes) == "it2-policy") {
            const PolicyLoad policy = load_policy(f.display, bytes);
            problems.insert(problems.end(), policy.problems.begin(), policy.problems.end());
            continue;
        }
        ws.add(f.display, bytes);
    }
    for (const FileEntry& f : ws.files) problems.insert(problems.end(), f.problems.begin(), f.problems.end());
    const Merged merged = merge(ws);
    problems.insert(problems.end(), merged.problems.begin(), merged.problems.end());
    for (const Problem& p : problems) std::cout << problem_line(p, options.lang) << "\n";
    std::cout.flush();
    return problems.empty() ? kExitClean : kExitProblems;
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
    std::cout << catalog_json();
    return kExitClean;
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
        if (!read_policy(policy_file, Lang::zh, policy, problems)) return kExitProblems;
        for (const Problem& p : problems) std::cerr << problem_line(p, Lang::zh) << "\n";
    }
    std::cout << policy_json(policy);
    return problems.empty() ? kExitClean : kExitProblems;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty()) {
        std::cerr << kMainUsage;
        return kExitUsage;
    }
    const std::string command = args.front();
    args.erase(args.begin());
    if (is_help(command) || command == "help") {
        std::cout << kMainUsage;
        return kExitClean;
    }
    if (command == "summarize") return run_summarize(args);
    if (command == "validate") return run_validate(args);
    if (command == "generate") return run_generate(args);
    if (command == "catalog") return run_catalog(args);
    if (command == "policy") return run_policy(args);
    if (command == "merge") return run_merge(args);
    std::cerr << "it2: unknown command " << command << "\n\n" << kMainUsage;
    return kExitUsage;
}
