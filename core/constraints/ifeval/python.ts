// Python `re` and `str` semantics IFEval's checks rely on (Unicode `\w`, `\s`, `\d`, `strip`, `isupper`), in JavaScript.

/**
 * Python's `\s` for str patterns and the set `str.strip()` / `str.split()` use (`str.isspace()`):
 * unlike JavaScript's `\s` it includes U+001C–U+001F and U+0085 and excludes U+FEFF.
 */
export const PY_SPACE = '[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';

/**
 * Python's `\w` for str patterns: `str.isalnum()` or `_`, i.e. letters (L*) and numbers (N*). Combining
 * marks (Mn, Mc) are not word characters in Python's `re`, so `नमस्ते` is several `\w+` runs.
 */
export const PY_WORD = '[\\p{L}\\p{N}_]';

/** Python's `\d` for str patterns: any Unicode decimal digit. */
export const PY_DIGIT = '\\p{Nd}';

const SPACE_RE = new RegExp(`^${PY_SPACE}$`, 'u');
const WORD_RE = new RegExp(`^${PY_WORD}$`, 'u');

export function isPySpace(ch: string): boolean {
  return SPACE_RE.test(ch);
}

export function isPyWordChar(ch: string): boolean {
  return WORD_RE.test(ch);
}

/** `str.strip()` with no argument (a scan, not a `\s+$` regex, which is quadratic on long inner runs of spaces). */
export function pyStrip(text: string): string {
  const { start, end } = pyStripBounds(text);
  return text.slice(start, end);
}

/** Where the text `str.strip()` keeps starts and ends. */
export function pyStripBounds(text: string): { start: number; end: number } {
  let start = 0;
  let end = text.length;
  while (start < end && isPySpace(text[start]!)) start++;
  while (end > start && isPySpace(text[end - 1]!)) end--;
  return { start, end };
}

/** `str.strip(chars)`: removes any of `chars` (code units) from both ends. */
export function pyStripChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start]!)) start++;
  while (end > start && chars.includes(text[end - 1]!)) end--;
  return text.slice(start, end);
}

/** `str.split()` with no argument: runs of whitespace separate, empty pieces are dropped. */
export function pySplitWhitespace(text: string): string[] {
  return text.split(new RegExp(`${PY_SPACE}+`, 'u')).filter((p) => p !== '');
}

const LOWERCASE = /\p{Lowercase}/u;
const UPPERCASE = /\p{Uppercase}/u;
const TITLECASE = /\p{Lt}/u;

/** `str.isupper()`: at least one cased character, and no lower-case or title-case one. */
export function pyIsUpper(text: string): boolean {
  let cased = false;
  for (const ch of text) {
    if (LOWERCASE.test(ch) || TITLECASE.test(ch)) return false;
    if (!cased && UPPERCASE.test(ch)) cased = true;
  }
  return cased;
}

/** `str.islower()`: at least one cased character, and no upper-case or title-case one. */
export function pyIsLower(text: string): boolean {
  let cased = false;
  for (const ch of text) {
    if (UPPERCASE.test(ch) || TITLECASE.test(ch)) return false;
    if (!cased && LOWERCASE.test(ch)) cased = true;
  }
  return cased;
}

/** A JavaScript regex source matching `text` literally. */
export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * Python's `\b` (Unicode): a position where one side is a word character and the other is not (or is
 * the start or end). JavaScript's `\b` only knows ASCII word characters, so it is spelled out.
 */
export const PY_BOUNDARY = `(?:(?<=${PY_WORD})(?!${PY_WORD})|(?<!${PY_WORD})(?=${PY_WORD}))`;

/** Spans of every non-overlapping match, as `re.findall` / `re.finditer` scan. */
export function matchSpans(text: string, re: RegExp): { offset: number; length: number }[] {
  const flags = re.flags.includes('g') ? re.flags : `${re.flags}g`;
  const global = new RegExp(re.source, flags);
  return [...text.matchAll(global)].map((m) => ({ offset: m.index, length: m[0].length }));
}
