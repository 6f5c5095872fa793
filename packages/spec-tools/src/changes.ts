// The changes found so far, one per message, each at the most severe level it was reported with.
import { type Change, type ChangeLevel, rank } from './level.js';

export class ChangeList {
  readonly #byMessage = new Map<string, Change>();

  add(level: ChangeLevel, message: string): void {
    const existing = this.#byMessage.get(message);
    if (!existing || rank(level) > rank(existing.level)) this.#byMessage.set(message, { level, message });
  }

  get size(): number {
    return this.#byMessage.size;
  }

  /** The changes, breaking first (in the order found within a level). */
  sorted(): Change[] {
    return [...this.#byMessage.values()].sort((a, b) => rank(b.level) - rank(a.level));
  }
}
