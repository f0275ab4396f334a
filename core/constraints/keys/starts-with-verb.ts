// `startsWithVerb`: the completion's first word is a verb (IFBench `words:start_verb`, which asks NLTK's
// part-of-speech tagger). We tag with a verb lexicon and rules (core/constraints/nlp/verbs.ts), which agree
// with the tagger on most openings but not all (docs/ifbench.md, "Verbs").
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { startsWithVerb as firstIsVerb, wordTokenize } from '../nlp';

export const startsWithVerb: ConstraintModule<true> = {
  key: 'startsWithVerb',
  parse: (value) => parseFlag('startsWithVerb', value),
  check(_on, completion) {
    const tokens = wordTokenize(completion);
    const pass = firstIsVerb(tokens);
    const first = tokens[0] ?? '';
    const offset = first ? Math.max(0, completion.indexOf(first)) : 0;
    return {
      key: 'startsWithVerb',
      pass,
      measured: first,
      required: 'a verb first',
      message: pass
        ? `starts with the verb "${first}"`
        : first
          ? `starts with "${first}", not a verb`
          : 'no words; a verb first required',
      ranges: pass || !first ? [] : [{ offset, length: first.length }],
    };
  },
};
