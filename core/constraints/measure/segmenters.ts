// One cached Intl.Segmenter per granularity: constructing them is costly and they are stateless. ASCII-only text is
// segmented by ./ascii-segments instead, which gives the same segments without loading ICU.
import { asciiGraphemeSegments, asciiSentenceSegments, asciiWordSegments, isAscii } from './ascii-segments';

type Granularity = 'grapheme' | 'word' | 'sentence';

const cache = new Map<Granularity, Intl.Segmenter>();

/** The root-locale segmenter: ICU's dictionary segmentation for CJK and Thai applies whatever the locale. */
export function segmenter(granularity: Granularity): Intl.Segmenter {
  let s = cache.get(granularity);
  if (!s) {
    s = new Intl.Segmenter('und', { granularity });
    cache.set(granularity, s);
  }
  return s;
}

/** Chunk length aimed at: V8's segment iterator costs grow with the length of the string it walks (quadratic overall). */
const CHUNK = 512;

/**
 * The segments of `text`, found chunk by chunk so the cost stays linear (a 35 KB completion took 25 s and 1.6 GB in
 * one piece). Chunks end only where every granularity has a boundary anyway: after a line feed, and for graphemes and
 * words also after a space or comma before an ASCII letter, quote or bracket (for graphemes, between any two printable
 * ASCII characters). A chunk runs from at least CHUNK characters to the next such place.
 */
export function* segments(
  granularity: Granularity,
  text: string,
): Generator<{ segment: string; index: number; isWordLike?: boolean }> {
  if (isAscii(text)) {
    yield* granularity === 'word'
      ? asciiWordSegments(text)
      : granularity === 'sentence'
        ? asciiSentenceSegments(text)
        : asciiGraphemeSegments(text);
    return;
  }
  const s = segmenter(granularity);
  let start = 0;
  while (start < text.length) {
    const end = chunkEnd(text, start, granularity);
    for (const part of s.segment(end === text.length && start === 0 ? text : text.slice(start, end))) {
      yield { segment: part.segment, index: start + part.index, isWordLike: part.isWordLike };
    }
    start = end;
  }
}

function chunkEnd(text: string, start: number, granularity: Granularity): number {
  if (text.length - start <= CHUNK) return text.length;
  for (let i = start + CHUNK; i < text.length; i++) if (safeCut(text, i, granularity)) return i;
  return text.length;
}

/**
 * A boundary of every segmentation of that granularity: after a line feed; for words and graphemes after a space or
 * comma before an ASCII letter, `"`, `{` or `[`; for graphemes between any two printable ASCII characters.
 */
function safeCut(text: string, i: number, granularity: Granularity): boolean {
  const before = text.charCodeAt(i - 1);
  if (before === 10 /* \n */) return true;
  if (granularity === 'sentence') return false;
  const after = text.charCodeAt(i);
  if ((before === 32 || before === 44) && (isAsciiLetter(after) || after === 34 || after === 123 || after === 91)) return true;
  return granularity === 'grapheme' && before >= 32 && before < 127 && after >= 32 && after < 127;
}

function isAsciiLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
