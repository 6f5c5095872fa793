/**
 * A queue of items that all come due `delayMs` after they were added, served by one unref'd timer.
 *
 * Items are added in the order they come due (every item has the same delay), so the queue is a FIFO and only its
 * head needs a timer. Items are held weakly: one that nothing else keeps alive is collected and skipped. Deadlines
 * are on `performance.now()`, a monotonic clock (unlike the SDK's `now` option, which tests move).
 */
export interface TimerQueue<T extends object> {
  /** Adds an item; `onDue(item)` runs once `delayMs` has passed, unless the item was collected first. */
  add(item: T): void;
  /** Stops the timer and hands every pending item, live ones only, to `each`; the queue is then empty. */
  drain(each: (item: T) => void): void;
}

export function timerQueue<T extends object>(delayMs: number, onDue: (item: T) => void): TimerQueue<T> {
  // [deadline, item] in the order the items were added.
  let queue: [number, WeakRef<T>][] = [];
  let head = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const next = queue[head];
    if (timer !== undefined || !next) return;
    timer = setTimeout(expire, next[0] - performance.now());
    (timer as { unref?: () => void }).unref?.(); // never keeps a Node process alive
  };
  const expire = () => {
    timer = undefined;
    const now = performance.now();
    for (let next = queue[head]; next && next[0] <= now; next = queue[++head]) {
      const item = next[1].deref();
      if (item) onDue(item);
    }
    // Drop what came due, in amortised constant time per item.
    if (head * 2 >= queue.length) {
      queue = queue.slice(head);
      head = 0;
    }
    arm();
  };
  return {
    add(item) {
      queue.push([performance.now() + delayMs, new WeakRef(item)]);
      arm();
    },
    drain(each) {
      clearTimeout(timer);
      timer = undefined;
      const pending = queue.slice(head);
      queue = [];
      head = 0;
      for (const [, ref] of pending) {
        const item = ref.deref();
        if (item) each(item);
      }
    },
  };
}
