#include "parallel_load.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

namespace it2::cli {

namespace {

constexpr unsigned kMaxThreads = 256;
constexpr unsigned kDefaultMaxThreads = 8;  // past this, reading the disk is the limit
constexpr size_t kKeptBuffer = size_t(4) << 20;  // bytes

bool parse_threads(const std::string& text, unsigned& threads) {
    if (text.empty() || text.size() > 3 || text.find_first_not_of("0123456789") != std::string::npos) return false;
    const unsigned long value = std::stoul(text);
    if (value < 1 || value > kMaxThreads) return false;
    threads = unsigned(value);
    return true;
}

void prepare(const InputFile& file, const std::string& name, LoadedInput& out) {
    // A data file's bytes are parsed and dropped (the records keep their own texts): one buffer
    // per load thread takes file after file. A new buffer per file was memory fresh from the
    // kernel each time (the records had taken the last one's), zero-filled page by page.
    thread_local std::string bytes;
    out.error = file.error;
    if (out.error == 0) out.error = read_input(file.path, bytes);
    if (out.error == 0) {
        out.kind = sniff_file(name, bytes);
        if (out.kind == FileKind::data) out.entries = load_data_entries(name, bytes);
        else out.bytes = bytes;  // a policy or workspace file, read later on the main thread
    }
    // A large file's buffer is not kept for the rest of the run.
    if (bytes.capacity() > kKeptBuffer) std::string().swap(bytes);
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

namespace {

// The threads behind parallel_for(): started once, waiting between calls. A call splits [0, n)
// into a few ranges per thread that the caller and the workers claim in turn, so a thread
// slowed by the machine's other work takes fewer of them; it returns when every range is done.
class Pool {
public:
    explicit Pool(unsigned threads) : ranges_per_call_(size_t(threads) * 4) {
        for (unsigned k = 1; k < threads; ++k) workers_.emplace_back([this] { work(); });
    }
    ~Pool() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            stop_ = true;
        }
        wake_.notify_all();
        for (std::thread& worker : workers_) worker.join();
    }
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    void run(size_t n, const RangeBody& body) {
        // One call at a time; a call from inside a body (or from another thread meanwhile)
        // runs on its caller's thread.
        std::unique_lock<std::mutex> call(call_mutex_, std::try_to_lock);
        if (!call.owns_lock()) {
            body(0, n);
            return;
        }
        {
            std::lock_guard<std::mutex> lock(mutex_);
            body_ = &body;
            n_ = n;
            ranges_ = std::min(n, ranges_per_call_);
            next_ = 0;
            busy_ = workers_.size();
            ++call_number_;
        }
        wake_.notify_all();
        claim(body, n, std::min(n, ranges_per_call_));
        std::unique_lock<std::mutex> lock(mutex_);
        done_.wait(lock, [&] { return busy_ == 0; });
        body_ = nullptr;
    }

private:
    const size_t ranges_per_call_;
    std::vector<std::thread> workers_;
    std::mutex call_mutex_, mutex_;
    std::condition_variable wake_, done_;
    const RangeBody* body_ = nullptr;
    size_t n_ = 0, ranges_ = 0, busy_ = 0, call_number_ = 0;
    std::atomic<size_t> next_{0};
    bool stop_ = false;

    void claim(const RangeBody& body, size_t n, size_t ranges) {
        for (size_t k; (k = next_.fetch_add(1)) < ranges;) body(n * k / ranges, n * (k + 1) / ranges);
    }

    void work() {
        size_t seen = 0;
        for (;;) {
            const RangeBody* body = nullptr;
            size_t n = 0, ranges = 0;
            {
                std::unique_lock<std::mutex> lock(mutex_);
                wake_.wait(lock, [&] { return stop_ || call_number_ != seen; });
                if (stop_) return;
                seen = call_number_;
                body = body_;
                n = n_;
                ranges = ranges_;
            }
            claim(*body, n, ranges);
            std::lock_guard<std::mutex> lock(mutex_);
            if (--busy_ == 0) done_.notify_one();
        }
    }
};

}  // namespace

ParallelFor parallel_for(unsigned threads) {
    if (threads <= 1) return {};
    auto pool = std::make_shared<Pool>(threads);
    return [pool](size_t n, const RangeBody& body) { pool->run(n, body); };
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
    // Everyone claims the next index while it is within `window` of what the caller has taken,
    // so prepared items waiting for their turn stay few. The caller is one of the `threads`:
    // while the item it must take next is not ready, it prepares one itself instead of waiting
    // (no third thread on two cores, no wake-up per file), and waits only when the window is full.
    const size_t window = size_t(threads) * 8;
    std::vector<char> done(n, 0);
    std::mutex mutex;
    std::condition_variable ready, room;
    size_t next = 0, taken = 0;
    bool caller_waits = false, workers_wait = false;
    auto finished = [&](size_t i, std::unique_lock<std::mutex>& lock) {
        done[i] = 1;
        if (caller_waits) {
            lock.unlock();
            ready.notify_one();
            lock.lock();
        }
    };
    auto work = [&] {
        std::unique_lock<std::mutex> lock(mutex);
        for (;;) {
            while (next < n && next >= taken + window) {
                workers_wait = true;
                room.wait(lock);
            }
            if (next >= n) return;
            const size_t i = next++;
            lock.unlock();
            prepare(i);
            lock.lock();
            finished(i, lock);
        }
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    for (size_t i = 0; i < n; ++i) {
        {
            std::unique_lock<std::mutex> lock(mutex);
            while (!done[i]) {
                if (next < n && next < taken + window) {
                    const size_t mine = next++;
                    lock.unlock();
                    prepare(mine);
                    lock.lock();
                    done[mine] = 1;
                    continue;
                }
                caller_waits = true;
                ready.wait(lock);
                caller_waits = false;
            }
        }
        take(i);
        std::unique_lock<std::mutex> lock(mutex);
        taken = i + 1;
        if (workers_wait) {
            workers_wait = false;
            lock.unlock();
            room.notify_all();
        }
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
