// Timing entry point for bench/run.sh, built twice from this one source: natively with g++ -O3
// (build/native/native_bench) and with em++ for node (build/wasm-bench/wasm_bench.js, NODERAWFS)
// with the page's code generation options (IT2_WASM_CODEGEN in CMakeLists.txt).
//   bench_cli LIST_FILE AS_OF SUMMARY_OUT
// LIST_FILE holds one batch-file path per line, in load order. Prints one JSON line of timings
// (wall and CPU milliseconds per phase), sizes and memory (peak and live, measured after the
// metrics and before the summary's JSON text is built); writes the §4 summary to SUMMARY_OUT.
// Files are read one at a time (timed apart from parse+validate), as the page hands them over.
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten/em_js.h>
#include <emscripten/heap.h>
#include <malloc.h>
#else
#include <malloc.h>
#include <sys/resource.h>
#include <time.h>
#endif

#include "metrics.h"
#include "policy.h"
#include "summary_json.h"
#include "workspace.h"

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

#ifdef __EMSCRIPTEN__
// Node's CPU time of the process (user + system), in milliseconds.
EM_JS(double, process_cpu_ms, (), {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
});
#else
double process_cpu_ms() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1000.0 + double(t.tv_nsec) / 1e6;
}
#endif

// Bytes in use by malloc now (the live heap, without free blocks and growth slack).
double live_heap_mb() {
#ifdef __EMSCRIPTEN__
    return double(mallinfo().uordblks) / (1024.0 * 1024.0);
#else
    const auto info = mallinfo2();  // large blocks are mmapped: hblkhd
    return double(info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
#endif
}

// Wall and CPU time of one phase: on a busy machine the CPU time is the steadier figure.
struct Phase {
    Clock::time_point wall_start = Clock::now();
    double cpu_start = process_cpu_ms();
    double wall_ms = 0, cpu_ms = 0;
    void stop() {
        wall_ms += ms_since(wall_start);
        cpu_ms += process_cpu_ms() - cpu_start;
    }
    void restart() {
        wall_start = Clock::now();
        cpu_start = process_cpu_ms();
    }
};

bool read_all(const std::string& path, std::string& bytes) {
    std::FILE* file = std::fopen(path.c_str(), "rb");
    if (!file) return false;
    bytes.clear();
    char buffer[1 << 16];
    for (size_t n; (n = std::fread(buffer, 1, sizeof buffer, file)) > 0;) bytes.append(buffer, n);
    const bool ok = !std::ferror(file);
    std::fclose(file);
    return ok;
}

// Native: peak resident set size. Wasm: the linear memory size, which only ever grows, so it
// is the peak of the whole heap (input bytes included).
double peak_memory_mb() {
#ifdef __EMSCRIPTEN__
    return double(emscripten_get_heap_size()) / (1024.0 * 1024.0);
#else
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB on Linux
#endif
}

// One file into the workspace, one call per file, as the page's it2_load_file is called from
// JavaScript. Inlined into main (link-time optimisation inlines a function called from one
// place), the load ran in V8's baseline code: main is entered once, so the optimised code V8
// compiled for it (in ~200 ms of CPU, counted in the load) was never used.
__attribute__((noinline)) void load_one(it2::Workspace& ws, std::string name, const std::string& bytes) {
    ws.add(std::move(name), bytes);
}

// The benchmark's own driving code lives in functions of their own (noinline) and main only
// calls them: on the page the loop over files is JavaScript's. A loop in main made V8 compile
// all of main with its optimising compiler during the load (14 KB with the merge and the
// report inlined, ~50 ms of CPU counted as load), for code main never runs again.
__attribute__((noinline)) std::vector<std::string> list_paths(const std::string& list_text) {
    std::vector<std::string> paths;
    for (size_t start = 0; start < list_text.size();) {
        size_t end = list_text.find('\n', start);
        if (end == std::string::npos) end = list_text.size();
        if (end > start) paths.push_back(list_text.substr(start, end - start));
        start = end + 1;
    }
    return paths;
}

// One file at a time, as the page receives them: the heap holds the model plus one file.
// False (with a message) when a file cannot be read.
__attribute__((noinline)) bool load_files(const std::vector<std::string>& paths, it2::Workspace& ws, Phase& load,
                                          double& read_ms, double& input_bytes) {
    std::string bytes;
    for (const std::string& path : paths) {
        const auto read_start = Clock::now();
        if (!read_all(path, bytes)) {
            std::fprintf(stderr, "bench_cli: cannot read %s\n", path.c_str());
            return false;
        }
        read_ms += ms_since(read_start);
        input_bytes += double(bytes.size());
        load.restart();
        // Named by base name, as `it2 summarize` and the page name files.
        const size_t slash = path.find_last_of('/');
        load_one(ws, slash == std::string::npos ? path : path.substr(slash + 1), bytes);
        load.stop();
    }
    return true;
}

__attribute__((noinline)) it2::Merged merged_of(const it2::Workspace& ws) { return it2::merge(ws); }

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::fprintf(stderr, "usage: bench_cli LIST_FILE AS_OF SUMMARY_OUT\n");
        return 2;
    }
    std::string list_text;
    if (!read_all(argv[1], list_text)) {
        std::fprintf(stderr, "bench_cli: cannot read the file list %s\n", argv[1]);
        return 2;
    }
    const std::vector<std::string> paths = list_paths(list_text);
    it2::Workspace ws;
    double read_ms = 0, input_bytes = 0;
    Phase load;
    load.stop();
    if (!load_files(paths, ws, load, read_ms, input_bytes)) return 2;
    const double model_mb = live_heap_mb();

    Phase merging;
    const it2::Merged merged = merged_of(ws);
    merging.stop();
    const double merged_mb = live_heap_mb();

    Phase metrics;
    const it2::Summary summary = it2::compute(ws, merged, it2::Policy{}, argv[2]);
    metrics.stop();
    const double summary_mb = live_heap_mb();

    // A policy edit in the page recomputes metrics only (the merge depends on files alone).
    it2::Policy edited;
    edited.online_min = 30;
    Phase recompute;
    const it2::Summary recomputed = it2::compute(ws, merged, edited, argv[2]);
    recompute.stop();

    // Peak before the JSON text: the page keeps the Summary, not a JSON DOM of it.
    const double peak_mb = peak_memory_mb();
    const double live_mb = live_heap_mb();

    Phase to_json;
    const std::string json = it2::summary_json(summary, it2::Lang::zh);
    to_json.stop();

    std::FILE* out = std::fopen(argv[3], "wb");
    if (!out || std::fwrite(json.data(), 1, json.size(), out) != json.size() || std::fclose(out) != 0) {
        std::fprintf(stderr, "bench_cli: cannot write %s\n", argv[3]);
        return 2;
    }
    std::printf(
        "{\"files\":%zu,\"input_bytes\":%.0f,\"teachers\":%zu,\"read_ms\":%.3f,"
        "\"load_ms\":%.3f,\"merge_ms\":%.3f,\"metrics_ms\":%.3f,\"recompute_ms\":%.3f,\"json_ms\":%.3f,"
        "\"load_cpu_ms\":%.3f,\"merge_cpu_ms\":%.3f,\"metrics_cpu_ms\":%.3f,\"recompute_cpu_ms\":%.3f,\"json_cpu_ms\":%.3f,"
        "\"peak_mb\":%.1f,\"live_heap_mb\":%.1f,\"model_mb\":%.1f,\"merge_mb\":%.1f,\"summary_mb\":%.1f,"
        "\"recomputed_teachers\":%zu}\n",
        paths.size(), input_bytes, summary.teachers.size(), read_ms, load.wall_ms, merging.wall_ms, metrics.wall_ms,
        recompute.wall_ms, to_json.wall_ms, load.cpu_ms, merging.cpu_ms, metrics.cpu_ms, recompute.cpu_ms, to_json.cpu_ms,
        peak_mb, live_mb, model_mb, merged_mb - model_mb, summary_mb - merged_mb, recomputed.teachers.size());
    return 0;
}
