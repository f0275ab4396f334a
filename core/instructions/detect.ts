// Finds checkable constraints stated in a prompt's own prose ("at most 50 words", "respond in JSON") as constraint values.
//
// Every matcher is a regular expression of literal alternatives and bounded gaps ({0,40}), so a scan is linear
// in the text; nothing here throws. Precision matters more than recall: a phrase is skipped when its clause
// is negated, conditional, about a part of the answer (each bullet, the title) or about the input.

/** A constraint the prose states, as the value to declare (SPEC §3.1 shorthands for counts). */
export interface StatedConstraint {
  key: StatedKey;
  value: string | number | boolean;
  /** The phrase as written, e.g. "at most 50 words". */
  phrase: string;
  /** Offset and length of the phrase in the scanned text. */
  offset: number;
  length: number;
}

export type StatedKey =
  | 'words'
  | 'sentences'
  | 'paragraphs'
  | 'bullets'
  | 'characters'
  | 'lines'
  | 'format'
  | 'case'
  | 'noCommas'
  | 'startsWith'
  | 'endsWith';

export const COUNT_KEYS: ReadonlySet<StatedKey> = new Set(['words', 'sentences', 'paragraphs', 'bullets', 'characters', 'lines']);

const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, 'a single': 1,
};

const NUM = String.raw`(\d{1,3}(?:,\d{3}){1,2}|\d{1,6}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|a single)`;
const ADJECTIVE = String.raw`(?:(?:short|concise|brief|complete|full|separate|distinct|total)\s{1,3})?`;
const UNIT = String.raw`(words?|sentences?|paragraphs?|bullet[- ]points?|bullets?|bulleted items?|list items?|characters?|chars|lines?)`;

/** Bound phrases before the number, longest first at each starting word; each maps to a shorthand operator. */
const BOUNDS: Array<[string, string]> = [
  ['no more than', '<='], ['not more than', '<='], ['no longer than', '<='], ['no fewer than', '>='], ['no less than', '>='],
  ['not to exceed', '<='], ['not exceeding', '<='], ['not exceed', '<='], ['a maximum of', '<='], ['maximum of', '<='],
  ['a minimum of', '>='], ['minimum of', '>='], ['maximum', '<='], ['minimum', '>='], ['at most', '<='], ['at least', '>='],
  ['up to', '<='], ['within', '<='], ['fewer than', '<'], ['less than', '<'], ['under', '<'], ['more than', '>'],
  ['over', '>'], ['exactly', '='], ['approximately', '~'], ['roughly', '~'], ['around', '~'], ['about', '~'], ['in', '<='],
];
const BOUND_OPERATOR = new Map(BOUNDS);

const COUNT_BEFORE = new RegExp(
  String.raw`\b(${BOUNDS.map(([phrase]) => phrase.replace(/ /g, String.raw`\s{1,3}`)).join('|')})\s{1,3}(?:only\s{1,3}|just\s{1,3})?${NUM}\s{1,3}${ADJECTIVE}${UNIT}\b`,
  'gi',
);
const COUNT_BETWEEN = new RegExp(String.raw`\bbetween\s{1,3}${NUM}\s{1,3}and\s{1,3}${NUM}\s{1,3}${ADJECTIVE}${UNIT}\b`, 'gi');
const COUNT_LIMIT = new RegExp(String.raw`\b(?:limit|keep)\s{1,3}(?:your|the|it)(?:\s{1,3}(?:entire\s{1,3})?(?:response|answer|reply|output|summary))?\s{1,3}to\s{1,3}(?:only\s{1,3}|just\s{1,3})?${NUM}\s{1,3}${ADJECTIVE}${UNIT}\b`, 'gi');
const COUNT_AFTER = new RegExp(String.raw`\b${NUM}\s{1,3}${ADJECTIVE}${UNIT}\s{1,3}(or\s{1,3}(?:less|fewer)|or\s{1,3}more|max(?:imum)?|at\s{1,3}most|at\s{1,3}least|minimum)\b`, 'gi');

const JSON_PHRASE = /\b(?:respond|answer|reply|return|output|format|give|provide|write|produce)\b[^.!?\n]{0,40}?\b(?:in|as|with|using)\s{1,3}(?:a\s{1,3}|an\s{1,3}|one\s{1,3})?(?:single\s{1,3})?(?:valid\s{1,3}|strict\s{1,3}|raw\s{1,3}|pure\s{1,3}|only\s{1,3})?json\b/gi;
const PLAIN_PHRASE = /\b(?:respond|answer|reply|write|output|return|give|provide|produce)\b[^.!?\n]{0,40}?\b(?:in|as|using)\s{1,3}(?:plain\s{1,3}(?:prose|text|english)|prose)\b(?!\s{0,3}(?:inside|within|in\s{1,3}(?:a|the|each)\s{1,3}(?:json|field|key|string)))/gi;
const JSON_ONLY = /\b(?:respond|reply|return|output)\s{1,3}(?:only\s{1,3})?(?:valid\s{1,3})?json\b/gi;
const LOWER = /\b(?:all\s{1,3}(?:in\s{1,3})?lower[- ]?case(?:\s{1,3}letters)?|in\s{1,3}lower[- ]?case\s{1,3}letters|(?:only\s{1,3})?lower[- ]?case\s{1,3}letters\s{1,3}only)\b/gi;
const UPPER = /\b(?:all\s{1,3}(?:in\s{1,3})?(?:upper[- ]?case(?:\s{1,3}letters)?|capital\s{1,3}letters|caps)|in\s{1,3}(?:upper[- ]?case|capital)\s{1,3}letters)\b/gi;
const NO_COMMAS = /\b(?:(?:do\s{1,3}not|don't|never)\s{1,3}use\s{1,3}(?:any\s{1,3})?commas|without\s{1,3}(?:using\s{1,3})?(?:any\s{1,3})?commas|refrain\s{1,3}from\s{1,3}(?:using|the\s{1,3}use\s{1,3}of)\s{1,3}(?:any\s{1,3})?commas|no\s{1,3}commas)\b/gi;
const AFFIX = /\b(end|finish|conclude|start|begin)\s{1,3}(?:your|the|each)\s{1,3}(?:entire\s{1,3})?(?:response|answer|reply|message|output)\s{1,3}with\s{1,3}(?:(?:the|this)\s{1,3}(?:exact\s{1,3})?(?:phrase|sentence|words?|text)\s{0,3}:?\s{0,3})?(?:"([^"\n]{1,200})"|“([^”\n]{1,200})”)/gi;

/** Words that turn a clause around ("do not answer in JSON"); looked for between the clause start and the phrase. */
const NEGATION = /\b(?:not|never|no|nor|avoid|without|instead\s+of|rather\s+than)\b|n't\b/i;
/** A condition or exception makes the phrase apply only sometimes. */
const CONDITION = /\b(?:if|unless|otherwise|except|when\s+the\s+user|e\.g|for\s+example|such\s+as)\b/i;
/** The count is about a part of the answer, not the whole of it. */
const PART = /\b(?:each|every|per|(?:title|heading|headline|subject|label|caption|tagline|slogan|field|tweet|bullet|sentence|paragraph|line)s?)\b/i;
/** A condition after the phrase: "respond in JSON only when asked", "… unless the input is empty". */
const CONDITION_AFTER = /\b(?:if|unless|when|whenever|only\s+for|except)\b/i;
const PART_AFTER = /^\s{0,3}(?:per|each|in\s+each|for\s+each|of\s+each|apiece|long\s+each)\b/i;
/** What may stand before an instruction verb in its clause: nothing, or a modal, "please", "you", "then", "and", "to". */
const IMPERATIVE_LEAD = /(?:^|\b(?:to|must|should|shall|will|please|always|only|then|and|you|can|also|now|finally))\s*$/i;
/** The sentence tells the model what to write (not what the input looks like). */
const OUTPUT_CUE = /\b(?:respond|response|responses|answer|answers|reply|replies|write|writing|summar\w{0,8}|keep|limit|output|return|produce|generate|give|list|describe|explain|explanation|use|your|compose|draft|rewrite|translate|provide|create|must|should)\b/i;

/** Every constraint stated in `text`; `text` should already have code blanked out (see `maskCode`). */
export function detectConstraints(text: string): StatedConstraint[] {
  const found: StatedConstraint[] = [];
  try {
    collectCounts(text, found);
    collectSimple(text, JSON_PHRASE, found, () => ({ key: 'format', value: 'json' }), 'clause and phrase', true);
    collectSimple(text, JSON_ONLY, found, () => ({ key: 'format', value: 'json' }), 'clause', true);
    collectSimple(text, PLAIN_PHRASE, found, () => ({ key: 'format', value: 'text' }), 'clause and phrase', true);
    collectSimple(text, LOWER, found, () => ({ key: 'case', value: 'lower' }), 'clause');
    collectSimple(text, UPPER, found, () => ({ key: 'case', value: 'upper' }), 'clause');
    collectSimple(text, NO_COMMAS, found, () => ({ key: 'noCommas', value: true }), 'none');
    collectSimple(text, AFFIX, found, (m) => {
      const key: StatedKey = /^(?:end|finish|conclude)$/i.test(m[1]) ? 'endsWith' : 'startsWith';
      return { key, value: m[2] ?? m[3] ?? '' };
    }, 'clause');
  } catch {
    // A regex engine limit on a pathological input: report nothing rather than break the lint.
    return [];
  }
  return dropOverlaps(found);
}

function collectCounts(text: string, found: StatedConstraint[]): void {
  for (const m of text.matchAll(COUNT_BEFORE)) {
    const operator = BOUND_OPERATOR.get(m[1].toLowerCase().replace(/\s+/g, ' ')) ?? '<=';
    const n = numberOf(m[2]);
    const key = unitKey(m[3]);
    if (n === undefined || !key || !countApplies(text, m)) continue;
    const value = countValue(operator, n);
    if (value !== undefined) found.push(stated(key, value, m));
  }
  for (const m of text.matchAll(COUNT_BETWEEN)) {
    const a = numberOf(m[1]);
    const b = numberOf(m[2]);
    const key = unitKey(m[3]);
    if (a === undefined || b === undefined || a > b || !key || !countApplies(text, m)) continue;
    found.push(stated(key, `${a}..${b}`, m));
  }
  for (const m of text.matchAll(COUNT_LIMIT)) {
    const n = numberOf(m[1]);
    const key = unitKey(m[2]);
    if (n === undefined || !key || !countApplies(text, m)) continue;
    found.push(stated(key, `<=${n}`, m));
  }
  for (const m of text.matchAll(COUNT_AFTER)) {
    const n = numberOf(m[1]);
    const key = unitKey(m[2]);
    if (n === undefined || !key || !countApplies(text, m)) continue;
    const atLeast = /more|least|minimum/i.test(m[3]);
    found.push(stated(key, atLeast ? `>=${n}` : `<=${n}`, m));
  }
}

function countValue(operator: string, n: number): string | number | undefined {
  if (operator === '=') return n;
  if (operator === '<' && n === 0) return undefined;
  return `${operator}${n}`;
}

function collectSimple(
  text: string,
  pattern: RegExp,
  found: StatedConstraint[],
  value: (m: RegExpMatchArray) => { key: StatedKey; value: string | number | boolean },
  negation: 'clause' | 'clause and phrase' | 'none',
  imperative = false,
): void {
  for (const m of text.matchAll(pattern)) {
    const clause = clauseBefore(text, m.index ?? 0);
    // "Respond in JSON", "you must return JSON" instruct; "the API output arrives as JSON" describes.
    if (imperative && !IMPERATIVE_LEAD.test(clause)) continue;
    if (CONDITION.test(sentenceBefore(text, m.index ?? 0)) || CONDITION_AFTER.test(sentenceAfter(text, m))) continue;
    if (negation !== 'none' && NEGATION.test(clause)) continue;
    if (negation === 'clause and phrase' && NEGATION.test(m[0])) continue;
    if (!OUTPUT_CUE.test(sentenceAround(text, m))) continue;
    const v = value(m);
    if (v.value === '') continue;
    found.push(stated(v.key, v.value, m));
  }
}

/** A count phrase counts when its clause is not negated, conditional, about a part of the answer or about the input. */
function countApplies(text: string, m: RegExpMatchArray): boolean {
  const start = m.index ?? 0;
  const clause = clauseBefore(text, start);
  const sentence = sentenceBefore(text, start);
  if (NEGATION.test(clause) || PART.test(clause) || CONDITION.test(sentence) || CONDITION_AFTER.test(sentenceAfter(text, m))) return false;
  // "`summary` (at most 20 words)": a parenthesised count qualifies the thing before it, not the whole answer.
  if (sentence.lastIndexOf('(') > sentence.lastIndexOf(')')) return false;
  if (PART_AFTER.test(text.slice(start + m[0].length, start + m[0].length + 20))) return false;
  // "an excerpt of up to 500 words" describes something; "a summary of at most 50 words" asks for it.
  const before = /\b([a-z]{1,20})\s{1,3}of\s{1,3}$/i.exec(clause);
  if (before && !/^(?:summary|answer|response|reply|output|maximum|minimum)$/i.test(before[1])) return false;
  return OUTPUT_CUE.test(sentenceAround(text, m));
}

/** The text from the start of the clause (after `.`, `!`, `?`, `;`, `:`, `,`, a newline or a dash) up to `at`, at most 80 characters. */
function clauseBefore(text: string, at: number): string {
  const from = Math.max(0, at - 80);
  let start = from;
  for (let i = at - 1; i >= from; i--) {
    const ch = text[i];
    if (ch === '.' || ch === '!' || ch === '?' || ch === ';' || ch === ':' || ch === ',' || ch === '\n' || ch === '—') {
      start = i + 1;
      break;
    }
  }
  return text.slice(start, at);
}

/** The start of the sentence holding `at`, looking back at most 200 characters. */
function sentenceStart(text: string, at: number): number {
  const from = Math.max(0, at - 200);
  for (let i = at - 1; i >= from; i--) if (isSentenceEnd(text, i)) return i + 1;
  return from;
}

function sentenceBefore(text: string, at: number): string {
  return text.slice(sentenceStart(text, at), at);
}

/** The rest of the sentence after the match, at most 200 characters. */
function sentenceAfter(text: string, m: RegExpMatchArray): string {
  const from = (m.index ?? 0) + m[0].length;
  const limit = Math.min(text.length, from + 200);
  for (let i = from; i < limit; i++) if (isSentenceEnd(text, i)) return text.slice(from, i);
  return text.slice(from, limit);
}

/** The sentence holding the match, at most 200 characters either side. */
function sentenceAround(text: string, m: RegExpMatchArray): string {
  const at = m.index ?? 0;
  const start = sentenceStart(text, at);
  const limit = Math.min(text.length, at + m[0].length + 200);
  let end = limit;
  for (let i = at + m[0].length; i < limit; i++) {
    if (isSentenceEnd(text, i)) {
      end = i;
      break;
    }
  }
  return text.slice(start, end);
}

function isSentenceEnd(text: string, i: number): boolean {
  const ch = text[i];
  if (ch === '\n') return text[i + 1] === '\n' || text[i - 1] === '\n';
  if (ch === ';') return true;
  return (ch === '.' || ch === '!' || ch === '?') && (i + 1 >= text.length || /\s/.test(text[i + 1]));
}

function stated(key: StatedKey, value: string | number | boolean, m: RegExpMatchArray): StatedConstraint {
  return { key, value, phrase: m[0], offset: m.index ?? 0, length: m[0].length };
}

function numberOf(token: string): number | undefined {
  const lower = token.toLowerCase().replace(/\s+/g, ' ');
  if (lower in NUMBER_WORDS) return NUMBER_WORDS[lower];
  const n = Number(lower.replace(/,/g, ''));
  return Number.isSafeInteger(n) ? n : undefined;
}

function unitKey(unit: string): StatedKey | undefined {
  const u = unit.toLowerCase();
  if (u.startsWith('word')) return 'words';
  if (u.startsWith('sentence')) return 'sentences';
  if (u.startsWith('paragraph')) return 'paragraphs';
  if (u.startsWith('bullet') || u.startsWith('list item')) return 'bullets';
  if (u.startsWith('char')) return 'characters';
  if (u.startsWith('line')) return 'lines';
  return undefined;
}

/**
 * Keeps the earliest-starting (then longest) of overlapping phrases of one key, in text order. Phrases of
 * different keys may overlap: "Answer in at most 100 words, as plain prose" states both a count and a format.
 */
function dropOverlaps(found: StatedConstraint[]): StatedConstraint[] {
  const sorted = [...found].sort((a, b) => a.offset - b.offset || b.length - a.length);
  const kept: StatedConstraint[] = [];
  const end = new Map<StatedKey, number>();
  for (const s of sorted) {
    if (s.offset < (end.get(s.key) ?? -1)) continue;
    kept.push(s);
    end.set(s.key, s.offset + s.length);
  }
  return kept;
}

/**
 * `text` with Markdown code (fenced blocks and inline code spans) replaced by spaces, so offsets stay the same.
 * `inFence` carries an open fence across pieces of one message; the returned state is the one at the end.
 */
export function maskCode(text: string, inFence = false): { masked: string; inFence: boolean } {
  let masked = '';
  let open = inFence;
  let at = 0;
  while (at < text.length) {
    let next = text.indexOf('\n', at);
    if (next === -1) next = text.length;
    else next += 1;
    const line = text.slice(at, next);
    const fence = /^ {0,3}(```|~~~)/.test(line);
    if (open || fence) {
      masked += blank(line);
      if (fence) open = !open;
    } else {
      masked += line.replace(/(`{1,3})[^`\n]{1,500}?\1/g, blank);
    }
    at = next;
  }
  return { masked, inFence: open };
}

function blank(s: string): string {
  return s.replace(/[^\n\r]/g, ' ');
}
