// `pattern`: the completion matches a regular expression, run by re2js (RE2: linear time, no catastrophic backtracking).
import { RE2JS } from 're2js';
import type { Span } from '../../diagnostic';
import type { ConstraintResult } from '../types';
import type { ConstraintModule } from '../module';
import { isRecord, trimmed, unknownProperty, valueError } from '../module';

export interface PatternConstraint {
  regex: string;
  flags: string;
  fullMatch: boolean;
}

export type CompiledPattern = { ok: true; re: RE2JS } | { ok: false; message: string; offset?: number };

export const pattern: ConstraintModule<PatternConstraint> = {
  key: 'pattern',
  parse(value) {
    if (typeof value === 'string' && value !== '') return { regex: value, flags: '', fullMatch: false };
    if (!isRecord(value)) return valueError('pattern', 'pattern: expected a regex or {regex, flags, fullMatch}');
    const extra = unknownProperty(value, ['regex', 'flags', 'fullMatch']);
    if (extra) return valueError('pattern', `pattern: unknown property "${extra}" (expected regex, flags, fullMatch)`);
    const { regex, flags = '', fullMatch = false } = value;
    if (typeof regex !== 'string' || regex === '') return valueError('pattern', 'pattern: regex must be non-empty text');
    if (typeof flags !== 'string' || !/^[imsu]*$/.test(flags)) return valueError('pattern', 'pattern: flags may only be i, m, s and u');
    if (typeof fullMatch !== 'boolean') return valueError('pattern', 'pattern: fullMatch must be true or false');
    return { regex, flags, fullMatch };
  },
  check(p, completion) {
    const compiled = compilePattern(p.regex, p.flags);
    if (!compiled.ok) return unsupported(p, compiled.message, compiled.offset);
    return p.fullMatch ? checkFull(p, compiled.re, completion) : checkFind(p, compiled.re, completion);
  },
};

/**
 * Compiles with re2js: i, m and s map to its flags; u is how re2js always works. A regex RE2 cannot run
 * (look-around, back-references) comes back as a message naming the construct and its offset in the regex.
 */
export function compilePattern(regex: string, flags: string): CompiledPattern {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  try {
    return { ok: true, re: RE2JS.compile(regex, bits) };
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

function checkFind(p: PatternConstraint, re: RE2JS, completion: string): ConstraintResult {
  const m = re.matcher(completion);
  const found = m.find();
  const required = `matches /${p.regex}/${p.flags}`;
  const ranges: Span[] = found ? [{ offset: m.start(), length: m.end() - m.start() }] : [];
  return { key: 'pattern', pass: found, measured: found ? 'matches' : 'no match', required, message: found ? `matches /${p.regex}/${p.flags}` : `no match; ${required} required`, ranges };
}

/** The trimmed completion must match as a whole; on failure the range is the tail after the longest matching start. */
function checkFull(p: PatternConstraint, re: RE2JS, completion: string): ConstraintResult {
  const { text, offset } = trimmed(completion);
  const required = `matches /${p.regex}/${p.flags} in full`;
  if (re.matcher(text).matches()) return { key: 'pattern', pass: true, measured: 'matches in full', required, message: required, ranges: [] };
  const head = re.matcher(text);
  const prefix = head.lookingAt() ? head.end() : 0;
  const tail = { offset: offset + prefix, length: text.length - prefix };
  const measured = prefix > 0 ? `matches only the first ${prefix} characters` : 'does not match';
  return { key: 'pattern', pass: false, measured, required, message: `${measured}; ${required} required`, ranges: [tail] };
}
