// User-perceived characters: extended grapheme clusters (an emoji with modifiers, or e + combining accent, is one).
import { segmenter } from './segmenters';

/** The number of grapheme clusters in `text`. */
export function countGraphemes(text: string): number {
  let n = 0;
  for (const _ of segmenter('grapheme').segment(text)) n++;
  return n;
}
