// The constraints a prompt's sent text states, located in the file; a key stated with two different values is left out.
import type { Span } from '../diagnostic';
import type { PromptDocument } from '../document/types';
import { detectConstraints, maskCode, type StatedConstraint, type StatedValue } from './detect';
import { locateInPiece } from '../document/locate';

export interface LocatedStatement extends StatedConstraint {
  /** Where the phrase is in the file (in a decoded YAML string: aligned with its source; the whole piece if that fails). */
  span: Span;
}

/**
 * Finds the statements of one piece's text, code masked, given whether a code fence is open at its start;
 * returns them (offsets into `text`) and the fence state at its end. The editor passes one that reuses the
 * previous version's results paragraph by paragraph (core/analysis/prose.ts).
 */
export type PieceScan = (
  text: string,
  inFence: boolean,
  where: { message: number; piece: number },
) => { found: StatedConstraint[]; inFence: boolean };

/** Both instruction rules ask for the same document's statements: found once per parsed document. */
const found = new WeakMap<PromptDocument, LocatedStatement[]>();

/** Every stated key once, at its first phrase; keys the text states with different values are ambiguous and dropped. */
export function statedConstraints(document: PromptDocument): LocatedStatement[] {
  return found.get(document) ?? rememberStatements(document, scanWholePiece);
}

/** Finds the document's statements with `scan` and keeps them for `statedConstraints`. */
export function rememberStatements(document: PromptDocument, scan: PieceScan): LocatedStatement[] {
  const all: LocatedStatement[] = [];
  document.messages.forEach((message, m) => {
    let inFence = false;
    message.pieces.forEach((piece, p) => {
      const scanned = scan(piece.text, inFence, { message: m, piece: p });
      inFence = scanned.inFence;
      for (const stated of scanned.found) {
        const phrase = piece.text.slice(stated.offset, stated.offset + stated.length);
        // Decoded YAML strings (block scalars) are aligned with their source, so the phrase is located, not the whole string.
        const span = locateInPiece(document.text, piece, { offset: stated.offset, length: stated.length });
        all.push({ ...stated, phrase, span });
      }
    });
  });
  const byKey = new Map<string, LocatedStatement[]>();
  for (const s of all) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  const kept: LocatedStatement[] = [];
  for (const list of byKey.values()) {
    const values = new Set(list.map((s) => valueKey(s.value)));
    if (values.size === 1) kept.push(list[0]);
  }
  const result = kept.sort((a, b) => a.span.offset - b.span.offset);
  found.set(document, result);
  return result;
}

function scanWholePiece(text: string, inFence: boolean): { found: StatedConstraint[]; inFence: boolean } {
  const masked = maskCode(text, inFence);
  return { found: detectConstraints(masked.masked), inFence: masked.inFence };
}

function valueKey(value: StatedValue): string {
  if (typeof value === 'string') return `s:${value.trim().toLowerCase()}`;
  return typeof value === 'object' ? `o:${JSON.stringify(value).toLowerCase()}` : `${typeof value}:${String(value)}`;
}
