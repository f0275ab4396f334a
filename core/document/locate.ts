// Maps a range of a message's sent text back to the file: exact for verbatim pieces, aligned for decoded YAML strings.
import type { Span } from '../diagnostic';
import type { SentPiece } from './types';

/** Indentation, block headers and escapes between two decoded characters; more than this means the alignment is lost. */
const MAX_SKIP = 256;

/**
 * Where `range` (offsets into `piece.text`) sits in the file. Decoded YAML strings (block scalars, quoted
 * strings with escapes) differ from their source only by indentation, line folding, quotes and escapes, so
 * walking both texts in step finds each character; if that fails the whole piece's span is returned.
 */
export function locateInPiece(fileText: string, piece: SentPiece, range: Span): Span {
  if (piece.verbatim) return { offset: piece.span.offset + range.offset, length: range.length };
  const start = alignedOffset(fileText, piece, range.offset);
  const last = range.length > 0 ? alignedOffset(fileText, piece, range.offset + range.length - 1) : start;
  if (start === undefined || last === undefined) return piece.span;
  return { offset: start, length: range.length > 0 ? last + 1 - start : 0 };
}

/** File offset of `piece.text[index]`, found by aligning the decoded text with its source from the start. */
function alignedOffset(fileText: string, piece: SentPiece, index: number): number | undefined {
  const value = piece.text;
  const end = piece.span.offset + piece.span.length;
  let cursor = piece.span.offset;
  for (let i = 0; i <= index && i < value.length; i++) {
    const found = findChar(fileText, value[i], cursor, end);
    if (found === undefined) return undefined;
    if (i === index) return found.at;
    cursor = found.next;
  }
  return undefined;
}

function findChar(source: string, ch: string, from: number, end: number): { at: number; next: number } | undefined {
  const limit = Math.min(end, from + MAX_SKIP);
  for (let j = from; j < limit; j++) {
    const s = source[j];
    if (s === ch || (isSpace(ch) && isSpace(s))) return { at: j, next: j + 1 };
    // A double-quoted escape: `\n`, `\t`, `\"`, `\\` decode to one character.
    if (s === '\\' && j + 1 < end && ESCAPES[source[j + 1]] === ch) return { at: j, next: j + 2 };
  }
  return undefined;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', '"': '"', '\\': '\\', '/': '/', r: '\r' };

function isSpace(ch: string): boolean {
  return ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r';
}
