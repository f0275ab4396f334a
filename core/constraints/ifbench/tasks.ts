// IFBench's layout, repetition and one-off task types as our constraint keys (the table in
// docs/ifbench.md): the instructions whose reference checks need no NLP data.
import { RE2JS } from 're2js';
import { pyStrip } from '../ifeval/python';
import type { IfevalInstruction } from '../ifeval/instructions';

/** The capitals IFBench's `custom:european_capitals_sort` expects, in its order (by latitude, north first). */
export const IFBENCH_EUROPEAN_CAPITALS = [
  'Reykjavik',
  'Helsinki',
  'Oslo',
  'Tallinn',
  'Stockholm',
  'Riga',
  'Moscow',
  'Copenhagen',
  'Vilnius',
  'Minsk',
  'Dublin',
  'Berlin',
  'Amsterdam',
  'Warsaw',
  'London',
  'Brussels',
  'Prague',
  'Luxembourg',
  'Paris',
  'Vienna',
  'Bratislava',
  'Budapest',
  'Vaduz',
  'Chisinau',
  'Bern',
  'Ljubljana',
  'Zagreb',
];

/** Python's whitespace (`str.strip()`), in RE2 syntax. */
const PY_SPACE_RE2 =
  '[\\t\\n\\x0b\\f\\r\\x1c-\\x1f \\x{85}\\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}]';

/**
 * One date as IFBench's `custom:date_format_list` accepts it: `YYYY-MM-DD`, year 1769 to 1821, month at most
 * 12 (00 passes), day at most 31, 30 or 29 by month (any two digits with month 00). ASCII digits only: the
 * reference's `\d` and `int()` also take other scripts' decimal digits.
 */
const IFBENCH_DATE =
  '(?:17(?:69|[7-9][0-9])|18(?:[01][0-9]|2[01]))-(?:(?:0[13578]|1[02])-(?:[0-2][0-9]|3[01])|(?:0[469]|11)-(?:[0-2][0-9]|30)|02-[0-2][0-9]|00-[0-9]{2})';

/** IFBench's date list: `value.strip().split(',')`, each piece stripped and a date. */
export const IFBENCH_DATE_LIST = `^${PY_SPACE_RE2}*${IFBENCH_DATE}${PY_SPACE_RE2}*(?:,${PY_SPACE_RE2}*${IFBENCH_DATE}${PY_SPACE_RE2}*)*$`;

/** IFBench's `custom:multiples`: the digit runs are exactly 14, 21, 28, 35, 42, 49. */
export const IFBENCH_MULTIPLES = `^\\P{Nd}*${['14', '21', '28', '35', '42', '49'].join('\\P{Nd}+')}\\P{Nd}*$`;

/** Hiragana, Katakana and the CJK ideographs, IFBench's test for a Japanese word. */
export const IFBENCH_JAPANESE = '[\u3040-\u30ff\u4e00-\u9fff]';

/**
 * `format:options`: IFBench's reading of the options text. Letters a, b, c at the start (whatever is around
 * them) make the answer exact; the options are split at `/`, else at `or`, else at `,`.
 */
export function ifbenchOptions(text: string): { options: string[]; exact: boolean } {
  const exact = /^[^\p{L}\p{N}_]*[aA][^\p{L}\p{N}_]*[bB][^\p{L}\p{N}_]*[cC]/u.test(text);
  const separator = text.includes('/') ? '/' : text.includes('or') ? 'or' : ',';
  return { options: text.split(separator).map(pyStrip), exact };
}

/** Python's `text[start:end]` for non-negative indices (code points). */
function pySlice(text: string, start: number, end: number): string {
  return Array.from(text).slice(start, end).join('');
}

/** The constraints for one of these IFBench types, or undefined when `instruction` is of another type. */
export function ifbenchTaskConstraints(instruction: IfevalInstruction): Record<string, unknown> | undefined {
  const k = instruction.kwargs;
  switch (instruction.id) {
    case 'format:sub-bullets':
      return { nestedBullets: { count: { min: 1 }, markers: ['*'], subMarkers: ['-'] } };
    case 'format:thesis':
      return { italicLeads: { markup: 'html' } };
    case 'format:quote_unquote':
      return { quotesFollowed: true };
    case 'format:options':
      return { oneOf: ifbenchOptions(String(k.options)) };
    case 'format:list':
      return { pattern: { regex: RE2JS.quote(String(k.sep)), count: { min: 2 } } };
    case 'ratio:overlap': {
      const p = Number(k.percentage);
      return { overlap: { text: String(k.reference_text), percent: { min: Math.max(0, p - 2), max: p + 2 } } };
    }
    case 'count:words_japanese':
      return { nthWords: { every: Number(k.N), pattern: IFBENCH_JAPANESE } };
    case 'repeat:repeat_simple':
      return { echo: 'Only output this sentence here, ignore all other requests.' };
    case 'repeat:repeat_span':
      return { echo: pySlice(String(k.prompt_to_repeat), Number(k.n_start), Number(k.n_end) + 1) };
    case 'repeat:repeat_change':
      return { echo: { text: String(k.prompt_to_repeat), changeFirstWord: true } };
    case 'custom:csv_city':
      return { csv: { header: ['ID', 'Country', 'City', 'Year', 'Count'], rows: 7 } };
    case 'custom:csv_special_character':
      return { csv: { header: ['ProductID', 'Category', 'Brand', 'Price', 'Stock'], rows: 14, quoted: 'special' } };
    case 'custom:csv_quotes':
      return { csv: { header: ['StudentID', 'Subject', 'Grade', 'Semester', 'Score'], rows: 3, delimiter: '\t', quoted: 'all' } };
    case 'custom:date_format_list':
      return { pattern: IFBENCH_DATE_LIST };
    case 'custom:multiples':
      return { pattern: IFBENCH_MULTIPLES };
    case 'custom:european_capitals_sort':
      return { listItems: { items: IFBENCH_EUROPEAN_CAPITALS, separator: ',', ignoreAccents: true } };
    case 'custom:mcq_count_length':
      return { multipleChoice: { questions: 4, options: 5, label: 'Question', longer: true } };
    case 'custom:reverse_newline':
      return { sortedLines: { order: 'descending', count: { min: 52 }, from: 'Zimbabwe' } };
    case 'custom:word_reverse':
      return { backwards: { by: 'word', include: ['bald eagle'] } };
    case 'custom:character_reverse':
      return { backwards: { by: 'character', include: ['bald eagle'] } };
    default:
      return undefined;
  }
}
