// valgrind's callgrind: making sure it is there, running a Node script under it, reading the dumps it wrote.
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSystemDeps } from '../../../scripts/system-deps.mjs';

/** Debian's valgrind, installed by the repository's one installer of system packages when missing (as root). */
const VALGRIND = {
  binary: '/usr/bin/valgrind',
  debianPackage: 'valgrind',
  neededBy: 'pnpm bench (instructions per authorised call)',
};

/** Returns valgrind's version line, installing it first when it is missing (see scripts/system-deps.mjs). */
export function ensureValgrind() {
  ensureSystemDeps([VALGRIND]);
  const version = spawnSync('valgrind', ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) throw new Error("valgrind does not run: install Debian's valgrind package");
  return version.stdout.trim();
}

/**
 * Runs `node <nodeArgs> <script> <args>` under callgrind in `dir`, uninstrumented until the script turns
 * instrumentation on (`callgrind_control --instr=on <pid>`), with a dump before every call of the C function
 * `dumpBefore`. Resolves to the instruction counts (Ir) of the dumps in the order they were written (the last is
 * what ran after the last dump, up to the exit).
 */
export function callgrind({ dir, dumpBefore, nodeArgs, script, args, cwd }) {
  const valgrindArgs = [
    '--tool=callgrind',
    `--callgrind-out-file=${join(dir, 'callgrind.out.%p')}`,
    `--dump-before=${dumpBefore}`,
    // The script turns instrumentation on when it is ready to count (start-up and warm-up run faster without).
    '--instr-atstart=no',
    '--dump-line=no',
    '--collect-systime=no',
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('valgrind', [...valgrindArgs, process.execPath, ...nodeArgs, script, ...args], {
      cwd,
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) return reject(new Error(`callgrind run failed (exit ${code}):\n${stderr.slice(-2000)}`));
      const files = readdirSync(dir).filter((name) => name.startsWith('callgrind.out.'));
      // callgrind.out.<pid>.<n> for the n-th dump, callgrind.out.<pid> for the rest at exit.
      const order = (name) => {
        const n = /\.(\d+)\.(\d+)$/.exec(name);
        return n ? Number(n[2]) : Number.POSITIVE_INFINITY;
      };
      files.sort((a, b) => order(a) - order(b));
      resolve(files.map((name) => totalIr(readFileSync(join(dir, name), 'utf8'))));
    });
  });
}

function totalIr(text) {
  const match = /^(?:totals|summary): (\d+)/m.exec(text);
  if (!match) throw new Error('a callgrind dump without totals');
  return Number(match[1]);
}
