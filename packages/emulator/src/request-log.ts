/**
 * The API request log (`emulator.requests`), bounded: it keeps the latest `maxEntries` requests and at most
 * `maxChars` characters of paths and URLs, dropping the oldest entries first, so a long run or a flood of
 * long URLs cannot grow the emulator's memory without end.
 *
 * @module
 */
import type { RequestLogEntry } from './types.js';

/** A log line as the server fills it in (the status is set when the answer goes out). */
export type LogLine = { -readonly [K in keyof RequestLogEntry]: RequestLogEntry[K] };

/** Characters of paths and URLs kept by default (about 8 MB of text). */
export const DEFAULT_LOG_CHARS = 4_000_000;

export class RequestLog {
  private entries: LogLine[] = [];
  /** Index of the oldest kept entry in `entries` (dropped ones are sliced off in batches). */
  private start = 0;
  private chars = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxChars = DEFAULT_LOG_CHARS,
  ) {}

  /** Number of entries kept. */
  get size(): number {
    return this.entries.length - this.start;
  }

  push(entry: LogLine): void {
    this.entries.push(entry);
    this.chars += entry.path.length + entry.url.length;
    while (this.size > this.maxEntries || (this.chars > this.maxChars && this.size > 1)) {
      const old = this.entries[this.start++]!;
      this.chars -= old.path.length + old.url.length;
    }
    // Compact once the dropped prefix is as long as what is kept (amortised O(1) per push).
    if (this.start > 1024 && this.start * 2 > this.entries.length) {
      this.entries = this.entries.slice(this.start);
      this.start = 0;
    }
  }

  /** Copies of the kept entries, oldest first. */
  list(): RequestLogEntry[] {
    const out: RequestLogEntry[] = [];
    for (let i = this.start; i < this.entries.length; i++) out.push({ ...this.entries[i]! });
    return out;
  }

  clear(): void {
    this.entries = [];
    this.start = 0;
    this.chars = 0;
  }
}
