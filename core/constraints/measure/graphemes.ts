// User-perceived characters: extended grapheme clusters (an emoji with modifiers, or e + combining accent, is one).
import { segments } from './segmenters';

/** The number of grapheme clusters in `text`. */
export function countGraphemes(text: string): number {
  let n = 0;
  for (const _ of segments('grapheme', text)) n++;
  return n;
}
