// A short string that matches a JSON Schema `pattern`, for quick fixes and "Create sample from schema": the shortest choice at every
// step of the simple regex subset schemas use (literals, classes, groups, alternation, quantifiers). Anything else
// gives undefined, and every result is checked by RE2 (linear time) before it is used.
import { compilePattern } from '../constraints/keys/pattern';

const MAX_PATTERN = 500;
const MAX_OUTPUT = 200;

interface Cursor {
  src: string;
  i: number;
}

/** An example string matching `pattern` (ECMA-262 syntax, unanchored as JSON Schema defines), or undefined. */
export function patternExample(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN) return undefined;
  const cursor: Cursor = { src: pattern, i: 0 };
  let text: string | undefined;
  try {
    text = alternation(cursor);
  } catch {
    return undefined;
  }
  if (text === undefined || cursor.i !== pattern.length || text.length > MAX_OUTPUT) return undefined;
  const compiled = compilePattern(pattern, '');
  return compiled.ok && compiled.re.matcher(text).find() ? text : undefined;
}

/** `a|b|c`: the first branch that can be generated. */
function alternation(c: Cursor): string | undefined {
  let chosen = sequence(c);
  while (c.src[c.i] === '|') {
    c.i++;
    const next = sequence(c);
    chosen ??= next;
  }
  return chosen;
}

function sequence(c: Cursor): string | undefined {
  let out = '';
  let ok = true;
  while (c.i < c.src.length && c.src[c.i] !== '|' && c.src[c.i] !== ')') {
    const piece = atom(c);
    const times = quantifier(c);
    if (piece === undefined || times === undefined) ok = false;
    else out += piece.repeat(times);
    if (out.length > MAX_OUTPUT) throw new Error('too long');
  }
  return ok ? out : undefined;
}

/** The minimum repetition count of a quantifier after an atom (1 when there is none). */
function quantifier(c: Cursor): number | undefined {
  const ch = c.src[c.i];
  let min = 1;
  if (ch === '?' || ch === '*') {
    min = 0;
    c.i++;
  } else if (ch === '+') {
    c.i++;
  } else if (ch === '{') {
    const m = /^\{(\d+)(,\d*)?\}/.exec(c.src.slice(c.i));
    if (!m) return undefined;
    min = Number(m[1]);
    c.i += m[0].length;
  } else {
    return 1;
  }
  if (c.src[c.i] === '?') c.i++; // lazy
  return min;
}

function atom(c: Cursor): string | undefined {
  const ch = c.src[c.i++];
  switch (ch) {
    case '^':
    case '$':
      return '';
    case '.':
      return 'a';
    case '(': {
      if (c.src.startsWith('?:', c.i)) c.i += 2;
      else if (c.src[c.i] === '?') {
        const named = /^\?<[A-Za-z_][A-Za-z0-9_]*>/.exec(c.src.slice(c.i));
        if (!named) throw new Error('look-around');
        c.i += named[0].length;
      }
      const inner = alternation(c);
      if (c.src[c.i++] !== ')') throw new Error('unclosed group');
      return inner;
    }
    case '[':
      return characterClass(c);
    case '\\':
      return escape(c);
    case undefined:
    case '*':
    case '+':
    case '?':
    case '{':
    case ')':
      throw new Error('unexpected');
    default:
      return ch;
  }
}

/** `\d`, `\w`, `\s`, `\.` …: a character of that class or the escaped character itself. */
function escape(c: Cursor): string | undefined {
  const ch = c.src[c.i++];
  if (ch === undefined) throw new Error('trailing backslash');
  const classes: Record<string, string> = { d: '0', w: 'a', s: ' ', D: 'a', W: '-', S: 'a', n: '\n', t: '\t', r: '\r' };
  if (ch in classes) return classes[ch];
  if (ch === 'b' || ch === 'B') return '';
  if (/[A-Za-z0-9]/.test(ch)) return undefined; // \p{…}, \u…, back-references: not generated
  return ch;
}

/** `[A-Z]`, `[a-z0-9_-]`: the first member; a negated class gives the first of a few safe characters outside it. */
function characterClass(c: Cursor): string | undefined {
  const negated = c.src[c.i] === '^';
  if (negated) c.i++;
  const members: string[] = [];
  let first = true;
  while (c.i < c.src.length && (c.src[c.i] !== ']' || first)) {
    first = false;
    let ch: string | undefined = c.src[c.i++];
    if (ch === '\\') ch = escape(c);
    if (ch === undefined) return undefined;
    if (c.src[c.i] === '-' && c.src[c.i + 1] !== ']' && c.i + 1 < c.src.length) {
      c.i++;
      const end = c.src[c.i++];
      members.push(`${ch}-${end}`);
    } else {
      members.push(ch);
    }
  }
  if (c.src[c.i++] !== ']') throw new Error('unclosed class');
  if (!negated) return members[0]?.[0];
  // RE2 checks the result, so a candidate the class happens to exclude is simply not chosen.
  const inClass = (x: string) => members.some((m) => (m.length === 3 && m[1] === '-' ? x >= m[0] && x <= m[2] : m === x));
  return ['a', 'x', '0', '_', ' '].find((x) => !inClass(x));
}
