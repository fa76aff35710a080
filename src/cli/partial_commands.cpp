// `it2 summarize --partial` (map) and `it2 merge` (reduce): see docs/scale.md.
#include "partial_commands.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "metrics.h"
#include "partial.h"
#include "policy.h"
#include "summary_json.h"
#include "workspace.h"

namespace it2 {

namespace {

namespace fs = std::filesystem;

const char* const kPartialUsage =
    "usage: it2 summarize --partial [--order-index N | --order-key KEY] [--name NAME] [--out-dir DIR] FILES_OR_DIRS...\n"
    "  Loads each file on its own and writes one partial summary line (JSON Lines, it2-partial v1)\n"
    "  per file to stdout, or to DIR/<file>.partial.jsonl with --out-dir. Directories are read\n"
    "  recursively for *.json in sorted path order. `it2 merge` combines the lines.\n"
    "  Exit status 0 when every partial was written (the files' problems travel inside the\n"
    "  partials and make `it2 merge` exit 1), 2 on a usage or I/O error.\n"
    "  Merge order: by order key; the default key is the file's path as found, so merging the\n"
    "  partials of every file of a folder equals `it2 summarize FOLDER`. --order-index N gives\n"
    "  the i-th file the key N+i (zero-padded) to reproduce an explicit file order instead.\n"
    "  Files are named by their base name, as summarize names them; when two files of the whole\n"
    "  set share a base name, give each its path with --name (summarize shows the path then).\n"
    "  --order-key KEY and --name NAME (the name shown in the summary) need a single file;\n"
    "  `-` reads that one file from stdin (with --name), e.g. hdfs dfs -cat P | it2 summarize --partial --name P -\n";

const char* const kMergeUsage =
    "usage: it2 merge [--policy FILE] [--as-of YYYY-MM-DD] [--json | --csv | --table | --partial] [--lang zh|en] PARTIALS...\n"
    "  Combines partial summaries (files of it2-partial lines, folders holding *.jsonl, or - for\n"
    "  stdin) into the summary of all their files at once (format.md section 4), merging the\n"
    "  files in ascending order key. --partial prints the sorted union of the lines instead, so\n"
    "  merges can be staged (exit 0). Default output: --json; default as-of date: today.\n"
    "  Exit status: 0 clean, 1 when the files had problems, 2 on a usage error or a line that\n"
    "  is not a partial (nothing is merged then).\n";

bool read_file(const std::string& path, std::string& bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return false;
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    return !in.bad();
}

// Case-insensitive, as `it2 summarize` reads folders ("A.JSON" counts).
bool has_extension(const fs::path& path, const std::string& extension) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return ext == extension;
}

// Files as given, directories expanded recursively to the files ending in `extension`, each
// directory's files in sorted path order. False (with a message) when a path does not exist.
bool expand_inputs(const std::vector<std::string>& inputs, const std::string& extension,
                   std::vector<std::string>& files) {
    for (const std::string& input : inputs) {
        std::error_code error;
        if (input != "-" && fs::is_directory(input, error)) {
            std::vector<std::string> found;
            for (fs::recursive_directory_iterator it(input, error), end; !error && it != end; it.increment(error)) {
                std::error_code type_error;
                if (it->is_regular_file(type_error) && has_extension(it->path(), extension))
                    found.push_back(it->path().string());
            }
            if (error) {
                std::cerr << "it2: cannot read folder " << input << ": " << error.message() << "\n";
                return false;
            }
            std::sort(found.begin(), found.end());
            files.insert(files.end(), found.begin(), found.end());
        } else if (input == "-" || fs::exists(input, error)) {
            files.push_back(input);
        } else {
            std::cerr << "it2: no such file or folder: " << input << " (check the path)\n";
            return false;
        }
    }
    return true;
}

bool parse_index(const std::string& text, uint64_t& value) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 19) return false;
    value = std::stoull(text);
    return true;
}

void print_problems(const Problems& problems) {
    for (const Problem& p : problems)
        std::cerr << p.file << ":" << p.line << ":" << p.column << ": " << severity_key(p.severity) << ": "
                  << p.pointer << ": " << p.message_en << "\n";
}

}  // namespace

int run_partial(const std::vector<std::string>& args) {
    std::vector<std::string> inputs;
    std::string order_key, name, out_dir;
    uint64_t order_index = 0;
    bool has_order_index = false;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (a == "--partial") continue;
        if (a == "--help" || a == "-h") {
            std::cout << kPartialUsage;
            return 0;
        }
        if (a == "--order-index" && has_value) {
            if (!parse_index(args[++i], order_index)) {
                std::cerr << "it2: --order-index needs a whole number, e.g. --order-index 42\n" << kPartialUsage;
                return 2;
            }
            has_order_index = true;
        } else if (a == "--order-key" && has_value) {
            order_key = args[++i];
        } else if (a == "--name" && has_value) {
            name = args[++i];
        } else if (a == "--out-dir" && has_value) {
            out_dir = args[++i];
        } else if (a.size() > 1 && a[0] == '-') {
            std::cerr << "it2: unknown or incomplete option " << a << " for summarize --partial\n" << kPartialUsage;
            return 2;
        } else {
            inputs.push_back(a);
        }
    }
    std::vector<std::string> files;
    if (inputs.empty()) {
        std::cerr << "it2: give the batch files or folders to summarize, e.g. it2 summarize --partial data/\n"
                  << kPartialUsage;
        return 2;
    }
    if (!expand_inputs(inputs, ".json", files)) return 2;
    if ((!order_key.empty() || !name.empty()) && files.size() != 1) {
        std::cerr << "it2: --order-key and --name apply to one file; " << files.size()
                  << " were given (use --order-index for several)\n";
        return 2;
    }
    if (std::find(files.begin(), files.end(), "-") != files.end() && (name.empty() || files.size() != 1)) {
        std::cerr << "it2: a file read from stdin (-) needs --name NAME, the name the summary shows for it\n";
        return 2;
    }
    if (!order_key.empty() && has_order_index) {
        std::cerr << "it2: give either --order-key or --order-index, not both\n";
        return 2;
    }
    if (!out_dir.empty()) {
        std::error_code error;
        fs::create_directories(out_dir, error);
        if (error) {
            std::cerr << "it2: cannot create " << out_dir << ": " << error.message() << "\n";
            return 2;
        }
    }

    for (size_t i = 0; i < files.size(); ++i) {
        std::string bytes;
        if (files[i] == "-") {
            std::ostringstream all;
            all << std::cin.rdbuf();
            bytes = all.str();
        } else if (!read_file(files[i], bytes)) {
            std::cerr << "it2: cannot read " << files[i] << "\n";
            return 2;
        }
        Workspace ws;  // one file on its own: the partial must not depend on any other file
        // Named by base name, as `it2 summarize` and the page name files (see kPartialUsage).
        const FileEntry& entry = ws.add(name.empty() ? fs::path(files[i]).filename().string() : name, bytes);
        const std::string key = !order_key.empty() ? order_key
                                : has_order_index  ? order_key_for_index(order_index + i)
                                                   : files[i];
        const std::string line = partial_line(entry, key) + "\n";
        if (out_dir.empty()) {
            std::cout << line;
            continue;
        }
        const fs::path target = fs::path(out_dir) / (fs::path(files[i]).filename().string() + ".partial.jsonl");
        std::ofstream out(target, std::ios::binary);
        out << line;
        if (!out) {
            std::cerr << "it2: cannot write " << target.string() << "\n";
            return 2;
        }
    }
    std::cout.flush();
    return std::cout ? 0 : 2;
}

int run_merge(const std::vector<std::string>& args) {
    std::vector<std::string> inputs;
    std::string policy_file, as_of, format = "--json";
    Lang lang = Lang::zh;
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        const bool has_value = i + 1 < args.size();
        if (a == "--help" || a == "-h") {
            std::cout << kMergeUsage;
            return 0;
        }
        if (a == "--policy" && has_value) {
            policy_file = args[++i];
        } else if (a == "--as-of" && has_value) {
            as_of = args[++i];
            if (!is_iso_date(as_of)) {
                std::cerr << "it2: --as-of needs a date like 2022-11-01\n";
                return 2;
            }
        } else if (a == "--lang" && has_value) {
            const std::string& value = args[++i];
            if (value != "zh" && value != "en") {
                std::cerr << "it2: --lang is zh or en\n";
                return 2;
            }
            lang = value == "en" ? Lang::en : Lang::zh;
        } else if (a == "--json" || a == "--csv" || a == "--table" || a == "--partial") {
            format = a;
        } else if (a != "-" && a.size() > 1 && a[0] == '-') {
            std::cerr << "it2: unknown or incomplete option " << a << " for merge\n" << kMergeUsage;
            return 2;
        } else {
            inputs.push_back(a);
        }
    }
    if (inputs.empty()) {
        std::cerr << "it2: give the partial summaries to merge (files, folders or - for stdin), e.g. it2 merge partials/\n"
                  << kMergeUsage;
        return 2;
    }
    std::vector<std::string> sources;
    if (!expand_inputs(inputs, ".jsonl", sources)) return 2;

    std::vector<PartialEntry> entries;
    Problems unreadable;
    for (const std::string& source : sources) {
        std::string text;
        if (source == "-") {
            std::ostringstream all;
            all << std::cin.rdbuf();
            text = all.str();
        } else if (!read_file(source, text)) {
            std::cerr << "it2: cannot read " << source << "\n";
            return 2;
        }
        PartialRead read = read_partials(source == "-" ? "<stdin>" : source, text);
        std::move(read.entries.begin(), read.entries.end(), std::back_inserter(entries));
        unreadable.insert(unreadable.end(), read.problems.begin(), read.problems.end());
    }
    // A skipped partial would silently change every number: refuse instead.
    if (!unreadable.empty()) {
        print_problems(unreadable);
        std::cerr << "it2: " << unreadable.size() << " line(s) are not it2-partial v1 summaries; nothing merged. "
                  << "Make them with `it2 summarize --partial`.\n";
        return 2;
    }

    if (format == "--partial") {
        std::stable_sort(entries.begin(), entries.end(),
                         [](const PartialEntry& a, const PartialEntry& b) { return a.order_key < b.order_key; });
        for (const PartialEntry& e : entries) std::cout << partial_line(e.file, e.order_key) << "\n";
        std::cout.flush();
        return std::cout ? 0 : 2;
    }

    Policy policy;
    if (!policy_file.empty()) {
        std::string bytes;
        if (!read_file(policy_file, bytes)) {
            std::cerr << "it2: cannot read policy file " << policy_file << "\n";
            return 2;
        }
        PolicyLoad loaded = load_policy(policy_file, bytes);
        print_problems(loaded.problems);
        if (!loaded.ok) {
            std::cerr << "it2: the policy file " << policy_file << " was rejected (see above)\n";
            return 2;
        }
        policy = loaded.policy;
    }
    const Workspace ws = workspace_from_partials(std::move(entries));
    const Summary summary = compute(ws, merge(ws), policy, as_of.empty() ? today_iso() : as_of);
    if (format == "--csv") std::cout << summary_csv(summary, lang);
    else if (format == "--table") std::cout << summary_table(summary, lang);
    else {
        std::cout.flush();
        write_summary_json(summary, lang, write_stdout);
        std::fputs("\n", stdout);
        std::fflush(stdout);
    }
    std::cout.flush();
    return summary.problems.empty() ? 0 : 1;
}

}  // namespace it2
