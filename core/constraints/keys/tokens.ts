// `tokens`: the completion's length in tokens of the prompt's model tokenizer.
import type { ConstraintModule } from '../module';
import { countFor } from '../module';
import { countMessage, inRange, type CountRange } from '../count';

export const tokens: ConstraintModule<CountRange> = {
  key: 'tokens',
  parse: (value) => countFor('tokens', value),
  check(range, completion, ctx) {
    const count = ctx.counter.count(completion);
    const approx = count.approximate ? '≈' : '';
    return {
      key: 'tokens',
      pass: inRange(count.tokens, range),
      measured: count.tokens,
      required: range.label,
      message: approx + countMessage(count.tokens, 'token', 'tokens', range),
      ranges: [],
      data: { encoding: ctx.counter.encoding, approximate: count.approximate },
    };
  },
};
