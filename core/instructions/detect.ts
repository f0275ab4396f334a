// Finds checkable constraints stated in a prompt's own prose ("at most 50 words", "respond in JSON") as constraint values.
//
// Every matcher is a regular expression of literal alternatives and bounded gaps ({0,40}), so a scan is linear
// in the text; nothing here throws. Precision matters more than recall: a phrase is skipped when its clause
// is negated, conditional, about a part of the answer (each bullet, the title) or about the input.
import { afterLastMatch, allMatches } from '../matches';
import { firstMatchInSteps, matchesInSteps } from '../windowed-matches';

/** What a stated constraint's value may be: a scalar, a word list, or a small mapping (`{count, marker}`). */
export type StatedValue = string | number | boolean | string[] | Record<string, unknown> | Array<Record<string, unknown>>;

/** A constraint the prose states, as the value to declare (docs/constraints.md shorthands for counts). */
export interface StatedConstraint {
  key: StatedKey;
  value: StatedValue;
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
  | 'endsWith'
  | 'include'
  | 'exclude'
  | 'frequency'
  | 'letters'
  | 'language'
  | 'title'
  | 'highlights'
  | 'sections'
  | 'placeholders'
  | 'postscript'
  | 'wrappedIn'
  | 'repeatPrompt'
  | 'responses'
  | 'pattern'
  | 'capitalWords'
  | 'firstWord';

export const COUNT_KEYS: ReadonlySet<StatedKey> = new Set([
  'words',
  'sentences',
  'paragraphs',
  'bullets',
  'characters',
  'lines',
  'highlights',
  'placeholders',
  'capitalWords',
]);

const NUMBER_WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  'a single': 1,
};

const NUM = String.raw`(\d{1,3}(?:,\d{3}){1,2}|\d{1,6}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|a single)`;
const ADJECTIVE = String.raw`(?:(?:very\s{1,3})?(?:short|concise|brief|complete|full|separate|distinct|total|long|detailed|markdown)\s{1,3})?`;
const UNIT = String.raw`(words?|sentences?|paragraphs?|bullet[- ]points?|bullets?|bulleted items?|list items?|characters?|chars|lines?)`;

/** Bound phrases before the number, longest first at each starting word; each maps to a shorthand operator. */
const BOUNDS: Array<[string, string]> = [
  ['no more than', '<='],
  ['not more than', '<='],
  ['no longer than', '<='],
  ['no fewer than', '>='],
  ['no less than', '>='],
  ['not to exceed', '<='],
  ['not exceeding', '<='],
  ['not exceed', '<='],
  ['a maximum of', '<='],
  ['maximum of', '<='],
  ['a minimum of', '>='],
  ['minimum of', '>='],
  ['maximum', '<='],
  ['minimum', '>='],
  ['at most', '<='],
  ['at least', '>='],
  ['up to', '<='],
  ['within', '<='],
  ['fewer than', '<'],
  ['less than', '<'],
  ['under', '<'],
  ['more than', '>'],
  ['over', '>'],
  ['exactly', '='],
  ['approximately', '~'],
  ['roughly', '~'],
  ['around', '~'],
  ['about', '~'],
  ['in', '<='],
];
const BOUND_OPERATOR = new Map(BOUNDS);

const COUNT_BEFORE = new RegExp(
  String.raw`\b(${BOUNDS.map(([phrase]) => phrase.replace(/ /g, String.raw`\s{1,3}`)).join('|')})\s{1,3}(?:only\s{1,3}|just\s{1,3})?(?:a\s{1,3}total\s{1,3}of\s{1,3})?${NUM}\s{1,3}${ADJECTIVE}${UNIT}\b`,
  'gi',
);
const COUNT_BETWEEN = new RegExp(
  String.raw`\b(?:between\s{1,3}${NUM}\s{1,3}and|${NUM}\s{1,3}(?:to|or|-)|${NUM}\s{0,1}[-–])\s{0,3}${NUM}\s{1,3}${ADJECTIVE}${UNIT}\b`,
  'gi',
);
const COUNT_LIMIT = new RegExp(
  String.raw`\b(?:limit|keep)\s{1,3}(?:your|the|it)(?:\s{1,3}(?:entire\s{1,3})?(?:response|answer|reply|output|summary))?\s{1,3}to\s{1,3}(?:only\s{1,3}|just\s{1,3})?${NUM}\s{1,3}${ADJECTIVE}${UNIT}\b`,
  'gi',
);
const COUNT_AFTER = new RegExp(
  String.raw`\b${NUM}\s{1,3}${ADJECTIVE}${UNIT}\s{1,3}(or\s{1,3}(?:less|fewer)|or\s{1,3}more|max(?:imum)?|at\s{1,3}most|at\s{1,3}least|minimum)\b`,
  'gi',
);

const JSON_PHRASE =
  /\b(?:respond|answer|reply|return|output|format|give|provide|write|produce)\b[^.!?\n]{0,40}?\b(?:in|as|with|using)\s{1,3}(?:a\s{1,3}|an\s{1,3}|one\s{1,3})?(?:single\s{1,3})?(?:valid\s{1,3}|strict\s{1,3}|raw\s{1,3}|pure\s{1,3}|only\s{1,3})?json\b/gi;
const PLAIN_PHRASE =
  /\b(?:respond|answer|reply|write|output|return|give|provide|produce)\b[^.!?\n]{0,40}?\b(?:in|as|using)\s{1,3}(?:plain\s{1,3}(?:prose|text|english)|prose)\b(?!\s{0,3}(?:inside|within|in\s{1,3}(?:a|the|each)\s{1,3}(?:json|field|key|string)))/gi;
const JSON_ONLY = /\b(?:respond|reply|return|output)\s{1,3}(?:only\s{1,3})?(?:valid\s{1,3})?json\b/gi;
const LOWER =
  /\b(?:all\s{1,3}(?:in\s{1,3})?lower[- ]?case(?:\s{1,3}letters)?|in\s{1,3}lower[- ]?case\s{1,3}letters|(?:only\s{1,3})?lower[- ]?case\s{1,3}letters\s{1,3}only)\b/gi;
const UPPER =
  /\b(?:all\s{1,3}(?:in\s{1,3})?(?:upper[- ]?case(?:\s{1,3}letters)?|capital\s{1,3}letters|caps)|in\s{1,3}(?:upper[- ]?case|capital)\s{1,3}letters)\b/gi;
const NO_COMMAS =
  /\b(?:(?:do\s{1,3}not|don't|never)\s{1,3}use\s{1,3}(?:any\s{1,3})?commas|without\s{1,3}(?:using\s{1,3})?(?:any\s{1,3})?commas|refrain\s{1,3}from\s{1,3}(?:using|the\s{1,3}use\s{1,3}of)\s{1,3}(?:any\s{1,3})?commas|no\s{1,3}commas)\b/gi;
const AFFIX =
  /\b(end|finish|conclude|start|begin)\s{1,3}(?:your|the|each)\s{1,3}(?:entire\s{1,3})?(?:response|answer|reply|message|output)\s{1,3}with\s{1,3}(?:(?:the|this)\s{1,3}(?:exact\s{1,3})?(?:phrase|sentence|words?|text)\s{0,3}:?\s{0,3})?(?:"([^"\n]{1,200})"|“([^”\n]{1,200})”)/gi;

/** Words that turn a clause around ("do not answer in JSON"); looked for between the clause start and the phrase. */
const NEGATION = /\b(?:not|never|no|nor|avoid|without|instead\s+of|rather\s+than)\b|n't\b/i;
/** A condition or exception makes the phrase apply only sometimes. */
const CONDITION = /\b(?:if|unless|otherwise|except|when\s+the\s+user)\b|\b(?:e\.g|for\s+example|such\s+as)\b(?![^,;]*,)/i;
/** The count is about a part of the answer, not the whole of it. */
const PART =
  /\b(?:each|every|per|(?:title|heading|headline|subject|label|caption|tagline|slogan|field|tweet|bullet|sentence|paragraph|line)s?)\b/i;
/** A condition after the phrase: "respond in JSON only when asked", "… unless the input is empty". */
const CONDITION_AFTER = /\b(?:if|unless|when|whenever|only\s+for|except)\b/i;
const PART_AFTER =
  /^\s{0,3}(?:per|each|in\s+each|for\s+each|of\s+each|apiece|long\s+each)\b(?!\s{1,3}(?:separated|divided|split|delimited|marked|seperated))/i;
/** What may stand before an instruction verb in its clause: nothing, or a modal, "please", "you", "then", "and", "to". */
const IMPERATIVE_LEAD = /(?:^|\b(?:to|must|should|shall|will|please|always|only|then|and|you|can|also|now|finally))\s*$/i;
/** The sentence tells the model what to write (not what the input looks like). */
const OUTPUT_CUE =
  /\b(?:make\s+sure|ensure|be\s+sure|please|expand|add|refrain|avoid|allowed|wrap|highlight|italici[sz]e|separate|repeat|respond|response|responses|answer|answers|reply|replies|write|writing|summar\w{0,8}|keep|limit|output|return|produce|generate|give|list|describe|explain|explanation|use|your|compose|draft|rewrite|translate|provide|create|must|should)\b/i;

/** Every constraint stated in `text`; `text` should already have code blanked out (see `maskCode`). */
export function detectConstraints(text: string): StatedConstraint[] {
  const steps = detectConstraintSteps(text);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/**
 * `detectConstraints` as steps: it pauses after each pattern's scan of the whole text, so the editor can yield
 * between them on a very long paragraph (docs/editor-performance.md, "Never blocking"). Returns the same list.
 */
export function* detectConstraintSteps(text: string): Generator<void, StatedConstraint[]> {
  const found: StatedConstraint[] = [];
  try {
    yield* collectCounts(text, found);
    yield;
    yield* collectSimple(text, JSON_PHRASE, found, () => ({ key: 'format', value: 'json' }), 'clause and phrase', true);
    yield;
    yield* collectSimple(text, JSON_ONLY, found, () => ({ key: 'format', value: 'json' }), 'clause', true);
    yield;
    yield* collectSimple(text, PLAIN_PHRASE, found, () => ({ key: 'format', value: 'text' }), 'clause and phrase', true);
    yield;
    yield* collectSimple(text, LOWER, found, () => ({ key: 'case', value: 'lower' }), 'clause');
    yield;
    yield* collectSimple(text, UPPER, found, () => ({ key: 'case', value: 'upper' }), 'clause');
    yield;
    yield* collectSimple(text, NO_COMMAS, found, () => ({ key: 'noCommas', value: true }), 'none');
    yield;
    try {
      yield* collectMore(text, found);
    } catch {
      // The phrasings above still count when one of these fails on a pathological input.
    }
    yield;
    yield* collectSimple(
      text,
      AFFIX,
      found,
      (m) => {
        const key: StatedKey = /^(?:end|finish|conclude)$/i.test(m[1]) ? 'endsWith' : 'startsWith';
        return { key, value: m[2] ?? m[3] ?? '' };
      },
      'clause',
    );
  } catch {
    // A regex engine limit on a pathological input: report nothing rather than break the lint.
    return [];
  }
  return dropOverlaps(absorb(text, found));
}

/**
 * A paragraph count beside "paragraph 2 must start with …" is that firstWord's count; "words with all capital
 * letters" is a count of capital words, not the case of the whole answer.
 */
function absorb(text: string, found: StatedConstraint[]): StatedConstraint[] {
  const first = found.find((s) => s.key === 'firstWord');
  // Several word (letter) frequencies are one list: "use war at least 8 times, and peace at least 10 times".
  const lists = new Map<StatedKey, StatedConstraint>();
  let capitals = false;
  const out = found.filter((s) => {
    // Two mentions of capital words ("use words in all caps … words in all caps should appear less than 10
    // times") read one count: the first, which saw both the use and the cap.
    if (s.key === 'capitalWords') {
      if (capitals) return false;
      capitals = true;
      return true;
    }
    if (s.key === 'frequency' || s.key === 'letters') {
      const head = lists.get(s.key);
      if (!head) {
        lists.set(s.key, s);
        return true;
      }
      const items = head.value as Array<Record<string, unknown>>;
      for (const item of s.value as Array<Record<string, unknown>>) {
        if (!items.some((i) => JSON.stringify(i).toLowerCase() === JSON.stringify(item).toLowerCase())) items.push(item);
      }
      return false;
    }
    if (first && s.key === 'paragraphs') {
      const value = first.value as Record<string, unknown>;
      const count = typeof s.value === 'object' ? (s.value as { count?: unknown }).count : s.value;
      if (value.paragraphs === undefined && count !== undefined) value.paragraphs = count;
      return false;
    }
    if (
      s.key === 'case' &&
      s.value === 'upper' &&
      /\bwords?\b[^.,;:!?\n]{0,25}$/i.test(text.slice(Math.max(0, s.offset - 40), s.offset))
    )
      return false;
    return true;
  });
  return out;
}

function* collectCounts(text: string, found: StatedConstraint[]): Generator<void, void> {
  for (const m of yield* matchesInSteps(text, COUNT_BEFORE)) {
    const approximate = /^\s{0,3}(?:aprox\w*|approx\w*|roughly|or\s{1,3}so)\b/i.test(
      text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 20),
    );
    const operator = approximate ? '~' : (BOUND_OPERATOR.get(m[1].toLowerCase().replace(/\s+/g, ' ')) ?? '<=');
    const n = numberOf(m[2]);
    const key = unitKey(m[3]);
    if (n === undefined || !key || !countApplies(text, m)) continue;
    const value = countValue(operator, n);
    if (value !== undefined) found.push(stated(capitalised(text, m, key), value, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, COUNT_BETWEEN)) {
    const a = numberOf(m[1] ?? m[2] ?? m[3] ?? '');
    const b = numberOf(m[4]!);
    const key = unitKey(m[5]!);
    if (a === undefined || b === undefined || a > b || !key || !countApplies(text, m)) continue;
    found.push(stated(key, `${a}..${b}`, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, COUNT_LIMIT)) {
    const n = numberOf(m[1]);
    const key = unitKey(m[2]);
    if (n === undefined || !key || !countApplies(text, m)) continue;
    found.push(stated(key, `<=${n}`, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, COUNT_AFTER)) {
    const n = numberOf(m[1]);
    const key = unitKey(m[2]);
    if (n === undefined || !key || !countApplies(text, m)) continue;
    const atLeast = /more|least|minimum/i.test(m[3]);
    found.push(stated(key, atLeast ? `>=${n}` : `<=${n}`, m));
  }
}

/** "at least 15 words in all capital letters" counts capital words, not words. */
function capitalised(text: string, m: RegExpMatchArray, key: StatedKey): StatedKey {
  if (key !== 'words') return key;
  const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 60);
  return /^\s{0,3}(?:or\s{1,3}phrases\s{1,3})?(?:[a-z]+\s{1,3}){0,4}?(?:in|with|using)\s{1,3}(?:all\s{1,3})?(?:caps|capitals|capital\s{1,3}letters|upper[- ]?case)\b/i.test(
    after,
  )
    ? 'capitalWords'
    : key;
}

function countValue(operator: string, n: number): string | number | undefined {
  if (operator === '=') return n;
  if (operator === '<' && n === 0) return undefined;
  return `${operator}${n}`;
}

function* collectSimple(
  text: string,
  pattern: RegExp,
  found: StatedConstraint[],
  value: (m: RegExpMatchArray) => { key: StatedKey; value: StatedValue },
  negation: 'clause' | 'clause and phrase' | 'none',
  imperative = false,
): Generator<void, void> {
  for (const m of yield* matchesInSteps(text, pattern)) {
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
  const whole = clauseBefore(text, start);
  const clause = afterLastMatch(whole, CLAUSE_JOINT);
  const sentence = sentenceBefore(text, start);
  if (NEGATION.test(clause) || PART.test(clause) || CONDITION.test(sentence) || CONDITION_AFTER.test(sentenceAfter(text, m)))
    return false;
  // "`summary` (at most 20 words)": a parenthesised count qualifies the thing before it, not the whole answer.
  if (sentence.lastIndexOf('(') > sentence.lastIndexOf(')')) return false;
  if (PART_AFTER.test(text.slice(start + m[0].length, start + m[0].length + 20))) return false;
  // "an excerpt of up to 500 words" describes something; "a summary of at most 50 words" asks for it.
  const before = /\b([a-z]{1,20})\s{1,3}of\s{1,3}$/i.exec(clause);
  if (
    before &&
    !/^(?:summary|answer|response|reply|output|maximum|minimum|story|essay|poem|article|letter|email|post|blog|speech|song|rap|review|report|description|explanation|critique|limerick|haiku|list|text|paper|proposal|pitch|biography|advertisement|ad)$/i.test(
      before[1],
    )
  )
    return false;
  return (
    OUTPUT_CUE.test(sentenceAround(text, m)) ||
    /^\s*(?:have|contain|include|use|write|keep|make|give|organi[sz]e\s+it)\s*$/i.test(clause)
  );
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

function stated(key: StatedKey, value: StatedValue, m: RegExpMatchArray): StatedConstraint {
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

// ---- Keys beyond counts and format: keywords, language, markers, structure ----

const Q_OPEN = `["'“‘]`;
const Q_CLOSE = `["'”’]`;
/** One quoted item, or one bare word (letters, digits, apostrophes and hyphens). */
const ITEM = String.raw`(?:${Q_OPEN}[^"'“”‘’\n]{1,40}${Q_CLOSE}|[\p{L}\p{N}][\p{L}\p{N}'’-]{0,30})`;
const QUOTED = String.raw`${Q_OPEN}[^"'“”‘’\n]{1,40}${Q_CLOSE}`;
const BARE = String.raw`[\p{L}\p{N}][\p{L}\p{N}'’-]{0,30}`;
/** One item of a matched list (listItems); constants, so that each keeps its compiled code (core/matches.ts). */
const QUOTED_ITEM = new RegExp(QUOTED, 'gu');
const BARE_ITEM = new RegExp(BARE, 'gu');
/** A quoted option of "choose from ('yes', 'no')". */
const OPTION_ITEM = /["'“”]([^"'“”\n]{1,60})["'”]/g;
/** Where a clause's own part starts: after its last "and"/"but"/"then"/"also". */
const CLAUSE_JOINT = /\b(?:and|but|then|also)\b/gi;
const SEP = String.raw`\s{0,3}(?:,\s{0,3}(?:and|or)\b|,|;|\band\b|\bor\b)\s{0,3}`;
/** Quoted items separated by commas, "and" or "or"; or bare words so separated that end the clause ("in your response", a full stop). */
const ITEMS = String.raw`(?:${QUOTED}(?:${SEP}${QUOTED}){0,9}|${BARE}(?:${SEP}${BARE}){0,9}(?=\s{0,3}(?:[.;!?\n]|$|in\s{1,3}(?:your|the|this)\b|at\s{1,3}least|at\s{1,3}most|anywhere|throughout)))`;
/** Words that are never a keyword a prompt asks for ("use words with all capitals"). */
const NOT_KEYWORDS =
  /^(?:and|or|the|a|an|in|of|to|with|that|which|from|be|is|are|as|your|response|answer|for|this|these|those|it|any|all|some)$/i;
const KEYWORD_NOUN = String.raw`(?:key\s?words?|words?|terms?|phrases?)`;
const RESPONSE_NOUN = String.raw`(?:response|answer|reply|output|text|essay|story|poem|letter|email|post|article|summary|message|rap|song|blog|speech|list|description|explanation)`;

const INCLUDE = new RegExp(
  String.raw`\b(?:(?:include|includes|including|contain|contains|containing|use|using|mention|mentioning|incorporate|incorporating|feature|have|has)\s{1,3}|with\s{1,3}(?=(?:these|the\s{1,3}following)\s))(?:the\s{1,3}|these\s{1,3}|both\s{1,3}|all\s{1,3}(?:of\s{1,3})?(?:the\s{1,3})?)?(?:following\s{1,3})?${KEYWORD_NOUN}\s{0,3}:?\s{0,3}\[?\s{0,3}(${ITEMS})|\b(?:include|mention|use)\s{1,3}(${QUOTED}(?:${SEP}${QUOTED}){0,9})`,
  'giu',
);
const NOT_VERB = String.raw`(?:(?:do\s{1,3}not|don't|never|must\s{1,3}not|should\s{1,3}not|shouldn't|cannot|can't)\s{1,3}(?:include|use|mention|say|contain|write)|avoid(?:\s{1,3}(?:using|mentioning|saying|the\s{1,3}use\s{1,3}of))?|without\s{1,3}(?:using|mentioning|including|saying)|refrain\s{1,3}from\s{1,3}(?:using|mentioning|including|saying))`;
const EXCLUDE = new RegExp(
  String.raw`\b${NOT_VERB}\s{1,3}(?:the\s{1,3}|any\s{1,3}(?:of\s{1,3}the\s{1,3})?|these\s{1,3})?(?:following\s{1,3})?${KEYWORD_NOUN}\s{0,3}:?\s{0,3}(${ITEMS})|\b${NOT_VERB}\s{1,3}(${QUOTED}(?:${SEP}${QUOTED}){0,9})|\b(?:the\s{1,3})?(?:key\s?)?(?:words?|terms?)\s{1,3}(${ITEMS})\s{1,3}(?:should|must|may|can)\s{1,3}(?:not|never)\s{1,3}(?:appear|be\s{1,3}used|be\s{1,3}mentioned|be\s{1,3}included|occur)`,
  'giu',
);
const RELATION = String.raw`(at\s{1,3}least|no\s{1,3}less\s{1,3}than|no\s{1,3}fewer\s{1,3}than|a\s{1,3}minimum\s{1,3}of|less\s{1,3}than|fewer\s{1,3}than|at\s{1,3}most|no\s{1,3}more\s{1,3}than|a\s{1,3}maximum\s{1,3}of|more\s{1,3}than|exactly)`;
const TIMES = String.raw`(?:times?|occurrences?)`;
/** "at least 3 times", "3 or more times", "twice", "at most once": relation, number, and the once/twice word. */
const HOW_OFTEN = String.raw`(?:for\s{1,3})?(?:${RELATION}\s{1,3})?(?:(?:${NUM}\s{1,3}(?:or|to|-)\s{1,3})?${NUM}\s{1,3}${TIMES}(?:\s{1,3}(or\s{1,3}more|or\s{1,3}less|or\s{1,3}fewer))?|${NUM}\s{1,3}(or\s{1,3}more|or\s{1,3}less|or\s{1,3}fewer)\s{1,3}${TIMES}|(once|twice|thrice))\b`;
const APPEAR = String.raw`(?:(?:should|must|has\s{1,3}to|needs\s{1,3}to|will|to)\s{1,3})?(?:appears?|occurs?|be\s{1,3}used|is\s{1,3}used|be\s{1,3}mentioned|is\s{1,3}mentioned|shows?\s{1,3}up)`;
const FREQUENCY = new RegExp(
  String.raw`\b(?:(?:use|include|mention|repeat|say|using|including|mentioning)\s{1,3})?(?:the\s{1,3})?(?:key\s?)?word\s{1,3}(${ITEM})\s{1,3}(?:${APPEAR}\s{1,3})?${HOW_OFTEN}|\b(?:use|include|mention|repeat|say)\s{1,3}(${QUOTED})\s{1,3}${HOW_OFTEN}`,
  'giu',
);
const LETTER = String.raw`(?:${Q_OPEN}(\p{L})${Q_CLOSE}|(\p{L})\b)`;
const LETTERS = new RegExp(
  String.raw`\b(?:(?:use|include|using|including)\s{1,3})?(?:the\s{1,3})?letter\s{1,3}${LETTER}\s{1,3}(?:${APPEAR}\s{1,3})?${HOW_OFTEN}`,
  'giu',
);
const NO_LETTER = new RegExp(String.raw`\b${NOT_VERB}\s{1,3}(?:the|any)\s{1,3}letter\s{1,3}${LETTER}`, 'giu');

/** English names of the languages `language` can identify. */
const LANGUAGE_NAMES: Record<string, string> = {
  afrikaans: 'af',
  arabic: 'ar',
  bulgarian: 'bg',
  bengali: 'bn',
  bangla: 'bn',
  catalan: 'ca',
  czech: 'cs',
  welsh: 'cy',
  danish: 'da',
  german: 'de',
  greek: 'el',
  english: 'en',
  spanish: 'es',
  estonian: 'et',
  persian: 'fa',
  farsi: 'fa',
  finnish: 'fi',
  french: 'fr',
  gujarati: 'gu',
  hebrew: 'he',
  hindi: 'hi',
  croatian: 'hr',
  hungarian: 'hu',
  indonesian: 'id',
  italian: 'it',
  japanese: 'ja',
  kannada: 'kn',
  korean: 'ko',
  lithuanian: 'lt',
  latvian: 'lv',
  macedonian: 'mk',
  malayalam: 'ml',
  marathi: 'mr',
  nepali: 'ne',
  dutch: 'nl',
  norwegian: 'no',
  punjabi: 'pa',
  polish: 'pl',
  portuguese: 'pt',
  romanian: 'ro',
  russian: 'ru',
  slovak: 'sk',
  slovenian: 'sl',
  somali: 'so',
  albanian: 'sq',
  swedish: 'sv',
  swahili: 'sw',
  kiswahili: 'sw',
  tamil: 'ta',
  telugu: 'te',
  thai: 'th',
  tagalog: 'tl',
  filipino: 'tl',
  turkish: 'tr',
  ukrainian: 'uk',
  urdu: 'ur',
  vietnamese: 'vi',
  chinese: 'zh',
  mandarin: 'zh',
};
const LANGUAGE_NAME = `(${Object.keys(LANGUAGE_NAMES).join('|')})`;
const LANGUAGE = new RegExp(
  String.raw`\b(?:(?:respond|answer|reply|write|written|speak|rewrite|translated?|compose|composed|be|is|only|entirely|exclusively|completely|fully|all|using|use)\s{1,3}(?:it\s{1,3}|only\s{1,3}|entirely\s{1,3}|exclusively\s{1,3}|completely\s{1,3}|fully\s{1,3}|all\s{1,3})?(?:in|into|using)\s{1,3}(?:only\s{1,3}|the\s{1,3}){0,2}${LANGUAGE_NAME}(?:\s{1,3}language)?)\b(?!\s{0,3}(?:words?|terms?|names?|phrases?|translations?|version|text|speakers?|culture|food))`,
  'gi',
);
const LANGUAGE_ANY = new RegExp(
  String.raw`\b(?:in|using|use)\s{1,3}(?:only\s{1,3}|entirely\s{1,3}|the\s{1,3}|exclusively\s{1,3}){0,2}${LANGUAGE_NAME}(?:\s{1,3}language)?\b`,
  'gi',
);
const LANGUAGE_ONLY_CUE = /\bno\s{1,3}other\s{1,3}language|\bonly\b|\bexclusively\b|\bentire(?:ly)?\b/i;
/** A language required of a part of the answer ("every 5th word", "each sentence"), not of the whole. */
const LANGUAGE_PART = /\b(?:words?|sentences?|lines?|paragraphs?|titles?|bullets?|headings?|names?)\b|\bevery\s{1,3}\d/i;
const LANGUAGE_ONLY = new RegExp(
  String.raw`\b(?:in|using)\s{1,3}(?:the\s{1,3})?${LANGUAGE_NAME}(?:\s{1,3}language)?\s{0,3}(?:,\s{0,3})?(?:only\b|exclusively\b|no\s{1,3}other\s{1,3}language)|\b(?:only|exclusively)\s{1,3}(?:in|use)\s{1,3}${LANGUAGE_NAME}\b|\bno\s{1,3}other\s{1,3}language\s{1,3}(?:except|than|but)\s{1,3}${LANGUAGE_NAME}\b`,
  'gi',
);

const TITLE =
  /\b(?:put|wrap|wrapped|enclose|enclosed|place|write)\b[^.\n]{0,60}?\bin\s{1,3}double\s{1,3}angul?ar\s{1,3}brackets|\btitle\b[^.\n]{0,80}?(?:double\s{1,3}angul?ar\s{1,3}brackets|<<[^<>\n]{1,60}>>)|(?:double\s{1,3}angul?ar\s{1,3}brackets|<<\s{0,2}title\s{0,2}>>)[^.\n]{0,60}?\btitle\b/gi;
const BOUND_WORDS = /^(?:at|no|a|less|fewer|more|exactly)\b/i;
const HIGHLIGHTS = new RegExp(
  String.raw`\b(?:highlight|italici[sz]e)(?:ing)?\s{1,3}(?:${RELATION}\s{1,3})?${NUM}\s{1,3}(?:key\s{1,3}|important\s{1,3}|different\s{1,3}|separate\s{1,3}|text\s{1,3})?(?:sections?|parts?|phrases?|points?|words?|sentences?|portions?|areas?|items?|text\s{1,3}parts?)|\b${RELATION}\s{1,3}${NUM}\s{1,3}(?:highlighted|italici[sz]ed|italic)\s{1,3}(?:text\s{1,3})?(?:sections?|parts?|phrases?|words?)|\b${NUM}\s{1,3}(?:highlighted|italici[sz]ed)\s{1,3}(?:sections?|parts?|phrases?)|\b${RELATION}\s{1,3}${NUM}\s{1,3}(?:sections?|parts?|phrases?)\s{1,3}(?:should|must|need\s{1,3}to)\s{1,3}be\s{1,3}(?:highlighted|italici[sz]ed)`,
  'gi',
);
const PLACEHOLDERS = new RegExp(
  String.raw`\b(?:${RELATION}\s{1,3})?${NUM}\s{1,3}(?:different\s{1,3}|separate\s{1,3})?placeholders?\b`,
  'gi',
);
const POSTSCRIPT =
  /\b(?:post\s?script|note|P\.\s?S\.?)\b[^.\n]{0,60}?\b(?:(?:start(?:ing|s)?|begin(?:ning|s)?)\s{1,3}with|indicated\s{1,3}by|marked\s{1,3}(?:with|by)|label(?:l?ed)?\s{1,3}(?:with|as))\s{1,3}["'“]?(P\.\s?P\.\s?S\.?|P\.\s?S\.?)|\b(?:add|include|write|end\s{1,3}with|append|with)\s{1,3}(?:a\s{1,3})?(?:postscript\s{1,3}\(?\s{0,2})?["'“]?(P\.\s?P\.\s?S\.?|P\.\s?S\.)/gi;
const QUOTATION = new RegExp(
  String.raw`\b(?:put|place|add)\s{1,3}double\s{1,3}(?:quotation\s{1,3}marks?|quotes)\s{1,3}around\s{1,3}(?:your|the)\s{1,3}(?:entire\s{1,3}|whole\s{1,3}|full\s{1,3})?${RESPONSE_NOUN}|\b${RESPONSE_NOUN}\s{1,3}(?:is|be)\s{1,3}(?:wrapped|enclosed)\s{1,3}(?:with|in)\s{1,3}double\s{1,3}(?:quotation\s{1,3}marks|quotes)|\b(?:wrap|enclose|surround|put|place)\s{1,3}(?:your|the|this)?\s{0,3}(?:entire|whole|full|complete)?\s{0,3}(?:${RESPONSE_NOUN})?\s{0,3}(?:\([^)\n]{0,80}\)\s{0,3})?(?:with|in|inside|within|between)\s{1,3}(?:a\s{1,3}pair\s{1,3}of\s{1,3})?double\s{1,3}(?:quotation\s{1,3}marks|quotes)|\b(?:${RESPONSE_NOUN})\s{1,3}(?:should|must|has\s{1,3}to|needs\s{1,3}to)\s{1,3}be\s{1,3}(?:wrapped|enclosed|surrounded)\s{1,3}(?:with|in)\s{1,3}double\s{1,3}(?:quotation\s{1,3}marks|quotes)`,
  'gi',
);
const REPEAT =
  /\brepeat\s{1,3}(?:the|this|my|your|our)\s{1,3}(?:exact\s{1,3}|whole\s{1,3}|entire\s{1,3}|full\s{1,3})?(?:request|question|prompt|query|instruction|instructions|input|task|sentence)(?:\s{1,3}(?:above|below))?\s{0,3}(?:word\s{1,3}for\s{1,3}word|verbatim|exactly|without\s{1,3}(?:any\s{1,3})?change|first)?/gi;
const REPEAT_ANY =
  /\brepeat\s{1,3}(?:the\s{1,3}|this\s{1,3}|all\s{1,3}(?:the\s{1,3})?|it\b|["“])[^.\n]{0,120}?\b(?:word\s{1,3}(?:for|by)\s{1,3}word|verbatim|exactly\s{1,3}as\s{1,3}it\s{1,3}is|as\s{1,3}it\s{1,3}is|without\s{1,3}(?:any\s{1,3})?change|at\s{1,3}the\s{1,3}(?:very\s{1,3})?beginning)/gi;
const REPEAT_OBJECT =
  /\b(?:request|question|prompt|query|instructions?|input|task|sentence|text|line)\b|\brepeat\s{1,3}(?:it\b|["“])/i;
/** "Repeat the request, but change its first word" asks for a changed copy, which repeatPrompt cannot check. */
const REPEAT_CHANGED = /\bbut\s{1,3}(?:change|replace|modify|alter|swap)|\bchang(?:e|ing)\s{1,3}(?:the|its|one|a)\b/i;
const REPEAT_HOW = /\b(?:word\s{1,3}for\s{1,3}word|verbatim|exact|without\s{1,3}(?:any\s{1,3})?change|first|before)\b/i;
const TWO_RESPONSES = new RegExp(
  String.raw`\b(?:give|provide|write|generate|produce|offer|respond\s{1,3}with|answer\s{1,3}with)\s{1,3}(?:me\s{1,3})?(?:exactly\s{1,3})?(two|2|three|3)\s{1,3}(?:different|distinct|separate|alternative|unique)\s{1,3}(?:responses|answers|versions|replies|variants|options)`,
  'gi',
);
const SEPARATED_RESPONSES = /\bseparat(?:e|ed|ing)\b[^.\n]{0,60}?(?:\*{6}|\b(?:6|six)\s{1,3}asterisks?(?:\s{1,3}symbols?)?)/gi;
const OPTIONS =
  /\b(?:(?:(?:answer|respond|reply)\s{1,3}with|(?:must|should)\s{1,3}(?:contain|include|be)|(?:just\s{1,3})?say)\s{1,3}(?:exactly\s{1,3})?one\s{1,3}of\s{1,3}the\s{1,3}following(?:\s{1,3}exact)?(?:\s{1,3}(?:options|choices|answers|phrases))?|(?:answer|say|reply)(?=\s{1,3}["“”][^"“”\n]{1,60}["”]\s{1,3}or\s)|choose\s{1,3}(?:one\s{1,3})?(?:from|of|between)\s{1,3}the\s{1,3}following(?:\s{1,3}(?:options|choices|answers|phrases))?)\s{0,3}:?\s{0,3}\(?((?:\s{0,3}["'“”][^"'“”\n]{1,60}["'”]\s{0,3}(?:,|or|\))?){2,6})/gi;
const CAPITAL_WORDS =
  /\b(?:words?\s{1,3}(?:with|in|written\s{1,3}in|using)\s{1,3}(?:all\s{1,3})?(?:capital\s{1,3}letters|caps|upper[- ]?case(?:\s{1,3}letters)?)|(?:all[- ]caps|all[- ]capital|fully\s{1,3}capitali[sz]ed|capitali[sz]ed|upper[- ]?case)\s{1,3}words?|words?\s{1,3}(?:that\s{1,3}are\s{1,3})?in\s{1,3}(?:all\s{1,3})?(?:caps|capitals|capital\s{1,3}letters))\b/gi;
/** "the last paragraph": its number is the paragraph count. */
const LAST = 99;
const CAPITAL_COUNT = new RegExp(
  String.raw`(?:${RELATION}\s{1,3})?(?:${NUM}\s{1,3}(?:to|or|-)\s{1,3})?${NUM}(?=\s{1,3}(?:times?|(?:such\s{1,3})?(?:capitali[sz]ed\s{1,3}|all[- ]caps\s{1,3})?words?))`,
  'i',
);
const ORDINAL: Record<string, number> = {
  last: LAST,
  final: LAST,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  '1st': 1,
  '2nd': 2,
  '3rd': 3,
  '4th': 4,
  '5th': 5,
  '6th': 6,
  '7th': 7,
  '8th': 8,
  '9th': 9,
  '10th': 10,
};
const ORD = `(${Object.keys(ORDINAL).join('|')})`;
const FIRST_WORD_TARGET = String.raw`(?:with\s{1,3}(?:the\s{1,3})?(?:word\s{1,3})?)(?:["'“‘](\p{L}[\p{L}'’-]{0,30})["'”’]|(\p{L}[\p{L}'’-]{0,30}))`;
const FIRST_WORD = new RegExp(
  String.raw`\bparagraph\s{1,3}(?:#\s{0,2}|number\s{1,3})?(\d{1,2})\s{1,3}(?:must|should|has\s{1,3}to|needs\s{1,3}to|will|shall)?\s{0,3}(?:start|begin)s?\s{1,3}${FIRST_WORD_TARGET}|\b(?:the\s{1,3})?${ORD}\s{1,3}paragraph\s{1,3}(?:must|should|has\s{1,3}to|needs\s{1,3}to|will|shall)?\s{0,3}(?:start|begin)s?\s{1,3}${FIRST_WORD_TARGET}|\b(?:start|begin)\s{1,3}(?:the\s{1,3}|your\s{1,3})?${ORD}\s{1,3}paragraph\s{1,3}${FIRST_WORD_TARGET}|\b(?:start|begin)\s{1,3}paragraph\s{1,3}(\d{1,2})\s{1,3}${FIRST_WORD_TARGET}`,
  'giu',
);
const SECTION_MARKER =
  /\b(?:with|as|by|using)\s{1,3}(?:the\s{1,3}(?:word|label|text|heading)\s{1,3})?["'“]?([A-Za-z]{2,20})["'”]?\s{1,3}(?:X|N|#)\b/g;
const SECTION_CONTEXT = /\b(?:sections?|parts?|paragraphs?|chapters?|days?)\b/i;
const SECTION_VERB =
  /\b(?:mark\w*|label\w*|not(?:ed|e)|titled?|named?|denot\w*|begin\w*|start\w*|prefix\w*|head\w*|number\w*)\b/i;
const SECTION_COUNT = new RegExp(
  String.raw`\b(?:${RELATION}\s{1,3})?${NUM}\s{1,3}(?:different\s{1,3}|distinct\s{1,3}|separate\s{1,3})?(?:sections?|parts?|chapters?|paragraphs?|days?)\b`,
  'gi',
);
const STAR_DIVIDER = /\*\*\*|markdown\s{1,3}divider/i;
const STAR_PARTS = new RegExp(
  String.raw`\b(?:${RELATION}\s{1,3})?${NUM}\s{1,3}(?:paragraphs|sections|parts|stanzas|chunks|segments)\b`,
  'gi',
);
const BARE_COUNT = new RegExp(
  String.raw`\b(?:there\s{1,3}should\s{1,3}be|there\s{1,3}must\s{1,3}be|(?:should|must)\s{1,3}(?:have|contain|consist\s{1,3}of|be)|(?:with|into|contain|containing|consisting\s{1,3}of)|(?:write|give|provide|produce|generate|list)\s{1,3}(?:me\s{1,3})?)\s{1,3}${NUM}\s{1,3}${ADJECTIVE}${UNIT}\b(?!\s{1,3}(?:or\s{1,3}(?:less|fewer|more)|max(?:imum)?|at\s{1,3}(?:most|least)|minimum))`,
  'gi',
);
const COUNT_OR = new RegExp(
  String.raw`\b${NUM}\s{0,2}(?:\+|\s(?:or|and)\s{1,3}(more|fewer|less|above|below|over|under))\s{0,3}-?\s{0,3}${ADJECTIVE}${UNIT}\b`,
  'gi',
);
const NO_CAPITALS =
  /\b(?:no\s{1,3}|without\s{1,3}(?:using\s{1,3})?(?:any\s{1,3})?|not?\s{1,3}(?:use|using|include|contain|have)\s{1,3}(?:any\s{1,3})?)capital(?:ized)?\s{1,3}letters?\b|\bcapital\s{1,3}letters\s{1,3}are\s{1,3}not\s{1,3}allowed\b|\b(?:in|using)\s{1,3}(?:only\s{1,3})?lower[- ]?case\b|\blower[- ]?case\s{1,3}only\b|\ball\s{1,3}(?:the\s{1,3})?letters\b[^.\n]{0,30}?\b(?:must|should)\s{1,3}be\s{1,3}(?:in\s{1,3})?lower[- ]?case|\ball\s{1,3}letters\s{1,3}lower[- ]?cased\b|\band\s{1,3}all\s{1,3}lower[- ]?case\b|\b(?:use|using|contain|containing|with|write\s{1,3}in)\s{1,3}only\s{1,3}lower[- ]?case(?:\s{1,3}letters)?\b|\bonly\s{1,3}lower[- ]?case\s{1,3}letters\b/gi;
const UPPER_MORE =
  /\b(?:in|using)\s{1,3}(?:only\s{1,3})?(?:upper[- ]?case|capitals|caps)\b|\b(?:capital|upper[- ]?case)\s{1,3}letters\s{1,3}only\b|\bcapitali[sz]e\s{1,3}(?:your|the)\s{1,3}(?:entire|whole)\s{1,3}(?:response|answer)\b|\bcapitali[sz]e\s{1,3}(?:all|every|each)\s{1,3}(?:of\s{1,3})?(?:your\s{1,3}|the\s{1,3})?(?:words?|letters?)\b/gi;
const NO_COMMAS_MORE =
  /\b(?:not\s{1,3}allowed\s{1,3}to\s{1,3}use\s{1,3}(?:any\s{1,3})?commas?|without\s{1,3}the\s{1,3}use\s{1,3}of\s{1,3}(?:any\s{1,3})?commas?|(?:do\s{1,3}not|don't|doesn't|does\s{1,3}not|never|must\s{1,3}not|should\s{1,3}not|mustn't|shouldn't|cannot|can't)\s{1,3}(?:use|include|contain|have|put|add|write)\s{1,3}(?:any\s{1,3}|a\s{1,3}single\s{1,3})?commas?|avoid\s{1,3}(?:using\s{1,3})?(?:any\s{1,3})?commas?|(?:without|with\s{1,3}no)\s{1,3}(?:using\s{1,3}|any\s{1,3})*commas?|commas?\s{1,3}(?:are|is)\s{1,3}not\s{1,3}(?:allowed|permitted)|no\s{1,3}commas?)\b/gi;
const JSON_MORE =
  /\b(?:entire\s{1,3}|whole\s{1,3})?(?:output|response|answer|reply)\s{1,3}(?:should|must|has\s{1,3}to|needs\s{1,3}to|will|is\s{1,3}to)\s{1,3}be\s{1,3}(?:wrapped\s{1,3}|formatted\s{1,3}|written\s{1,3}|provided\s{1,3}|given\s{1,3}|returned\s{1,3})?(?:in|as)\s{1,3}(?:a\s{1,3}|an\s{1,3}|valid\s{1,3}){0,2}json\b|\bwrap\s{1,3}(?:your|the)\s{1,3}(?:entire\s{1,3}|whole\s{1,3})?(?:output|response|answer)\s{1,3}in\s{1,3}json\b|\b(?:use|using|in)\s{1,3}json\s{1,3}format\b/gi;
const END_PHRASE = new RegExp(
  String.raw`\b(?:(?:end|finish|conclude)\s{1,3}(?:(?:your|the|each|this)\s{1,3})?(?:(?:whole|entire|very)\s{1,3})?(?:${RESPONSE_NOUN}\s{1,3})?(?:with|by)|${RESPONSE_NOUN}\s{1,3}(?:must|should|has\s{1,3}to|needs\s{1,3}to)\s{1,3}(?:end|finish|conclude)\s{1,3}with|(?:the\s{1,3})?(?:very\s{1,3})?end\s{1,3}of\s{1,3}(?:your|the)\s{1,3}(?:entire\s{1,3}|whole\s{1,3})?${RESPONSE_NOUN}\s{1,3}(?:should|must)\s{1,3}(?:read|be))\s{1,3}(?:(?:the|this)\s{1,3}(?:exact\s{1,3})?(?:phrase|sentence|words?|text|question)\s{0,3}(?:of\s{1,3})?)?(?:exactly\s{1,3})?(?:like\s{0,3})?:?\s{0,3}(?:["“]([^"”\n]{1,200})["”]|([^"“\s][^\n]{0,160}?[.?!]))(?=\s{1,3}(?:No\s{1,3}(?:other|additional)|with\s{1,3}no)|\s*\n|\s*$)`,
  'gi',
);
const END_PLAIN = new RegExp(
  String.raw`\b(?:end|finish|conclude)\s{1,3}(?:your|the|each)\s{1,3}(?:entire\s{1,3})?${RESPONSE_NOUN}\s{1,3}with\s{1,3}(?:the|this)\s{1,3}(?:exact\s{1,3})?(?:phrase|sentence|words?|text|question)\s{0,3}:?\s{0,3}([^"“\n][^\n]{0,120}?[.?!])(?=\s{1,3}No\s{1,3}other|\s*\n|\s*$)`,
  'gi',
);

/** Items of a matched list: quoted ones as written, bare ones split at commas and "and"/"or". */
function listItems(list: string): string[] {
  const items: string[] = [];
  const quoted = /^["'“‘]/.test(list);
  for (const m of allMatches(list, quoted ? QUOTED_ITEM : BARE_ITEM)) {
    const word = quoted ? m[0].slice(1, -1) : m[0];
    if (!quoted && /^(?:and|or)$/i.test(word)) continue;
    if (!quoted && NOT_KEYWORDS.test(word)) return [];
    items.push(word.trim());
  }
  return [...new Set(items)].filter((w) => w !== '');
}

/** The bound phrase of RELATION as a count shorthand applied to n. */
function relationCount(relation: string | undefined, n: number): string | number {
  const r = (relation ?? '').toLowerCase().replace(/\s+/g, ' ');
  if (r === 'less than' || r === 'fewer than') return `<${n}`;
  if (r === 'at most' || r === 'no more than' || r === 'a maximum of') return `<=${n}`;
  if (r === 'more than') return `>${n}`;
  if (r === 'exactly') return n;
  return `>=${n}`;
}

/** How often, from HOW_OFTEN's seven groups: relation, a range's low end, number, "or more", number, "or more", once/twice/thrice. */
function howOften(groups: Array<string | undefined>): string | number | undefined {
  const [relation, low, n1, more1, n2, more2, word] = groups;
  const from = low === undefined ? undefined : numberOf(low);
  const to = numberOf(n1 ?? '');
  if (from !== undefined && to !== undefined && from <= to) return `${from}..${to}`;
  const n = word ? { once: 1, twice: 2, thrice: 3 }[word.toLowerCase() as 'once'] : numberOf(n1 ?? n2 ?? '');
  if (n === undefined) return undefined;
  if (relation) return relationCount(relation, n);
  const more = more1 ?? more2;
  if (more) return /more/i.test(more) ? `>=${n}` : `<=${n}`;
  return n;
}

/**
 * Not conditional, not negated (in the part of its clause after the last "and"/"but"/"then", so "do not use
 * commas and highlight 3 sections" still states the highlights), and an instruction: an output cue in the
 * sentence, or an instruction verb leading its clause.
 */
function applies(text: string, m: RegExpMatchArray, negation: boolean): boolean {
  const at = m.index ?? 0;
  if (CONDITION.test(sentenceBefore(text, at)) || CONDITION_AFTER.test(sentenceAfter(text, m))) return false;
  const clause = clauseBefore(text, at);
  const own = afterLastMatch(clause, CLAUSE_JOINT);
  if (negation && NEGATION.test(own)) return false;
  return OUTPUT_CUE.test(sentenceAround(text, m)) || IMPERATIVE_LEAD.test(own) || /^\s*$/.test(own);
}

function* collectMore(text: string, found: StatedConstraint[]): Generator<void, void> {
  for (const m of yield* matchesInSteps(text, INCLUDE)) {
    if (
      !applies(text, m, true) ||
      /^\s{0,3}(?:for\s{1,3})?(?:at\s{1,3}(?:least|most)\s{1,3}|exactly\s{1,3}|only\s{1,3}|less\s{1,3}than\s{1,3}|more\s{1,3}than\s{1,3})?(?:\w+\s{1,3}(?:times?|or\s{1,3}more)|once|twice|thrice)\b/i.test(
        sentenceAfter(text, m),
      )
    )
      continue;
    const words = listItems(m[1] ?? m[2] ?? '');
    if (words.length > 0) found.push(stated('include', words, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, EXCLUDE)) {
    if (!applies(text, m, false)) continue;
    const words = listItems(m[1] ?? m[2] ?? m[3] ?? '');
    if (words.length > 0) found.push(stated('exclude', words, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, FREQUENCY)) {
    if (!applies(text, m, true)) continue;
    const first = m[1] !== undefined;
    const items = listItems(first ? m[1]! : m[8]!);
    const count = howOften(m.slice(first ? 2 : 10, first ? 9 : 17));
    if (count === undefined || items.length !== 1) continue;
    found.push(stated('frequency', [{ word: items[0]!, count }], m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, LETTERS)) {
    if (!applies(text, m, true)) continue;
    const letter = m[1] ?? m[2];
    const count = howOften(m.slice(3, 10));
    if (!letter || count === undefined) continue;
    found.push(stated('letters', [{ letter: letter.toLowerCase(), count }], m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, NO_LETTER)) {
    if (!applies(text, m, false)) continue;
    found.push(stated('letters', [{ letter: (m[1] ?? m[2])!.toLowerCase(), count: '<1' }], m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, LANGUAGE_ANY)) {
    const sentence = sentenceAround(text, m);
    if (!LANGUAGE_ONLY_CUE.test(sentence) || !applies(text, m, true) || LANGUAGE_PART.test(clauseBefore(text, m.index ?? 0)))
      continue;
    found.push(stated('language', LANGUAGE_NAMES[m[1]!.toLowerCase()]!, m));
  }
  yield;
  for (const pattern of [LANGUAGE, LANGUAGE_ONLY]) {
    for (const m of yield* matchesInSteps(text, pattern)) {
      const name = m[1] ?? m[2] ?? m[3];
      if (!name) continue;
      // "Every 5th word must be in Japanese" is about a part of the answer.
      if (!applies(text, m, true) || LANGUAGE_PART.test(clauseBefore(text, m.index ?? 0))) continue;
      found.push(stated('language', LANGUAGE_NAMES[name.toLowerCase()]!, m));
    }
  }
  yield;
  for (const m of yield* matchesInSteps(text, TITLE)) if (applies(text, m, true)) found.push(stated('title', true, m));
  yield;
  for (const m of yield* matchesInSteps(text, HIGHLIGHTS)) {
    if (!applies(text, m, true)) continue;
    const groups = m.slice(1).filter((g): g is string => g !== undefined);
    const relation = groups.find((g) => BOUND_WORDS.test(g));
    const n = groups.map((g) => numberOf(g)).find((v) => v !== undefined);
    if (n === undefined || n === 0) continue;
    const count = relation ? relationCount(relation, n) : `>=${n}`;
    found.push(stated('highlights', count, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, PLACEHOLDERS)) {
    if (!applies(text, m, true)) continue;
    const n = numberOf(m[2]!);
    if (n === undefined || n === 0) continue;
    found.push(stated('placeholders', m[1] ? relationCount(m[1], n) : `>=${n}`, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, POSTSCRIPT)) {
    if (!applies(text, m, true)) continue;
    const marker = (m[1] ?? m[2] ?? '').replace(/\s+/g, '');
    if (marker) found.push(stated('postscript', marker, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, QUOTATION)) if (applies(text, m, true)) found.push(stated('wrappedIn', '"', m));
  yield;
  for (const m of yield* matchesInSteps(text, REPEAT)) {
    const sentence = sentenceAround(text, m);
    if (applies(text, m, true) && REPEAT_HOW.test(sentence) && !REPEAT_CHANGED.test(sentence))
      found.push(stated('repeatPrompt', true, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, REPEAT_ANY)) {
    if (applies(text, m, true) && REPEAT_OBJECT.test(m[0]) && !REPEAT_CHANGED.test(sentenceAround(text, m)))
      found.push(stated('repeatPrompt', true, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, SEPARATED_RESPONSES)) {
    if (!applies(text, m, true)) continue;
    const how = /\b(two|2|three|3|four|4)\b/i.exec(sentenceAround(text, m) + ' ' + sentenceBefore(text, m.index ?? 0));
    found.push(stated('responses', { count: how ? (numberOf(how[1]!) ?? 2) : 2 }, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, TWO_RESPONSES)) {
    if (!applies(text, m, true)) continue;
    found.push(stated('responses', { count: numberOf(m[1]!) ?? 2 }, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, OPTIONS)) {
    if (!applies(text, m, true)) continue;
    const options = allMatches(m[1]!, OPTION_ITEM).map((o) => o[1]!.trim());
    if (options.length < 2) continue;
    found.push(stated('pattern', `(?:${options.map(escapeRegex).join('|')})`, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, CAPITAL_WORDS)) {
    // The count may come in the same sentence or the next: "Use some words in all caps. But fewer than 5 of them."
    const start = sentenceStart(text, m.index ?? 0);
    const window = text.slice(start, Math.min(text.length, (m.index ?? 0) + m[0].length + 200));
    const count = CAPITAL_COUNT.exec(window);
    if (!count || CONDITION.test(sentenceBefore(text, m.index ?? 0))) continue;
    const high = numberOf(count[3]!);
    const low = count[2] === undefined ? undefined : numberOf(count[2]);
    if (high === undefined) continue;
    let value = low !== undefined && low <= high ? `${low}..${high}` : relationCount(count[1], high);
    // "Use words in all caps, but fewer than 10": some (at least one), and the cap.
    const cap = typeof value === 'string' ? /^(<=?)(\d+)$/.exec(value) : null;
    if (cap && /\b(?:use|include|add|capitali[sz]e)\b/i.test(text.slice(Math.max(0, (m.index ?? 0) - 40), m.index ?? 0))) {
      const max = cap[1] === '<' ? Number(cap[2]) - 1 : Number(cap[2]);
      if (max >= 1) value = `1..${max}`;
    }
    found.push(stated('capitalWords', value, m));
  }
  yield;
  yield* collectFirstWord(text, found);
  yield;
  yield* collectSections(text, found);
  yield;
  const starDivided = (yield* firstMatchInSteps(text, STAR_DIVIDER)) !== null;
  yield;
  for (const m of yield* matchesInSteps(text, BARE_COUNT)) {
    const n = numberOf(m[1]!);
    const key = unitKey(m[2]!);
    if (n === undefined || n === 0 || !key || !countApplies(text, m)) continue;
    found.push(stated(key, key === 'paragraphs' && starDivided ? { count: n, separator: '***' } : n, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, STAR_PARTS)) {
    // "3 parts, separated by ***": paragraphs split by the divider, in this sentence or the next.
    const at = (m.index ?? 0) + m[0].length;
    const near = text.slice(sentenceStart(text, m.index ?? 0), Math.min(text.length, at + 160));
    if (!/separat\w*|divide\w*|split/i.test(near) || !STAR_DIVIDER.test(near)) continue;
    const n = numberOf(m[2]!);
    if (n === undefined || n === 0 || CONDITION.test(sentenceBefore(text, m.index ?? 0))) continue;
    found.push(stated('paragraphs', { count: m[1] ? relationCount(m[1], n) : n, separator: '***' }, m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, COUNT_OR)) {
    const n = numberOf(m[1]!);
    const key = unitKey(m[3]!);
    if (n === undefined || !key || !countApplies(text, m)) continue;
    const fewer = /fewer|less|below|under/i.test(m[2] ?? '');
    found.push(stated(key, fewer ? `<=${n}` : `>=${n}`, m));
  }
  yield;
  yield* collectSimple(text, NO_CAPITALS, found, () => ({ key: 'case', value: 'lower' }), 'none');
  yield;
  yield* collectSimple(text, UPPER_MORE, found, () => ({ key: 'case', value: 'upper' }), 'clause');
  yield;
  yield* collectSimple(text, NO_COMMAS_MORE, found, () => ({ key: 'noCommas', value: true }), 'none');
  yield;
  yield* collectSimple(text, JSON_MORE, found, () => ({ key: 'format', value: 'json' }), 'clause and phrase');
  yield;
  for (const m of yield* matchesInSteps(text, END_PHRASE)) {
    if (!applies(text, m, true)) continue;
    // An unquoted ending is taken only when named as such: "with this exact phrase …", "with: Peace!".
    if (
      m[2] !== undefined &&
      !/(?:phrase|sentence|words?|text|question|read|:)\s{0,3}(?:of\s{1,3})?(?:exactly\s{1,3})?(?:like\s{0,3})?:?\s{0,3}$/i.test(
        m[0].slice(0, m[0].length - m[2].length),
      )
    )
      continue;
    found.push(stated('endsWith', (m[1] ?? m[2]!).trim(), m));
  }
  yield;
  for (const m of yield* matchesInSteps(text, END_PLAIN)) {
    if (!applies(text, m, true)) continue;
    found.push(stated('endsWith', m[1]!.trim(), m));
  }
}

function* collectFirstWord(text: string, found: StatedConstraint[]): Generator<void, void> {
  let count: RegExpExecArray | null = null;
  let searched = false;
  for (const m of yield* matchesInSteps(text, FIRST_WORD)) {
    if (!applies(text, m, true)) continue;
    const paragraph =
      m[1] !== undefined ? Number(m[1]) : m[10] !== undefined ? Number(m[10]) : ORDINAL[(m[4] ?? m[7] ?? '').toLowerCase()];
    const word = m[2] ?? m[3] ?? m[5] ?? m[6] ?? m[8] ?? m[9] ?? m[11] ?? m[12];
    if (!paragraph || !word) continue;
    const value: Record<string, unknown> = { paragraph, word };
    // Looked for once per text, so a scan stays linear however many paragraphs are named.
    if (!searched) count = yield* firstMatchInSteps(text, PARAGRAPH_COUNT);
    searched = true;
    const n = count ? numberOf(count[1]!) : undefined;
    if (paragraph === LAST) {
      if (n === undefined) continue;
      value.paragraph = n;
    }
    if (n !== undefined) value.paragraphs = n;
    found.push(stated('firstWord', value, m));
  }
}

const PARAGRAPH_COUNT = new RegExp(String.raw`\b${NUM}\s{1,3}(?:separate\s{1,3}|distinct\s{1,3})?paragraphs\b`, 'i');

function* collectSections(text: string, found: StatedConstraint[]): Generator<void, void> {
  let counts: RegExpMatchArray[] | undefined;
  for (const m of yield* matchesInSteps(text, SECTION_MARKER)) {
    const sentence = sentenceAround(text, m);
    if (!SECTION_CONTEXT.test(sentence) || !SECTION_VERB.test(sentence) || CONDITION.test(sentenceBefore(text, m.index ?? 0)))
      continue;
    counts ??= (yield* matchesInSteps(text, SECTION_COUNT)).slice(0, 20);
    const nearest = [...counts].sort(
      (a, b) => Math.abs((a.index ?? 0) - (m.index ?? 0)) - Math.abs((b.index ?? 0) - (m.index ?? 0)),
    )[0];
    const n = nearest ? numberOf(nearest[2]!) : undefined;
    if (n === undefined) continue;
    found.push(stated('sections', { count: nearest![1] ? relationCount(nearest![1], n) : n, marker: m[1]! }, m));
  }
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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

/** The inline code pattern of `maskCode`; a match is at most 3 + 500 + 3 characters long and starts with a backtick. */
const INLINE_CODE = /(`{1,3})[^`\n]{1,500}?\1/g;
const INLINE_CODE_REACH = 506;
/** Text masked between two pauses of `maskCodeSteps`. */
const MASK_PART = 32 * 1024;

/**
 * `maskCode` in steps of about 32 KB, pausing (yielding) between them; the same result, in a string of its own. Parts end after a line
 * break, except in a very long line, which is cut where no backtick precedes within an inline code span's length:
 * no span can cross there, and the scan before it ends in the same state.
 */
export function* maskCodeSteps(text: string, inFence = false): Generator<void, { masked: string; inFence: boolean }> {
  const parts: string[] = [];
  let open = inFence;
  let at = 0;
  while (at < text.length) {
    const end = Math.min(text.length, at + MASK_PART);
    // The line holding the part's last character.
    const newline = text.indexOf('\n', end - 1);
    const lineStart = text.lastIndexOf('\n', end - 2) + 1;
    const lineEnd = newline === -1 ? text.length : newline + 1;
    if (lineEnd - Math.max(at, lineStart) <= 2 * MASK_PART) {
      // Whole lines.
      const partEnd = lineEnd;
      const part = maskCode(text.slice(at, partEnd), open);
      parts.push(part.masked);
      open = part.inFence;
      at = partEnd;
    } else {
      // A long line: the lines before it, then the line in parts.
      if (lineStart > at) {
        const part = maskCode(text.slice(at, lineStart), open);
        parts.push(part.masked);
        open = part.inFence;
        yield;
      }
      const fence = /^ {0,3}(```|~~~)/.test(text.slice(lineStart, lineStart + 8));
      const blanked = open || fence;
      if (fence) open = !open;
      for (let from = lineStart; from < lineEnd;) {
        const to = blanked ? Math.min(lineEnd, from + MASK_PART) : inlineCodeCut(text, from + MASK_PART, lineEnd);
        const piece = text.slice(from, to);
        parts.push(blanked ? blank(piece) : piece.replace(INLINE_CODE, blank));
        from = to;
        if (from < lineEnd) yield;
      }
      at = lineEnd;
    }
    if (at < text.length) yield;
  }
  // Joined into a new string (one part is copied), so the masked text never keeps `text` alive.
  return { masked: parts.length === 1 ? (' ' + parts[0]).slice(1) : parts.join(''), inFence: open };
}

/** The first position from `at` (or `end`) with no backtick in the inline code span's length before it. */
function inlineCodeCut(text: string, at: number, end: number): number {
  let p = at;
  while (p < end) {
    // Searched in the span's length before `p` only: a search back through the whole text would read it all.
    const from = Math.max(0, p - INLINE_CODE_REACH);
    const backtick = text.slice(from, p).lastIndexOf('`');
    if (backtick === -1) return p;
    p = from + backtick + INLINE_CODE_REACH + 1;
  }
  return end;
}

function blank(s: string): string {
  return s.replace(/[^\n\r]/g, ' ');
}

/**
 * Every pattern above, for the warm-up (core/instructions/warm-up.ts): V8 compiles a regular expression on its
 * first runs, and these are large (docs/editor-performance.md, "Never blocking").
 */
export const DETECTOR_PATTERNS: readonly RegExp[] = [
  COUNT_BEFORE,
  COUNT_BETWEEN,
  COUNT_LIMIT,
  COUNT_AFTER,
  JSON_PHRASE,
  PLAIN_PHRASE,
  JSON_ONLY,
  LOWER,
  UPPER,
  NO_COMMAS,
  AFFIX,
  NEGATION,
  CONDITION,
  PART,
  CONDITION_AFTER,
  PART_AFTER,
  IMPERATIVE_LEAD,
  OUTPUT_CUE,
  NOT_KEYWORDS,
  INCLUDE,
  EXCLUDE,
  FREQUENCY,
  LETTERS,
  NO_LETTER,
  LANGUAGE,
  LANGUAGE_ANY,
  LANGUAGE_ONLY_CUE,
  LANGUAGE_PART,
  LANGUAGE_ONLY,
  TITLE,
  BOUND_WORDS,
  HIGHLIGHTS,
  PLACEHOLDERS,
  POSTSCRIPT,
  QUOTATION,
  REPEAT,
  REPEAT_ANY,
  REPEAT_OBJECT,
  REPEAT_CHANGED,
  REPEAT_HOW,
  TWO_RESPONSES,
  SEPARATED_RESPONSES,
  OPTIONS,
  CAPITAL_WORDS,
  CAPITAL_COUNT,
  FIRST_WORD,
  SECTION_MARKER,
  SECTION_CONTEXT,
  SECTION_VERB,
  SECTION_COUNT,
  STAR_DIVIDER,
  STAR_PARTS,
  BARE_COUNT,
  COUNT_OR,
  NO_CAPITALS,
  UPPER_MORE,
  NO_COMMAS_MORE,
  JSON_MORE,
  END_PHRASE,
  END_PLAIN,
  PARAGRAPH_COUNT,
  QUOTED_ITEM,
  BARE_ITEM,
  OPTION_ITEM,
  CLAUSE_JOINT,
  INLINE_CODE,
];
