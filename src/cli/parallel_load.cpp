#include "parallel_load.h"

#include <algorithm>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <thread>

namespace it2::cli {

namespace {

constexpr unsigned kMaxThreads = 256;
constexpr unsigned kDefaultMaxThreads = 8;  // past this, reading the disk is the limit

bool parse_threads(const std::string& text, unsigned& threads) {
    if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos) return false;
    const unsigned long value = std::stoul(text);
    if (value < 1 || value > kMaxThreads) return false;
    threads = unsigned(value);
    return true;
}

void prepare(const InputFile& file, const std::string& name, LoadedInput& out) {
    out.error = file.error;
    if (out.error == 0) out.error = read_input(file.path, out.bytes);
    if (out.error != 0) {
        std::string().swap(out.bytes);
        return;
    }
    out.kind = sniff_file(name, out.bytes);
    if (out.kind != FileKind::data) return;
    out.entries = load_data_entries(name, out.bytes);
    // Parsed: the records own their text. swap, not `= std::string()`: assigning an empty
    // string keeps the buffer, and every file's bytes would stay in memory until the end.
    std::string().swap(out.bytes);
}

}  // namespace

bool thread_count(const std::string& text, unsigned& threads) {
    if (!text.empty()) {
        if (parse_threads(text, threads)) return true;
        std::cerr << "it2: --threads needs a whole number from 1 to " << kMaxThreads << ", e.g. --threads 2\n";
        return false;
    }
    if (const char* env = std::getenv("IT2_THREADS"); env && *env) {
        if (parse_threads(env, threads)) return true;
        std::cerr << "it2: IT2_THREADS needs a whole number from 1 to " << kMaxThreads
                  << " (e.g. IT2_THREADS=2), or unset it to use every core\n";
        return false;
    }
    threads = std::clamp(std::thread::hardware_concurrency(), 1u, kDefaultMaxThreads);
    return true;
}

ParallelFor parallel_for(unsigned threads) {
    if (threads <= 1) return {};
    return [threads](size_t n, const RangeBody& body) {
        const size_t parts = std::min<size_t>(threads, n);
        std::vector<std::thread> workers;
        workers.reserve(parts - 1);
        for (size_t k = 1; k < parts; ++k) workers.emplace_back(body, n * k / parts, n * (k + 1) / parts);
        body(0, n / parts);
        for (std::thread& worker : workers) worker.join();
    };
}

void run_in_order(size_t n, unsigned threads, const std::function<void(size_t)>& prepare,
                  const std::function<void(size_t)>& take) {
    threads = unsigned(std::min<size_t>(threads, n));
    if (threads <= 1) {
        for (size_t i = 0; i < n; ++i) {
            prepare(i);
            take(i);
        }
        return;
    }
    // Workers claim the next index while it is within `window` of what the caller has taken, so
    // prepared items waiting for their turn stay few; the caller waits for each index in order.
    const size_t window = size_t(threads) * 8;
    std::vector<char> done(n, 0);
    std::mutex mutex;
    std::condition_variable ready, room;
    size_t next = 0, taken = 0;
    auto work = [&] {
        for (;;) {
            size_t i = 0;
            {
                std::unique_lock<std::mutex> lock(mutex);
                room.wait(lock, [&] { return next >= n || next < taken + window; });
                if (next >= n) return;
                i = next++;
            }
            prepare(i);
            {
                std::lock_guard<std::mutex> lock(mutex);
                done[i] = 1;
            }
            ready.notify_all();
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
    for (size_t i = 0; i < n; ++i) {
        {
            std::unique_lock<std::mutex> lock(mutex);
            ready.wait(lock, [&] { return done[i] != 0; });
        }
        take(i);
        {
            std::lock_guard<std::mutex> lock(mutex);
            taken = i + 1;
        }
        room.notify_all();
    }
    for (std::thread& t : pool) t.join();
}

void load_in_order(const std::vector<InputFile>& files, const std::vector<std::string>& names, unsigned threads,
                   const std::function<void(size_t, LoadedInput&)>& take) {
    if (threads <= 1) {  // no slots: one input alive at a time
        for (size_t i = 0; i < files.size(); ++i) {
            LoadedInput input;
            prepare(files[i], names[i], input);
            take(i, input);
        }
        return;
    }
    std::vector<LoadedInput> slots(files.size());
    run_in_order(
        files.size(), threads, [&](size_t i) { prepare(files[i], names[i], slots[i]); },
        [&](size_t i) {
            take(i, slots[i]);
            slots[i] = LoadedInput();
        });
}

}  // namespace it2::cli
