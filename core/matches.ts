// Regular-expression helpers that run a module's own RegExp object instead of a copy (docs/editor-performance.md).
//
// `String.prototype.matchAll` and `split` run a fresh copy of the pattern (made by its species constructor), and
// a copy finds its compiled code through V8's compilation cache, which every major garbage collection empties:
// after each one, every copied pattern is compiled again. For the large detector patterns that cost more than a
// whole keystroke's work. The pattern objects themselves keep their compiled code, so these helpers use them.

/** Every match of the global `pattern` in `text`, as `text.matchAll(pattern)` gives them (from its lastIndex). */
export function allMatches(text: string, pattern: RegExp): RegExpExecArray[] {
  if (!pattern.global) throw new TypeError(`allMatches needs a global pattern: ${String(pattern)}`);
  const saved = pattern.lastIndex;
  const unicode = pattern.unicode || pattern.flags.includes('v');
  const out: RegExpExecArray[] = [];
  try {
    for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) {
      out.push(m);
      // An empty match advances by one character (a whole code point in unicode mode), as matchAll does.
      if (m[0] === '') pattern.lastIndex = advance(text, pattern.lastIndex, unicode);
    }
  } finally {
    pattern.lastIndex = saved;
  }
  return out;
}

/** What follows the last match of the global `separator` in `text`: `text.split(separator).pop()` for a separator without groups that never matches empty. */
export function afterLastMatch(text: string, separator: RegExp): string {
  const saved = separator.lastIndex;
  separator.lastIndex = 0;
  let end = 0;
  for (const m of allMatches(text, separator)) if (m[0] !== '') end = m.index + m[0].length;
  separator.lastIndex = saved;
  return text.slice(end);
}

/** The index after an empty match at `index`: past a whole surrogate pair when the pattern is unicode. */
export function advance(text: string, index: number, unicode: boolean): number {
  if (!unicode || index + 1 >= text.length) return index + 1;
  const code = text.charCodeAt(index);
  if (code < 0xd800 || code > 0xdbff) return index + 1;
  const next = text.charCodeAt(index + 1);
  return next >= 0xdc00 && next <= 0xdfff ? index + 2 : index + 1;
}
