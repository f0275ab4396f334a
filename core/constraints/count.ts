// The parsed form of a count (docs/constraints.md): every spelling becomes an inclusive range.
import { isRecord, plural } from '../plain-data';

/** Inclusive bounds after shorthand and tolerance are applied: `"<100"` → `{max: 99}`, `"~100"` → `{min: 90, max: 110}`. */
export interface CountRange {
  min?: number;
  max?: number;
  /** How the author wrote it, for messages: "at most 120", "between 3 and 6", "between 90 and 110 (~100)". */
  label: string;
}

/** Why a value is not a count; the caller adds the constraint key. */
export interface CountError {
  error: string;
}

const SHORTHAND = /^\s*(<=|<|>=|>|~)\s*(\d+)\s*$/;
const SPAN = /^\s*(\d+)\s*\.\.\s*(\d+)\s*$/;
const PERCENT = /^\s*(\d+(?:\.\d+)?)\s*%\s*$/;
const COUNT_HELP = 'expected N, {min, max}, {exactly, tolerance}, or "<=N", "<N", ">=N", ">N", "A..B", "~N"';

export function isCountError(value: CountRange | CountError): value is CountError {
  return 'error' in value;
}

/** Parses every count form of docs/constraints.md (and the `{exactly, tolerance}` form of the frontmatter schema). */
export function parseCount(value: unknown): CountRange | CountError {
  if (typeof value === 'number') return parseExact(value);
  if (typeof value === 'string') return parseShorthand(value);
  if (isRecord(value)) return 'exactly' in value ? parseTolerance(value) : parseMinMax(value);
  return { error: `not a count: ${COUNT_HELP}` };
}

/** True when `n` lies inside the inclusive range. */
export function inRange(n: number, range: CountRange): boolean {
  return (range.min === undefined || n >= range.min) && (range.max === undefined || n <= range.max);
}

/** The range in words: "exactly 5", "at most 120", "at least 3", "between 3 and 6". */
export function describeRange(range: Pick<CountRange, 'min' | 'max'>): string {
  const { min, max } = range;
  if (min !== undefined && max !== undefined) return min === max ? `exactly ${min}` : `between ${min} and ${max}`;
  if (max !== undefined) return `at most ${max}`;
  if (min !== undefined) return `at least ${min}`;
  return 'any number';
}

/** "allowed" when the range only caps the count ("at most 120 allowed"), else "required". */
export function requirementVerb(range: CountRange): 'allowed' | 'required' {
  return range.min === undefined || range.min === 0 ? 'allowed' : 'required';
}

/** The measured-vs-required message every count constraint uses: "142 words; at most 120 allowed". */
export function countMessage(n: number, singular: string, pluralForm: string, range: CountRange): string {
  return `${plural(n, singular, pluralForm)}; ${range.label} ${requirementVerb(range)}`;
}

function isCount(n: unknown): n is number {
  return typeof n === 'number' && Number.isInteger(n) && n >= 0;
}

function rangeOf(min: number | undefined, max: number | undefined, label?: string): CountRange | CountError {
  if (min !== undefined && max !== undefined && min > max) return { error: `min ${min} is greater than max ${max}` };
  const range: CountRange = { label: label ?? describeRange({ min, max }) };
  if (min !== undefined) range.min = min;
  if (max !== undefined) range.max = max;
  return range;
}

function parseExact(n: number): CountRange | CountError {
  return isCount(n) ? rangeOf(n, n) : { error: `${n} is not a count (a whole number ≥ 0)` };
}

function parseShorthand(text: string): CountRange | CountError {
  const span = SPAN.exec(text);
  if (span) return rangeOf(Number(span[1]), Number(span[2]));
  const m = SHORTHAND.exec(text);
  if (!m) return { error: `"${text}" is not a count: ${COUNT_HELP}` };
  const n = Number(m[2]);
  switch (m[1]) {
    case '<=':
      return rangeOf(undefined, n);
    case '<':
      return n === 0 ? { error: '"<0" allows no count at all' } : rangeOf(undefined, n - 1, `fewer than ${n}`);
    case '>=':
      return rangeOf(n, undefined);
    case '>':
      return rangeOf(n + 1, undefined, `more than ${n}`);
    default:
      return approximately(n, n / 10, `~${n}`);
  }
}

/** `n ± delta`, rounded outward to whole counts so the range never excludes a count the author meant to allow. */
function approximately(n: number, delta: number, how: string): CountRange | CountError {
  const min = Math.max(0, Math.floor(denoise(n - delta)));
  const max = Math.ceil(denoise(n + delta));
  return rangeOf(min, max, `${describeRange({ min, max })} (${how})`);
}

/** Drops binary-fraction noise (30 × 0.1 = 3.0000000000000004) before rounding. */
function denoise(x: number): number {
  return Math.round(x * 1e9) / 1e9;
}

function parseMinMax(value: Record<string, unknown>): CountRange | CountError {
  const extra = Object.keys(value).filter((k) => k !== 'min' && k !== 'max');
  if (extra.length > 0) return { error: `unknown property "${extra[0]}" in a count: ${COUNT_HELP}` };
  const { min, max } = value;
  if (min === undefined && max === undefined) return { error: 'a count object needs min, max or exactly' };
  if (min !== undefined && !isCount(min)) return { error: `min must be a whole number ≥ 0, not ${JSON.stringify(min)}` };
  if (max !== undefined && !isCount(max)) return { error: `max must be a whole number ≥ 0, not ${JSON.stringify(max)}` };
  return rangeOf(min, max);
}

function parseTolerance(value: Record<string, unknown>): CountRange | CountError {
  const extra = Object.keys(value).filter((k) => k !== 'exactly' && k !== 'tolerance');
  if (extra.length > 0) return { error: `unknown property "${extra[0]}" beside exactly (only tolerance may go with it)` };
  const { exactly, tolerance } = value;
  if (!isCount(exactly)) return { error: `exactly must be a whole number ≥ 0, not ${JSON.stringify(exactly)}` };
  if (tolerance === undefined) return rangeOf(exactly, exactly);
  if (typeof tolerance === 'number' && tolerance >= 0) return approximately(exactly, tolerance, `${exactly} ±${tolerance}`);
  const pct = typeof tolerance === 'string' ? PERCENT.exec(tolerance) : null;
  if (pct) return approximately(exactly, (exactly * Number(pct[1])) / 100, `${exactly} ±${Number(pct[1])}%`);
  return { error: `tolerance must be a number ≥ 0 or a percentage like "10%", not ${JSON.stringify(tolerance)}` };
}
