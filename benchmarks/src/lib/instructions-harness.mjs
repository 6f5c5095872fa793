// Runs under `valgrind --tool=callgrind --instr-atstart=no --dump-before=uv_os_getpriority` (see
// sections/instructions.mjs): every client sends the same authorised call to a canned-response fetch. Start-up and a
// long warm-up run uninstrumented (several times faster); then the harness turns callgrind's instrumentation on
// (`callgrind_control -i on`) and runs the clients in blocks, the order rotated each round. After each block it calls
// `os.getPriority()`, which nothing else calls: callgrind writes the instructions counted since the previous dump to
// a file of their own. The labels of the dumps, in order, go to <out-file>. Without `--callgrind` it runs the same
// calls in plain node, counting nothing.
//
//   node --single-threaded instructions-harness.mjs <settings-json> <out-file> [--callgrind]
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { createCannedFetch, HARNESS_ROW, STAND_IN_ROW } from './canned-fetch.mjs';
import { candidates, checkProfile } from './clients.mjs';
import { PROFILE_BODY } from './profile-body.mjs';

const [settingsJson, outFile, mode] = process.argv.slice(2);
const { warmup, rounds, perBlock } = JSON.parse(settingsJson);
const baseUrl = 'http://127.0.0.1:9';
const { fetch, counts } = createCannedFetch();
const parsed = JSON.parse(PROFILE_BODY);

const calls = {
  [HARNESS_ROW]: async () => parsed,
  [STAND_IN_ROW]: async () => (
    await fetch(`${baseUrl}/api/2.0/people/@self`, { headers: { Authorization: 'Bearer x' } }), parsed
  ),
};
for (const [name, { make }] of Object.entries(candidates)) calls[name] = make(baseUrl, { fetch });
for (const [name, call] of Object.entries(calls)) checkProfile(name, await call());

const names = Object.keys(calls);
for (const name of names) for (let i = 0; i < warmup; i++) await calls[name]();
if (mode === '--callgrind') await instrumentationOn();
const labels = [];
const dump = (label) => {
  getPriority();
  labels.push(label);
};
dump('start-up and warm-up');
const requestsBefore = counts.requests;
for (let round = 0; round < rounds; round++) {
  for (let i = 0; i < names.length; i++) {
    const name = names[(i + round) % names.length];
    const call = calls[name];
    for (let n = 0; n < perBlock; n++) await call();
    dump(name);
  }
}
writeFileSync(
  outFile,
  JSON.stringify({ labels, names, requests: counts.requests - requestsBefore, withoutBearer: counts.withoutBearer }),
);

/**
 * Asks callgrind to instrument from now on. The request goes through vgdb, which this process answers while its event
 * loop runs (so the wait is asynchronous, never a blocking spawnSync).
 */
async function instrumentationOn() {
  const child = spawn('callgrind_control', ['--instr=on', String(process.pid)], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const code = await new Promise((resolve, reject) => child.on('error', reject).on('close', resolve));
  if (code !== 0) throw new Error(`callgrind_control --instr=on failed (exit ${code})`);
}
