// `consonantClusters`: every word holds two consonants in a row (IFBench `words:consonants`). Words are the
// whitespace-separated pieces, lower-cased, punctuation included; consonants are the 21 ASCII ones.
import type { ConstraintModule } from '../module';
import { parseFlag, plural } from '../module';

const CLUSTER = /[bcdfghjklmnpqrstvwxyz]{2}/;

export const consonantClusters: ConstraintModule<true> = {
  key: 'consonantClusters',
  parse: (value) => parseFlag('consonantClusters', value),
  check(_on, completion) {
    const ranges = [...completion.matchAll(/\S+/gu)]
      .filter((m) => !CLUSTER.test(m[0].toLowerCase()))
      .map((m) => ({ offset: m.index, length: m[0].length }));
    return {
      key: 'consonantClusters',
      pass: ranges.length === 0,
      measured: ranges.length,
      required: 'a consonant cluster in every word',
      message:
        ranges.length === 0
          ? 'every word has a consonant cluster'
          : `${plural(ranges.length, 'word')} without a consonant cluster`,
      ranges,
    };
  },
};
