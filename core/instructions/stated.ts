// The constraints a prompt's sent text states, located in the file; a key stated with two different values is left out.
import type { Span } from '../diagnostic';
import type { PromptDocument } from '../document/types';
import { detectConstraints, maskCode, type StatedConstraint, type StatedValue } from './detect';

export interface LocatedStatement extends StatedConstraint {
  /** Where the phrase is in the file (the whole piece for decoded YAML strings, whose positions are approximate). */
  span: Span;
}

/** Every stated key once, at its first phrase; keys the text states with different values are ambiguous and dropped. */
export function statedConstraints(document: PromptDocument): LocatedStatement[] {
  const all: LocatedStatement[] = [];
  for (const message of document.messages) {
    let inFence = false;
    for (const piece of message.pieces) {
      const masked = maskCode(piece.text, inFence);
      inFence = masked.inFence;
      for (const stated of detectConstraints(masked.masked)) {
        const phrase = piece.text.slice(stated.offset, stated.offset + stated.length);
        const span = piece.verbatim ? { offset: piece.span.offset + stated.offset, length: stated.length } : piece.span;
        all.push({ ...stated, phrase, span });
      }
    }
  }
  const byKey = new Map<string, LocatedStatement[]>();
  for (const s of all) byKey.set(s.key, [...(byKey.get(s.key) ?? []), s]);
  const kept: LocatedStatement[] = [];
  for (const list of byKey.values()) {
    const values = new Set(list.map((s) => valueKey(s.value)));
    if (values.size === 1) kept.push(list[0]);
  }
  return kept.sort((a, b) => a.span.offset - b.span.offset);
}

function valueKey(value: StatedValue): string {
  if (typeof value === 'string') return `s:${value.trim().toLowerCase()}`;
  return typeof value === 'object' ? `o:${JSON.stringify(value).toLowerCase()}` : `${typeof value}:${String(value)}`;
}
