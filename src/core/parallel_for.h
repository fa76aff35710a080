// Work the core may spread over threads (issue 14: both cores beyond loading), behind one small
// interface: the core says "run body over these ranges of [0, n)", whoever drives it says how.
// An empty ParallelFor (the default; the page, where wasm has no threads) runs on the calling
// thread; the CLI gives one backed by a lasting pool of --threads threads (src/cli/parallel_load.h:
// parallel_for), so the summary's several calls (compute, forecast, each JSON array) start none.
// A body writes only the slots of its own range, so the result is the same however the
// ranges are spread: outputs stay byte-identical whatever the thread count.
#pragma once

#include <cstddef>
#include <functional>

namespace it2 {

using RangeBody = std::function<void(size_t begin, size_t end)>;
using ParallelFor = std::function<void(size_t n, const RangeBody& body)>;

inline void for_ranges(const ParallelFor& parallel, size_t n, const RangeBody& body) {
    if (n == 0) return;
    if (parallel && n > 1)
        parallel(n, body);
    else
        body(0, n);
}

}  // namespace it2
