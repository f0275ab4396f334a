// Sentence splitting the way NLTK's `sent_tokenize` (Punkt with its English model) splits, which IFBench's
// checker uses for its per-sentence instructions. Punkt's English model is trained data we do not ship;
// these are our own rules following its algorithm (docs/ifbench.md, "Sentences and words"):
//
// - A sentence can only end at `.`, `?` or `!` followed by whitespace and more text, or by one of
//   `) " ; } ] * : @ ' ( { [ ? !`. A line break alone never ends a sentence, and neither does a period
//   inside a token (`3.14`, `e.g.the`) or one followed by a curly quote.
// - `?`, `!` and a period ending an ordinary word end the sentence whatever follows (`end. next`).
// - A period ending a known abbreviation (`Mr.`, `Inc.`, `U.S.`) or an ellipsis (`...`) ends it only
//   when a common sentence-starting word follows in capitals (`... The`).
// - A number (`1.`) or a single-letter initial (`J.`) ending in a period ends it unless a lower-case
//   word or punctuation follows; an initial also keeps its sentence when a capitalised word follows that
//   is not a common English word (`J. Bach`, but `x. Thus`).
// - Closing quotes and brackets after the end go with the sentence they close (`(Done.) Next.`).
import { PY_SPACE } from '../ifeval/python';
import { STOP_WORDS } from './stopwords';
import { isLexiconVerb } from './verbs';

/** The space-separated words of a list. */
const words = (list: string): string[] => list.split(' ');

/** Abbreviations (lower-case, without the final period) after which a period does not end a sentence. */
const ABBREVIATIONS = new Set(
  words(
    // titles and ranks
    'mr mrs ms dr prof sr jr st gen sen rep col lt maj adm messrs ' +
      // companies
      'inc ltd co corp cos bros cie n.v s.a a.g l.p ' +
      // months and days
      'jan feb aug sep sept oct nov dec wed fri tues ' +
      // places
      'u.s u.k u.s.a u.n u.s.s.r n.y d.c l.a ft ave ala ariz calif colo conn fla ga ill kan ky ' +
      'mich minn nev n.c n.d n.h n.j n.m okla ore pa r.i s.c tenn va vt w.va wash wis ' +
      // other
      'a.m p.m ph.d a.d vs v yr ok ' +
      // single letters
      'c d e f g h k m p r s t w',
  ),
);

/**
 * Words that, capitalised after an abbreviation, an ellipsis or an initial, start a new sentence: the
 * usual openers of English sentences.
 */
const SENTENCE_STARTERS = new Set(
  words(
    'the it this he they i but in so however there if when yes finally meanwhile still yet now ' +
      'that these those while although some many most',
  ),
);

/**
 * Common words that, capitalised after an initial, show a new sentence (`x. Thus`, `B. The`, `A. Make`,
 * `J. B`): function words, openers, verb forms, words with common suffixes, single letters.
 */
function isCommonWord(type: string): boolean {
  return (
    STOP_WORDS.has(type) ||
    SENTENCE_STARTERS.has(type) ||
    DISCOURSE_WORDS.has(type) ||
    COMMON_SUFFIX.test(type) ||
    /^\p{L}$/u.test(type) ||
    isLexiconVerb(type)
  );
}

/** Endings of ordinary English words (`Introduction`, `Minimal`, `Movement`), rare in names. */
const COMMON_SUFFIX = /\p{L}{3}(?:tion|sion|ment|ness|ity|al|ous|ive)$/u;

const DISCOURSE_WORDS = new Set(
  words(
    'thus therefore hence also additionally furthermore moreover consequently instead otherwise ' +
      'overall first second third next lastly similarly',
  ),
);

const WS = PY_SPACE;
/** Characters that cannot be inside a word token: Punkt's "non-word" set (`.` excluded). */
const NON_WORD = `[)";}\\]*:@'({\\[?!]`;
const MULTI_CHAR = `(?:-{2,}|\\.{2,}|(?:\\.${WS}){2,}\\.)`;
const WORD_START = `[^("\`{\\[:;&#*@)}\\]\\-,]`;

/** A potential sentence end, with what follows it in group 1 and, after whitespace, the next token in group 2. */
const PERIOD_CONTEXT = new RegExp(`[.?!](?=(${NON_WORD}|${WS}+(\\S+)))`, 'gu');

/** Punkt's word tokens: multi-character punctuation, words up to where punctuation or space ends them, single marks. */
const WORD_TOKEN = new RegExp(
  `${MULTI_CHAR}|(?=${WORD_START})\\S+?(?=${WS}|$|${NON_WORD}|${MULTI_CHAR}|,(?=$|${WS}|${NON_WORD}|${MULTI_CHAR}))|\\S`,
  'gu',
);

const NUMERIC = /^-?[.,]?\p{Nd}[\p{Nd},.-]*\.?$/u;
/** Punkt's initial: one letter (Python's `[^\W\d]`) and a period. */
const INITIAL = /^[\p{L}\p{Nl}\p{No}_]\.$/u;
const ELLIPSIS = /^\.\.+$/;
const ASCII_WHITESPACE = ' \t\n\r\v\f';

interface Token {
  tok: string;
  type: string;
  sentbreak: boolean;
  abbr: boolean;
  ellipsis: boolean;
}

function token(tok: string): Token {
  const lower = tok.toLowerCase();
  return { tok, type: NUMERIC.test(lower) ? '##number##' : lower, sentbreak: false, abbr: false, ellipsis: false };
}

function typeNoPeriod(t: Token): string {
  return t.type.length > 1 && t.type.endsWith('.') ? t.type.slice(0, -1) : t.type;
}

function firstUpper(tok: string): boolean {
  const ch = String.fromCodePoint(tok.codePointAt(0)!);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

function firstLower(tok: string): boolean {
  const ch = String.fromCodePoint(tok.codePointAt(0)!);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

/** Punkt's word tokens of each non-blank line of `text`. */
function wordTokens(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    for (const m of line.matchAll(WORD_TOKEN)) out.push(m[0]);
  }
  return out;
}

function firstPass(t: Token): void {
  const tok = t.tok;
  if (tok === '.' || tok === '?' || tok === '!') t.sentbreak = true;
  else if (ELLIPSIS.test(tok)) t.ellipsis = true;
  else if (tok.endsWith('.') && !tok.endsWith('..')) {
    const bare = tok.slice(0, -1).toLowerCase();
    if (ABBREVIATIONS.has(bare) || ABBREVIATIONS.has(bare.split('-').pop()!)) t.abbr = true;
    else t.sentbreak = true;
  }
}

/** Whether `next` cannot begin a sentence: a lower-case word or a mark of inner punctuation. */
function startsSentence(next: Token): boolean | undefined {
  if (next.tok.length === 1 && ';:,.!?'.includes(next.tok)) return false;
  if (firstLower(next.tok)) return false;
  return undefined;
}

function secondPass(t: Token, next: Token): void {
  if (!t.tok.endsWith('.')) return;
  const typ = typeNoPeriod(t);
  const nextType = next.sentbreak ? typeNoPeriod(next) : next.type;
  const initial = INITIAL.test(t.tok);
  if ((t.abbr || t.ellipsis) && !initial) {
    if (firstUpper(next.tok) && SENTENCE_STARTERS.has(nextType)) {
      t.sentbreak = true;
      return;
    }
  }
  if (initial || typ === '##number##') {
    if (startsSentence(next) === false || (initial && firstUpper(next.tok) && isNameInitial(next))) {
      t.sentbreak = false;
      t.abbr = true;
    }
  }
}

/**
 * An initial followed by a capitalised word keeps its sentence (`J. K. Rowling`, `A. Java Syntax`) unless
 * that word is a common one, which shows a new sentence (`x. Thus`, `Gen Z. This`).
 */
function isNameInitial(next: Token): boolean {
  if (INITIAL.test(next.tok) || next.tok === 'I') return true;
  return !isCommonWord(next.sentbreak ? typeNoPeriod(next) : next.type);
}

/** Whether the context around a potential end holds a sentence break before its last token. */
function containsBreak(context: string): boolean {
  const tokens = wordTokens(context).map(token);
  for (const t of tokens) firstPass(t);
  for (let i = 0; i + 1 < tokens.length; i++) secondPass(tokens[i]!, tokens[i + 1]!);
  for (let i = 0; i + 1 < tokens.length; i++) if (tokens[i]!.sentbreak) return true;
  return false;
}

function lastAsciiSpace(text: string): number {
  for (let i = text.length - 1; i >= 0; i--) if (ASCII_WHITESPACE.includes(text[i]!)) return i;
  return 0;
}

interface EndMatch {
  end: number;
  nextStart: number | undefined;
  context: string;
}

/** Potential sentence ends with the word before each and what follows, overlapping ones merged as Punkt does. */
function potentialEnds(text: string): EndMatch[] {
  const out: EndMatch[] = [];
  let prevSlice = { start: 0, stop: 0 };
  let prev: RegExpMatchArray | undefined;
  const emit = (m: RegExpMatchArray, slice: { start: number; stop: number }): void => {
    const after = m[1]!;
    const next = m[2];
    out.push({
      end: m.index! + 1,
      nextStart: next === undefined ? undefined : m.index! + 1 + after.length - next.length,
      context: text.slice(slice.start, slice.stop) + m[0] + after,
    });
  };
  for (const m of text.matchAll(PERIOD_CONTEXT)) {
    const before = text.slice(prevSlice.stop, m.index);
    let start = lastAsciiSpace(before);
    start = start ? start + prevSlice.stop + 1 : prevSlice.start;
    const wordSlice = { start, stop: m.index! };
    if (prev && prevSlice.stop <= wordSlice.start) emit(prev, prevSlice);
    prev = m;
    prevSlice = wordSlice;
  }
  if (prev) emit(prev, prevSlice);
  return out;
}

const REALIGN = new RegExp(`["')\\]}]+?(?:${WS}+|(?=--)|$)`, 'muy');

const SPACE_CHAR = new RegExp(`^${WS}$`, 'u');

function pyRstripEnd(text: string): number {
  let end = text.length;
  while (end > 0 && SPACE_CHAR.test(text[end - 1]!)) end--;
  return end;
}

export interface SentenceSpan {
  offset: number;
  length: number;
  text: string;
}

/** The sentences of `text` with where each starts, as NLTK's `sent_tokenize` (English Punkt) would cut them. */
export function punktSentences(text: string): SentenceSpan[] {
  const slices: { start: number; stop: number }[] = [];
  let lastBreak = 0;
  for (const end of potentialEnds(text)) {
    if (!containsBreak(end.context)) continue;
    slices.push({ start: lastBreak, stop: end.end });
    lastBreak = end.nextStart ?? end.end;
  }
  slices.push({ start: lastBreak, stop: pyRstripEnd(text) });
  // Closing quotes and brackets right after a break go with the sentence before.
  const out: SentenceSpan[] = [];
  let realign = 0;
  for (let i = 0; i < slices.length; i++) {
    const s1 = { start: slices[i]!.start + realign, stop: slices[i]!.stop };
    const s2 = slices[i + 1];
    const push = (start: number, stop: number): void => {
      if (stop > start) out.push({ offset: start, length: stop - start, text: text.slice(start, stop) });
    };
    if (!s2) {
      push(s1.start, s1.stop);
      continue;
    }
    REALIGN.lastIndex = 0;
    const m = REALIGN.exec(text.slice(s2.start, s2.stop));
    if (m) {
      push(s1.start, s2.start + m[0].replace(new RegExp(`${WS}+$`, 'u'), '').length);
      realign = m[0].length;
    } else {
      realign = 0;
      push(s1.start, s1.stop);
    }
  }
  return out;
}

/** The sentence texts of `text` (NLTK's `sent_tokenize`). */
export function sentTokenize(text: string): string[] {
  return punktSentences(text).map((s) => s.text);
}
