// One cached Intl.Segmenter per granularity: constructing them is costly and they are stateless.

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
