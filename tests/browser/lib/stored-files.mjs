// Helpers for the tests of what the page stores (storage.test.mjs, persistence-model.test.mjs):
// files made on the fly, loading them through it2.loadFiles, a reload in the same profile, and
// the summary the command line gives for the same files.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CLI, cliSummary } from '../harness.mjs';

// `it2 generate` files as [{ name, bytes: Buffer }], sorted by name.
export function generatedFiles(options) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-gen-'));
  try {
    execFileSync(CLI, ['generate', ...options, '--out', folder]);
    return fs.readdirSync(folder).filter((name) => name.endsWith('.json')).sort()
      .map((name) => ({ name, bytes: fs.readFileSync(path.join(folder, name)) }));
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

// The first half of a file: what a copy cut short by a full USB stick looks like.
export function truncated(bytes) {
  return bytes.subarray(0, Math.floor(bytes.length / 2));
}

// An it2-workspace document holding `files` ([{ name, bytes }]) and, optionally, a policy object.
export function workspaceBytes(files, policy) {
  const doc = { format: 'it2-workspace', version: 1, saved: '2026-11-30' };
  if (policy) doc.policy = policy;
  doc.files = files.map((file) => ({ name: file.name, encoding: 'base64', data: Buffer.from(file.bytes).toString('base64') }));
  return Buffer.from(JSON.stringify(doc));
}

// Loads [{ name, bytes }] through it2.loadFiles (as the picker does) → it2.load's results.
export async function loadFiles(page, files) {
  return page.evaluate(async (list) => {
    const decode = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
    return window.it2.loadFiles(list.map((file) => ({ name: file.name, bytes: decode(file.base64) })));
  }, files.map((file) => ({ name: file.name, base64: Buffer.from(file.bytes).toString('base64') })));
}

export async function summary(page, asOf) {
  return JSON.parse(await page.evaluate((d) => window.it2.summary(d), asOf));
}

// Opens the page in a fresh profile that a reload keeps, once the (empty) restore is over.
export async function openReloadablePage(t) {
  const context = await t.newContext();
  const page = await t.openPage({ context });
  await waitRestored(page);
  return page;
}

// Waits until the stored files are back (the restore is over).
export async function waitRestored(page) {
  await page.waitForFunction(() => window.it2.storage().restored, null, { timeout: 60000, polling: 20 });
}

// Saves now (it must succeed), reloads the page in the same profile and waits for the restore.
export async function flushAndReload(t, page) {
  const flushed = await page.evaluate(() => window.it2.flush());
  if (!flushed.ok) throw new Error(`it2.flush() failed: ${JSON.stringify(flushed)}`);
  await page.reload({ waitUntil: 'load' });
  await t.waitReady(page);
  await waitRestored(page);
  return flushed;
}

// What `it2 summarize --json` says for [{ name, bytes }] loaded in this order under these names
// (and a policy object, if any): the files are written under their names into a fresh folder.
export function expectedSummary(asOf, files, policy) {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'it2-model-'));
  try {
    const args = [];
    if (policy) {
      const policyPath = path.join(folder, 'policy.it2-policy');
      fs.writeFileSync(policyPath, JSON.stringify(policy));
      args.push('--policy', policyPath);
    }
    const inputs = path.join(folder, 'in');
    fs.mkdirSync(inputs);
    for (const file of files) {
      const target = path.join(inputs, file.name);
      fs.writeFileSync(target, file.bytes);
      args.push(target);
    }
    if (files.length === 0) return null;  // `summarize` needs an input: callers check "nothing loaded" themselves
    return cliSummary(asOf, args);
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

// The summary without the parts that only name files, for comparing the data itself.
export function dataOf(summaryJson) {
  const { district, schools, teachers } = summaryJson;
  return { district, schools, teachers };
}
