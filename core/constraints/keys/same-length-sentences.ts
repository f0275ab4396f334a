// `sameLengthSentences`: the completion has that many sentences (core/constraints/nlp/sentences.ts) and all
// have the same number of characters once trimmed (IFBench `ratio:sentence_words`, 3 sentences). Characters
// are grapheme clusters; under `compat: ifbench`, code points, as Python's `len` counts.
import type { ConstraintModule } from '../module';
import { countFor } from '../module';
import { inRange, type CountRange } from '../count';
import { punktSentences } from '../nlp';
import { pyStrip } from '../ifeval/python';
import { countGraphemes } from '../measure/graphemes';

export const sameLengthSentences: ConstraintModule<CountRange> = {
  key: 'sameLengthSentences',
  parse: (value) => countFor('sameLengthSentences', value),
  check(range, completion, ctx) {
    const sentences = punktSentences(completion);
    const length = (text: string): number => (ctx.compat === 'ifbench' ? [...pyStrip(text)].length : countGraphemes(text.trim()));
    const lengths = sentences.map((s) => length(s.text));
    const odd = lengths.findIndex((n) => n !== lengths[0]);
    const countOk = inRange(sentences.length, range);
    const pass = countOk && odd < 0;
    const measured = `${sentences.length} sentences of ${[...new Set(lengths)].join(', ')} characters`;
    const message = !countOk
      ? `${sentences.length} sentences; ${range.label} required, all of the same length`
      : odd >= 0
        ? `sentence ${odd + 1} has ${lengths[odd]} characters, sentence 1 has ${lengths[0]}`
        : `${sentences.length} sentences of ${lengths[0]} characters each`;
    return {
      key: 'sameLengthSentences',
      pass,
      measured,
      required: `${range.label} sentences of equal length`,
      message,
      ranges: countOk && odd >= 0 ? [{ offset: sentences[odd]!.offset, length: sentences[odd]!.length }] : [],
    };
  },
};
