// The one place where UTF-16 offsets become positions: 0-based line/character (LSP) or 1-based line:column (CLI).

export interface Position {
  /** 0-based line. */
  line: number;
  /** 0-based UTF-16 code unit within the line. */
  character: number;
}

/** Offsets at which each line starts; a line ends at `\n`, `\r\n` or a lone `\r` (as LSP defines). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  pushLineStarts(text, 0, text.length, starts);
  return starts;
}

/**
 * Pushes the line starts p with `from` < p <= `to` onto `starts`: a line starts after `\n`, and after a `\r` not
 * followed by `\n`. What decides p is the characters at p-1 and p, so a text can be searched in windows.
 */
export function pushLineStarts(text: string, from: number, to: number, starts: number[]): void {
  for (let i = from; i < to; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 /* \n */ || (ch === 13 /* \r */ && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
}

/** Binary search: the line containing `offset` (clamped to the text). */
export function lineOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

export function positionAt(starts: readonly number[], text: string, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, text.length));
  const line = lineOf(starts, clamped);
  return { line, character: clamped - starts[line] };
}

/** 1-based line and column for humans (CLI, SARIF); columns count UTF-16 code units like editors do. */
export function lineColumnAt(starts: readonly number[], text: string, offset: number): { line: number; column: number } {
  const { line, character } = positionAt(starts, text, offset);
  return { line: line + 1, column: character + 1 };
}

export function offsetAt(starts: readonly number[], text: string, position: Position): number {
  if (position.line >= starts.length) return text.length;
  if (position.line < 0) return 0;
  const lineStart = starts[position.line];
  const nextLine = position.line + 1 < starts.length ? starts[position.line + 1] : text.length;
  return Math.max(lineStart, Math.min(lineStart + position.character, nextLine));
}
