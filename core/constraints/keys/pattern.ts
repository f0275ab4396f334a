// `pattern`: the completion matches a regular expression, run by re2js (RE2: linear time, no catastrophic backtracking).
// One RE2 refuses (look-around, back-references) runs on a backtracking matcher with a step budget (docs/security.md).
// A list declares several, all of which must hold; `absent: true` turns one around (it must match nowhere);
// `count` counts the non-overlapping matches (IFBench `format:list`: a marker used at least twice).
import { RE2JS } from 're2js';
import {
  compileBounded,
  isBudgetExceeded,
  newBudget,
  PATTERN_STEP_BUDGET,
  re2Flags,
  type BoundedRegex,
} from '../../regex/bounded';
import type { Span } from '../../diagnostic';
import type { ConstraintResult, ConstraintValueError } from '../types';
import type { ConstraintModule } from '../module';
import { countFor, isRecord, isValueError, trimmed, unknownProperty, valueError } from '../module';
import { countMessage, inRange, type CountRange } from '../count';

export interface PatternConstraint {
  regex: string;
  flags: string;
  fullMatch: boolean;
  absent?: boolean;
  /** How many non-overlapping matches there must be. */
  count?: CountRange;
}

export type CompiledPattern = { ok: true; re: RE2JS } | { ok: false; message: string; offset?: number };

function parseOne(value: unknown, where: string): PatternConstraint | ConstraintValueError {
  if (typeof value === 'string' && value !== '') return { regex: value, flags: '', fullMatch: false };
  if (!isRecord(value)) return valueError('pattern', `${where}: expected a regex or {regex, flags, fullMatch, absent, count}`);
  const extra = unknownProperty(value, ['regex', 'flags', 'fullMatch', 'absent', 'count']);
  if (extra)
    return valueError('pattern', `${where}: unknown property "${extra}" (expected regex, flags, fullMatch, absent, count)`);
  const { regex, flags = '', fullMatch = false, absent = false } = value;
  if (typeof regex !== 'string' || regex === '') return valueError('pattern', `${where}: regex must be non-empty text`);
  if (typeof flags !== 'string' || !/^[imsu]*$/.test(flags))
    return valueError('pattern', `${where}: flags may only be i, m, s and u`);
  if (typeof fullMatch !== 'boolean') return valueError('pattern', `${where}: fullMatch must be true or false`);
  if (typeof absent !== 'boolean') return valueError('pattern', `${where}: absent must be true or false`);
  if (absent && fullMatch) return valueError('pattern', `${where}: absent and fullMatch cannot be combined`);
  if (value.count !== undefined) {
    if (absent || fullMatch) return valueError('pattern', `${where}: count cannot be combined with absent or fullMatch`);
    const count = countFor('pattern', value.count);
    if (isValueError(count)) return valueError('pattern', count.message.replace(/^pattern/, where));
    return { regex, flags, fullMatch, count };
  }
  return absent ? { regex, flags, fullMatch, absent } : { regex, flags, fullMatch };
}

export const pattern: ConstraintModule<PatternConstraint[]> = {
  key: 'pattern',
  parse(value) {
    if (!Array.isArray(value)) {
      const one = parseOne(value, 'pattern');
      return isValueError(one) ? one : [one];
    }
    if (value.length === 0) return valueError('pattern', 'pattern: the list is empty');
    const list: PatternConstraint[] = [];
    for (let i = 0; i < value.length; i++) {
      const one = parseOne(value[i], `pattern[${i}]`);
      if (isValueError(one)) return one;
      list.push(one);
    }
    return list;
  },
  check(list, completion) {
    const results = list.map((p) => checkOne(p, completion));
    if (results.length === 1) return results[0]!;
    const failed = results.filter((r) => !r.pass);
    return {
      key: 'pattern',
      pass: failed.length === 0,
      measured: failed.length === 0 ? 'all hold' : `${failed.length} of ${results.length} fail`,
      required: results.map((r) => r.required).join('; '),
      message: failed.length === 0 ? `all ${results.length} patterns hold` : failed.map((r) => r.message).join('; '),
      ranges: failed.flatMap((r) => r.ranges),
    };
  },
};

function checkOne(p: PatternConstraint, completion: string): ConstraintResult {
  const compiled = boundedPattern(p.regex, p.flags);
  if (!compiled.ok) return unsupported(p, compiled.message, compiled.offset);
  try {
    if (p.absent) return checkAbsent(p, compiled.re, completion);
    if (p.count) return checkCount(p, p.count, compiled.re, completion);
    return p.fullMatch ? checkFull(p, compiled.re, completion) : checkFind(p, compiled.re, completion);
  } catch (error) {
    if (isBudgetExceeded(error)) return notChecked(p);
    throw error;
  }
}

/** The non-overlapping matches number `count`; matches past the maximum are the ranges. */
function checkCount(p: PatternConstraint, count: CountRange, re: BoundedRegex, completion: string): ConstraintResult {
  const matches = re.findAll(completion, newBudget());
  const n = matches.length;
  const pass = inRange(n, count);
  const extra = !pass && count.max !== undefined ? matches.slice(count.max) : [];
  return {
    key: 'pattern',
    pass,
    measured: n,
    required: `${count.label} matches of /${p.regex}/${p.flags}`,
    message: countMessage(n, `match of /${p.regex}/${p.flags}`, `matches of /${p.regex}/${p.flags}`, count),
    ranges: extra.map((m) => ({ offset: m.start, length: m.end - m.start })),
  };
}

/** A regex whose meaning depends on what precedes the match cannot be searched again on the rest of the text. */
const CONTEXTUAL = /\^|\\[bBA]|\(\?<[=!]/;

/**
 * Every match is a range; none may exist. The verdict comes from a search of the whole completion; later
 * matches are found by searching the rest of it, except for a regex with anchors, word boundaries or
 * look-behind (there the first match alone is the range).
 */
function checkAbsent(p: PatternConstraint, re: BoundedRegex, completion: string): ConstraintResult {
  const ranges: Span[] = [];
  const budget = newBudget();
  let from = 0;
  for (;;) {
    const m = re.find(completion.slice(from), budget);
    if (!m) break;
    ranges.push({ offset: from + m.start, length: m.end - m.start });
    if (m.end === m.start || CONTEXTUAL.test(p.regex)) break;
    from += m.end;
  }
  const required = `no match of /${p.regex}/${p.flags}`;
  const message =
    ranges.length === 0
      ? required
      : `${ranges.length === 1 ? '1 match' : `${ranges.length} matches`} of /${p.regex}/${p.flags}; none allowed`;
  return { key: 'pattern', pass: ranges.length === 0, measured: ranges.length, required, message, ranges };
}

/**
 * RE2 when it accepts the regex; else (look-around, back-references) the bounded backtracking matcher, with the
 * `u` flag like RE2 when JavaScript accepts the regex so. A regex neither can run is a message naming the construct.
 */
export function boundedPattern(
  regex: string,
  flags: string,
): { ok: true; re: BoundedRegex } | { ok: false; message: string; offset?: number } {
  const re2 = compilePattern(regex, flags);
  if (re2.ok) {
    const bounded = compileBounded(regex, flags, re2.re);
    if (bounded.ok) return { ok: true, re: bounded.regex };
  }
  let jsProblem = 'invalid regex';
  for (const jsFlags of [flags.includes('u') ? flags : `${flags}u`, flags.replace('u', '')]) {
    const bounded = compileBounded(regex, jsFlags);
    if (bounded.ok) return { ok: true, re: bounded.regex };
    jsProblem = bounded.message;
  }
  if (re2.ok) return { ok: false, message: `invalid regex: ${jsProblem}` };
  // Atomic groups and possessive quantifiers are neither RE2 nor JavaScript syntax; for look-around the JavaScript error says more than RE2's.
  const construct = NEITHER.map(([re, name]) => [re.exec(regex), name] as const).find(([m]) => m);
  if (construct?.[0])
    return {
      ok: false,
      message: `unsupported regex syntax: ${construct[1]} \`${construct[0][0]}\` (neither RE2 nor JavaScript regexes have atomic groups or possessive quantifiers)`,
      offset: construct[0].index,
    };
  return /\(\?<?[=!]|\\[1-9]|\\k</.test(regex) ? { ok: false, message: `invalid regex: ${jsProblem}` } : re2;
}

const NEITHER: Array<[RegExp, string]> = [
  [/\(\?>/, 'atomic group'],
  [/[*+?}]\+/, 'possessive quantifier'],
];

/**
 * Compiles with re2js: i, m and s map to its flags; u is how re2js always works. A regex RE2 cannot run
 * (look-around, back-references) comes back as a message naming the construct and its offset in the regex.
 */
export function compilePattern(regex: string, flags: string): CompiledPattern {
  try {
    return { ok: true, re: RE2JS.compile(regex, re2Flags(flags)) };
  } catch (e) {
    return { ok: false, ...explain(regex, e) };
  }
}

const UNSUPPORTED: Array<[RegExp, string]> = [
  [/\(\?<[=!]/, 'look-behind'],
  [/\(\?[=!]/, 'look-ahead'],
  [/\\[1-9]|\\k</, 'back-reference'],
  [/\(\?>/, 'atomic group'],
  [/[*+?}]\+/, 'possessive quantifier'],
];

function explain(regex: string, e: unknown): { message: string; offset?: number } {
  for (const [construct, name] of UNSUPPORTED) {
    const m = construct.exec(regex);
    if (m) {
      return {
        message: `unsupported regex syntax: ${name} \`${m[0]}\` (the linear-time engine has no look-around, back-references or atomic groups)`,
        offset: m.index,
      };
    }
  }
  const text = e instanceof Error ? e.message.replace(/^error parsing regexp:\s*/, '') : String(e);
  const input = isRecord(e) && typeof e.input === 'string' ? regex.indexOf(e.input) : -1;
  return input >= 0 ? { message: `invalid regex: ${text}`, offset: input } : { message: `invalid regex: ${text}` };
}

function unsupported(p: PatternConstraint, message: string, offset: number | undefined): ConstraintResult {
  return {
    key: 'pattern',
    pass: false,
    measured: 'regex not usable',
    required: `matches /${p.regex}/${p.flags}`,
    message,
    ranges: [],
    data: { error: 'unsupported-regex', ...(offset === undefined ? {} : { regexOffset: offset }) },
  };
}

/** The backtracking matcher ran out of steps: the completion is reported as not checked, never as passing. */
function notChecked(p: PatternConstraint): ConstraintResult {
  return {
    key: 'pattern',
    pass: false,
    measured: 'not checked',
    required: `matches /${p.regex}/${p.flags}`,
    message: `pattern /${p.regex}/${p.flags} could not be checked: matching gave up after ${PATTERN_STEP_BUDGET.toLocaleString('en')} backtracking steps (look-around or back-references with nested quantifiers); simplify the regex`,
    ranges: [],
    data: { error: 'pattern-budget' },
  };
}

function checkFind(p: PatternConstraint, re: BoundedRegex, completion: string): ConstraintResult {
  const m = re.find(completion, newBudget());
  const found = m !== undefined;
  const required = `matches /${p.regex}/${p.flags}`;
  const ranges: Span[] = m ? [{ offset: m.start, length: m.end - m.start }] : [];
  return {
    key: 'pattern',
    pass: found,
    measured: found ? 'matches' : 'no match',
    required,
    message: found ? `matches /${p.regex}/${p.flags}` : `no match; ${required} required`,
    ranges,
  };
}

/** The trimmed completion must match as a whole; on failure the range is the tail after the longest matching start. */
function checkFull(p: PatternConstraint, re: BoundedRegex, completion: string): ConstraintResult {
  const { text, offset } = trimmed(completion);
  const required = `matches /${p.regex}/${p.flags} in full`;
  const budget = newBudget();
  if (re.matchesAll(text, budget))
    return { key: 'pattern', pass: true, measured: 'matches in full', required, message: required, ranges: [] };
  const prefix = Math.max(re.prefix(text, budget), 0);
  const tail = { offset: offset + prefix, length: text.length - prefix };
  const measured = prefix > 0 ? `matches only the first ${prefix} characters` : 'does not match';
  return { key: 'pattern', pass: false, measured, required, message: `${measured}; ${required} required`, ranges: [tail] };
}
