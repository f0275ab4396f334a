// `bracketDepth`: how deep `(`, `[` and `{` nest in a correctly closed group (IFBench `format:parentheses`).
// Brackets are read left to right on a stack; a closer that does not match the innermost opener resets the
// stack, as IFBench's checker does. The measured depth is the deepest nesting of a group that was closed.
import type { ConstraintModule } from '../module';
import { countFor } from '../module';
import { countMessage, inRange, type CountRange } from '../count';

const PAIRS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

/** The deepest nesting reached before a matching closer, counting from the last mismatch. */
export function closedBracketDepth(text: string): number {
  const stack: string[] = [];
  let depth = 0;
  let best = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[' || ch === '{') {
      stack.push(ch);
      depth = Math.max(depth, stack.length);
    } else if (ch in PAIRS) {
      if (stack.length > 0 && stack[stack.length - 1] === PAIRS[ch]) {
        stack.pop();
        best = Math.max(best, depth);
      } else {
        stack.length = 0;
        depth = 0;
      }
    }
  }
  return best;
}

export const bracketDepth: ConstraintModule<CountRange> = {
  key: 'bracketDepth',
  parse: (value) => countFor('bracketDepth', value),
  check(range, completion) {
    const n = closedBracketDepth(completion);
    return {
      key: 'bracketDepth',
      pass: inRange(n, range),
      measured: n,
      required: range.label,
      message: countMessage(n, 'level of nested brackets', 'levels of nested brackets', range),
      ranges: [],
    };
  },
};
