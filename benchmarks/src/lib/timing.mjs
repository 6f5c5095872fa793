// Interleaved timing: every client runs one block per round, the order rotated each round, gc() before each block.

import { readFileSync } from 'node:fs';

const now = () => process.hrtime.bigint();

const mainThreadStat = `/proc/self/task/${process.pid}/schedstat`;
/**
 * CPU time of this process's main thread alone, in µs: Linux's schedstat of the thread whose id is the process id
 * (its first field is the time on a CPU, in ns). V8's helper threads (concurrent GC and compilers) and libuv's pool are
 * left out, where `process.cpuUsage()` counts every thread. Undefined where /proc has no schedstat.
 */
export function mainThreadCpuUs() {
  try {
    return Number(readFileSync(mainThreadStat, 'utf8').split(' ')[0]) / 1000;
  } catch {
    return undefined;
  }
}

/** `gc()` when node runs with --expose-gc (the bench always does). */
export function collectGarbage() {
  globalThis.gc?.();
}

/**
 * Runs `rounds` rounds; in each, every entry of `calls` (name -> async fn) runs `perRound` times in a row, timed one
 * call at a time (`perCall: true`, samples in µs) or as one block (`perCall: false`, one sample: mean µs per call).
 * `afterWarmup` runs between the warm-up and the first round.
 * Returns `{ samples: {name: number[]}, rounds: [{name: roundMedianOrMean}], cpu: {name: number[]}, mainCpu }`, where
 * `cpu` is this process's CPU time (user + system, every thread) per call of each block, in µs, and `mainCpu` the same
 * for the main thread alone (`mainThreadCpuUs`).
 */
export async function interleave(calls, { rounds, perRound, warmup, perCall = true, afterWarmup, onRound }) {
  const names = Object.keys(calls);
  for (const name of names) for (let i = 0; i < warmup; i++) await calls[name]();
  await afterWarmup?.();
  const samples = Object.fromEntries(names.map((name) => [name, []]));
  const cpu = Object.fromEntries(names.map((name) => [name, []]));
  const mainCpu = Object.fromEntries(names.map((name) => [name, []]));
  const roundValues = [];
  for (let round = 0; round < rounds; round++) {
    const order = names.map((_, i) => names[(i + round) % names.length]);
    const values = {};
    for (const name of order) {
      const call = calls[name];
      collectGarbage();
      const cpuBefore = process.cpuUsage();
      const mainBefore = mainThreadCpuUs();
      if (perCall) {
        const block = new Float64Array(perRound);
        for (let i = 0; i < perRound; i++) {
          const started = now();
          await call();
          block[i] = Number(now() - started) / 1000;
        }
        samples[name].push(...block);
        values[name] = [...block].sort((a, b) => a - b)[Math.floor(perRound / 2)];
      } else {
        const started = now();
        for (let i = 0; i < perRound; i++) await call();
        const value = Number(now() - started) / 1000 / perRound;
        samples[name].push(value);
        values[name] = value;
      }
      const mainAfter = mainThreadCpuUs();
      const cpuUsed = process.cpuUsage(cpuBefore);
      cpu[name].push((cpuUsed.user + cpuUsed.system) / perRound);
      if (mainBefore !== undefined && mainAfter !== undefined) mainCpu[name].push((mainAfter - mainBefore) / perRound);
    }
    roundValues.push(values);
    onRound?.(round);
  }
  return { samples, rounds: roundValues, cpu, mainCpu };
}
