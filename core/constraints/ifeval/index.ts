// `compat: ifeval`: checks a constraint with IFEval's own definition of what it measures (google-research
// instruction_following_eval, as mirrored in lm-evaluation-harness), and IFEval's loose variants.
import { detectLanguage } from '../langdetect/detector';
import type { Span } from '../../diagnostic';
import type { CheckContext, ConstraintResult } from '../types';
import { countMessage, inRange, isCountError, parseCount, type CountRange } from '../count';
import { isValueError, plural } from '../module';
import { paragraphs as paragraphsKey } from '../keys/paragraphs';
import { sections as sectionsKey } from '../keys/sections';
import { postscript as postscriptKey } from '../keys/postscript';
import { endsWith as endsWithKey } from '../keys/ends-with';
import { include as includeKey } from '../keys/include';
import { exclude as excludeKey } from '../keys/exclude';
import { frequency as frequencyKey } from '../keys/frequency';
import { letters as lettersKey } from '../keys/letters';
import { responses as responsesKey } from '../keys/responses';
import { repeatPrompt as repeatPromptKey } from '../keys/repeat-prompt';
import { firstWord as firstWordKey } from '../keys/first-word';
import { pyStrip } from './python';
import { ifevalWords } from './words';
import { ifevalSentenceCount } from './sentences';
import {
  blankLineParagraphs,
  ifevalBullets,
  ifevalFirstWord,
  ifevalHighlights,
  ifevalPlaceholders,
  ifevalSections,
  ifevalTitles,
  postscriptRegex,
  starParagraphs,
} from './markdown';
import { ifevalJsonBody, pythonJsonError } from './json';
import {
  capitalWordCount,
  endsWithPhrase,
  forbiddenMatches,
  hasCase,
  isQuoted,
  keywordMatches,
  letterCount,
  repeatsPrompt,
  splitResponses,
} from './lexical';

export { looseVariants } from './loose';

type Handler = (value: unknown, completion: string, ctx: CheckContext) => ConstraintResult | undefined;

/**
 * The result of `key` (our constraint key, docs/constraints.md) with IFEval's definition, or undefined when the key,
 * or this spelling of its value, has no IFEval counterpart (then our own definition applies). A counted
 * key keeps the declared range and applies it to IFEval's measure: IFEval's "less than N" is `"<N"`,
 * "at least N" is `">=N"` or `{min: N}`. Like IFEval, an empty (whitespace-only) completion fails.
 */
export function ifevalCheck(key: string, value: unknown, completion: string, ctx: CheckContext): ConstraintResult | undefined {
  const handler = Object.prototype.hasOwnProperty.call(HANDLERS, key) ? HANDLERS[key] : undefined;
  if (!handler) return undefined;
  const result = handler(value, completion, ctx);
  if (!result) return undefined;
  const tagged = { ...result, data: { ...result.data, compat: 'ifeval', instruction: INSTRUCTION[key] } };
  if (pyStrip(completion) !== '') return tagged;
  return { ...tagged, pass: false, message: 'empty completion; IFEval fails every instruction on an empty response', ranges: [] };
}

/** Our key → IFEval's instruction id, for reports. */
export const INSTRUCTION: Record<string, string> = {
  words: 'length_constraints:number_words',
  sentences: 'length_constraints:number_sentences',
  paragraphs: 'length_constraints:number_paragraphs',
  firstWord: 'length_constraints:nth_paragraph_first_word',
  bullets: 'detectable_format:number_bullet_lists',
  highlights: 'detectable_format:number_highlighted_sections',
  sections: 'detectable_format:multiple_sections',
  placeholders: 'detectable_content:number_placeholders',
  title: 'detectable_format:title',
  postscript: 'detectable_content:postscript',
  format: 'detectable_format:json_format',
  endsWith: 'startend:end_checker',
  wrappedIn: 'startend:quotation',
  case: 'change_case:english_capital / change_case:english_lowercase',
  noCommas: 'punctuation:no_comma',
  capitalWords: 'change_case:capital_word_frequency',
  include: 'keywords:existence',
  exclude: 'keywords:forbidden_words',
  frequency: 'keywords:frequency',
  letters: 'keywords:letter_frequency',
  language: 'language:response_language',
  responses: 'combination:two_responses',
  repeatPrompt: 'combination:repeat_prompt',
};

const HANDLERS: Record<string, Handler> = {
  words: (value, completion) => counted('words', value, ifevalWords(completion), ['word', 'words'], 'tail'),
  sentences: (value, completion) => {
    const range = countOf(value);
    return range && countedResult('sentences', range, ifevalSentenceCount(completion), ['sentence', 'sentences'], []);
  },
  paragraphs: (value, completion) => {
    const parsed = paragraphsKey.parse(value);
    if (parsed === undefined || isValueError(parsed)) return undefined;
    if (parsed.separator !== undefined && parsed.separator.trim() !== '***') return undefined;
    const { count, emptyMiddle } = starParagraphs(completion);
    if (emptyMiddle) {
      return fail(
        'paragraphs',
        'an empty paragraph between *** dividers',
        parsed.range.label,
        'an empty paragraph between two *** dividers; IFEval fails it whatever the count',
      );
    }
    return countedResult('paragraphs', parsed.range, count, ['paragraph', 'paragraphs'], []);
  },
  bullets: (value, completion) => counted('bullets', value, ifevalBullets(completion), ['bullet', 'bullets'], 'each'),
  highlights: (value, completion) =>
    counted('highlights', value, ifevalHighlights(completion), ['highlight', 'highlights'], 'each'),
  placeholders: (value, completion) =>
    counted('placeholders', value, ifevalPlaceholders(completion), ['placeholder', 'placeholders'], 'each'),
  sections: (value, completion) => {
    const parsed = sectionsKey.parse(value);
    if (parsed === undefined || isValueError(parsed) || parsed.marker === undefined) return undefined;
    const splits = ifevalSections(completion, parsed.marker);
    return countedResult(
      'sections',
      parsed.range,
      splits.length,
      ['section', 'sections'],
      overflow(splits, parsed.range, 'each'),
    );
  },
  title: (value, completion) => {
    if (value !== true) return undefined;
    const found = ifevalTitles(completion).length > 0;
    return verdict(
      'title',
      found,
      found ? 'has a title' : 'no title',
      'a <<title>>',
      found ? 'has a <<title>>' : 'no <<title>>; one required',
    );
  },
  postscript: (value, completion) => {
    const marker = postscriptKey.parse(value);
    if (marker === undefined || isValueError(marker)) return undefined;
    const found = postscriptRegex(marker).test(completion.toLowerCase());
    const required = `a postscript starting with "${marker}"`;
    return verdict(
      'postscript',
      found,
      found ? 'postscript' : 'no postscript',
      required,
      found ? `has a postscript starting with "${marker}"` : `no "${marker}" anywhere; ${required} required`,
    );
  },
  format: (value, completion) => {
    if (value !== 'json') return undefined;
    const problem = pythonJsonError(ifevalJsonBody(completion));
    return verdict(
      'format',
      problem === undefined,
      problem === undefined ? 'JSON' : `does not parse as JSON (${problem})`,
      'JSON',
      problem === undefined ? 'JSON' : `does not parse as JSON (${problem}); JSON required`,
    );
  },
  endsWith: (value, completion) => {
    const affix = endsWithKey.parse(value);
    if (affix === undefined || isValueError(affix) || affix.caseSensitive) return undefined;
    const pass = endsWithPhrase(completion, affix.text);
    const quoted = JSON.stringify(affix.text);
    return verdict(
      'endsWith',
      pass,
      pass ? 'ends with it' : 'ends otherwise',
      `ends with ${quoted}`,
      pass ? `ends with ${quoted}` : `does not end with ${quoted} (case and surrounding quotes ignored)`,
    );
  },
  wrappedIn: (value, completion) => {
    if (value !== '"') return undefined;
    const pass = isQuoted(completion);
    return verdict(
      'wrappedIn',
      pass,
      pass ? 'wrapped' : 'not wrapped',
      'wrapped in "',
      pass ? 'wrapped in "' : 'not wrapped in "; wrapped in " required',
    );
  },
  case: (value, completion) => {
    if (value !== 'upper' && value !== 'lower') return undefined;
    const pass = hasCase(completion, value);
    const python = value === 'upper' ? 'isupper()' : 'islower()';
    return verdict(
      'case',
      pass,
      pass ? `all ${value}-case` : `not all ${value}-case`,
      `all ${value}-case`,
      pass ? `all ${value}-case` : `not all ${value}-case (Python ${python} is false); all ${value}-case required`,
    );
  },
  noCommas: (value, completion) => {
    if (value !== true) return undefined;
    const commas = [...completion.matchAll(/,/g)].map((m) => ({ offset: m.index, length: 1 }));
    const pass = commas.length === 0;
    return {
      ...verdict(
        'noCommas',
        pass,
        commas.length,
        'no commas',
        pass ? 'no commas' : `${plural(commas.length, 'comma')}; none allowed`,
      ),
      ranges: commas,
    };
  },
  capitalWords: (value, completion) => {
    const range = countOf(value);
    return range && countedResult('capitalWords', range, capitalWordCount(completion), ['capital word', 'capital words'], []);
  },
  include: (value, completion) => {
    const list = includeKey.parse(value);
    if (list === undefined || isValueError(list) || list.wholeWord || list.caseSensitive) return undefined;
    const missing = list.words.filter((w) => keywordMatches(completion, w).length === 0);
    const all = quote(list.words);
    return {
      ...verdict(
        'include',
        missing.length === 0,
        missing.length === 0 ? 'all present' : `missing ${quote(missing)}`,
        `includes ${all}`,
        missing.length === 0 ? `includes ${all}` : `missing ${quote(missing)}; all of ${all} required`,
      ),
      data: { missing },
    };
  },
  exclude: (value, completion) => {
    const list = excludeKey.parse(value);
    if (list === undefined || isValueError(list) || !list.wholeWord || list.caseSensitive) return undefined;
    const found = list.words
      .map((word) => ({ word, spans: forbiddenMatches(completion, word) }))
      .filter((f) => f.spans.length > 0);
    const described = found.map((f) => `'${f.word}' (${plural(f.spans.length, 'time')})`).join(', ');
    return {
      ...verdict(
        'exclude',
        found.length === 0,
        found.length === 0 ? 'none present' : `contains ${described}`,
        `excludes ${quote(list.words)}`,
        found.length === 0 ? `contains none of ${quote(list.words)}` : `contains ${described}; excluded`,
      ),
      ranges: found.flatMap((f) => f.spans).sort((a, b) => a.offset - b.offset),
      data: { found: found.map((f) => ({ word: f.word, count: f.spans.length })) },
    };
  },
  frequency: (value, completion) => {
    const items = frequencyKey.parse(value);
    if (items === undefined || isValueError(items)) return undefined;
    return itemsResult(
      'frequency',
      items.map(({ item, range }) => ({ item: item.trim(), range, n: keywordMatches(completion, item.trim()).length })),
    );
  },
  letters: (value, completion) => {
    const items = lettersKey.parse(value);
    if (items === undefined || isValueError(items)) return undefined;
    return itemsResult(
      'letters',
      items.map(({ item, range }) => ({ item, range, n: letterCount(completion, pyStrip(item)) })),
    );
  },
  language: (value, completion) => {
    if (typeof value !== 'string') return undefined;
    // langdetect raises on text with nothing to detect, and IFEval counts that as followed.
    const detected = detectLanguage(completion);
    if (detected === undefined) {
      return verdict(
        'language',
        true,
        'undetermined',
        `language ${value}`,
        'language undetermined (nothing to detect); IFEval counts it as followed',
      );
    }
    const pass = detected === value;
    return {
      ...verdict(
        'language',
        pass,
        detected,
        `language ${value}`,
        pass ? `language ${value}` : `language ${detected}; ${value} required`,
      ),
      data: { detector: 'langdetect', detected },
    };
  },
  responses: (value, completion) => {
    const parsed = responsesKey.parse(value);
    if (parsed === undefined || isValueError(parsed)) return undefined;
    const { responses, emptyMiddle } = splitResponses(completion, parsed.separator);
    const required = `${parsed.range.label} distinct`;
    if (emptyMiddle)
      return fail(
        'responses',
        'an empty response',
        required,
        `an empty response between two ${parsed.separator}; IFEval fails it`,
      );
    const distinct = new Set(responses).size === responses.length;
    const countOk = inRange(responses.length, parsed.range);
    const message =
      countOk && !distinct
        ? `${responses.length} responses, but two are identical; ${required} required`
        : countMessage(responses.length, 'response', 'responses', parsed.range);
    return { key: 'responses', pass: countOk && distinct, measured: responses.length, required, message, ranges: [] };
  },
  repeatPrompt: (value, completion, ctx) => {
    const target = repeatPromptKey.parse(value);
    if (target === undefined || isValueError(target)) return undefined;
    const wanted = target.from === 'prompt' ? ctx.promptText : target.text;
    const pass = repeatsPrompt(completion, wanted);
    const what = target.from === 'prompt' ? 'the prompt' : 'the given text';
    return verdict(
      'repeatPrompt',
      pass,
      pass ? 'repeats it' : 'differs',
      `starts with ${what}`,
      pass ? `starts with ${what}` : `does not start with ${what} (compared exactly, ignoring case)`,
    );
  },
  firstWord: (value, completion) => {
    const parsed = firstWordKey.parse(value);
    if (parsed === undefined || isValueError(parsed)) return undefined;
    const { paragraph, word, paragraphs: wanted } = parsed;
    const required = `paragraph ${paragraph} starts with '${word}'`;
    const { pieces, count } = blankLineParagraphs(completion);
    if (wanted && !inRange(count, wanted)) {
      return fail(
        'firstWord',
        plural(count, 'paragraph'),
        `${wanted.label} paragraphs; ${required}`,
        `${countMessage(count, 'paragraph', 'paragraphs', wanted)} (split on \\n\\n)`,
      );
    }
    const piece = pieces[paragraph - 1];
    if (paragraph > count || piece === undefined || pyStrip(piece) === '') {
      return fail(
        'firstWord',
        plural(count, 'paragraph'),
        required,
        `paragraph ${paragraph} is missing or empty (${plural(count, 'paragraph')} split on \\n\\n); ${required} required`,
      );
    }
    const actual = ifevalFirstWord(piece);
    const pass = actual === word.toLowerCase();
    return verdict(
      'firstWord',
      pass,
      actual,
      required,
      pass ? required : `paragraph ${paragraph} starts with '${actual}'; '${word}' required`,
    );
  },
};

function countOf(value: unknown): CountRange | undefined {
  const range = parseCount(value);
  return isCountError(range) ? undefined : range;
}

function counted(
  key: string,
  value: unknown,
  spans: Span[],
  names: [string, string],
  how: 'each' | 'tail',
): ConstraintResult | undefined {
  const range = countOf(value);
  return range && countedResult(key, range, spans.length, names, overflow(spans, range, how));
}

function countedResult(
  key: string,
  range: CountRange,
  n: number,
  [singular, pluralName]: [string, string],
  ranges: Span[],
): ConstraintResult {
  const pass = inRange(n, range);
  return {
    key,
    pass,
    measured: n,
    required: range.label,
    message: countMessage(n, singular, pluralName, range),
    ranges: pass ? [] : ranges,
  };
}

/** The things past the maximum: each of them, or one span from the first to the end of the last. */
function overflow(spans: Span[], range: CountRange, how: 'each' | 'tail'): Span[] {
  if (range.max === undefined || spans.length <= range.max) return [];
  const extra = spans.slice(range.max);
  if (how === 'each') return extra;
  const first = extra[0]!;
  const last = extra[extra.length - 1]!;
  return [{ offset: first.offset, length: last.offset + last.length - first.offset }];
}

function itemsResult(key: string, items: { item: string; range: CountRange; n: number }[]): ConstraintResult {
  const failing = items.filter((i) => !inRange(i.n, i.range));
  const describe = (i: { item: string; range: CountRange; n: number }): string =>
    `'${i.item}' ${plural(i.n, 'time')}; ${i.range.label} required`;
  return {
    key,
    pass: failing.length === 0,
    measured: items.map((i) => `'${i.item}' ${i.n}`).join(', '),
    required: items.map((i) => `'${i.item}' ${i.range.label}`).join(', '),
    message:
      failing.length === 0 ? items.map((i) => `'${i.item}' ${plural(i.n, 'time')}`).join(', ') : failing.map(describe).join('; '),
    ranges: [],
    data: { counts: Object.fromEntries(items.map((i) => [i.item, i.n])) },
  };
}

function verdict(
  key: string,
  pass: boolean,
  measured: ConstraintResult['measured'],
  required: string,
  message: string,
): ConstraintResult {
  return { key, pass, measured, required, message, ranges: [] };
}

function fail(key: string, measured: string, required: string, message: string): ConstraintResult {
  return verdict(key, false, measured, required, message);
}

function quote(words: string[]): string {
  return words.map((w) => `'${w}'`).join(', ');
}
