// Line-by-line walking of a text region, with `\n`, `\r\n` and a lone `\r` all ending a line (as LSP counts them).

export interface Line {
  /** First code unit of the line. */
  start: number;
  /** End of the line's content (its terminator excluded). */
  contentEnd: number;
  /** Start of the next line (after the terminator); equals `contentEnd` on the last line. */
  next: number;
}

/** The line starting at `start`, looking no further than `end`. A char loop, so a 1 MB line costs one pass. */
export function lineAt(text: string, start: number, end: number): Line {
  const walked = Math.min(end, start + 256);
  for (let i = start; i < walked; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) return { start, contentEnd: i, next: i + 1 };
    if (ch === 13) return { start, contentEnd: i, next: text.charCodeAt(i + 1) === 10 && i + 1 < end ? i + 2 : i + 1 };
  }
  // A long line (a pathological prompt's may be megabytes): its end searched in growing windows, not walked.
  for (let from = walked, size = 4096; from < end; from += size, size *= 2) {
    const window = text.slice(from, Math.min(end, from + size));
    const lf = window.indexOf('\n');
    const cr = window.indexOf('\r');
    const found = lf === -1 ? cr : cr === -1 ? lf : Math.min(lf, cr);
    if (found === -1) continue;
    const i = from + found;
    if (text.charCodeAt(i) === 10) return { start, contentEnd: i, next: i + 1 };
    return { start, contentEnd: i, next: text.charCodeAt(i + 1) === 10 && i + 1 < end ? i + 2 : i + 1 };
  }
  return { start, contentEnd: end, next: end };
}

/** Every line of `[start, end)`; an empty region has no lines, a trailing terminator adds no empty last line. */
export function* linesOf(text: string, start: number, end: number): Generator<Line> {
  let at = start;
  while (at < end) {
    const line = lineAt(text, at, end);
    yield line;
    at = line.next;
  }
}

export function isBlank(ch: number): boolean {
  return ch === 32 || ch === 9;
}

export function isWhitespace(ch: number): boolean {
  return ch === 32 || ch === 9 || ch === 10 || ch === 13 || ch === 12 || ch === 11;
}

/** First offset in `[from, end)` that is not whitespace, or `end`. */
export function skipWhitespace(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && isWhitespace(text.charCodeAt(at))) at++;
  return at;
}

/** True when `[start, end)` holds nothing but spaces and tabs. */
export function onlyBlanks(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isBlank(text.charCodeAt(i))) return false;
  return true;
}
