// window.it2: the page's automation hook, used by every browser test (tests/browser/) and handy
// in the console. Every entry forwards to the App (src/app/app.h) through the C functions
// exported by src/platform/web_exports.cpp. This is the one place the hook is defined: extend it here.
//
//   await it2.ready               resolves after the first frame (rejects if the page fails)
//   it2.state()                   JSON string from App::state_json(): {"view", "frames", "missingGlyphs", …}
//   it2.load(name, data)          data: string | Uint8Array | ArrayBuffer → {file, status, problems};
//                                 `file` is the name it is listed under ("a (2).json" when "a.json" is
//                                 loaded already); status "too_large": refused, too big for the memory left
//   it2.loadDemo()                loads the embedded demo district → [{file, status, problems}, …]
//   it2.demoFiles()               names of the embedded demo files
//   it2.clear()                   unloads everything
//   it2.summary(asOf)             format.md §4 JSON string ("" or omitted = the app's as-of date)
//   it2.view(name, arg)           switches panel and scope, e.g. it2.view("school", "500110-0012") → bool
//   it2.firstFrameMs()            milliseconds from navigation start to the first frame (null before)
//   it2.memory()                  {heap, live}: wasm memory size (it only grows) and bytes in use by malloc
//   it2.timings()                 start-up milestones in ms since navigation start:
//                                 {pageScript, glContext, wasmInflated, fontDecoded, assetsDecoded,
//                                 wasmInstantiated, mainStarted, sdlReady, fontsReady, firstFrameBuilt, firstFrame}
//   it2.exportCsv(table)          "schools" | "teachers" | "problems": the table as shown (filters, sort),
//                                 CSV with BOM and formula guard, as 导出 downloads it (null if unknown)
//   it2.reportHtml(scope)         "district" or a school id: the printable report's HTML (null if unknown)
//   it2.schoolPage(id)            导出本校页面: {name, html}, the principal's own page for that school as
//                                 its button downloads it (null for an unknown school)
//   it2.pageHtml()                this page's own HTML, rebuilt byte for byte (what 导出本校页面 starts from)
//   it2.remove(name)              unloads one file (every entry of a CSV) → bool
//   it2.workspaceFile()           the 保存工作区 document (JSON text)
//   it2.loadFiles(files)          [{name, data} | File, …] loaded in slices of ~40 ms with the progress
//                                 overlay, like the picker and drops → Promise of the results
//   it2.flush()                   saves to browser storage now → Promise of {ok, files, error};
//                                 ok is false when nothing could be saved (no IndexedDB, after an abort)
//   it2.storage()                 {restored, available, stored, error}: the browser-storage state
//   it2._setMemoryCeilingForTest(bytes)   tests only: a lower memory ceiling (0 = the real one)
//   it2._abortForTest()           tests only: aborts the wasm module, as a bug would
'use strict';

(function () {
  const page = window.it2Page;
  const module = window.Module;

  const ready = new Promise((resolve, reject) => {
    page.onFirstFrame(resolve);
    page.onFailure(reject);
  });
  ready.catch(() => {});  // a failed start is shown on the page; tests await it2.ready themselves

  function requireStarted() {
    if (!page.started) throw new Error('it2: the page has not drawn its first frame yet (await it2.ready)');
  }

  // Calls fn with a NUL-terminated UTF-8 copy of each string in wasm memory.
  function withCStrings(strings, fn) {
    const pointers = strings.map((text) => {
      const size = module.lengthBytesUTF8(text) + 1;
      const pointer = module._malloc(size);
      module.stringToUTF8(text, pointer, size);
      return pointer;
    });
    try {
      return fn(...pointers);
    } finally {
      pointers.forEach((pointer) => module._free(pointer));
    }
  }

  // Reads and frees a string C++ returned (malloc'd by to_js_string in src/platform/web_main.cpp).
  function takeCString(pointer) {
    if (!pointer) return null;
    const text = module.UTF8ToString(pointer);
    module._it2_free_string(pointer);
    return text;
  }

  // The same, keeping a leading byte-order mark (UTF8ToString's TextDecoder drops it).
  function takeCStringWithBom(pointer) {
    if (!pointer) return null;
    const heap = module.HEAPU8;
    const bom = heap[pointer] === 0xef && heap[pointer + 1] === 0xbb && heap[pointer + 2] === 0xbf;
    const text = takeCString(pointer);
    return bom && text.charCodeAt(0) !== 0xfeff ? '\uFEFF' + text : text;
  }

  function toBytes(data) {
    if (typeof data === 'string') return new TextEncoder().encode(data);
    if (data instanceof Uint8Array) return data;
    if (data instanceof ArrayBuffer) return new Uint8Array(data);
    if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    throw new TypeError('it2.load: data must be a string, a Uint8Array or an ArrayBuffer');
  }

  function load(name, data) {
    requireStarted();
    const bytes = toBytes(data);
    // Checked before the copy into wasm memory: a file that does not fit is refused with a
    // message instead of an allocation failing (an abort). See it2_room_for in src/platform/web_exports.cpp.
    if (!module._it2_room_for(bytes.length)) {
      return JSON.parse(withCStrings([String(name)], (namePointer) => takeCString(module._it2_refuse_too_large(namePointer))));
    }
    const pointer = module._malloc(Math.max(1, bytes.length));
    // Read HEAPU8 after _malloc: memory growth replaces the buffer.
    module.HEAPU8.set(bytes, pointer);
    try {
      const result = withCStrings([String(name)], (namePointer) =>
        takeCString(module._it2_load_file(namePointer, pointer, bytes.length)));
      return result === null ? null : JSON.parse(result);
    } finally {
      module._free(pointer);
    }
  }

  window.it2 = {
    ready,
    state() {
      requireStarted();
      return takeCString(module._it2_state_json());
    },
    load,
    loadDemo() {
      return page.demoFiles().map((file) => load(file.name, file.bytes));
    },
    demoFiles() {
      return page.demoFiles().map((file) => file.name);
    },
    clear() {
      requireStarted();
      module._it2_clear();
    },
    // The text the panels drew in the last frame, by region (src/app/page_probe.h): the first
    // call starts recording, so call it, let a frame pass, and call it again.
    drawnText() {
      requireStarted();
      return JSON.parse(takeCString(module._it2_drawn_text_json()));
    },
    // A value formatted by the panels' own function: kind rate | score | count | hours | status.
    format(kind, value, extra) {
      requireStarted();
      const isText = typeof value === 'string';
      const number = value === null || value === undefined || isText ? NaN : Number(value);
      return withCStrings([String(kind), isText ? value : ''], (kindPointer, textPointer) =>
        takeCString(module._it2_format_value(kindPointer, textPointer, number, extra === undefined ? 0 : Number(extra))));
    },
    summary(asOf) {
      requireStarted();
      return withCStrings([asOf ? String(asOf) : ''], (pointer) => takeCString(module._it2_summary_json(pointer)));
    },
    view(name, arg) {
      requireStarted();
      return withCStrings([String(name), arg === undefined || arg === null ? '' : String(arg)],
        (namePointer, argPointer) => module._it2_set_view(namePointer, argPointer) !== 0);
    },
    firstFrameMs() {
      return page.firstFrameMs;
    },
    timings() {
      return page.timings;
    },
    memory() {
      requireStarted();
      return { heap: module.HEAPU8.length, live: module._it2_live_heap_bytes() };
    },
    exportCsv(table) {
      requireStarted();
      return withCStrings([String(table)], (pointer) => takeCStringWithBom(module._it2_export_csv(pointer)));
    },
    reportHtml(scope) {
      requireStarted();
      return withCStrings([scope ? String(scope) : 'district'], (pointer) => takeCString(module._it2_report_html(pointer)));
    },
    schoolPage(id) {
      requireStarted();
      const text = withCStrings([String(id)], (pointer) => takeCString(module._it2_school_page_html(pointer)));
      if (text === null) return null;
      const newline = text.indexOf('\n');
      return { name: text.slice(0, newline), html: text.slice(newline + 1) };
    },
    pageHtml() {
      return page.ownHtml();
    },
    remove(name) {
      requireStarted();
      return withCStrings([String(name)], (pointer) => module._it2_remove_file(pointer) !== 0);
    },
    workspaceFile() {
      requireStarted();
      return takeCString(module._it2_workspace_file());
    },
    loadFiles(files) {
      return window.it2Files.loadFiles(files);
    },
    flush() {
      return window.it2Files.flush();
    },
    storage() {
      return window.it2Files.storageState();
    },
    // For web/files.js (persistence and batches of files).
    _persistState() {
      return JSON.parse(takeCString(module._it2_persist_state()));
    },
    _restoreSettings(text) {
      return withCStrings([String(text)], (pointer) => module._it2_restore_settings(pointer) !== 0);
    },
    _storageProblem(detail) {
      withCStrings([String(detail)], (pointer) => module._it2_storage_problem(pointer));
    },
    _setAside(what, key) {
      withCStrings([String(what), String(key)], (whatPointer, keyPointer) => module._it2_set_aside(whatPointer, keyPointer));
    },
    _unreadable(what, detail) {
      withCStrings([String(what), String(detail)], (whatPointer, detailPointer) => module._it2_unreadable(whatPointer, detailPointer));
    },
    _showOwnSchool(id, name, date) {
      withCStrings([String(id), String(name), String(date)], (a, b, c) => module._it2_show_own_school(a, b, c));
    },
    _beginBatch() { module._it2_begin_batch(); },
    _setMemoryCeilingForTest(bytes) { module._it2_set_memory_ceiling_for_test(Number(bytes) || 0); },
    _abortForTest() { module._it2_abort_for_test(); },
    _endBatch() { module._it2_end_batch(); },
    // For web/page.js's input-method and paste bridge.
    _addInputText(text) {
      withCStrings([text], (pointer) => module._it2_add_input_text(pointer));
    },
    _pasteText(text) {
      withCStrings([text], (pointer) => module._it2_paste_text(pointer));
    },
  };
})();
