// The shape every constraint key's module has (one key, one module), and helpers they share.
import type { Span } from '../diagnostic';
import type { CheckContext, ConstraintResult, ConstraintValueError } from './types';
import { countMessage, inRange, isCountError, parseCount, type CountRange } from './count';
import { isRecord, plural } from '../plain-data';

export { isRecord, plural };

/**
 * One constraint key. `parse` turns the frontmatter value into what `check` needs, or says why it
 * cannot (a ConstraintValueError made by `valueError`), or answers undefined when the value turns the
 * constraint off (`title: false`, `noCommas: false`).
 */
export interface ConstraintModule<P> {
  readonly key: string;
  parse(value: unknown): P | ConstraintValueError | undefined;
  check(parsed: P, completion: string, ctx: CheckContext): ConstraintResult;
}

const valueErrors = new WeakSet<object>();

/** A value error that `isValueError` recognises whatever shape the module's parsed value has. */
export function valueError(key: string, message: string): ConstraintValueError {
  const error = { key, message };
  valueErrors.add(error);
  return error;
}

export function isValueError(value: unknown): value is ConstraintValueError {
  return typeof value === 'object' && value !== null && valueErrors.has(value);
}

/** A count for `key`, or the value error naming the key. */
export function countFor(key: string, value: unknown): CountRange | ConstraintValueError {
  const range = parseCount(value);
  return isCountError(range) ? valueError(key, `${key}: ${range.error}`) : range;
}

export interface CountedThings {
  spans: Span[];
  singular: string;
  plural: string;
  /** Point at each thing past the maximum (bullets), or at one span from the first of them to the end (words). */
  overflow: 'each' | 'tail';
}

/**
 * The result of a count constraint: measured vs required. When too many, the ranges are the things
 * past the maximum (so a fix knows what to cut); when too few, there is nothing to point at.
 */
export function countResult(key: string, range: CountRange, things: CountedThings, n = things.spans.length): ConstraintResult {
  const pass = inRange(n, range);
  const extra = !pass && range.max !== undefined && n > range.max ? things.spans.slice(range.max) : [];
  const overflow = things.overflow === 'each' ? extra : tailOf(extra);
  return {
    key,
    pass,
    measured: n,
    required: range.label,
    message: countMessage(n, things.singular, things.plural, range),
    ranges: overflow,
  };
}

function tailOf(spans: Span[]): Span[] {
  const first = spans[0];
  const last = spans[spans.length - 1];
  return first && last ? [{ offset: first.offset, length: last.offset + last.length - first.offset }] : [];
}

/** Names the first property of `value` outside `allowed`, for a value error. */
export function unknownProperty(value: Record<string, unknown>, allowed: readonly string[]): string | undefined {
  return Object.keys(value).find((k) => !allowed.includes(k));
}

/** The completion without surrounding whitespace, and where that starts in the original. */
export function trimmed(completion: string): { text: string; offset: number } {
  const offset = completion.length - completion.trimStart().length;
  return { text: completion.trim(), offset };
}

/** `true` turns a flag constraint on, `false` is the same as leaving it out. */
export function parseFlag(key: string, value: unknown): true | ConstraintValueError | undefined {
  if (value === true) return true;
  if (value === false) return undefined;
  return valueError(key, `${key}: expected true or false`);
}
