// The browser build's `hideToken` (see hide-token.ts): browsers have no inspect hook to give, so nothing is added.
export function hideToken<T extends { token: string }>(value: T): T {
  return value;
}
