// Lines of a completion with their offsets (\n, \r\n and \r all end a line).
import type { Span } from '../../diagnostic';

export interface Line extends Span {
  text: string;
}

/** Every line, without its terminator; a trailing terminator does not start an extra line. */
export function allLines(text: string): Line[] {
  const out: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    out.push({ offset: start, length: m.index - start, text: text.slice(start, m.index) });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ offset: start, length: text.length - start, text: text.slice(start) });
  return out;
}

export function isBlank(line: Line): boolean {
  return line.text.trim() === '';
}

/** Lines with at least one non-space character. */
export function nonEmptyLines(text: string): Line[] {
  return allLines(text).filter((l) => !isBlank(l));
}
