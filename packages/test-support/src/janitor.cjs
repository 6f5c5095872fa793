// Removes a test's temp folder when the test process goes away, however it goes (a failed hook, a time-out,
// turbo stopping every task because another one failed, a kill):
//
//   node janitor.cjs <dir> [<pids-file>]
//
// It runs in a process group of its own and waits for its standard input to close (the test process ended, or
// closed it) or for SIGINT/SIGTERM, then kills the process groups listed in <pids-file> (commands
// the test started in their own groups, one pid a line), removes <dir>, and exits.
'use strict';
const { readFileSync, rmSync } = require('node:fs');

const [dir, pidsFile] = process.argv.slice(2);
if (!dir) {
  console.error('usage: node janitor.cjs <dir> [<pids-file>]');
  process.exit(2);
}

let done = false;
function cleanUp() {
  if (done) return;
  done = true;
  if (pidsFile) {
    let pids = [];
    try {
      pids = readFileSync(pidsFile, 'utf8')
        .split('\n')
        .map(Number)
        .filter((pid) => pid > 0);
    } catch {
      // no file: nothing was running
    }
    for (const pid of pids) {
      try {
        process.kill(-pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  try {
    rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    console.error(`janitor: could not remove ${dir}: ${error.message}`);
  }
  process.exit(0);
}

process.on('SIGINT', cleanUp);
process.on('SIGTERM', cleanUp);
process.on('SIGHUP', cleanUp);
process.stdin.on('end', cleanUp);
process.stdin.on('close', cleanUp);
process.stdin.on('error', cleanUp);
process.stdin.resume();
// Ready: the parent waits for this line before it relies on the janitor.
process.stdout.write('ready\n');
