/**
 * Starting emulators in tests: every emulator started here reports each answer to the contract checker,
 * and is closed after the test; a contract violation fails the test.
 */
import { afterEach } from 'vitest';
import { startEmulator, type Emulator, type EmulatorOptions, type ResponseRecord } from '../../src/index.js';
import { contract, type Violation } from './contract.js';

const running = new Set<Emulator>();
const violations: Violation[] = [];
/** Every answer checked in this test file (so a test can prove the checker saw its traffic). */
export const checkedResponses: ResponseRecord[] = [];

/** Starts an emulator (demo users unless told otherwise) whose answers are checked against the spec. */
export async function useEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const checker = contract();
  const emulator = await startEmulator({
    ...options,
    onResponse(record) {
      checkedResponses.push(record);
      violations.push(...checker.check(record));
      options.onResponse?.(record);
    },
  });
  running.add(emulator);
  return emulator;
}

afterEach(async () => {
  const open = [...running];
  running.clear();
  await Promise.all(open.map((e) => e.close()));
  const found = violations.splice(0);
  if (found.length > 0) {
    throw new Error(
      `contract violations:\n${found.map((v) => `  ${v.method} ${v.path} → ${v.status}: ${v.problem}`).join('\n')}`,
    );
  }
});
