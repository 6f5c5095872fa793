// Section 2: instructions per authorised call, counted by valgrind's callgrind, for ours and every peer, on a
// canned-response fetch (no network, no other process): figures that repeat from run to run and machine to machine,
// where wall time on a shared 2-core machine moves by tens of per cent.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callgrind, ensureValgrind } from '../lib/callgrind.mjs';
import { HARNESS_ROW, STAND_IN_ROW } from '../lib/canned-fetch.mjs';
import { candidates } from '../lib/clients.mjs';
import { quantile, summary } from '../lib/stats.mjs';

/** What node runs with under callgrind: V8 does its GC and compiling on the main thread, none in helper threads. */
export const NODE_ARGS = ['--single-threaded'];

const log = (message) => process.stderr.write(`  instructions: ${message}\n`);

export async function run({ quick }) {
  // About 100 s of CPU in full (callgrind runs code about 50 times slower). --quick runs the harness without
  // callgrind (starting node under it alone takes longer than the whole quick run): every client answers, nothing is counted.
  const settings = quick ? { warmup: 5, rounds: 2, perBlock: 3 } : { warmup: 8000, rounds: 15, perBlock: 100 };
  if (quick) return runUncounted(settings);
  const valgrind = ensureValgrind();
  const dir = mkdtempSync(join(tmpdir(), 'docspace-bench-callgrind-'));
  try {
    const out = join(dir, 'labels.json');
    log(
      `${valgrind}, node ${NODE_ARGS.join(' ')}; ${settings.rounds} blocks × ${settings.perBlock} calls per client after ${settings.warmup} warm-up`,
    );
    const started = Date.now();
    const totals = await callgrind({
      dir,
      dumpBefore: 'uv_os_getpriority',
      nodeArgs: NODE_ARGS,
      script: fileURLToPath(new URL('../lib/instructions-harness.mjs', import.meta.url)),
      args: [JSON.stringify(settings), out, '--callgrind'],
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
    });
    const { labels, names, requests, withoutBearer } = JSON.parse(readFileSync(out, 'utf8'));
    // One dump per label, and one more for what ran after the last (writing the labels, exiting).
    if (totals.length !== labels.length + 1)
      throw new Error(`expected ${labels.length + 1} callgrind dumps, found ${totals.length}`);
    const perCall = Object.fromEntries(names.map((name) => [name, []]));
    for (const [i, label] of labels.entries()) perCall[label]?.push(totals[i] / settings.perBlock);
    const harness = quantile(perCall[HARNESS_ROW], 0.5);
    const rows = names
      .filter((name) => name !== HARNESS_ROW)
      .map((name) => {
        const net = perCall[name].map((value) => value - harness);
        return { name, kind: candidates[name]?.kind ?? 'reference', instructions: summary(net), blocks: net.length };
      });
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    return {
      settings,
      valgrind,
      nodeArgs: NODE_ARGS,
      harness,
      rows,
      requests,
      withoutBearer,
      standIn: STAND_IN_ROW,
      counted: true,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The harness in plain node: the same rows, every client checked, no instruction counted. */
function runUncounted(settings) {
  const dir = mkdtempSync(join(tmpdir(), 'docspace-bench-instructions-'));
  try {
    const out = join(dir, 'labels.json');
    const harness = fileURLToPath(new URL('../lib/instructions-harness.mjs', import.meta.url));
    const child = spawnSync(process.execPath, [...NODE_ARGS, harness, JSON.stringify(settings), out], {
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    if (child.status !== 0) throw new Error(`the instructions harness failed (exit ${child.status})`);
    const { names, requests, withoutBearer } = JSON.parse(readFileSync(out, 'utf8'));
    const none = { median: Number.NaN, p25: Number.NaN, p75: Number.NaN, n: 0 };
    const rows = names
      .filter((name) => name !== HARNESS_ROW)
      .map((name) => ({ name, kind: candidates[name]?.kind ?? 'reference', instructions: none, blocks: 0 }));
    return {
      settings,
      valgrind: 'not run (--quick)',
      nodeArgs: NODE_ARGS,
      harness: Number.NaN,
      rows,
      requests,
      withoutBearer,
      standIn: STAND_IN_ROW,
      counted: false,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
