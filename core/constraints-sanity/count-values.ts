// Every count declared under `constraints`, with the path to its YAML node: `words`, `paragraphs.count`, `frequency[0].count`, ….
import { isCountError, parseCount, type CountRange } from '../constraints/count';
import { isRecord } from '../plain-data';

/** A path below `constraints`: map keys as strings, list indexes as numbers. */
export type ConstraintPath = ReadonlyArray<string | number>;

export interface DeclaredCount {
  /** The constraint key the count belongs to. */
  key: string;
  path: ConstraintPath;
  value: unknown;
}

const PLAIN_COUNT_KEYS = ['words', 'sentences', 'characters', 'tokens', 'lines', 'highlights', 'placeholders', 'capitalWords'];
/** Keys whose value is a count or `{count, <option>}`. */
const COUNT_OR_OBJECT_KEYS = ['paragraphs', 'sections', 'bullets'];
/** Keys whose value is a list of `{<item>, count}`. */
const ITEM_LIST_KEYS = ['frequency', 'letters'];

/** The counts of every count-valued key, in declaration order. */
export function declaredCounts(constraints: Record<string, unknown>): DeclaredCount[] {
  const out: DeclaredCount[] = [];
  for (const [key, value] of Object.entries(constraints)) {
    if (PLAIN_COUNT_KEYS.includes(key)) out.push({ key, path: [key], value });
    else if (COUNT_OR_OBJECT_KEYS.includes(key))
      out.push(
        isRecord(value) && 'count' in value ? { key, path: [key, 'count'], value: value.count } : { key, path: [key], value },
      );
    else if (key === 'responses' && isRecord(value)) out.push({ key, path: [key, 'count'], value: value.count });
    else if (ITEM_LIST_KEYS.includes(key) && Array.isArray(value)) {
      value.forEach((item, i) => {
        if (isRecord(item)) out.push({ key, path: [key, i, 'count'], value: item.count });
      });
    }
  }
  return out;
}

/** The range of a usable count, else undefined (a malformed one is frontmatter/schema's or constraints/conflict's). */
export function rangeOf(value: unknown): CountRange | undefined {
  const range = parseCount(value);
  return isCountError(range) ? undefined : range;
}

/** The range of the top-level count of `key` (`paragraphs.count` for `{count, separator}`), if usable. */
export function countOf(
  constraints: Record<string, unknown>,
  key: string,
): { range: CountRange; path: ConstraintPath } | undefined {
  const declared = declaredCounts(constraints).find((c) => c.key === key && c.path.length <= 2);
  const range = declared && rangeOf(declared.value);
  return declared && range ? { range, path: declared.path } : undefined;
}

export interface InvertedCount {
  min: number;
  max: number;
  /** `object`: `{min, max}`, so the two bounds are separate nodes; `span`: the string `"A..B"`. */
  form: 'object' | 'span';
}

/**
 * A count whose minimum is above its maximum (`{min: 5, max: 3}`, `"10..5"`): each bound parses on its own,
 * the pair does not. The bounds are read by parseCount itself, so every spelling it accepts is understood.
 */
export function invertedCount(value: unknown): InvertedCount | undefined {
  if (!isCountError(parseCount(value))) return undefined;
  if (isRecord(value) && Object.keys(value).length === 2 && 'min' in value && 'max' in value) {
    return inverted(parseCount({ min: value.min }), parseCount({ max: value.max }), 'object');
  }
  if (typeof value !== 'string') return undefined;
  const parts = value.split('..');
  return parts.length === 2
    ? inverted(parseCount(`>=${parts[0]!.trim()}`), parseCount(`<=${parts[1]!.trim()}`), 'span')
    : undefined;
}

function inverted(
  low: ReturnType<typeof parseCount>,
  high: ReturnType<typeof parseCount>,
  form: InvertedCount['form'],
): InvertedCount | undefined {
  if (isCountError(low) || isCountError(high) || low.min === undefined || high.max === undefined) return undefined;
  return low.min > high.max ? { min: low.min, max: high.max, form } : undefined;
}
