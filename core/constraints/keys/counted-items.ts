// What `frequency` and `letters` share: a list of `{<item>, count}` and a result over every item.
import type { Span } from '../../diagnostic';
import type { ConstraintResult, ConstraintValueError } from '../types';
import { countFor, isRecord, isValueError, plural, unknownProperty, valueError } from '../module';
import { inRange, requirementVerb, type CountRange } from '../count';

export interface CountedItem {
  item: string;
  range: CountRange;
}

/** Parses `[{<field>: text, count}]`; `check` validates each item's text (non-empty word, one letter). */
export function parseCountedItems(
  key: string,
  field: string,
  value: unknown,
  check: (text: string) => string | undefined,
): CountedItem[] | ConstraintValueError {
  if (!Array.isArray(value) || value.length === 0)
    return valueError(key, `${key}: expected a non-empty list of {${field}, count}`);
  const items: CountedItem[] = [];
  for (const entry of value) {
    const parsed = parseItem(key, field, entry, check);
    if (isValueError(parsed)) return parsed;
    items.push(parsed);
  }
  return items;
}

function parseItem(
  key: string,
  field: string,
  entry: unknown,
  check: (text: string) => string | undefined,
): CountedItem | ConstraintValueError {
  if (!isRecord(entry)) return valueError(key, `${key}: each item must be {${field}, count}`);
  const extra = unknownProperty(entry, [field, 'count']);
  if (extra) return valueError(key, `${key}: unknown property "${extra}" (expected ${field}, count)`);
  const text = entry[field];
  const problem = typeof text === 'string' ? check(text) : `${field} must be text`;
  if (problem) return valueError(key, `${key}: ${problem}`);
  const range = countFor(key, entry.count);
  return isValueError(range) ? range : { item: String(text), range };
}

export interface ItemMeasure {
  item: string;
  range: CountRange;
  spans: Span[];
}

/** One result for the whole list: it passes when every item's count is in range; the message names the failures. */
export function countedItemsResult(key: string, measures: ItemMeasure[]): ConstraintResult {
  const failing = measures.filter((m) => !inRange(m.spans.length, m.range));
  const shown = failing.length > 0 ? failing : measures;
  const message = shown
    .map((m) => `'${m.item}' ${plural(m.spans.length, 'time')}; ${m.range.label} ${requirementVerb(m.range)}`)
    .join('; ');
  return {
    key,
    pass: failing.length === 0,
    measured: measures.length === 1 ? measures[0]!.spans.length : measures.map((m) => `${m.item}: ${m.spans.length}`).join(', '),
    required: measures.map((m) => `'${m.item}' ${m.range.label}`).join(', '),
    message,
    ranges: failing.filter((m) => m.range.max !== undefined && m.spans.length > m.range.max).flatMap((m) => m.spans),
    data: { counts: measures.map((m) => ({ item: m.item, count: m.spans.length })) },
  };
}
