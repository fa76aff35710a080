// The page around the wasm module: boot (Emscripten's `Module`), the loading and failure
// messages, the embedded assets (font, demo data), the input-method bridge, the clipboard and
// the browser glyph fallback. C++ reaches this through `Module.it2Page` (src/platform/
// platform_web.cpp); tests and the console use `window.it2` (web/it2.js).
'use strict';

(function () {
  const statusBox = document.getElementById('it2-status');
  const messageBox = document.getElementById('it2-message');
  const canvas = document.getElementById('canvas');
  const imeArea = document.getElementById('it2-ime');

  let signalReady = null;  // it2.ready: the first frame is out and the demo is inflated
  const readyPromise = new Promise((resolve) => { signalReady = resolve; });
  const failureListeners = [];
  let started = false;
  let firstFrameMs = null;  // since navigation start
  const timings = { pageScript: performance.now() };  // milestones in ms since navigation start
  let failed = false;
  let stopCoalescing = () => {};  // see sizeCanvasOnce
  let crashed = false;  // the module aborted after it had started: see crash()
  const stderrTail = [];

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
  }

  // Replaces the loading message with a readable explanation (never a blank page).
  function fail(zh, en, detail, offerReload) {
    if (failed) return;
    failed = true;
    statusBox.classList.remove('it2-hidden');
    statusBox.classList.add('it2-error');
    const extra = detail ? `<div class="it2-detail">${escapeHtml(detail)}</div>` : '';
    const reload = offerReload ? '<div><button type="button" id="it2-reload" class="it2-reload">刷新页面 · Reload</button></div>' : '';
    messageBox.innerHTML = `${escapeHtml(zh)}<br><span class="it2-en">${escapeHtml(en)}</span>${reload}${extra}`;
    if (offerReload) document.getElementById('it2-reload').addEventListener('click', () => location.reload());
    for (const listener of failureListeners) listener(new Error(en + (detail ? ': ' + detail : '')));
  }

  // The module stopped after it had started (an abort or a trap in wasm): a bug, never the
  // browser's graphics. What is stored stays as it was: web/files.js saves nothing once
  // `crashed` is set (the module's state can no longer be trusted), so a reload brings it back.
  function crash(detail) {
    if (crashed) return;
    crashed = true;
    fail('页面出错了，数据仍保存在浏览器中，请刷新。',
      'The page ran into an error. Your data is still saved in the browser: reload the page.', detail, true);
  }

  function failToStart(detail) {
    fail('看板无法启动。请使用新版 Chrome、Edge 或 Firefox 浏览器打开此文件，并确认已开启硬件加速（WebGL 2）。',
      'The dashboard could not start. Open this file in a recent Chrome, Edge or Firefox with hardware acceleration (WebGL 2) enabled.',
      detail);
  }

  // ---- embedded assets: <script type="application/octet-stream" data-it2-asset=…> -------------
  function base64ToBytes(text) {
    if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);  // skips white space
    const binary = atob(text.replace(/\s+/g, ''));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  async function gunzip(bytes) {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  async function decodeAsset(element) {
    const bytes = base64ToBytes(element.textContent);
    return element.dataset.encoding === 'gzip+base64' ? gunzip(bytes) : bytes;
  }

  // Start-up, from the moment this script runs: the wasm is inflated (DecompressionStream) and
  // the font decoded (plain base64: bundle-page.py says why) at once, each straight from its
  // base64 text with no other copy kept, and the WebGL context is made meanwhile, so that the
  // GPU process sets it up while the page inflates (SDL's getContext then returns it). The demo
  // waits for the first frame. (A streamed compile, WebAssembly.compileStreaming on the inflating
  // stream, cost the main thread more than instantiating the inflated bytes, which V8 compiles
  // lazily: measured, docs/performance.md.)
  const supported = typeof WebAssembly === 'object' && typeof WebGL2RenderingContext !== 'undefined' &&
    typeof DecompressionStream !== 'undefined';
  const wasmElement = document.getElementById('it2-wasm');
  const wasmInflated = supported && wasmElement ? decodeAsset(wasmElement) : null;
  if (wasmInflated) wasmInflated.then(() => { timings.wasmInflated = performance.now(); }, () => {});

  // The font is decoded at once, beside the wasm compile (see instantiateWasm below); C++ takes
  // it into its own heap at start-up (takeFontBytes), after which the page keeps no copy.
  let fontBytes = null;
  const fontElement = document.getElementById('it2-font');
  const fontDecoded = fontElement && supported
    ? decodeAsset(fontElement).then((bytes) => { fontBytes = bytes; timings.fontDecoded = performance.now(); })
    : Promise.resolve();
  // The same attributes SDL asks for (web_main.cpp: no depth, stencil or multisampling); SDL's
  // getContext then returns this one.
  if (supported) {
    sizeCanvasOnce();
    const gl = canvas.getContext('webgl2', { alpha: false, depth: false, stencil: false, antialias: false,
      premultipliedAlpha: true, preserveDrawingBuffer: false });
    if (gl) rememberDrawState(gl);
    timings.glContext = performance.now();
  }

  // ImGui's OpenGL backend saves the GL state before drawing each frame and puts it back after:
  // among it the scissor box and the blend functions and equations, which Chromium does not keep
  // on the page's side. Each of those questions waited for the GPU process to finish the frame
  // before (20-120 ms a frame here with SwiftShader, 40 ms of the first frame). Only ImGui draws
  // on this context, so the page keeps what was last set and answers them itself; anything else
  // is still asked of the context. tests/browser checks the answers against the context's own.
  function rememberDrawState(gl) {
    // A new context's values (WebGL: the scissor box is the drawing buffer; OpenGL ES: blending
    // adds ONE times the source to ZERO times the destination). Asking instead waited too.
    const state = new Map([
      [gl.SCISSOR_BOX, new Int32Array([0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight])],
      [gl.BLEND_SRC_RGB, gl.ONE], [gl.BLEND_SRC_ALPHA, gl.ONE], [gl.BLEND_DST_RGB, gl.ZERO], [gl.BLEND_DST_ALPHA, gl.ZERO],
      [gl.BLEND_EQUATION_RGB, gl.FUNC_ADD], [gl.BLEND_EQUATION_ALPHA, gl.FUNC_ADD],
    ]);
    const wrap = (method, remember) => {
      const original = gl[method];
      gl[method] = function (...args) {
        remember(...args);
        return original.apply(this, args);
      };
    };
    const blend = (sourceRgb, destinationRgb, sourceAlpha, destinationAlpha) => {
      state.set(gl.BLEND_SRC_RGB, sourceRgb).set(gl.BLEND_DST_RGB, destinationRgb)
        .set(gl.BLEND_SRC_ALPHA, sourceAlpha).set(gl.BLEND_DST_ALPHA, destinationAlpha);
    };
    wrap('scissor', (x, y, width, height) => state.set(gl.SCISSOR_BOX, new Int32Array([x, y, width, height])));
    wrap('blendFunc', (source, destination) => blend(source, destination, source, destination));
    wrap('blendFuncSeparate', blend);
    wrap('blendEquation', (mode) => state.set(gl.BLEND_EQUATION_RGB, mode).set(gl.BLEND_EQUATION_ALPHA, mode));
    wrap('blendEquationSeparate', (rgb, alpha) => state.set(gl.BLEND_EQUATION_RGB, rgb).set(gl.BLEND_EQUATION_ALPHA, alpha));
    const getParameter = gl.getParameter;
    gl.getParameter = function (name) {
      if (!state.has(name)) return getParameter.call(this, name);
      const value = state.get(name);
      return value instanceof Int32Array ? new Int32Array(value) : value;
    };
  }

  // SDL_CreateWindow (SDL 2.26 on Emscripten) probes for CSS sizing by setting the canvas to 1x1,
  // then sets it to its CSS size x devicePixelRatio, one attribute at a time. With the context
  // already made, each change reallocates WebGL's drawing buffer through a synchronous round trip
  // to the GPU process (CheckFramebufferStatus, GetError): 270 ms of the first frame's 800 in a
  // trace here. So the canvas is given that final size before the context is made, and until
  // the first frame the sizes set during a task are applied once when it ends (a microtask):
  // the 1x1 probe and the put-back cancel out and the drawing buffer is never reallocated.
  // Readers in the same task see the size last set, as before.
  function sizeCanvasOnce() {
    const ratio = window.devicePixelRatio || 1;
    const rect = canvas.getBoundingClientRect();
    canvas.width = Math.max(1, Math.floor(rect.width * ratio));  // SDL's (int)(css * ratio)
    canvas.height = Math.max(1, Math.floor(rect.height * ratio));
    const pending = new Map();  // 'width' | 'height' -> value
    for (const key of ['width', 'height']) {
      const attribute = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, key);
      Object.defineProperty(canvas, key, {
        configurable: true,
        get: () => (pending.has(key) ? pending.get(key) : attribute.get.call(canvas)),
        set: (value) => {
          if (pending.size === 0) queueMicrotask(applyPending);
          pending.set(key, value >>> 0);
        },
      });
    }
    const applyPending = () => {
      for (const [key, value] of pending) {
        const attribute = Object.getOwnPropertyDescriptor(HTMLCanvasElement.prototype, key);
        if (attribute.get.call(canvas) !== value) attribute.set.call(canvas, value);
      }
      pending.clear();
    };
    // After the first frame the canvas is the browser's own again (window resizes as before).
    stopCoalescing = () => {
      applyPending();
      delete canvas.width;
      delete canvas.height;
    };
  }

  // The demo district is inflated after the first frame (the first frame does not need it);
  // it2.ready waits for it, and 加载示例 too.
  let demoFiles = [];  // [{ name, bytes }]
  const demoElement = document.getElementById('it2-demo');
  let demoDecoded = null;
  function decodeDemo() {
    if (!demoElement) return Promise.resolve();
    demoDecoded ||= decodeAsset(demoElement).then((archive) => {
      // One JSON index line [{name, size}, …], then the files' bytes back to back (bundle-page.py).
      const newline = archive.indexOf(10);
      const index = JSON.parse(new TextDecoder().decode(archive.subarray(0, newline)));
      let offset = newline + 1;
      demoFiles = index.map(({ name, size }) => {
        const bytes = archive.subarray(offset, offset + size);
        offset += size;
        return { name, bytes };
      });
    });
    return demoDecoded;
  }

  // A principal's own page (导出本校页面, src/core/school_page.h) carries one school's data instead
  // of the demo: a JSON header line {school, name, date}, then an it2-workspace document.
  function schoolPage() {
    const element = document.getElementById('it2-school');
    if (!element) return null;
    const bytes = base64ToBytes(element.textContent);
    const newline = bytes.indexOf(10);
    const header = JSON.parse(new TextDecoder().decode(bytes.subarray(0, newline)));
    return { ...header, workspace: bytes.subarray(newline + 1) };
  }

  // The page's own HTML, byte for byte the file it was opened from: scripts/bundle-page.py
  // embeds its template (#it2-shell) and this puts the parts back where it took them from. The
  // parts' text is what the parser read (styles and scripts are never changed afterwards).
  function ownHtml() {
    const shell = JSON.parse(document.getElementById('it2-shell').textContent);
    const text = (id) => document.getElementById(id).textContent;
    // The title as bundle-page.py and school_page.cpp (html_escape_ascii) write it: escaped, then
    // every character above U+007F as a reference, for the page is ASCII only.
    const escape = (value) => escapeHtml(value).replace(/[^\0-\x7f]/gu, (c) => `&#x${c.codePointAt(0).toString(16)};`);
    const element = (node) => `<script type="${node.type}" id="${node.id}"` +
      (node.dataset.encoding ? ` data-encoding="${node.dataset.encoding}"` : '') + `>${node.textContent}</scr` + 'ipt>';
    const assets = Array.from(document.querySelectorAll('script[type="application/octet-stream"], script#it2-shell'), element);
    // Each style or script element holds "\n", its part, "\n": the marker between the same two
    // line breaks in the template. (Markers are spelled in pieces here: bundle-page.py looks for
    // each exactly once in the page, and an HTML comment opening must not appear in an inline script.)
    const marker = (name) => '\n/*IT2:' + name + '*/\n';
    const parts = {
      ['<title>IT2:' + 'TITLE</title>']: `<title>${escape(document.querySelector('title').textContent)}</title>`,
      [marker('CSS')]: text('it2-css'),
      [marker('PAGE_JS')]: text('it2-js-page'),
      [marker('HOOK_JS')]: text('it2-js-hook'),
      [marker('FILES_JS')]: text('it2-js-files'),
      [marker('APP_JS')]: text('it2-js-app'),
      ['<' + '!--IT2:ASSETS-->']: assets.join('\n'),
    };
    // One pass, so that no part is searched for another part's marker.
    const pattern = new RegExp(Object.keys(parts).map((key) => key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'), 'g');
    return shell.replace(pattern, (found) => parts[found]);
  }

  // ---- input methods ---------------------------------------------------------------------------
  // SDL 2.26 on the web turns only `keypress` into text, so text committed by an input method
  // never reaches ImGui. While an ImGui field is active this textarea has the focus: SDL still
  // gets every key (it listens on window, and its keypress handler stops plain characters from
  // landing here), while composed text lands here and is forwarded once committed.
  let textInputActive = false;

  function forwardCommittedText() {
    const text = imeArea.value;
    imeArea.value = '';
    if (text && window.it2) window.it2._addInputText(text);
  }
  imeArea.addEventListener('input', (event) => { if (!event.isComposing) forwardCommittedText(); });
  imeArea.addEventListener('compositionend', forwardCommittedText);
  // Paste from other programs: keep Ctrl/Cmd+V from SDL (it would cancel the browser's paste
  // event), take the text from the paste event and hand it to ImGui's own paste.
  imeArea.addEventListener('keydown', (event) => {
    if ((event.ctrlKey || event.metaKey) && (event.key === 'v' || event.key === 'V')) event.stopPropagation();
  });
  imeArea.addEventListener('paste', (event) => {
    event.preventDefault();
    const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
    if (text && window.it2) window.it2._pasteText(text);
  });

  function setTextInput(active, x, y, lineHeight) {
    if (active) {
      imeArea.style.left = `${Math.max(0, x)}px`;
      imeArea.style.top = `${Math.max(0, y)}px`;
      imeArea.style.height = `${Math.max(1, lineHeight)}px`;
    }
    if (active === textInputActive) return;
    textInputActive = active;
    if (active) {
      imeArea.value = '';
      imeArea.focus({ preventScroll: true });
    } else if (document.activeElement === imeArea) {
      imeArea.blur();
    }
  }

  // ---- browser glyph fallback (characters the embedded font lacks) -------------------------
  // Windows carries Ext-B in SimSun-ExtB / MingLiU-ExtB; the generic family covers the rest.
  const FALLBACK_FONTS = '"Noto Sans CJK SC", "Microsoft YaHei", "SimSun", "SimSun-ExtB", "MingLiU-ExtB", ' +
    '"PingFang SC", "Hiragino Sans GB", "Source Han Sans SC", "HanaMinA", "HanaMinB", sans-serif';
  const PROBE_SIZE = 32;
  const glyphCanvas = document.createElement('canvas');
  const glyphContext = glyphCanvas.getContext('2d', { willReadFrequently: true });
  const glyphKnown = new Map();  // codepoint -> bool
  let browserGlyphsDrawn = 0;  // it2Page.glyphStats
  const isControl = (codepoint) => codepoint < 0x20 || (codepoint >= 0x7f && codepoint < 0xa0);
  let notdefPixels = null;

  function drawProbe(codepoint) {
    glyphCanvas.width = PROBE_SIZE * 2;
    glyphCanvas.height = PROBE_SIZE * 2;
    glyphContext.font = `${PROBE_SIZE}px ${FALLBACK_FONTS}`;
    glyphContext.textBaseline = 'alphabetic';
    glyphContext.fillStyle = '#000';
    glyphContext.fillText(String.fromCodePoint(codepoint), 4, PROBE_SIZE * 1.4);
    return glyphContext.getImageData(0, 0, glyphCanvas.width, glyphCanvas.height).data;
  }

  function samePixels(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 3; i < a.length; i += 4) if (a[i] !== b[i]) return false;
    return true;
  }

  // A character renders if the browser draws something that is not its "missing glyph" box
  // (drawn for U+10FFFD, a private-use point no font has); whitespace counts as renderable.
  // Control characters never do: ImGui lays out a tab itself (four spaces) once no font claims
  // one, where the browser's tab, asked for while ImGui set up the first frame's fonts, took
  // 5-16 ms of that frame to draw (docs/performance.md, session 12).
  function browserHasGlyph(codepoint) {
    if (glyphKnown.has(codepoint)) return glyphKnown.get(codepoint);
    let result = false;
    if (glyphContext && !isControl(codepoint)) {
      const text = String.fromCodePoint(codepoint);
      if (/^\s$/u.test(text)) {
        result = true;
      } else {
        if (!notdefPixels) notdefPixels = drawProbe(0x10FFFD);
        const pixels = drawProbe(codepoint);
        let inked = false;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] !== 0) { inked = true; break; }
        result = inked && !samePixels(pixels, notdefPixels);
      }
    }
    glyphKnown.set(codepoint, result);
    return result;
  }

  // ImGui sizes fonts by line height (ascent - descent), CSS by the em: the embedded font's
  // em / line-height ratio (head.unitsPerEm, hhea ascender/descender) converts between them.
  let emPerLineHeight = null;
  function fontEmPerLineHeight() {
    if (emPerLineHeight !== null) return emPerLineHeight;
    emPerLineHeight = 1 / 1.448;  // Noto Sans CJK's own ratio, if the table read below fails
    try {
      const view = new DataView(fontBytes.buffer, fontBytes.byteOffset, fontBytes.byteLength);
      const tables = {};
      for (let i = 0, count = view.getUint16(4); i < count; i++) {
        const record = 12 + 16 * i;
        const tag = String.fromCharCode(...fontBytes.subarray(record, record + 4));
        tables[tag] = view.getUint32(record + 8);
      }
      const unitsPerEm = view.getUint16(tables.head + 18);
      const lineHeight = view.getInt16(tables.hhea + 4) - view.getInt16(tables.hhea + 6);
      if (unitsPerEm > 0 && lineHeight > 0) emPerLineHeight = unitsPerEm / lineHeight;
    } catch { /* keep the default */ }
    return emPerLineHeight;
  }

  // One character as an alpha bitmap `height` pixels tall, baseline at `ascent`; `size` is
  // ImGui's font size (line height) in device pixels.
  function rasterizeGlyph(codepoint, size, ascent, height) {
    if (!glyphContext) return null;
    browserGlyphsDrawn++;
    const text = String.fromCodePoint(codepoint);
    const font = `${size * (emPerLineHeight ?? 1)}px ${FALLBACK_FONTS}`;  // ratio read in takeFontBytes
    glyphContext.font = font;
    const advance = glyphContext.measureText(text).width;
    const width = Math.ceil(advance);
    if (width <= 0 || /^\s$/u.test(text)) return { width: 0, advance, alpha: new Uint8Array(0) };
    glyphCanvas.width = width;
    glyphCanvas.height = height;
    glyphContext.font = font;  // resizing the canvas resets its state
    glyphContext.textBaseline = 'alphabetic';
    glyphContext.fillStyle = '#000';
    glyphContext.fillText(text, 0, ascent);
    const rgba = glyphContext.getImageData(0, 0, width, height).data;
    const alpha = new Uint8Array(width * height);
    for (let i = 0; i < alpha.length; i++) alpha[i] = rgba[i * 4 + 3];
    return { width, advance, alpha };
  }

  // ---- what C++ calls (src/platform/platform_web.cpp) ----------------------------------------
  const page = {
    // Hands the font over once (C++ copies it into its heap) and lets the page's copy go.
    takeFontBytes() {
      const bytes = fontBytes;
      if (bytes) fontEmPerLineHeight();  // read from the font while the page still has it
      fontBytes = null;
      return bytes;
    },
    demoFiles: () => demoFiles,
    hasDemo: () => demoElement !== null,
    demoDecoded: decodeDemo,
    schoolPage,
    ownHtml,
    mark(name) { timings[name] = performance.now(); },
    // Through web/files.js: one file per task, reported as one batch.
    requestDemoLoad() { setTimeout(() => (window.it2Files ? window.it2Files.loadDemo() : window.it2.loadDemo()), 0); },
    setClipboardText(text) {
      // execCommand('copy') from a scratch textarea where the async API is missing or refused.
      const copyThroughSelection = () => {
        const scratch = document.createElement('textarea');
        scratch.value = text;
        scratch.setAttribute('readonly', '');
        scratch.style.cssText = 'position:fixed;left:-9999px;top:0;opacity:0';
        const focused = document.activeElement;
        document.body.appendChild(scratch);
        scratch.select();
        try { document.execCommand('copy'); } catch { /* nothing more to try */ }
        scratch.remove();
        if (focused && focused.focus) focused.focus({ preventScroll: true });
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).catch(copyThroughSelection);
      } else {
        copyThroughSelection();
      }
    },
    setTextInput,
    browserHasGlyph,
    rasterizeGlyph,
    // How many glyphs ImGui had the browser's fonts draw.
    glyphStats: () => ({ drawn: browserGlyphsDrawn }),
    firstFrame() {
      firstFrameMs = performance.now();
      timings.firstFrame = firstFrameMs;
      started = true;
      stopCoalescing();
      statusBox.classList.add('it2-hidden');
      // it2.ready (and 加载示例) wait for the demo, inflated now that the first frame is out.
      decodeDemo().catch((error) => console.warn('demo data: ' + error)).finally(signalReady);
    },
    fail(detail) { failToStart(detail); },
    // For web/it2.js.
    onFirstFrame(listener) { readyPromise.then(listener); },
    onFailure(listener) { failureListeners.push(listener); },
    get started() { return started; },
    get crashed() { return crashed; },
    get firstFrameMs() { return firstFrameMs; },
    get timings() { return { ...timings }; },
  };

  // ---- Emscripten's Module ---------------------------------------------------------------------
  const module = {
    canvas,
    it2Page: page,
    print: (text) => console.log(text),
    printErr: (text) => {
      console.warn(text);
      stderrTail.push(text);
      if (stderrTail.length > 5) stderrTail.shift();
    },
    // Emscripten's hook for instantiating the wasm ourselves: it is inlined in this file gzip'd
    // and inflating since this script started (above); main() runs once the font is decoded too.
    instantiateWasm(imports, receiveInstance) {
      Promise.all([wasmInflated, fontDecoded])
        .then(([wasmBytes]) => {
          timings.assetsDecoded = performance.now();
          return WebAssembly.instantiate(wasmBytes, imports);
        })
        .then((result) => {
          timings.wasmInstantiated = performance.now();
          receiveInstance(result.instance, result.module);
        })
        .catch((error) => failToStart('wasm: ' + (error && error.message ? error.message : error)));
      return {};  // exports arrive asynchronously through receiveInstance
    },
    onAbort: (what) => {
      const detail = String(what || stderrTail.join('\n'));
      if (started) crash(detail);
      else failToStart(detail);
    },
  };

  if (!supported) {
    module.noInitialRun = true;
    fail('此浏览器太旧，无法运行看板。请使用新版 Chrome、Edge 或 Firefox 打开此文件。',
      'This browser is too old to run the dashboard. Open this file in a recent Chrome, Edge or Firefox.',
      `WebAssembly: ${typeof WebAssembly === 'object'}, WebGL2: ${typeof WebGL2RenderingContext !== 'undefined'}, ` +
      `DecompressionStream: ${typeof DecompressionStream !== 'undefined'}`);
  }
  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault();
    fail('图形上下文已丢失，请刷新页面。', 'The graphics context was lost: reload the page.');
  });
  window.addEventListener('error', (event) => {
    if (!started) failToStart(event.message || String(event.error));
    else if (event.error instanceof WebAssembly.RuntimeError) crash(event.message || String(event.error));
  });

  window.Module = module;
  window.it2Page = page;
})();
