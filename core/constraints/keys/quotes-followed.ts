// `quotesFollowed`: every quotation is followed by text of the completion's own, outside quotes (IFBench
// `format:quote_unquote`: "Every quoted phrase must be followed by an unquoted explanation"). Our
// definition pairs straight `"` and curly `“ ”` quotes; after each closing quote a letter or digit must
// come before the next opening quote or the end. Under `compat: ifbench`, IFBench's check: with the text
// `'"'` removed and all whitespace dropped, no two `"` may be adjacent, and the text, trimmed of digits
// and ASCII punctuation other than `"` at its ends, may not end with `"`.
import type { Span } from '../../diagnostic';
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import { pyStripChars, PY_SPACE } from '../ifeval/python';
import { ASCII_PUNCTUATION } from './python-text';

const SPACES = new RegExp(`${PY_SPACE}+`, 'gu');
const IFBENCH_STRIP = `0123456789${ASCII_PUNCTUATION.replace('"', '')}`;
const OWN_TEXT = /[\p{L}\p{N}]/u;

/** IFBench's `QuoteExplanationChecker.check_following`. */
export function ifbenchQuotesExplained(value: string): boolean {
  const squeezed = value.replaceAll(`'"'`, '').replace(SPACES, '');
  if (squeezed.includes('""')) return false;
  const stripped = pyStripChars(squeezed, IFBENCH_STRIP);
  return !(stripped && stripped.endsWith('"'));
}

/** Quotations (opening quote to closing quote) not followed by a letter or digit before the next one. */
export function unexplainedQuotes(text: string): Span[] {
  const quotes: { open: number; close: number }[] = [];
  let open = -1;
  let closer = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (open < 0 && (ch === '"' || ch === '\u201c')) {
      open = i;
      closer = ch === '"' ? '"' : '\u201d';
    } else if (open >= 0 && ch === closer) {
      quotes.push({ open, close: i });
      open = -1;
    }
  }
  const bad: Span[] = [];
  quotes.forEach((q, i) => {
    const next = quotes[i + 1]?.open ?? (open >= 0 ? open : text.length);
    if (!OWN_TEXT.test(text.slice(q.close + 1, next))) bad.push({ offset: q.open, length: q.close + 1 - q.open });
  });
  return bad;
}

export const quotesFollowed: ConstraintModule<true> = {
  key: 'quotesFollowed',
  parse: (value) => parseFlag('quotesFollowed', value),
  check(_on, completion, ctx) {
    const required = 'every quotation followed by text outside quotes';
    if (ctx.compat === 'ifbench') {
      const pass = ifbenchQuotesExplained(completion);
      return {
        key: 'quotesFollowed',
        pass,
        measured: pass ? 'every quotation followed' : 'a quotation not followed by text',
        required,
        message: pass ? required : 'two quotations in a row, or the text ends with a quotation',
        ranges: [],
      };
    }
    const bad = unexplainedQuotes(completion);
    return {
      key: 'quotesFollowed',
      pass: bad.length === 0,
      measured: bad.length,
      required,
      message:
        bad.length === 0
          ? required
          : `${bad.length === 1 ? '1 quotation is' : `${bad.length} quotations are`} not followed by text of its own`,
      ranges: bad,
    };
  },
};
