// Runs one benchmark section in a process of its own (so that sections never share a heap, a JIT state or
// sockets), and writes its result as JSON: node --expose-gc section-child.mjs <section> <options-json> <out-file>
import { writeFileSync } from 'node:fs';

const [section, optionsJson, outFile] = process.argv.slice(2);
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');
const { run } = await import(`../sections/${section}.mjs`);
const result = await run(JSON.parse(optionsJson));
writeFileSync(outFile, JSON.stringify(result));
// Anything left open (keep-alive sockets, timers) must not keep the section alive.
process.exit(0);
