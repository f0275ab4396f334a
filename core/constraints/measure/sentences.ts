// Sentences by Unicode sentence segmentation (UAX #29), skipping segments with no letter or digit.
import type { Span } from '../../diagnostic';
import { segments } from './segmenters';

const HAS_CONTENT = /[\p{L}\p{N}]/u;
/**
 * ICU's root rules end a sentence after "Mr." and "e.g."; V8 has no abbreviation suppressions,
 * so a segment ending in one of these common English abbreviations is joined to the next.
 */
const ABBREVIATION_END = /(?:^|[\s(])(?:Mr|Mrs|Ms|Dr|Prof|Sr|Jr|St|vs|e\.g|i\.e|cf|approx|No)\.\s*$/i;

/** Each sentence's span, trimmed of surrounding whitespace. */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  let start = -1;
  for (const s of segments('sentence', text)) {
    if (start < 0) {
      if (!HAS_CONTENT.test(s.segment)) continue;
      start = s.index;
    }
    const end = s.index + s.segment.length;
    if (ABBREVIATION_END.test(s.segment) && end < text.length) continue;
    out.push(trimSpan(text, start, end));
    start = -1;
  }
  return out;
}

/** Shrinks [start, end) to exclude leading and trailing whitespace. */
export function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  return { offset: start, length: end - start };
}
