// Applies text edits (fixes, quick fixes) to a string; overlapping edits are refused rather than guessed at.
import type { TextEdit } from './diagnostic';

/** Applies non-overlapping edits; returns undefined when two edits overlap (the caller keeps the text unchanged). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string | undefined {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || a.length - b.length);
  let result = '';
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.offset < cursor || edit.offset + edit.length > text.length) return undefined;
    result += text.slice(cursor, edit.offset) + edit.newText;
    cursor = edit.offset + edit.length;
  }
  return result + text.slice(cursor);
}
