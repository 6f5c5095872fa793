// Terminal output: colours and the spinner only on a terminal, never with NO_COLOR (https://no-color.org) or
// TERM=dumb. Results go to stdout; prompts, progress, warnings and errors to stderr.

type Stream = NodeJS.WriteStream;

/** Whether `stream` gets colours. */
export function colours(stream: Stream): boolean {
  const { NO_COLOR, TERM } = process.env;
  return stream.isTTY === true && !NO_COLOR && TERM !== 'dumb';
}

export interface Palette {
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  cyan(text: string): string;
}

const style = (on: boolean, open: number, close: number) => (text: string) =>
  on ? `\u001b[${open}m${text}\u001b[${close}m` : text;

export function palette(stream: Stream): Palette {
  const on = colours(stream);
  return {
    bold: style(on, 1, 22),
    dim: style(on, 2, 22),
    red: style(on, 31, 39),
    green: style(on, 32, 39),
    yellow: style(on, 33, 39),
    cyan: style(on, 36, 39),
  };
}

export interface Spinner {
  start(text: string): void;
  stop(): void;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

/**
 * A spinner on stderr while the portal is asked something; does nothing unless stderr is a terminal. Ctrl+C while it
 * spins clears it (and shows the cursor again) before the process ends with 130.
 */
export function spinner(enabled = true): Spinner {
  const stream = process.stderr;
  if (!enabled || stream.isTTY !== true) return { start() {}, stop() {} };
  const { cyan } = palette(stream);
  let timer: NodeJS.Timeout | undefined;
  const interrupted = () => {
    stop();
    process.exit(130);
  };
  const stop = () => {
    if (!timer) return;
    clearInterval(timer);
    timer = undefined;
    process.off('SIGINT', interrupted);
    stream.write('\r\u001b[2K\u001b[?25h');
  };
  process.once('exit', stop);
  return {
    start(text) {
      stop();
      let frame = 0;
      const draw = () => stream.write(`\r\u001b[2K\u001b[?25l${cyan(FRAMES[frame++ % FRAMES.length] ?? '')} ${text}`);
      draw();
      timer = setInterval(draw, 80);
      timer.unref();
      process.on('SIGINT', interrupted);
    },
    stop,
  };
}

/** Prints one JSON document on stdout. */
export function printJson(value: unknown): void {
  // JSON.stringify escapes C0 control characters but leaves DEL and C1 (a terminal may act on U+009B, the CSI): those
  // are escaped too, so what a portal sent cannot drive a terminal; the document still parses to the same data.
  const text = JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  process.stdout.write(`${text}\n`);
}

/** A line of results on stdout. */
export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

/** A line for people on stderr (notes, warnings). */
export function note(line = ''): void {
  process.stderr.write(`${line}\n`);
}

/** "until <date> (in 364 days)", for a human. */
export function describeExpiry(expires: string | Date | null, now = Date.now()): string {
  if (expires === null) return 'with no expiry reported by the portal';
  const at = typeof expires === 'string' ? new Date(expires) : expires;
  const ms = at.getTime() - now;
  const when = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (ms <= 0) return `until ${when} (expired)`;
  const minutes = Math.round(ms / 60_000);
  const rel =
    minutes < 90
      ? `${minutes} min`
      : minutes < 48 * 60
        ? `${Math.round(minutes / 60)} h`
        : `${Math.round(minutes / 1440)} days`;
  return `until ${when} (in ${rel})`;
}
