// `punctuation`: every listed punctuation mark occurs at least once (IFBench `count:punctuation`). The
// interrobang `?!` is met by `?!`, `!?` or `‽`; the first `?!` (else `!?`) is then set aside, so its `?` and
// `!` do not count for the single marks, as IFBench's checker does.
import type { ConstraintModule } from '../module';
import { valueError } from '../module';

const INTERROBANG = '?!';

export function missingPunctuation(marks: readonly string[], text: string): string[] {
  let rest = text;
  const missing: string[] = [];
  if (marks.includes(INTERROBANG)) {
    if (!(text.includes('?!') || text.includes('!?') || text.includes('‽'))) missing.push(INTERROBANG);
    rest = text.includes('?!') ? text.replace('?!', '') : text.replace('!?', '');
  }
  for (const mark of marks) if (mark !== INTERROBANG && !rest.includes(mark)) missing.push(mark);
  return missing;
}

export const punctuation: ConstraintModule<string[]> = {
  key: 'punctuation',
  parse(value) {
    const list = Array.isArray(value) ? value : undefined;
    if (!list || list.length === 0 || !list.every((m) => typeof m === 'string' && m.length > 0)) {
      return valueError('punctuation', 'punctuation: expected a non-empty list of marks, e.g. [".", ",", ";", "?!"]');
    }
    return list as string[];
  },
  check(marks, completion) {
    const missing = missingPunctuation(marks, completion);
    return {
      key: 'punctuation',
      pass: missing.length === 0,
      measured: missing.length === 0 ? 'all marks used' : `missing ${missing.join(' ')}`,
      required: `each of ${marks.join(' ')}`,
      message: missing.length === 0 ? 'every mark occurs' : `never uses ${missing.map((m) => `"${m}"`).join(', ')}`,
      ranges: [],
    };
  },
};
