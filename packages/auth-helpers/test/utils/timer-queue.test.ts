// One timer for many deadlines: items come due in order, and drain() hands over what is pending.
import { describe, expect, it } from 'vitest';
import { timerQueue } from '../../src/utils/timer-queue.js';
import { sleep } from '../../src/utils/sleep.js';

const never = new AbortController().signal;

describe('timer queue', () => {
  it('calls onDue for each item once its delay has passed, in the order added', async () => {
    const due: string[] = [];
    const items = [{ name: 'a' }, { name: 'b' }];
    const queue = timerQueue<{ name: string }>(20, (item) => due.push(item.name));
    queue.add(items[0]!);
    await sleep(5, never);
    queue.add(items[1]!);
    expect(due).toEqual([]);
    await sleep(60, never);
    expect(due).toEqual(['a', 'b']);
  });

  it('drain() stops the timer and hands over every pending item', async () => {
    const due: string[] = [];
    const drained: string[] = [];
    const items = [{ name: 'a' }, { name: 'b' }];
    const queue = timerQueue<{ name: string }>(20, (item) => due.push(item.name));
    for (const item of items) queue.add(item);
    queue.drain((item) => drained.push(item.name));
    await sleep(60, never);
    expect(drained).toEqual(['a', 'b']);
    expect(due).toEqual([]);
  });
});
