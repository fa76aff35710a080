// `it2 summarize --partial` (map) and `it2 merge` (reduce): see docs/scale.md.
#include "partial_commands.h"

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <string>
#include <vector>

#include "export.h"
#include "load_batch.h"
#include "metrics.h"
#include "partial.h"
#include "policy.h"
#include "summary_json.h"
#include "tracker.h"
#include "cli_io.h"
#include "parallel_load.h"
#include "workspace.h"
#include "workspace_file.h"

namespace it2 {

namespace {

namespace fs = std::filesystem;

const char* const kPartialUsage =
    "usage: it2 summarize --partial [--order-index N | --order-key KEY] [--name NAME] [--out-dir DIR] FILES_OR_DIRS...\n"
    "  Loads each file on its own and writes one partial summary line (JSON Lines, it2-partial v1)\n"
    "  per file to stdout, or to DIR/<file>.partial.jsonl with --out-dir. The inputs are those of\n"
    "  `it2 summarize`: batch files (.json), platform exports (.csv, .xlsx, .xls: one line per school\n"
    "  and batch they hold) and workspace files (one line per file inside). Directories are read\n"
    "  recursively for *.json, *.csv, *.xlsx and *.xls in sorted path order. `it2 merge` combines\n"
    "  the lines.\n"
    "  Exit status 0 when every partial was written (the files' problems travel inside the\n"
    "  partials and make `it2 merge` exit 1; a file that cannot be read becomes a rejected\n"
    "  partial), 2 on a usage error or an output that could not be written. An it2-policy file\n"
    "  found among the inputs gets no partial (a note on stderr): give it to `it2 merge --policy`;\n"
    "  the same for the policy inside a workspace file.\n"
    "  --threads N loads files on N threads (default: IT2_THREADS, else every core, at most 8);\n"
    "  the lines are the same and in the same order whatever N.\n"
    "  Merge order: by order key; the default key is the file's path as found, so merging the\n"
    "  partials of every file of a folder equals `it2 summarize FOLDER`. --order-index N gives\n"
    "  the i-th file the key N+i (zero-padded) to reproduce an explicit file order instead. A file\n"
    "  of several entries (a CSV, a workspace) gives its k-th entry (k >= 1) the key KEY\\u0001k.\n"
    "  Files are named by their base name, as summarize names them; when two files of the whole\n"
    "  set share a base name, give each its path with --name (summarize shows the path then).\n"
    "  --order-key KEY and --name NAME (the name shown in the summary) need a single file;\n"
    "  `-` reads that one file from stdin (with --name), e.g. hdfs dfs -cat P | it2 summarize --partial --name P -\n";

const char* const kMergeUsage =
    "usage: it2 merge [--policy FILE] [--as-of YYYY-MM-DD] [--json | --csv [--raw] | --table | --partial] [--lang zh|en]\n"
    "                 PARTIALS...\n"
    "  Combines partial summaries (files of it2-partial lines, folders holding *.jsonl, or - for\n"
    "  stdin) into the summary of all their files at once (format.md section 4), merging the\n"
    "  files in ascending order key. --partial prints the sorted union of the lines instead, so\n"
    "  merges can be staged (exit 0). Default output: --json; default as-of date: today.\n"
    "  --csv is the Excel-safe CSV of `it2 summarize --csv` (--raw: plain RFC 4180).\n"
    "  --threads N reads the partial files on N threads, a large one in pieces (default:\n"
    "  IT2_THREADS, else every core, at most 8); the result is the same whatever N.\n"
    "  Every line is checked as strictly as the loader checks a file (ids, names, hours >= 0,\n"
    "  real dates, known codes, length limits, the problems matching the status).\n"
    "  Exit status: 0 clean, 1 when the files had problems, 2 on a usage error, a --policy FILE\n"
    "  that cannot be read or is rejected, a partial that cannot be read, a line that is not a\n"
    "  valid partial (nothing is merged then), or an output that could not be written.\n";

bool parse_index(const std::string& text, uint64_t& value) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos || text.size() > 19) return false;
    value = std::stoull(text);
    return true;
}

// The order key of a file's k-th entry: the file's own key for the first, then the key, U+0001
// and k zero-padded, which sorts right after the file's key and before any other path that
// starts with it (every printable character is above U+0001), as summarize loads them.
std::string entry_key(const std::string& key, size_t k) {
    if (k == 0) return key;
    std::string n = std::to_string(k);
    return key + '\x01' + std::string(n.size() < 6 ? 6 - n.size() : 0, '0') + n;
}

void print_problems(const Problems& problems, Lang lang) {
    for (const Problem& p : problems) std::cerr << cli::problem_line(p, lang) << "\n";
}

}  // namespace

int run_partial(const std::vector<std::string>& args) {
    std::vector<std::string> inputs;
    std::string order_key, name, out_dir, threads_text;
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
        } else if (a == "--threads" && has_value) {
            threads_text = args[++i];
        } else if (a.size() > 1 && a[0] == '-') {
            std::cerr << "it2: unknown or incomplete option " << a << " for summarize --partial\n" << kPartialUsage;
            return 2;
        } else {
            inputs.push_back(a);
        }
    }
    std::vector<cli::InputFile> files;
    if (inputs.empty()) {
        std::cerr << "it2: give the batch files or folders to summarize, e.g. it2 summarize --partial data/\n"
                  << kPartialUsage;
        return 2;
    }
    if (!cli::expand_inputs(inputs, {".json", ".csv", ".xlsx", ".xls"}, files)) return 2;
    if ((!order_key.empty() || !name.empty()) && files.size() != 1) {
        std::cerr << "it2: --order-key and --name apply to one file; " << files.size()
                  << " were given (use --order-index for several)\n";
        return 2;
    }
    const bool has_stdin =
        std::any_of(files.begin(), files.end(), [](const cli::InputFile& f) { return f.path == "-"; });
    if (has_stdin && (name.empty() || files.size() != 1)) {
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

    unsigned threads = 1;
    if (!cli::thread_count(threads_text, threads)) return 2;
    // Each file on its own, on `threads` threads; the lines are written in the order given.
    struct Mapped {
        bool policy = false, workspace_policy = false;
        std::string shown, line;  // line: one partial line per entry of the file
    };
    std::vector<Mapped> mapped(files.size());
    int status = -1;  // set when an output file could not be written: nothing more is written
    cli::run_in_order(
        files.size(), threads,
        [&](size_t i) {
            const cli::InputFile& file = files[i];
            Mapped& m = mapped[i];
            std::string bytes;
            int error = file.error;
            if (error == 0) error = cli::read_input(file.path, bytes);
            // Named by base name, as `it2 summarize` and the page name files (see kPartialUsage).
            m.shown = name.empty() ? fs::path(file.path).filename().string() : name;
            // Sniffed as summarize sniffs it (tracker.h): a policy, a workspace or data.
            const FileKind kind = error == 0 ? sniff_file(m.shown, bytes) : FileKind::data;
            if (kind == FileKind::policy) {
                m.policy = true;  // partials are policy-free: `it2 summarize FOLDER` applies it
                return;
            }
            // One file on its own: its entries must not depend on any other file. Opened as
            // summarize opens it (file_entries: a workspace's files, nested workspaces too, named
            // as stored; an unreadable workspace listed with its problems).
            FileEntries opened;
            if (error != 0) opened.entries.push_back(unreadable_entry(m.shown, error, file.folder));  // a rejected partial
            else opened = file_entries(kind, m.shown, bytes);  // a platform CSV: one per school and batch
            m.workspace_policy = opened.policies > 0;
            const std::vector<FileEntry>& entries = opened.entries;
            const std::string key = !order_key.empty() ? order_key
                                    : has_order_index  ? order_key_for_index(order_index + i)
                                                       : file.path;
            m.line.reserve(bytes.size() / 2 + 4096);  // a file's line is about half its size: grown once, not by doubling
            for (size_t k = 0; k < entries.size(); ++k) append_partial_line(m.line, entries[k], entry_key(key, k));
        },
        [&](size_t i) {
            Mapped m = std::move(mapped[i]);
            if (status >= 0) return;
            if (m.policy) {
                std::cerr << "it2: " << visible_controls(m.shown, false)
                          << ": an it2-policy file, not a batch file: no partial written; give it to `it2 merge --policy`\n";
                return;
            }
            if (m.workspace_policy)
                std::cerr << "it2: " << visible_controls(m.shown, false)
                          << ": a workspace file: its files are mapped, its policy is not (partials are policy-free); "
                             "give the policy to `it2 merge --policy`\n";
            if (out_dir.empty()) {
                cli::write_out(m.line);
                return;
            }
            const fs::path target = fs::path(out_dir) / (fs::path(files[i].path).filename().string() + ".partial.jsonl");
            std::ofstream out(target, std::ios::binary);
            out << m.line;
            out.close();
            if (!out) {
                std::cerr << "it2: cannot write " << target.string() << "\n";
                status = 2;
            }
        });
    if (status >= 0) return status;
    return cli::finish_output(0);
}

int run_merge(const std::vector<std::string>& args) {
    std::vector<std::string> inputs;
    std::string policy_file, as_of, format = "--json", threads_text;
    Lang lang = Lang::zh;
    bool raw = false;
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
        } else if (a == "--threads" && has_value) {
            threads_text = args[++i];
        } else if (a == "--json" || a == "--csv" || a == "--table" || a == "--partial") {
            format = a;
        } else if (a == "--raw") {
            raw = true;
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
    if (raw && format != "--csv") {
        std::cerr << "it2: --raw goes with --csv\n" << kMergeUsage;
        return 2;
    }
    std::vector<cli::InputFile> sources;
    if (!cli::expand_inputs(inputs, {".jsonl"}, sources)) return 2;

    unsigned threads = 1;
    if (!cli::thread_count(threads_text, threads)) return 2;

    // Partial files are read and parsed on `threads` threads, taken in the order given. A small
    // file is parsed on the thread that read it; a large one (a map task's whole output, stdin)
    // when its turn comes, in pieces on every thread, so that one file does not leave the other
    // threads idle.
    constexpr size_t kLargePartial = 4 << 20;
    const ParallelFor parallel = cli::parallel_for(threads);
    struct Source {
        int error = 0;
        cli::InputBytes text;  // a large file, not parsed yet
        PartialRead read;
    };
    std::vector<Source> read(sources.size());
    std::vector<PartialEntry> entries;
    Problems unreadable;
    int failed = -1;  // the first source that could not be read
    cli::run_in_order(
        sources.size(), threads,
        [&](size_t i) {
            cli::InputBytes text;
            read[i].error = sources[i].error != 0 ? sources[i].error : text.open(sources[i].path);
            if (read[i].error != 0) return;
            if (threads > 1 && text.view().size() >= kLargePartial) read[i].text = std::move(text);
            else read[i].read = read_partials(sources[i].display, text.view());
        },
        [&](size_t i) {
            if (read[i].error != 0 && failed < 0) failed = int(i);
            if (!read[i].text.empty()) {
                read[i].read = read_partials(sources[i].display, read[i].text.view(), parallel);
                read[i].text = cli::InputBytes();
            }
            std::move(read[i].read.entries.begin(), read[i].read.entries.end(), std::back_inserter(entries));
            unreadable.insert(unreadable.end(), read[i].read.problems.begin(), read[i].read.problems.end());
            read[i].read = PartialRead();
        });
    if (failed >= 0) {  // a partial missing would silently change every number
        const int error = read[size_t(failed)].error;
        std::cerr << "it2: cannot read " << visible_controls(sources[size_t(failed)].display, false) << ": "
                  << (error > 0 ? std::strerror(error) : "not a regular file") << "; nothing merged\n";
        return 2;
    }
    // A skipped partial would silently change every number: refuse instead.
    if (!unreadable.empty()) {
        print_problems(unreadable, lang);
        std::cerr << "it2: " << unreadable.size() << " line(s) are not it2-partial v1 summaries; nothing merged. "
                  << "Make them with `it2 summarize --partial`.\n";
        return 2;
    }

    if (format == "--partial") {
        std::stable_sort(entries.begin(), entries.end(),
                         [](const PartialEntry& a, const PartialEntry& b) { return a.order_key < b.order_key; });
        std::string lines;
        for (const PartialEntry& e : entries) {
            append_partial_line(lines, e.file, e.order_key);
            if (lines.size() >= (1u << 20)) {  // written in pieces of about a megabyte
                cli::write_out(lines);
                lines.clear();
            }
        }
        cli::write_out(lines);
        return cli::finish_output(0);
    }

    // The same Tracker as `it2 summarize` and the page: --policy's problems are in the summary.
    Tracker& tracker = *new Tracker;  // never freed: the process ends after the output (as in summarize)
    if (!as_of.empty()) tracker.set_as_of(as_of);
    tracker.set_parallel(parallel);  // the summary's teachers on the same threads
    if (!policy_file.empty()) {
        std::string bytes;
        if (int error = cli::read_input(policy_file, bytes)) {
            std::cerr << "it2: cannot read the policy file " << policy_file << ": " << std::strerror(error) << "\n";
            return 2;
        }
        PolicyLoad loaded = load_policy(policy_file, bytes);
        if (!loaded.ok) {
            print_problems(loaded.problems, lang);
            std::cerr << "it2: the policy file " << policy_file << " was rejected (see above)\n";
            return 2;
        }
        if (format != "--json") print_problems(loaded.problems, lang);
        tracker.add_policy_problems(loaded.problems);
        tracker.set_policy(loaded.policy);
    }
    for (FileEntry& file : workspace_from_partials(std::move(entries)).files) tracker.add_entry(std::move(file));
    tracker.refresh();
    const Summary& summary = tracker.summary();
    if (format == "--csv") cli::write_out(summary_csv(summary, lang, !raw, parallel));
    else if (format == "--table") cli::write_out(summary_table(summary, lang));
    else {
        write_summary_json(summary, lang, cli::write_out, parallel);  // as summarize writes it
        cli::write_out("\n");
    }
    return cli::finish_output(summary.problems.empty() ? 0 : 1);
}

}  // namespace it2
