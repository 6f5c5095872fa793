import type { SecondFactorKind } from './challenge.js';

/**
 * What `createDocSpaceAuth` reports through `onEvent` and `auth.on(...)`. Events carry who and when, never a
 * password, token, code or secret.
 */
export type DocSpaceAuthEvent =
  | {
      type: 'signed-in';
      portal: string;
      userName: string;
      expires: Date | null;
      secondFactor: SecondFactorKind | 'none';
    }
  | { type: 'session-restored'; portal: string; userName: string; expires: Date | null }
  | { type: 'session-expired'; portal: string; userName: string; reason: 'expired' | 'rejected' }
  | { type: 'signed-out'; portal: string; userName: string }
  /** `tabs` only: another tab signed in (or again) or out, and this instance now uses what it stored. */
  | { type: 'session-synced'; portal: string; userName: string; change: 'signed-in' | 'signed-out' }
  /** `tabs` only: this instance was to sign in again, waited for another tab doing it, and uses that tab's session. */
  | { type: 'sign-in-shared'; portal: string; userName: string }
  | { type: 'second-factor-required'; portal: string; userName: string; kind: SecondFactorKind }
  | { type: 'retry'; method: string; path: string; attempt: number; delayMs: number; reason: string }
  | { type: 'store-error'; operation: 'get' | 'set' | 'delete'; message: string }
  | { type: 'session-adopted'; portal: string; userName: string; expires: Date | null }
  | {
      type: 'coordination-error';
      operation: 'acquire' | 'wait' | 'extend' | 'release' | 'recall' | 'remember' | 'forget' | 'announce';
      message: string;
    }
  | { type: 'coordination-restored' };

/** The `type` of a {@link DocSpaceAuthEvent}. */
export type DocSpaceAuthEventType = DocSpaceAuthEvent['type'];

/** The event of one type. */
export type DocSpaceAuthEventOf<T extends DocSpaceAuthEventType> = Extract<DocSpaceAuthEvent, { type: T }>;

/** A tiny synchronous emitter. A listener that throws is isolated: the others still run and the SDK goes on. */
export class Emitter {
  private readonly listeners = new Set<(event: DocSpaceAuthEvent) => void>();

  on(listener: (event: DocSpaceAuthEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: DocSpaceAuthEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure is its own; it must not break a sign-in.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
