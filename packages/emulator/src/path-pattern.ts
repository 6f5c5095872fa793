/**
 * Path patterns, shared by the route table and fault rules: literal characters match case-insensitively
 * (as ASP.NET routing does), `:name` matches one non-empty segment and `*` matches anything, `/` included.
 * A single trailing slash is ignored.
 *
 * Matching runs in time linear in the path for a given pattern (a set of pattern positions advanced one path
 * character at a time, as RE2 does), never by backtracking: a fault rule such as `/*a*a*a*a*b` against a long
 * path cannot stall the event loop.
 *
 * @module
 */

/** One step of a compiled pattern. */
type Token = { kind: 'char'; char: string } | { kind: 'segment' } | { kind: 'any' };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  const source = pattern.replace(/\/+$/, '');
  for (let i = 0; i < source.length; ) {
    const rest = source.slice(i);
    const param = /^:[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (param) {
      tokens.push({ kind: 'segment' });
      i += param[0].length;
    } else if (source[i] === '*') {
      // `**` is the same as `*`: one state, whatever the number of stars.
      if (tokens.at(-1)?.kind !== 'any') tokens.push({ kind: 'any' });
      i++;
    } else {
      tokens.push({ kind: 'char', char: source[i]!.toLowerCase() });
      i++;
    }
  }
  return tokens;
}

/**
 * Compiles a pattern into a matcher. States are token positions; a `segment` state loops on any character but
 * `/` once it has consumed one, an `any` state loops on everything. The path matches when, after its last
 * character (and an optional trailing `/`), the end of the pattern is reachable.
 */
export function compilePathPattern(pattern: string): (path: string) => boolean {
  const tokens = tokenize(pattern);
  const n = tokens.length;
  // The literal start of the pattern, compared directly (most paths are told apart there).
  let prefixLength = 0;
  while (prefixLength < n && tokens[prefixLength]!.kind === 'char') prefixLength++;
  const prefix = tokens
    .slice(0, prefixLength)
    .map((token) => (token.kind === 'char' ? token.char : ''))
    .join('');
  if (prefixLength === n) return (path) => path.toLowerCase() === prefix || path.toLowerCase() === `${prefix}/`;

  // State sets, reused from call to call (matching is synchronous).
  let current = new Uint8Array(n + 1);
  let next = new Uint8Array(n + 1);
  // `inSegment[i]`: state i is a `:name` token that has consumed at least one character (it may go on).
  let inSegment = new Uint8Array(n + 1);
  let nextSegment = new Uint8Array(n + 1);
  /** Enters state `i` and, since `*` may match nothing, the states right after any run of `*`. */
  const enter = (set: Uint8Array, start: number) => {
    let i = start;
    set[i] = 1;
    while (i < n && tokens[i]!.kind === 'any') set[++i] = 1;
  };
  const run = (text: string): boolean => {
    if (!text.startsWith(prefix)) return false;
    current.fill(0);
    inSegment.fill(0);
    enter(current, prefixLength);
    for (let p = prefixLength; p < text.length; p++) {
      const c = text[p]!;
      next.fill(0);
      nextSegment.fill(0);
      let alive = false;
      for (let i = prefixLength; i < n; i++) {
        if (current[i] !== 1 && inSegment[i] !== 1) continue;
        const token = tokens[i]!;
        if (token.kind === 'char') {
          if (current[i] === 1 && token.char === c) {
            enter(next, i + 1);
            alive = true;
          }
        } else if (token.kind === 'any') {
          enter(next, i);
          alive = true;
        } else if (c !== '/') {
          nextSegment[i] = 1;
          enter(next, i + 1);
          alive = true;
        }
      }
      if (!alive) return false;
      [current, next] = [next, current];
      [inSegment, nextSegment] = [nextSegment, inSegment];
    }
    return current[n] === 1;
  };
  return (path) => {
    const text = path.toLowerCase();
    return run(text) || (text.endsWith('/') && run(text.slice(0, -1)));
  };
}
