// An approximation of the sentence count IFEval takes from nltk's trained Punkt tokenizer for English
// (`tokenizers/punkt/english.pickle`), whose learned parameters are not available here.
import { PY_SPACE, isPySpace, pyIsLower, pyIsUpper, pyStripBounds } from './python';

/**
 * Punkt's candidate sentence ends: `.`, `?` or `!` followed by punctuation Punkt treats as a token of
 * its own, or by whitespace and another token. A final `.` with nothing after it is not a candidate
 * (the last sentence is whatever remains).
 */
const NON_WORD = `[?!)";}\\]*:@'({\\[]`;
const CANDIDATE = new RegExp(`[.?!](?=${NON_WORD}|${PY_SPACE}+[^\\s])`, 'gu');
const NUMBER = /^-?[.,]?\p{Nd}[\p{Nd},.-]*\.?$/u;
const INITIAL = /^[\p{L}_]\.$/u;
const CLOSING_RUN = new RegExp(`^["')\\]}]+(?:${PY_SPACE}+|(?=--)|$)`, 'u');

/**
 * Common abbreviations Punkt's English model knows (a period after them is not a sentence end unless a
 * sentence-starting word follows). The model's own list is larger and learned; this is the part of it
 * that occurs in ordinary prose.
 */
const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'st',
  'jr',
  'sr',
  'inc',
  'ltd',
  'co',
  'corp',
  'vs',
  'etc',
  'e.g',
  'i.e',
  'cf',
  'al',
  'u.s',
  'u.k',
  'u.n',
  'a.m',
  'p.m',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'gen',
  'gov',
  'sen',
  'rep',
  'rev',
  'lt',
  'col',
  'sgt',
  'capt',
  'adm',
  'maj',
  'mt',
  'ft',
  'approx',
  'dept',
  'fig',
  'vol',
  'no',
  'nos',
  'pp',
  'ed',
  'est',
  'bros',
  'calif',
  'n.y',
  'd.c',
]);

/**
 * Words that Punkt's orthographic data shows as lower-case inside sentences and capitalised only at a
 * sentence start, or that it lists as frequent sentence starters: after an abbreviation, initial,
 * number or ellipsis, a capitalised one of these still starts a new sentence.
 */
const STARTERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'it',
  'its',
  'he',
  'she',
  'they',
  'we',
  'you',
  'i',
  'there',
  'here',
  'but',
  'and',
  'or',
  'so',
  'yet',
  'however',
  'in',
  'on',
  'at',
  'for',
  'from',
  'with',
  'by',
  'to',
  'of',
  'as',
  'if',
  'when',
  'while',
  'after',
  'before',
  'then',
  'also',
  'some',
  'many',
  'most',
  'all',
  'each',
  'every',
  'one',
  'what',
  'which',
  'who',
  'how',
  'why',
  'where',
  'our',
  'my',
  'his',
  'her',
  'their',
  'your',
  'both',
  'such',
  'other',
  'another',
  'because',
  'although',
  'though',
  'thus',
  'therefore',
  'moreover',
  'furthermore',
  'meanwhile',
  'finally',
  'now',
  'today',
  'perhaps',
  'instead',
  'since',
  'during',
  'is',
  'are',
  'was',
  'were',
  'do',
  'does',
  'did',
  'not',
  'no',
  'yes',
  'let',
  'please',
  'after',
  'first',
  'next',
  'still',
  'even',
  'only',
  'just',
  'more',
  'once',
]);

/** How many sentences IFEval's `count_sentences` finds, approximately (see docs/ifeval.md). */
export function ifevalSentenceCount(text: string): number {
  const breaks: { end: number; next: number }[] = [];
  for (const chunk of chunksWithCandidates(text)) {
    if (isBreak(text, chunk.start, chunk.candidate)) {
      const after = text.slice(chunk.candidate + 1);
      const ws = /^\s/u.test(after) ? (new RegExp(`^${PY_SPACE}+`, 'u').exec(after)?.[0].length ?? 0) : 0;
      breaks.push({ end: chunk.candidate + 1, next: chunk.candidate + 1 + ws });
    }
  }
  const slices: string[] = [];
  let last = 0;
  for (const b of breaks) {
    slices.push(text.slice(last, b.end));
    last = b.next;
  }
  slices.push(text.slice(last, pyStripBounds(text).end));
  // Punkt moves closing quotes and brackets that open a slice to the sentence before; empty slices go.
  let count = 0;
  slices.forEach((slice, i) => {
    const rest = i > 0 ? slice.replace(CLOSING_RUN, '') : slice;
    if (rest !== '') count++;
  });
  return count;
}

/** The last candidate in each whitespace-delimited chunk (Punkt judges one per chunk), with the chunk's start. */
function* chunksWithCandidates(text: string): Generator<{ start: number; candidate: number }> {
  let current: { start: number; candidate: number } | undefined;
  let chunk = 0;
  let scanned = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    for (; scanned < m.index; scanned++) if (isPySpace(text[scanned]!)) chunk = scanned + 1;
    if (current && current.start !== chunk) yield current;
    current = { start: chunk, candidate: m.index };
  }
  if (current) yield current;
}

function isBreak(text: string, chunkFrom: number, at: number): boolean {
  const chunk = text.slice(chunkFrom, at + 1);
  // `?` and `!` are tokens of their own and always sentence ends.
  if (/[?!]/.test(chunk)) return true;
  const token = periodToken(chunk);
  const next = nextToken(text.slice(at + 1));
  if (/^\.{2,}$/.test(token)) return afterAbbreviation(next);
  const type = token.slice(0, -1).toLowerCase();
  const isInitial = INITIAL.test(token);
  const isAbbreviation = ABBREVIATIONS.has(type) || ABBREVIATIONS.has(type.split('-').pop() ?? '');
  if (isAbbreviation && !isInitial) return afterAbbreviation(next);
  if (isInitial || NUMBER.test(token)) {
    const ortho = orthographic(next);
    if (ortho === false) return false;
    if (ortho === 'unknown' && isInitial && startsUpper(next)) return false;
    return !isAbbreviation;
  }
  return true;
}

/** The token Punkt sees ending in the period: after the last whitespace or punctuation that ends a token; `...` whole. */
function periodToken(chunk: string): string {
  const dots = /\.{2,}$/.exec(chunk);
  if (dots) return dots[0];
  const cut = Math.max(...[...`?!)";}]*:@'({[`].map((c) => chunk.lastIndexOf(c)));
  return chunk.slice(cut + 1);
}

/** The first Punkt token after the candidate: one punctuation character, or a word up to whitespace or punctuation. */
function nextToken(after: string): string {
  const rest = after.replace(new RegExp(`^${PY_SPACE}+`, 'u'), '');
  const first = rest[0] ?? '';
  if (first === '' || `?!)";}]*:@'({[\`-,&#`.includes(first)) return first;
  const m = /^[^\s?!)";}\]*:@'({[]+/u.exec(rest);
  return (m?.[0] ?? first).replace(/\.$/, '');
}

function startsUpper(token: string): boolean {
  return token !== '' && pyIsUpper([...token][0]!);
}

/** Punkt's orthographic heuristic, with a known sentence-starter list standing in for its learned data. */
function orthographic(next: string): boolean | 'unknown' {
  if (next === '' || ';:,.!?'.includes(next)) return false;
  const first = [...next][0]!;
  if (pyIsUpper(first)) return STARTERS.has(next.toLowerCase()) ? true : 'unknown';
  if (pyIsLower(first)) return false;
  return 'unknown';
}

/** After an abbreviation or an ellipsis, a sentence ends only before a capitalised sentence starter. */
function afterAbbreviation(next: string): boolean {
  return startsUpper(next) && STARTERS.has(next.toLowerCase());
}
