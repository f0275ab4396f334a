// `quoteDepth`: how deep quotations nest, alternating `"` and `'` (IFBench `format:quotes`). A quote mark that
// equals the innermost open one closes it, any other `"` or `'` opens a level; the measured depth is the
// largest number of levels closed from the deepest point reached, as IFBench's checker measures it.
import type { ConstraintModule } from '../module';
import { countFor } from '../module';
import { countMessage, inRange, type CountRange } from '../count';

export function closedQuoteDepth(text: string): number {
  const stack: string[] = [];
  let reached = 0;
  let best = 0;
  for (const ch of text) {
    if (stack.length > 0 && ch === stack[stack.length - 1]) {
      stack.pop();
      best = Math.max(best, reached - stack.length);
    } else if (ch === '"' || ch === "'") {
      stack.push(ch);
      reached = Math.max(reached, stack.length);
    }
  }
  return best;
}

export const quoteDepth: ConstraintModule<CountRange> = {
  key: 'quoteDepth',
  parse: (value) => countFor('quoteDepth', value),
  check(range, completion) {
    const n = closedQuoteDepth(completion);
    return {
      key: 'quoteDepth',
      pass: inRange(n, range),
      measured: n,
      required: range.label,
      message: countMessage(n, 'level of nested quotes', 'levels of nested quotes', range),
      ranges: [],
    };
  },
};
