// `pronouns`: how many pronouns the completion uses (IFBench `count:pronouns`, at least N): every
// occurrence of a personal, possessive, reflexive, demonstrative, interrogative, relative or indefinite
// pronoun (core/constraints/nlp/pronouns.ts) among the lower-cased word tokens, `/` read as a space
// (`she/her`).
import type { ConstraintModule } from '../module';
import { countFor } from '../module';
import type { CountRange } from '../count';
import { PRONOUNS, wordTokenize } from '../nlp';
import { measuredCount } from './measured-count';

export function pronounCount(text: string): number {
  return wordTokenize(text.replace(/\//g, ' ').toLowerCase()).filter((t) => PRONOUNS.has(t)).length;
}

export const pronouns: ConstraintModule<CountRange> = {
  key: 'pronouns',
  parse: (value) => countFor('pronouns', value),
  check: (range, completion) => measuredCount('pronouns', range, pronounCount(completion), 'pronoun', 'pronouns'),
};
