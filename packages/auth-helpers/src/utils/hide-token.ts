// Keeps a token out of Node's `console.log` / `util.inspect` output of an object that holds it.
const inspect = Symbol.for('nodejs.util.inspect.custom');

/** Gives `value` a non-enumerable Node inspect hook that shows `token` as `[redacted]`; returns `value`. */
export function hideToken<T extends { token: string }>(value: T): T {
  Object.defineProperty(value, inspect, {
    enumerable: false,
    value: () => ({ ...value, token: '[redacted]' }),
  });
  return value;
}
