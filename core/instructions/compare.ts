// Whether a declared constraint value agrees with the one the prose states.
import { describeRange, isCountError, parseCount, type CountRange } from '../constraints/count';
import { COUNT_KEYS, type StatedKey } from './detect';

/**
 * Undefined when they agree, else how they differ. A count disagrees when the declared range allows a count the
 * text forbids (the check would pass completions that disobey the prompt); a declared range inside the text's is
 * a deliberate tightening (a floor under "at most 100 words") and agrees. Values the schema rejects agree here:
 * frontmatter/schema reports them.
 */
export function disagreement(key: StatedKey, stated: string | number | boolean, declared: unknown): string | undefined {
  if (COUNT_KEYS.has(key)) return countDisagreement(stated, declared);
  if (key === 'format' || key === 'case') {
    if (typeof declared !== 'string') return undefined;
    return declared.toLowerCase() === String(stated) ? undefined : declared;
  }
  if (key === 'noCommas') return declared === false ? 'false' : undefined;
  const text = affixText(declared);
  if (text === undefined) return undefined;
  return text.trim().toLowerCase() === String(stated).trim().toLowerCase() ? undefined : `"${text}"`;
}

function countDisagreement(stated: string | number | boolean, declared: unknown): string | undefined {
  const want = parseCount(stated);
  const have = declaredCount(declared);
  if (isCountError(want) || !have) return undefined;
  return within(have, want) ? undefined : describeRange(have);
}

/** The count a declared value means; `paragraphs`/`sections` may be `{count, separator}`. */
function declaredCount(declared: unknown): CountRange | undefined {
  const value = typeof declared === 'object' && declared !== null && 'count' in declared ? (declared as { count: unknown }).count : declared;
  if (value === undefined) return undefined;
  const range = parseCount(value);
  return isCountError(range) ? undefined : range;
}

function within(inner: CountRange, outer: CountRange): boolean {
  const innerMin = inner.min ?? 0;
  const outerMin = outer.min ?? 0;
  if (innerMin < outerMin) return false;
  if (outer.max === undefined) return true;
  return inner.max !== undefined && inner.max <= outer.max;
}

function affixText(declared: unknown): string | undefined {
  if (typeof declared === 'string') return declared;
  if (typeof declared === 'object' && declared !== null && typeof (declared as { text?: unknown }).text === 'string') {
    return (declared as { text: string }).text;
  }
  return undefined;
}
