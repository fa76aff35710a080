// Persistence against a model (issue 10): seeded random sequences of loads (good files, broken
// copies, files sharing a name, workspace files, nested ones, a batch whose district is called
// "it2-workspace"), removes, clears, policy changes, a save racing a clear, and reloads of the
// page in the same browser profile. A plain JS model says what must be loaded: its files, in
// order, under the names the page gives them, and the policy. At the end of each sequence (and
// after every reload) the page's it2.summary() must equal `it2 summarize --json` on the model's
// files and policy, and the page's file list must be the model's.
//
//   IT2_MODEL_SEED=N IT2_MODEL_SEQUENCES=M node tests/browser/run.mjs persistence-model
//
// To look at one kind of failure (e.g. against an older page): IT2_MODEL_ACTIONS=load,race
// (of load, remove, clear, policy, race), IT2_MODEL_ITEMS=good,broken (of good, broken,
// workspace), IT2_MODEL_COMPARE=data (the numbers only, not the file names).
//
// A failure prints the seed, the sequence and the actions that led there: the same seed replays it.
import { assert } from './harness.mjs';
import {
  dataOf, expectedSummary, flushAndReload, generatedFiles, loadFiles, openReloadablePage, truncated, workspaceBytes,
} from './lib/stored-files.mjs';

const SEED = Number(process.env.IT2_MODEL_SEED || 20261130);
const SEQUENCES = Number(process.env.IT2_MODEL_SEQUENCES || 200);
const RELOAD_EVERY = 8;
const ACTIONS = (process.env.IT2_MODEL_ACTIONS || 'load,remove,clear,policy,race').split(',');
const ITEMS = (process.env.IT2_MODEL_ITEMS || 'good,broken,workspace').split(',');
const DATA_ONLY = process.env.IT2_MODEL_COMPARE === 'data';
const AS_OF = '2026-06-30';
const SHARED_NAMES = ['学校数据.json', 'school.json'];  // what every school sends

// mulberry32: small, seeded, the same sequence everywhere.
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

// The name a file is listed under: the page's rule (src/app/app_files.cpp unused_name).
function unusedName(name, files) {
  const used = (candidate) => files.some((file) => file.name === candidate);
  if (!used(name)) return name;
  const dot = name.lastIndexOf('.') > 0 ? name.lastIndexOf('.') : name.length;
  for (let n = 2; ; n++) {
    const candidate = `${name.slice(0, dot)} (${n})${name.slice(dot)}`;
    if (!used(candidate)) return candidate;
  }
}

// What loading one item does to the model: a workspace adds its files in place (its policy first).
function applyLoad(model, item) {
  if (item.kind === 'workspace') {
    if (item.policy) model.policy = item.policy;
    for (const inner of item.inner) applyLoad(model, inner);
  } else {
    model.files.push({ name: unusedName(item.name, model.files), bytes: item.bytes });
  }
}

export const tests = [
  {
    name: `random sequences of loads, removes, clears, policies and reloads match the model (seed ${SEED})`,
    timeoutMs: 600000,
    async run(t) {
      const pool = generatedFiles(['--schools', '3', '--teachers-per-school', '4', '--batches', '2', '--seed', '11',
        '--with-errors', '--few-errors']);
      // A batch whose district is called "it2-workspace": a batch all the same (the CLI agrees).
      const tricky = JSON.parse(pool[0].bytes.toString('utf8'));
      tricky.district = { code: '500110', name: 'it2-workspace' };
      tricky.school.id = 'WS-1';
      pool.push({ name: 'district-it2-workspace.json', bytes: Buffer.from(JSON.stringify(tricky)) });
      // Every policy sets the same fields: a policy file applies over the policy in force, a
      // workspace's and --policy over the defaults, and with the same fields these agree.
      const policyWith = (totalMin, onlineMin) => ({ format: 'it2-policy', version: 1, hours: { total_min: totalMin, online_min: onlineMin } });

      const rand = random(SEED);
      const pick = (list) => list[Math.floor(rand() * list.length)];
      const chance = (p) => rand() < p;
      let workspaces = 0;

      const model = { files: [], policy: null };
      const goodItem = () => {
        const file = pick(pool);
        return { kind: 'file', name: chance(0.35) ? pick(SHARED_NAMES) : file.name, bytes: file.bytes, what: 'good' };
      };
      const badItem = () => {
        const file = pick(pool);
        // A broken copy under the name of a file already loaded, if there is one: reproduction 1.
        const name = model.files.length > 0 && chance(0.6) ? pick(model.files).name : pick([file.name, ...SHARED_NAMES]);
        return { kind: 'file', name, bytes: truncated(file.bytes), what: 'broken' };
      };
      const workspaceItem = (depth) => {
        const inner = [];
        for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) {
          inner.push(depth < 1 && chance(0.25) ? workspaceItem(depth + 1) : chance(0.75) ? goodItem() : badItem());
        }
        const policy = chance(0.3) ? policyWith(pick([48, 52, 56]), pick([20, 25])) : null;
        const bytes = workspaceBytes(inner.map((item) => ({ name: item.name, bytes: item.bytes })), policy);
        return { kind: 'workspace', name: `workspace-${++workspaces}.json`, bytes, inner, policy, what: 'workspace' };
      };
      const itemWeights = [[goodItem, 50, 'good'], [badItem, 22, 'broken'], [() => workspaceItem(0), 28, 'workspace']]
        .filter(([, , name]) => ITEMS.includes(name));
      const loadItem = () => {
        let r = rand() * itemWeights.reduce((sum, [, w]) => sum + w, 0);
        for (const [make, w] of itemWeights) if ((r -= w) < 0) return make();
        return itemWeights[0][0]();
      };

      const page = await openReloadablePage(t);

      const history = [];
      let reloads = 0;
      let checks = 0;
      const spent = { reload: 0, check: 0, cli: 0 };  // ms, for the note
      const check = async () => {
        checks++;
        const start = Date.now();
        const seen = await page.evaluate((asOf) => ({ state: window.it2._persistState(), summary: window.it2.summary(asOf) }), AS_OF);
        const listed = seen.state.files.map((file) => file.name);
        if (!DATA_ONLY) assert.deepEqual(listed, model.files.map((file) => file.name), 'the page\'s file list');
        const got = JSON.parse(seen.summary);
        if (model.files.length === 0) {
          assert.deepEqual([got.schools, got.teachers, got.files, got.problems], [[], [], [], []], 'nothing loaded');
        } else {
          const cliStart = Date.now();
          const expected = expectedSummary(AS_OF, model.files, model.policy);
          spent.cli += Date.now() - cliStart;
          if (DATA_ONLY) assert.deepEqual(dataOf(got), dataOf(expected), 'it2.summary() numbers = it2 summarize --json');
          else assert.deepEqual(got, expected, 'it2.summary() = it2 summarize --json');
        }
        spent.check += Date.now() - start;
      };

      const actions = {
        async load() {
          const items = [];
          for (let n = 1 + Math.floor(rand() * 3); n > 0; n--) items.push(loadItem());
          history.push(`load [${items.map((item) => `${item.what} ${item.name}`).join(', ')}]`);
          const results = await loadFiles(page, items.map((item) => ({ name: item.name, bytes: item.bytes })));
          assert.equal(results.length, items.length, 'a result per file');
          for (const item of items) applyLoad(model, item);
        },
        async remove() {
          if (model.files.length === 0) return;
          const file = pick(model.files);
          history.push(`remove ${file.name}`);
          assert.equal(await page.evaluate((name) => window.it2.remove(name), file.name), true, `it2.remove(${file.name})`);
          model.files.splice(model.files.indexOf(file), 1);
        },
        async clear() {
          history.push('clear');
          await page.evaluate(() => window.it2.clear());
          model.files = [];
        },
        async policy() {
          const policy = policyWith(pick([45, 50, 60]), pick([20, 25]));
          history.push(`policy ${JSON.stringify(policy.hours)}`);
          const result = await page.evaluate((text) => window.it2.load('policy.json', text), JSON.stringify(policy));
          assert.equal(result.status, 'policy');
          model.policy = policy;
        },
        // Reproduction 5: a save under way while files are removed and cleared.
        async race() {
          const victim = model.files.length > 0 ? pick(model.files).name : '';
          history.push(`race: remove ${victim || '-'}, flush, clear`);
          const raced = await page.evaluate(async (name) => {
            if (name) window.it2.remove(name);
            const flushing = window.it2.flush();
            await new Promise((resolve) => setTimeout(resolve, 0));
            window.it2.clear();
            return { flushed: await flushing, storage: window.it2.storage() };
          }, victim);
          assert.ok(raced.flushed.ok && raced.storage.available, `the raced save: ${JSON.stringify(raced)}`);
          model.files = [];
        },
        async reload() {
          history.push('flush, reload');
          const start = Date.now();
          await flushAndReload(t, page);
          spent.reload += Date.now() - start;
          reloads++;
        },
      };
      const weights = [['load', 56], ['remove', 20], ['clear', 6], ['policy', 10], ['race', 8]]
        .filter(([name]) => ACTIONS.includes(name));
      const total = weights.reduce((sum, [, w]) => sum + w, 0);
      const nextAction = () => {
        if (model.files.length > 12) return 'clear';  // keeps each check small
        let r = rand() * total;
        for (const [name, w] of weights) if ((r -= w) < 0) return name;
        return 'load';
      };

      const started = Date.now();
      for (let sequence = 1; sequence <= SEQUENCES; sequence++) {
        history.length = 0;
        try {
          for (let steps = 1 + Math.floor(rand() * 2); steps > 0; steps--) await actions[nextAction()]();
          // Reloads cost a second or two each: one sequence in RELOAD_EVERY ends with one, the others
          // are checked in the page as it is.
          if (chance(1 / RELOAD_EVERY)) await actions.reload();
          await check();
        } catch (error) {
          // The runner prints a few lines of the error and every note: the seed first, then how we got there.
          t.note(`actions of sequence ${sequence}: ${history.join(' → ')}`);
          t.note(`model: ${model.files.map((file) => file.name).join(', ') || '(no files)'}; policy ${JSON.stringify(model.policy)}`);
          t.note(`what differs: ${error.message.split('\n').slice(0, 40).join('\n')}`);
          throw new Error(`seed ${SEED} (IT2_MODEL_SEED=${SEED} replays it), sequence ${sequence}: ${error.message.split('\n')[0]}`);
        }
      }
      t.note(`seed ${SEED}: ${SEQUENCES} sequences, ${checks} checks, ${reloads} reloads in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(reloads ${(spent.reload / 1000).toFixed(1)} s, checks ${(spent.check / 1000).toFixed(1)} s of which the CLI ${(spent.cli / 1000).toFixed(1)} s)`);
    },
  },
];
