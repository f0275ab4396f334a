// Whether a declared constraint value agrees with the one the prose states.
import { isRecord } from '../plain-data';
import { describeRange, isCountError, parseCount, type CountRange } from '../constraints/count';
import { COUNT_KEYS, type StatedKey, type StatedValue } from './detect';

/**
 * Undefined when they agree, else how they differ. A count disagrees in either direction: when a bound the text
 * states is declared looser (the check would pass completions that disobey the prompt) or stricter (it would fail
 * completions that obey it). A bound the text does not state may be added (a floor under "at most 100 words"), and
 * an approximate count ("about 100 words") agrees with any declared range that overlaps it. A declared format
 * other than the stated one disagrees (`format: json` under "answer in plain prose"). Values the schema rejects
 * agree here: frontmatter/schema reports them.
 */
export function disagreement(key: StatedKey, stated: StatedValue, declared: unknown): string | undefined {
  if (COUNT_KEYS.has(key)) return countDisagreement(stated, declared);
  if (key === 'include' || key === 'exclude') return missingWords(stated, declared);
  if (key === 'language' || key === 'postscript' || key === 'wrappedIn') {
    return typeof declared === 'string' && declared.trim().toLowerCase() !== String(stated).trim().toLowerCase()
      ? `"${declared}"`
      : undefined;
  }
  if (key === 'sections') return sectionsDisagreement(stated, declared);
  if (typeof stated === 'object') return undefined;
  if (key === 'format' || key === 'case') {
    if (typeof declared !== 'string') return undefined;
    return declared.toLowerCase() === String(stated) ? undefined : declared;
  }
  if (key === 'noCommas') return declared === false ? 'false' : undefined;
  const text = affixText(declared);
  if (text === undefined) return undefined;
  return text.trim().toLowerCase() === String(stated).trim().toLowerCase() ? undefined : `"${text}"`;
}

/** A word the text lists that the declared list lacks (case-insensitive). */
function missingWords(stated: StatedValue, declared: unknown): string | undefined {
  if (!Array.isArray(stated) || !Array.isArray(declared)) return undefined;
  const have = new Set(declared.filter((w): w is string => typeof w === 'string').map((w) => w.trim().toLowerCase()));
  const missing = stated.filter((w): w is string => typeof w === 'string' && !have.has(w.trim().toLowerCase()));
  return missing.length === 0 ? undefined : `a list without "${missing[0]}"`;
}

function sectionsDisagreement(stated: StatedValue, declared: unknown): string | undefined {
  if (typeof stated !== 'object' || stated === null || Array.isArray(stated)) return undefined;
  const want = stated as { count?: unknown; marker?: unknown };
  if (typeof declared !== 'object' || declared === null) return countDisagreement(want.count as string | number, declared);
  const have = declared as { count?: unknown; marker?: unknown };
  if (typeof have.marker === 'string' && typeof want.marker === 'string' && have.marker.trim() !== want.marker.trim())
    return `marker "${have.marker}"`;
  return countDisagreement(want.count as string | number, have.count);
}

function countDisagreement(stated: StatedValue, declared: unknown): string | undefined {
  if (isRecord(stated) && 'count' in stated) return countDisagreement(stated.count as StatedValue, declared);
  if (typeof stated !== 'string' && typeof stated !== 'number') return undefined;
  const want = parseCount(stated);
  const have = declaredCount(declared);
  if (isCountError(want) || !have) return undefined;
  if (typeof stated === 'string' && stated.trim().startsWith('~')) return overlaps(have, want) ? undefined : describeRange(have);
  return sameStatedBounds(have, want) ? undefined : describeRange(have);
}

/** Each bound the text states is declared as it is; a minimum of 0 is no bound. */
function sameStatedBounds(have: CountRange, want: CountRange): boolean {
  const wantMin = want.min ?? 0;
  if (wantMin > 0 && (have.min ?? 0) !== wantMin) return false;
  return want.max === undefined || have.max === want.max;
}

function overlaps(a: CountRange, b: CountRange): boolean {
  return (a.max === undefined || a.max >= (b.min ?? 0)) && (b.max === undefined || b.max >= (a.min ?? 0));
}

/** The count a declared value means; `paragraphs`/`sections` may be `{count, separator}`. */
function declaredCount(declared: unknown): CountRange | undefined {
  const value =
    typeof declared === 'object' && declared !== null && 'count' in declared ? (declared as { count: unknown }).count : declared;
  if (value === undefined) return undefined;
  const range = parseCount(value);
  return isCountError(range) ? undefined : range;
}

function affixText(declared: unknown): string | undefined {
  if (typeof declared === 'string') return declared;
  if (typeof declared === 'object' && declared !== null && typeof (declared as { text?: unknown }).text === 'string') {
    return (declared as { text: string }).text;
  }
  return undefined;
}
