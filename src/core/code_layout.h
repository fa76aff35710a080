// Where code goes, for the engines that compile it. Both inliners of the WebAssembly build (LLVM's
// at link time, and Binaryen's after it) put a function called from one place into its caller
// whatever its size. So the CSV and workbook importers, which never run for a batch file, sat
// inside the per-file load, and V8 compiled them again with its optimising compiler once the load
// was hot (docs/performance.md, session 8). IT2_COLD keeps a function that runs rarely on its own:
// LLVM lays it out apart and inlines it nowhere. (Binaryen does not read the attribute; it is told
// to inline only small functions instead: IT2_WASM_LINK in CMakeLists.txt.)
#pragma once

#if defined(__GNUC__)
#define IT2_COLD __attribute__((noinline, cold))
#else
#define IT2_COLD
#endif
