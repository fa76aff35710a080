// The CLI's ParallelFor (src/cli/parallel_load.h: parallel_for): a lasting pool of threads that
// every call of the summary reuses. Each call must cover [0, n) exactly once, whatever n and the
// thread count, call after call; a call from inside a body runs on its caller's thread; and the
// summary it drives is the bytes of the calling thread alone.
#include <doctest/doctest.h>

#include <atomic>
#include <string>
#include <vector>

#include "../../src/cli/parallel_load.h"
#include "generate.h"
#include "summary_json.h"
#include "tracker.h"

using namespace it2;

TEST_CASE("the CLI's pool covers every index once, call after call, and a nested call runs inline") {
    for (unsigned threads : {2u, 3u, 8u}) {
        CAPTURE(threads);
        const ParallelFor parallel = cli::parallel_for(threads);
        REQUIRE(parallel);
        const ParallelFor copy = parallel;  // copies share the pool
        for (int round = 0; round < 50; ++round) {
            for (size_t n : {size_t(2), size_t(3), size_t(7), size_t(1000)}) {
                CAPTURE(n);
                std::vector<std::atomic<int>> seen(n);
                std::atomic<size_t> ranges{0};
                (round % 2 ? copy : parallel)(n, [&](size_t begin, size_t end) {
                    CHECK(begin < end);
                    CHECK(end <= n);
                    ++ranges;
                    for (size_t i = begin; i < end; ++i) ++seen[i];
                });
                int wrong = 0;
                for (auto& s : seen) wrong += s.load() != 1;
                CHECK(wrong == 0);
                CHECK(ranges.load() >= std::min<size_t>(n, 2));  // split, not run as one range
            }
        }
        // A body that asks the same ParallelFor again: the inner call runs on its own thread.
        std::vector<std::atomic<int>> seen(100 * 10);
        parallel(100, [&](size_t begin, size_t end) {
            for (size_t i = begin; i < end; ++i)
                parallel(10, [&](size_t b, size_t e) {
                    for (size_t k = b; k < e; ++k) ++seen[i * 10 + k];
                });
        });
        int wrong = 0;
        for (auto& s : seen) wrong += s.load() != 1;
        CHECK(wrong == 0);
    }
    CHECK_FALSE(cli::parallel_for(1));  // one thread: the calling thread, no pool
}

TEST_CASE("a summary on the CLI's pool is the bytes of the calling thread alone") {
    auto summary_with = [](const ParallelFor& parallel) {
        Tracker tracker;
        tracker.set_parallel(parallel);
        tracker.set_as_of("2022-11-01");
        GenerateOptions options;
        options.schools = 9;
        options.teachers_per_school = 40;
        options.with_errors = true;
        for (const GeneratedFile& f : generate(options)) tracker.load(f.name, f.bytes);
        for (const GeneratedFile& f : generate(demo_options())) tracker.load(f.name, f.bytes);
        tracker.refresh();
        return tracker.summary_json("", Lang::zh) + summary_csv(tracker.summary(), Lang::zh, true, tracker.parallel()) +
               summary_table(tracker.summary(), Lang::zh);
    };
    const std::string alone = summary_with({});
    REQUIRE(alone.find("\"problems\"") != std::string::npos);
    for (unsigned threads : {2u, 3u, 7u}) {
        CAPTURE(threads);
        CHECK(summary_with(cli::parallel_for(threads)) == alone);
    }
}
