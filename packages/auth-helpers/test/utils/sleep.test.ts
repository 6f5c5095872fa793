// The wait between attempts, and how it ends early.
import { describe, expect, it } from 'vitest';
import { sleep } from '../../src/utils/sleep.js';

describe('sleep', () => {
  it('resolves after the wait', async () => {
    const started = performance.now();
    await sleep(20, new AbortController().signal);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
  });

  it('rejects with the reason at once when the signal aborts, or has aborted', async () => {
    const controller = new AbortController();
    const pending = sleep(60_000, controller.signal);
    controller.abort('stop');
    await expect(pending).rejects.toBe('stop');
    await expect(sleep(60_000, controller.signal)).rejects.toBe('stop');
  });
});
