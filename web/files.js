// Files in and out of the page (issue 5): the file and folder pickers, drag and drop of files
// and folders anywhere on the page (SDL2 gets no drop events on the web), loading many files one
// per task behind a progress overlay, downloads, the printable report's tab, and persistence:
// the loaded files' original bytes in IndexedDB (each file under a key of its own, never under
// its name), the small settings and the policy in localStorage, restored when the page opens
// again. C++ reaches this through `Module.it2Files` (src/platform/page_files_web.cpp); it talks
// to C++ through window.it2.
'use strict';

(function () {
  const DB_NAME = 'it2-tracker';
  const DB_VERSION = 2;
  // { key, name, bytes }: one record per loaded file. The key is the file's own number, given
  // when it is first saved and counting up, so key order is load order; two files with the same
  // name, or a broken copy of a good file, are two records and can never overwrite each other.
  const LOADED_STORE = 'loaded';
  const OLD_FILES_STORE = 'files';  // version 1: { name, seq, bytes } keyed by name (migrated)
  const ASIDE_STORE = 'aside';  // records that could not be read, kept for a human to look at
  const SETTINGS_KEY = 'it2-settings';
  const SAVE_DELAY_MS = 400;    // persistence is debounced: a burst of changes is saved once
  const SAVE_CHUNK_BYTES = 4 << 20;  // IndexedDB writes per task (see save())
  const DATA_FILE = /\.(json|csv|xlsx|xls)$/i;  // .xlsx/.xls: the platform import (docs/csv-import.md)

  // ---- small DOM pieces: hidden inputs, the progress overlay, the drop hint ----------------------
  const style = document.createElement('style');
  style.textContent = `
    #it2-progress, #it2-drop-hint { position: fixed; z-index: 20; display: none; font: 16px/1.4 "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; }
    #it2-progress { left: 50%; top: 40%; transform: translate(-50%, -50%); background: #fff; color: #14181c;
      border: 1px solid #90a4ae; border-radius: 6px; padding: 14px 22px; box-shadow: 0 4px 18px rgba(0,0,0,.18); min-width: 240px; }
    #it2-progress .it2-bar { height: 6px; background: #e8ecef; border-radius: 3px; margin-top: 8px; overflow: hidden; }
    #it2-progress .it2-bar > div { height: 100%; width: 0; background: #37474f; }
    #it2-drop-hint { inset: 8px; border: 3px dashed #37474f; border-radius: 10px; background: rgba(255,255,255,.75);
      align-items: center; justify-content: center; color: #14181c; font-size: 22px; pointer-events: none; }
    .it2-visible { display: block !important; }
    #it2-drop-hint.it2-visible { display: flex !important; }
    .it2-file-input { position: fixed; left: -10000px; top: 0; width: 1px; height: 1px; opacity: 0; }`;
  document.head.appendChild(style);

  function fileInput(id, folder) {
    const input = document.createElement('input');
    input.type = 'file';
    input.id = id;
    input.multiple = true;
    input.className = 'it2-file-input';
    input.tabIndex = -1;
    input.setAttribute('aria-hidden', 'true');
    if (folder) input.webkitdirectory = true;
    else input.accept = '.json,.csv,.xlsx,.xls,application/json,text/csv';
    input.addEventListener('change', () => {
      let files = Array.from(input.files || []);
      if (folder) files = files.filter((file) => DATA_FILE.test(file.name));
      const items = files.map((file) => ({ name: folder ? (file.webkitRelativePath || file.name) : file.name, file }));
      items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      input.value = '';  // the same file can be chosen again
      if (items.length > 0) loadFiles(items);
    });
    document.body.appendChild(input);
    return input;
  }
  const filesInput = fileInput('it2-open-files', false);
  const folderInput = fileInput('it2-open-folder', true);

  const progress = document.createElement('div');
  progress.id = 'it2-progress';
  progress.setAttribute('role', 'status');
  progress.setAttribute('aria-live', 'polite');
  progress.innerHTML = '<div class="it2-text"></div><div class="it2-bar"><div></div></div>';
  document.body.appendChild(progress);
  const progressText = progress.querySelector('.it2-text');
  const progressBar = progress.querySelector('.it2-bar > div');

  const dropHint = document.createElement('div');
  dropHint.id = 'it2-drop-hint';
  dropHint.textContent = '松开鼠标即可载入文件或文件夹 · Drop files or folders to load them';
  document.body.appendChild(dropHint);

  function showProgress(done, total, name) {
    progress.classList.add('it2-visible');
    progressText.textContent = `正在载入 ${done}/${total} … ${name || ''}`;
    progressBar.style.width = `${total > 0 ? (100 * done) / total : 0}%`;
  }

  // ---- loading, in slices of at most ~40 ms ----------------------------------------------------
  const SLICE_MS = 40;   // files are loaded until this much time has passed, then the page draws
  const READ_AHEAD = 8;  // files read from disk while earlier ones are being loaded
  const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));
  // Loads run one after another. The restore of stored files is queued first (at the end of
  // this file), so files loaded later always come after them, as their keys do.
  let loadChain = Promise.resolve();
  function queueLoad(run) {
    const result = loadChain.then(run, run);
    loadChain = result.catch(() => {});
    return result;
  }
  let loadingNow = false;  // saving waits for the end of a batch (one write, not one per slice)
  let lastBatch = null;     // {files, slices, maxSliceMs, totalMs, sliceLog}: what the last batch cost the page

  async function bytesOf(item) {
    if (item.file) return new Uint8Array(await item.file.arrayBuffer());
    if (item.bytes) return item.bytes;
    if (typeof item.data === 'string') return new TextEncoder().encode(item.data);
    return item.data;
  }

  // items: [{ name, file } | { name, bytes } | { name, data } | File]. Loads are queued: a
  // second drop waits for the first. Resolves with it2.load's results.
  function loadFiles(list) {
    return queueLoad(() => loadNow(list));
  }

  // items may carry `storedKey` (the restore): the file's record in IndexedDB, which keepSource
  // attaches to the file C++ hands over while it loads.
  async function loadNow(list) {
    const items = Array.from(list).map((item) => (item instanceof File ? { name: item.name, file: item } : item));
    await window.it2.ready;
    const results = [];
    const many = items.length > 1;
    loadingNow = true;
    if (many) {
      window.it2._beginBatch();
      showProgress(0, items.length, items[0].name);
    }
    // An unreadable file is loaded empty: reported as rejected.
    const reads = [];
    const readDone = [];
    const read = (i) => {
      if (i < items.length && !reads[i]) {
        reads[i] = bytesOf(items[i]).catch(() => new Uint8Array(0)).then((bytes) => { readDone[i] = true; return bytes; });
      }
      return reads[i];
    };
    // What the batch cost the page (bench/ prints it): `sliceLog` holds, per slice, its files,
    // why it ended ('budget', 'read': waiting for the disk, 'last') and the slice's age at the
    // check before its last file, which by design is within SLICE_MS (tests/browser/files.test.mjs).
    const batch = { files: items.length, slices: 0, maxSliceMs: 0, totalMs: 0, sliceLog: [] };
    const batchStart = performance.now();
    let sliceStart = performance.now();
    let sliceFiles = 0;
    let ageAtPreviousCheck = 0;
    const endSlice = (endedBy) => {
      const ms = performance.now() - sliceStart;
      batch.slices++;
      batch.maxSliceMs = Math.max(batch.maxSliceMs, ms);
      batch.sliceLog.push({ files: sliceFiles, endedBy, ageAtPreviousCheck });
      sliceFiles = 0;
      ageAtPreviousCheck = 0;
    };
    try {
      for (let i = 0; i < items.length; i++) {
        for (let ahead = i; ahead < i + READ_AHEAD; ahead++) read(ahead);
        const waited = !readDone[i];  // awaiting a read still on disk lets the page draw
        if (waited && sliceFiles > 0) {
          endSlice('read');
          if (many) showProgress(i, items.length, items[i].name);
        }
        const bytes = await reads[i];
        if (waited) sliceStart = performance.now();
        reads[i] = null;  // let the bytes go once loaded
        keyOfNextSource = items[i].storedKey === undefined ? null : items[i].storedKey;
        const result = window.it2.load(items[i].name, bytes);
        keyOfNextSource = null;
        results.push(result);
        sliceFiles++;
        const last = i === items.length - 1 || (result && result.status === 'too_large');
        const age = performance.now() - sliceStart;
        if (age > SLICE_MS || last) {
          endSlice(last ? 'last' : 'budget');
          if (many) showProgress(i + 1, items.length, items[i].name);
          await nextTask();  // the page draws and stays responsive between slices
          sliceStart = performance.now();
        } else {
          ageAtPreviousCheck = age;
        }
        if (result && result.status === 'too_large') break;  // C++ says the rest was not loaded
      }
    } finally {
      batch.totalMs = performance.now() - batchStart;
      lastBatch = batch;
      loadingNow = false;
      if (many) window.it2._endBatch();
      progress.classList.remove('it2-visible');
    }
    return results;
  }

  // ---- drag and drop (files and folders) -------------------------------------------------------
  function readEntries(reader) {
    return new Promise((resolve, reject) => reader.readEntries(resolve, reject));
  }

  async function walkEntry(entry, out) {
    if (entry.isFile) {
      if (!DATA_FILE.test(entry.name) && entry.fullPath.split('/').length > 2) return;  // inside a folder
      const file = await new Promise((resolve, reject) => entry.file(resolve, reject));
      out.push({ name: entry.fullPath.replace(/^\//, ''), file });
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      const children = [];
      for (;;) {  // readEntries answers in chunks until it returns none
        const chunk = await readEntries(reader);
        if (chunk.length === 0) break;
        children.push(...chunk);
      }
      children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const child of children) await walkEntry(child, out);
    }
  }

  function draggingFiles(event) {
    return event.dataTransfer && Array.from(event.dataTransfer.types || []).includes('Files');
  }

  let dragDepth = 0;
  window.addEventListener('dragenter', (event) => {
    if (!draggingFiles(event)) return;
    event.preventDefault();
    dragDepth++;
    dropHint.classList.add('it2-visible');
  });
  window.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) dropHint.classList.remove('it2-visible');
  });
  window.addEventListener('dragover', (event) => {
    if (!draggingFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  });
  window.addEventListener('drop', (event) => {
    if (!event.dataTransfer) return;
    event.preventDefault();
    dragDepth = 0;
    dropHint.classList.remove('it2-visible');
    // Entries must be taken while the event is dispatched; they are read afterwards.
    const entries = [];
    const files = [];
    for (const item of Array.from(event.dataTransfer.items || [])) {
      if (item.kind !== 'file') continue;
      const entry = item.webkitGetAsEntry ? item.webkitGetAsEntry() : null;
      if (entry) entries.push(entry);
      else if (item.getAsFile()) files.push(item.getAsFile());
    }
    if (entries.length === 0 && files.length === 0) files.push(...Array.from(event.dataTransfer.files || []));
    (async () => {
      const items = files.map((file) => ({ name: file.name, file }));
      const unreadable = [];
      for (const entry of entries) {
        try {
          await walkEntry(entry, items);
        } catch (error) {
          unreadable.push({ name: entry.name, detail: String((error && (error.message || error.name)) || error) });
        }
      }
      if (items.length > 0) await loadFiles(items);
      for (const { name, detail } of unreadable) window.it2._unreadable(name, detail);  // after the load's notice
    })();
  });

  // ---- downloads and the report tab ----------------------------------------------------------
  // bytes: one Uint8Array, or an array of them (the pieces of a download written in pieces).
  function download(name, bytes, mime) {
    const parts = Array.isArray(bytes) ? bytes : [bytes];
    const url = URL.createObjectURL(new Blob(parts, { type: mime || 'application/octet-stream' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  // The report is a Blob URL: it carries its own CSP and is opened as a document of its own.
  function openHtml(bytes) {
    const url = URL.createObjectURL(new Blob([bytes], { type: 'text/html;charset=utf-8' }));
    const opened = window.open(url, '_blank');
    if (!opened) download('it2-report.html', bytes, 'text/html;charset=utf-8');  // pop-up blocked
    setTimeout(() => URL.revokeObjectURL(url), 120000);
  }

  // ---- the loaded files' original bytes (outside the wasm heap) -------------------------------
  // C++ hands each loaded file over (page_files.h keep_source) and asks for one back when it
  // writes a workspace file; storage saves them from here. C++ keeps names unique ("a (2).json").
  const sources = new Map();  // name -> { seq, bytes, key }: key = its IndexedDB record, once it has one
  let keyOfNextSource = null;  // set by loadNow while a stored file is restored
  function keepSource(name, seq, bytes) {
    sources.set(name, { seq, bytes, key: keyOfNextSource });
    keyOfNextSource = null;
  }
  function forgetSource(name) {
    if (name === null) sources.clear();
    else sources.delete(name);
  }
  function sourceBytes(name) {
    const source = sources.get(name);
    return source ? source.bytes : null;
  }

  // A download that C++ writes in pieces (保存工作区): gathered here, offered once complete.
  let downloadPieces = [];
  function downloadBegin() { downloadPieces = []; }
  function downloadAppend(bytes) { downloadPieces.push(bytes); }
  function downloadFinish(name, mime) {
    const pieces = downloadPieces;
    downloadPieces = [];
    download(name, pieces, mime);
  }

  // ---- persistence -----------------------------------------------------------------------------
  const storage = { restored: false, available: true, stored: 0, error: null };
  const storedKeys = new Set();  // keys of the records in IndexedDB
  const loadedKeys = new Set();  // keys of records loaded in this page: only these may be deleted
  let nextKey = 1;
  let database = null;
  let databaseError = 'IndexedDB is not available';
  let saveTimer = null;
  let saving = Promise.resolve({ ok: true, files: 0, error: null });
  let dirtyBeforeRestore = false;
  const setAside = [];  // [{what, key}]: reported once the restore is over (its own notice comes last)

  function storageProblem(detail) {
    storage.available = false;
    storage.error = String(detail);
    window.it2._storageProblem(String(detail));
  }

  function request(idbRequest) {
    return new Promise((resolve, reject) => {
      idbRequest.onsuccess = () => resolve(idbRequest.result);
      idbRequest.onerror = () => reject(idbRequest.error);
    });
  }

  function transactionDone(transaction) {
    return new Promise((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error || new Error('transaction aborted'));
    });
  }

  function openDatabase() {
    if (typeof indexedDB === 'undefined' || !indexedDB) return Promise.reject(new Error('IndexedDB is not available'));
    const open = indexedDB.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = (event) => {
      const db = open.result;
      const upgrade = open.transaction;
      if (!db.objectStoreNames.contains(ASIDE_STORE)) db.createObjectStore(ASIDE_STORE);
      if (db.objectStoreNames.contains(LOADED_STORE)) return;
      const loaded = db.createObjectStore(LOADED_STORE, { keyPath: 'key' });
      if (event.oldVersion < 2 && db.objectStoreNames.contains(OLD_FILES_STORE)) {
        // Version 1 kept one record per name; each becomes a record with a key of its own, in
        // its old load order, within this same upgrade (all or nothing).
        upgrade.objectStore(OLD_FILES_STORE).getAll().onsuccess = (got) => {
          const old = got.target.result.slice().sort((a, b) => (Number(a && a.seq) || 0) - (Number(b && b.seq) || 0));
          old.forEach((record, index) => loaded.put({ ...record, key: index + 1 }));
          db.deleteObjectStore(OLD_FILES_STORE);
        };
      }
    };
    // Another tab still has the old version open: say so rather than wait without a word.
    open.onblocked = () => storageProblem('IndexedDB: another tab of this page is open with an older version; close it and reload');
    return request(open).then((db) => {
      db.onversionchange = () => db.close();  // a newer page in another tab upgrades; the next save here says so
      return db;
    });
  }

  function validRecord(record) {
    return record && Number.isInteger(record.key) && typeof record.name === 'string' && record.name.length > 0 &&
      (record.bytes instanceof Uint8Array || record.bytes instanceof ArrayBuffer);
  }

  function restoreSettings() {
    let text = null;
    try {
      text = localStorage.getItem(SETTINGS_KEY);
    } catch (error) {
      storageProblem(`localStorage: ${error && error.message}`);
      return;
    }
    if (text === null) return;
    // False: unreadable, or a policy this page cannot use (e.g. from a newer version). Either
    // way the text is kept under another key before the next save overwrites it.
    if (!window.it2._restoreSettings(text)) {
      const key = `${SETTINGS_KEY}-set-aside-${Date.now()}`;
      try {
        localStorage.setItem(key, text);
        localStorage.removeItem(SETTINGS_KEY);
      } catch { /* reported below all the same */ }
      setAside.push({ what: 'localStorage ' + SETTINGS_KEY, key });
    }
  }

  async function restoreFiles() {
    try {
      database = await openDatabase();
    } catch (error) {
      databaseError = `IndexedDB: ${error && error.message}`;
      storageProblem(databaseError);
      return;
    }
    let records;
    try {
      const transaction = database.transaction(LOADED_STORE, 'readonly');
      records = await request(transaction.objectStore(LOADED_STORE).getAll());  // in key order
    } catch (error) {
      storageProblem(`IndexedDB: ${error && error.message}`);
      return;
    }
    for (const record of records) if (Number.isFinite(record.key)) nextKey = Math.max(nextKey, record.key + 1);
    const good = records.filter(validRecord);
    const bad = records.filter((record) => !validRecord(record));
    if (bad.length > 0) {
      const key = `files-set-aside-${Date.now()}`;
      try {
        const transaction = database.transaction([LOADED_STORE, ASIDE_STORE], 'readwrite');
        transaction.objectStore(ASIDE_STORE).put(bad, key);
        const files = transaction.objectStore(LOADED_STORE);
        for (const record of bad) if (record && record.key !== undefined) files.delete(record.key);
        await transactionDone(transaction);
      } catch { /* reported below all the same */ }
      setAside.push({ what: `IndexedDB ${bad.length} record(s)`, key: `${DB_NAME}/${ASIDE_STORE}/${key}` });
    }
    for (const record of good) storedKeys.add(record.key);
    if (good.length === 0) return;
    const results = await loadNow(good.map((record) => ({ name: record.name, bytes: new Uint8Array(record.bytes), storedKey: record.key })));
    // A record that was loaded may be deleted once its file is removed; one that was not (the
    // restore stopped: too big for memory) stays stored for the next visit.
    results.forEach((result, i) => { if (!result || result.status !== 'too_large') loadedKeys.add(good[i].key); });
    storage.stored = storedKeys.size;
  }
  // Saves what C++ has loaded now. The files to write and their bytes are taken at the start,
  // so a remove or clear while the writes run changes nothing here: the save that change asks
  // for comes next (saves run one after another) and deletes what it no longer wants.
  async function save() {
    if (window.it2Page.crashed) return { ok: false, files: storage.stored, error: 'the page stopped after an error: nothing saved' };
    if (ownSchool) return { ok: false, files: 0, error: 'a school page stores nothing' };
    const state = window.it2._persistState();
    let error = null;
    try {
      localStorage.setItem(SETTINGS_KEY, JSON.stringify(state.stored));
    } catch (caught) {
      error = `localStorage: ${caught && caught.message}`;
    }
    if (!database) {
      error = error || databaseError;
    } else {
      const wanted = [];  // [{ name, source }], in load order
      for (const file of state.files) {
        const source = sources.get(file.name);
        if (source && source.bytes) wanted.push({ name: file.name, source });
      }
      for (const { source } of wanted) if (source.key === null) source.key = nextKey++;
      const wantedKeys = new Set(wanted.map(({ source }) => source.key));
      const deleted = [...storedKeys].filter((key) => loadedKeys.has(key) && !wantedKeys.has(key));
      const pending = wanted.filter(({ source }) => !storedKeys.has(source.key))
        .map(({ name, source }) => ({ key: source.key, name, bytes: source.bytes }));
      try {
        // Deletions first, then the new files in transactions of about SAVE_CHUNK_BYTES, one per
        // task: each put clones its bytes on the main thread, so one transaction for 50 MB would
        // freeze the page. A save cut short leaves whole records that the next save completes.
        if (deleted.length > 0) {
          const transaction = database.transaction(LOADED_STORE, 'readwrite');
          for (const key of deleted) transaction.objectStore(LOADED_STORE).delete(key);
          await transactionDone(transaction);
          for (const key of deleted) storedKeys.delete(key);
        }
        for (let next = 0; next < pending.length;) {
          const transaction = database.transaction(LOADED_STORE, 'readwrite');
          const store = transaction.objectStore(LOADED_STORE);
          const written = [];
          for (let bytes = 0; next < pending.length && (written.length === 0 || bytes < SAVE_CHUNK_BYTES); next++) {
            store.put(pending[next]);
            written.push(pending[next].key);
            bytes += pending[next].bytes.length;
          }
          await transactionDone(transaction);
          for (const key of written) {
            storedKeys.add(key);
            loadedKeys.add(key);
          }
          if (next < pending.length) await nextTask();
        }
      } catch (caught) {
        error = `IndexedDB: ${caught && (caught.name === 'QuotaExceededError' ? 'storage is full' : caught.message)}`;
      }
      storage.stored = storedKeys.size;
    }
    if (error) {
      storageProblem(error);
    } else {
      storage.available = true;  // a passing problem (a full disk since cleared) is over
      storage.error = null;
    }
    return { ok: !error, files: storage.stored, error };
  }

  function saveNow() {
    if (saveTimer) {
      clearTimeout(saveTimer);
      saveTimer = null;
    }
    saving = saving.then(save, save);
    return saving;
  }

  function persistChanged() {
    if (window.it2Page.crashed || ownSchool) return;
    if (!storage.restored) {
      dirtyBeforeRestore = true;
      return;
    }
    if (saveTimer) clearTimeout(saveTimer);
    saveTimer = setTimeout(() => (loadingNow ? persistChanged() : saveNow()), SAVE_DELAY_MS);
  }

  // A principal's own page (导出本校页面) opens the school's data it carries and stores nothing:
  // not its files, not its settings. It shares the browser storage of every page opened from
  // file:// with the main page, whose workspace must stay as the trainer left it, and the
  // principal must see this school only, whatever else that browser keeps.
  const ownSchool = window.it2Page.schoolPage();
  if (ownSchool) {
    storage.available = false;
    storage.schoolPage = true;
  }

  async function openOwnSchool() {
    storage.restored = true;
    await loadNow([{ name: `${ownSchool.school}.json`, bytes: ownSchool.workspace }]);
    window.it2._showOwnSchool(ownSchool.school, ownSchool.name, ownSchool.date);
  }

  async function restore() {
    try {
      await window.it2.ready;
    } catch {
      return;  // the page failed to start and says so itself
    }
    if (ownSchool) {
      await openOwnSchool();
      return;
    }
    try {
      restoreSettings();
      await restoreFiles();
    } catch (error) {
      storageProblem(String(error && error.message ? error.message : error));
    }
    if (setAside.length > 0) {
      window.it2._setAside(setAside.map((item) => item.what).join(', '), setAside.map((item) => item.key).join(', '));
    }
    storage.restored = true;
    if (dirtyBeforeRestore) persistChanged();
  }

  const files = {
    openPicker(folder) { (folder ? folderInput : filesInput).click(); },
    download,
    downloadBegin,
    downloadAppend,
    downloadFinish,
    keepSource,
    forgetSource,
    sourceBytes,
    openHtml,
    persistChanged,
    loadFiles,
    loadDemo() {
      return window.it2Page.demoDecoded().then(() =>
        loadFiles(window.it2Page.demoFiles().map((file) => ({ name: file.name, bytes: file.bytes }))));
    },
    async flush() {
      while (!storage.restored && !window.it2Page.crashed) await new Promise((resolve) => setTimeout(resolve, 20));
      return saveNow();
    },
    storageState() { return { ...storage }; },
    lastBatch() { return lastBatch; },
  };
  window.it2Files = files;
  window.Module.it2Files = files;
  queueLoad(restore);  // first in the queue: every later load comes after the stored files
})();
