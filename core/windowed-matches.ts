// The matches of a pattern in a long text, found window by window with pauses between windows, equal to a scan of the
// whole text (docs/editor-performance.md, "Never blocking").
//
// A regular expression whose every attempt reads at most `reach` characters from where it starts (no unbounded
// quantifier, no back-reference) finds the same match at a position in a slice of the text as in the whole text, as
// long as the slice holds the character before that position (for `\b`) and `reach` characters after it. So the
// global scan is run on slices: a match whose attempt fits in its slice is the whole text's next match; when none
// fits, the scan moves on to the first position it could not rule out. Patterns that are not bounded are scanned
// whole, in one step.
import { advance, allMatches } from './matches';

/** How many characters a slice holds past the positions it decides (about a millisecond of scanning). */
const WINDOW = 32 * 1024;

/** Characters before the scan's position kept in a slice: `\b` reads one. */
const BEHIND = 4;

const reaches = new WeakMap<RegExp, number>();

/**
 * The most characters (UTF-16 units) an attempt of `pattern` reads from its start, or Infinity: an upper bound
 * read from its source. Lookbehind, back-references and unbounded quantifiers give Infinity.
 */
export function patternReach(pattern: RegExp): number {
  let reach = reaches.get(pattern);
  if (reach === undefined) {
    try {
      reach = new ReachParser(pattern.source, pattern.unicode || pattern.flags.includes('v')).parse();
    } catch {
      reach = Number.POSITIVE_INFINITY;
    }
    reaches.set(pattern, reach);
  }
  return reach;
}

/** What a part of a pattern consumes at most and reads at most (lookaheads read without consuming). */
interface Extent {
  consumed: number;
  read: number;
}

const INFINITE: Extent = { consumed: Number.POSITIVE_INFINITY, read: Number.POSITIVE_INFINITY };

/** Where an unbounded quantifier is in a pattern's source: its atom and the quantifier itself (`*`, `+`, `{n,}`, lazy `?`). */
interface Unbounded {
  atom: [number, number];
  quantifier: [number, number];
  min: number;
}

class ReachParser {
  private at = 0;
  /** The unbounded quantifiers met, in source order (for `boundedVariant`). */
  readonly unbounded: Unbounded[] = [];
  /** Whether something other than an unbounded quantifier (a back-reference, a lookbehind) makes the reach unbounded. */
  otherwise = false;
  /** A character in unicode mode may be a surrogate pair: two units. */
  private readonly unit: number;

  constructor(
    private readonly source: string,
    unicode: boolean,
  ) {
    this.unit = unicode ? 2 : 1;
  }

  parse(): number {
    const extent = this.alternation();
    if (this.at < this.source.length) throw new Error('unbalanced group');
    return extent.read;
  }

  private alternation(): Extent {
    let best = this.sequence();
    while (this.source[this.at] === '|') {
      this.at++;
      const next = this.sequence();
      best = { consumed: Math.max(best.consumed, next.consumed), read: Math.max(best.read, next.read) };
    }
    return best;
  }

  private sequence(): Extent {
    let consumed = 0;
    let read = 0;
    while (this.at < this.source.length && this.source[this.at] !== '|' && this.source[this.at] !== ')') {
      const start = this.at;
      const atom = this.quantified(this.atom(), start);
      read = Math.max(read, consumed + atom.read);
      consumed += atom.consumed;
    }
    return { consumed, read };
  }

  private atom(): Extent {
    const s = this.source;
    const c = s[this.at++];
    const one = { consumed: this.unit, read: this.unit };
    if (c === '(') {
      let lookahead = false;
      if (s[this.at] === '?') {
        const kind = s[this.at + 1];
        if (kind === ':') this.at += 2;
        else if (kind === '=' || kind === '!') {
          this.at += 2;
          lookahead = true;
        } else if (kind === '<' && s[this.at + 2] !== '=' && s[this.at + 2] !== '!') {
          const close = s.indexOf('>', this.at);
          if (close === -1) throw new Error('bad group name');
          this.at = close + 1;
        } else throw new Error('lookbehind or modifiers'); // (?<= (?<! and others: not bounded here
      }
      const inner = this.alternation();
      if (s[this.at++] !== ')') throw new Error('unclosed group');
      return lookahead ? { consumed: 0, read: inner.read } : inner;
    }
    if (c === '[') {
      for (; this.at < s.length && s[this.at] !== ']'; this.at++) if (s[this.at] === '\\') this.at++;
      if (s[this.at++] !== ']') throw new Error('unclosed class');
      return one;
    }
    if (c === '\\') {
      const e = s[this.at++];
      if (e === 'b' || e === 'B') return { consumed: 0, read: this.unit };
      if ((e >= '1' && e <= '9') || e === 'k') {
        this.otherwise = true; // a back-reference
        return INFINITE;
      }
      if (e === 'p' || e === 'P') {
        if (s[this.at] === '{') this.at = s.indexOf('}', this.at) + 1;
        return one;
      }
      if (e === 'u') {
        if (s[this.at] === '{') this.at = s.indexOf('}', this.at) + 1;
        else this.at += 4;
        return one;
      }
      if (e === 'x') this.at += 2;
      else if (e === 'c') this.at += 1;
      return one;
    }
    if (c === '^') return { consumed: 0, read: 0 };
    if (c === '$') return { consumed: 0, read: this.unit };
    if (c === '*' || c === '+' || c === '?' || c === '{' || c === ')') throw new Error('quantifier without atom');
    return one;
  }

  private quantified(atom: Extent, atomStart: number): Extent {
    const s = this.source;
    const atomEnd = this.at;
    let min = 0;
    let max: number;
    const c = s[this.at];
    if (c === '*' || c === '+') {
      this.at++;
      min = c === '+' ? 1 : 0;
      max = Number.POSITIVE_INFINITY;
    } else if (c === '?') {
      this.at++;
      max = 1;
    } else if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(this.at));
      if (m === null) return atom; // a literal brace
      this.at += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
    } else return atom;
    if (s[this.at] === '?') this.at++; // lazy: reads no more than greedy
    if (max === 0) return { consumed: 0, read: 0 };
    if (max === Number.POSITIVE_INFINITY) {
      if (atom.consumed === 0) return { consumed: 0, read: atom.read };
      this.unbounded.push({ atom: [atomStart, atomEnd], quantifier: [atomEnd, this.at], min });
      return INFINITE;
    }
    return { consumed: atom.consumed * max, read: atom.consumed * (max - 1) + atom.read };
  }
}

/** Iterations an unbounded quantifier is given in a pattern's bounded variant. */
const ITERATIONS = 256;

interface BoundedVariant {
  /** The pattern with every unbounded quantifier capped at ITERATIONS (same flags). */
  pattern: RegExp;
  /** One per capped quantifier: its atom ITERATIONS + 1 times; where none matches, the variant matches as the pattern. */
  detectors: RegExp[];
}

const variants = new WeakMap<RegExp, BoundedVariant | null>();

/**
 * A bounded stand-in for a pattern whose reach is unbounded only through quantifiers like `\s*` or `(?:…)*`. An
 * attempt of the pattern differs from the variant's only if it repeats a quantified atom more than ITERATIONS times,
 * and then that atom matches ITERATIONS + 1 times in a row somewhere in the text: a text where no detector matches
 * has the same matches for both (the greedy and lazy quantifiers try their counts in the same order).
 */
function boundedVariant(pattern: RegExp): BoundedVariant | undefined {
  let variant = variants.get(pattern);
  if (variant === undefined) {
    variant = null;
    try {
      const parser = new ReachParser(pattern.source, pattern.unicode || pattern.flags.includes('v'));
      parser.parse();
      if (!parser.otherwise && parser.unbounded.length > 0) {
        const source = pattern.source;
        let capped = source;
        for (const q of [...parser.unbounded].sort((a, b) => b.quantifier[0] - a.quantifier[0])) {
          const lazy = source[q.quantifier[1] - 1] === '?' && q.quantifier[1] - q.quantifier[0] > 1 ? '?' : '';
          capped = `${capped.slice(0, q.quantifier[0])}{${q.min},${ITERATIONS}}${lazy}${capped.slice(q.quantifier[1])}`;
        }
        const flags = pattern.flags.replace(/[gy]/g, '');
        const candidate = {
          pattern: new RegExp(capped, pattern.flags),
          detectors: parser.unbounded.map(
            (q) => new RegExp(`(?:${source.slice(q.atom[0], q.atom[1])}){${ITERATIONS + 1}}`, flags),
          ),
        };
        const bounded = [candidate.pattern, ...candidate.detectors].every((p) => Number.isFinite(patternReach(p)));
        if (bounded) variant = candidate;
      }
    } catch {
      variant = null;
    }
    variants.set(pattern, variant);
  }
  return variant ?? undefined;
}

/**
 * `allMatches(text, pattern)` (from position 0), awaiting nothing itself but pausing (yielding) after each window
 * of a long text when the pattern is bounded. The matches are the whole-text scan's, with their `index` into `text`.
 */
export function* matchesInSteps(text: string, pattern: RegExp): Generator<void, RegExpExecArray[]> {
  if (text.length > WINDOW && !Number.isFinite(patternReach(pattern))) {
    // Unbounded: its bounded variant stands in when no detector matches (each detector is scanned in windows too).
    const variant = boundedVariant(pattern);
    if (variant !== undefined) {
      let differs = false;
      for (const detector of variant.detectors) if ((yield* firstMatchInSteps(text, detector)) !== null) differs = true;
      if (!differs) return yield* matchesInSteps(text, variant.pattern);
    }
  }
  const reach = text.length <= WINDOW ? Number.POSITIVE_INFINITY : patternReach(pattern);
  if (!Number.isFinite(reach)) {
    const saved = pattern.lastIndex;
    pattern.lastIndex = 0;
    try {
      return allMatches(text, pattern);
    } finally {
      pattern.lastIndex = saved;
    }
  }
  const out: RegExpExecArray[] = [];
  const unicode = pattern.unicode || pattern.flags.includes('v');
  const saved = pattern.lastIndex;
  try {
    let x = 0;
    while (x < text.length) {
      const { start, slice, decided } = windowAt(text, x, reach);
      pattern.lastIndex = x - start;
      let next = decided;
      for (;;) {
        const m = pattern.exec(slice);
        if (m === null) break;
        const index = m.index + start;
        if (index >= decided) {
          next = index;
          break;
        }
        m.index = index;
        out.push(m);
        let after = pattern.lastIndex + start;
        if (m[0] === '') after = advance(text, after, unicode);
        if (after >= decided) {
          next = after;
          break;
        }
        pattern.lastIndex = after - start;
      }
      x = unicode ? pairStart(text, next) : next;
      if (x < text.length) yield;
    }
  } finally {
    pattern.lastIndex = saved;
  }
  return out;
}

/**
 * The window scanned from `x`: BEHIND characters before it (`\b` reads one), WINDOW after, and `reach` more.
 * Attempts starting before `decided` read only characters inside the slice (all of them, at the text's end).
 */
function windowAt(text: string, x: number, reach: number): { start: number; slice: string; decided: number } {
  const start = pairStart(text, Math.max(0, x - BEHIND));
  const end = Math.min(text.length, x + WINDOW + reach + 1);
  return { start, slice: text.slice(start, end), decided: end === text.length ? text.length : end - reach - 1 };
}

/** The first match of `pattern` (global or not) in `text`, as `pattern.exec` from 0 finds it, scanning in windows. */
export function* firstMatchInSteps(text: string, pattern: RegExp): Generator<void, RegExpExecArray | null> {
  if (text.length <= WINDOW) {
    const saved = pattern.lastIndex;
    pattern.lastIndex = 0;
    try {
      return pattern.exec(text);
    } finally {
      pattern.lastIndex = saved;
    }
  }
  const global = pattern.global ? pattern : globalCopy(pattern);
  const reach = patternReach(global);
  if (!Number.isFinite(reach)) {
    const saved = global.lastIndex;
    global.lastIndex = 0;
    try {
      return global.exec(text);
    } finally {
      global.lastIndex = saved;
    }
  }
  const saved = global.lastIndex;
  try {
    let x = 0;
    while (x < text.length) {
      const { start, slice, decided } = windowAt(text, x, reach);
      global.lastIndex = x - start;
      const m = global.exec(slice);
      if (m !== null && m.index + start < decided) {
        m.index += start;
        return m;
      }
      x = pairStart(text, m === null ? decided : m.index + start);
      if (x < text.length) yield;
    }
    return null;
  } finally {
    global.lastIndex = saved;
  }
}

const globalCopies = new WeakMap<RegExp, RegExp>();

/** A global copy of a non-global pattern, made once (a copy compiles its own code, so it is kept). */
function globalCopy(pattern: RegExp): RegExp {
  let copy = globalCopies.get(pattern);
  if (copy === undefined) {
    copy = new RegExp(pattern.source, `${pattern.flags}g`);
    globalCopies.set(pattern, copy);
  }
  return copy;
}

/** `at`, moved back onto the start of a surrogate pair when it falls between its halves. */
function pairStart(text: string, at: number): number {
  if (at <= 0 || at >= text.length) return at;
  const c = text.charCodeAt(at);
  const before = text.charCodeAt(at - 1);
  return c >= 0xdc00 && c <= 0xdfff && before >= 0xd800 && before <= 0xdbff ? at - 1 : at;
}
