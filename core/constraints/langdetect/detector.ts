// Language identification as the `langdetect` package does it (a port of Nakatani Shuyo's
// language-detection): the same profiles, text cleaning, n-gram extraction and naive-Bayes sampling, so
// that `language` under `compat: ifeval` answers what IFEval's `langdetect.detect` answers. Written from
// the algorithm's description in docs/ifeval.md; the profiles are decoded on the first call only.
import { KANJI_CLASSES, PROFILES } from './data';
import { mulberry32 } from '../../seeded-random';

const N_GRAM = 3;
const TRIALS = 7;
const ALPHA = 0.5;
const ALPHA_WIDTH = 0.05;
const ITERATION_LIMIT = 1000;
const PROB_THRESHOLD = 0.1;
const CONV_THRESHOLD = 0.99999;
const BASE_FREQ = 10000;
const MAX_TEXT_LENGTH = 10000;

const URL_RE = /https?:\/\/[-_.?&~;+=/#0-9A-Za-z]{1,2076}/g;
const MAIL_RE = /[-_.0-9A-Za-z]{1,64}@[-_0-9A-Za-z]{1,255}[-_.0-9A-Za-z]{1,255}/g;

// Vietnamese: a base letter followed by a combining mark becomes the precomposed letter.
const VI_BASE = 'AEIOUYaeiouy\u00c2\u00ca\u00d4\u00e2\u00ea\u00f4\u0102\u0103\u01a0\u01a1\u01af\u01b0';
const VI_MARKS = '\u0300\u0301\u0303\u0309\u0323';
const VI_COMPOSED = [
  '\u00C0\u00C8\u00CC\u00D2\u00D9\u1EF2\u00E0\u00E8\u00EC\u00F2\u00F9\u1EF3\u1EA6\u1EC0\u1ED2\u1EA7\u1EC1\u1ED3\u1EB0\u1EB1\u1EDC\u1EDD\u1EEA\u1EEB',
  '\u00C1\u00C9\u00CD\u00D3\u00DA\u00DD\u00E1\u00E9\u00ED\u00F3\u00FA\u00FD\u1EA4\u1EBE\u1ED0\u1EA5\u1EBF\u1ED1\u1EAE\u1EAF\u1EDA\u1EDB\u1EE8\u1EE9',
  '\u00C3\u1EBC\u0128\u00D5\u0168\u1EF8\u00E3\u1EBD\u0129\u00F5\u0169\u1EF9\u1EAA\u1EC4\u1ED6\u1EAB\u1EC5\u1ED7\u1EB4\u1EB5\u1EE0\u1EE1\u1EEE\u1EEF',
  '\u1EA2\u1EBA\u1EC8\u1ECE\u1EE6\u1EF6\u1EA3\u1EBB\u1EC9\u1ECF\u1EE7\u1EF7\u1EA8\u1EC2\u1ED4\u1EA9\u1EC3\u1ED5\u1EB2\u1EB3\u1EDE\u1EDF\u1EEC\u1EED',
  '\u1EA0\u1EB8\u1ECA\u1ECC\u1EE4\u1EF4\u1EA1\u1EB9\u1ECB\u1ECD\u1EE5\u1EF5\u1EAC\u1EC6\u1ED8\u1EAD\u1EC7\u1ED9\u1EB6\u1EB7\u1EE2\u1EE3\u1EF0\u1EF1',
];
const VI_RE = new RegExp(`([${VI_BASE}])([${VI_MARKS}])`, 'g');
const LATIN1_EXCLUDED = '\u00A0\u00AB\u00B0\u00BB';
const UPPER = /^\p{Uppercase}$/u;

interface Model {
  langs: string[];
  /** Number of 1-, 2- and 3-grams in each language's training text. */
  totals: number[][];
  /** n-gram → its `index:count,…` pairs, read into probabilities on first use (`row`). */
  entries: Map<string, string>;
  rows: Map<string, Float64Array>;
  kanji: Map<string, string>;
}

let model: Model | undefined;

/** Indexes the profiles once: each n-gram's counts are read only when a text contains it. */
function load(): Model {
  if (model) return model;
  const cut = PROFILES.indexOf('#');
  const langs: string[] = [];
  const totals: number[][] = [];
  for (const record of PROFILES.slice(0, cut).split('|')) {
    const colon = record.indexOf(':');
    langs.push(record.slice(0, colon));
    totals.push(
      record
        .slice(colon + 1)
        .split(',')
        .map(Number),
    );
  }
  const entries = new Map<string, string>();
  let at = cut + 1;
  while (at < PROFILES.length) {
    let end = PROFILES.indexOf('|', at);
    if (end < 0) end = PROFILES.length;
    let digit = at;
    while (digit < end && !isDigit(PROFILES.charCodeAt(digit))) digit++;
    entries.set(PROFILES.slice(at, digit), PROFILES.slice(digit, end));
    at = end + 1;
  }
  const kanji = new Map<string, string>();
  for (const members of KANJI_CLASSES) {
    const chars = [...members];
    for (const ch of chars) kanji.set(ch, chars[0]!);
  }
  model = { langs, totals, entries, rows: new Map(), kanji };
  return model;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Probability of the n-gram in each language: its count over the language's number of n-grams of that length. */
function row(m: Model, gram: string): Float64Array {
  const cached = m.rows.get(gram);
  if (cached) return cached;
  const probs = new Float64Array(m.langs.length);
  const length = [...gram].length;
  for (const pair of m.entries.get(gram)!.split(',')) {
    const colon = pair.indexOf(':');
    const index = Number(pair.slice(0, colon));
    probs[index] = Number(pair.slice(colon + 1)) / m.totals[index]![length - 1]!;
  }
  m.rows.set(gram, probs);
  return probs;
}

/** The character as the profiles were built: punctuation and digits to a space, script-wide classes to one representative. */
function normalize(ch: string, kanji: Map<string, string>): string {
  const cp = ch.codePointAt(0)!;
  if (cp <= 0x7f) return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ? ch : ' ';
  if (cp <= 0xff) return LATIN1_EXCLUDED.includes(ch) ? ' ' : ch;
  if (cp >= 0x180 && cp <= 0x24f) return ch === '\u0219' ? '\u015f' : ch === '\u021b' ? '\u0163' : ch;
  if (cp >= 0x2000 && cp <= 0x206f) return ' ';
  if (cp >= 0x600 && cp <= 0x6ff) return ch === '\u06cc' ? '\u064a' : ch;
  if (cp >= 0x1e00 && cp <= 0x1eff) return cp >= 0x1ea0 ? '\u1ec3' : ch;
  if (cp >= 0x3040 && cp <= 0x309f) return '\u3042';
  if (cp >= 0x30a0 && cp <= 0x30ff) return '\u30a2';
  if ((cp >= 0x3100 && cp <= 0x312f) || (cp >= 0x31a0 && cp <= 0x31bf)) return '\u3105';
  if (cp >= 0x4e00 && cp <= 0x9fff) return kanji.get(ch) ?? ch;
  if (cp >= 0xac00 && cp <= 0xd7af) return '\uac00';
  return ch;
}

/** URLs and e-mail addresses removed, Vietnamese composed, at most 10,000 characters, runs of spaces collapsed. */
function prepare(text: string): string[] {
  const cleaned = text
    .replace(URL_RE, ' ')
    .replace(MAIL_RE, ' ')
    .replace(VI_RE, (_, base: string, mark: string) => VI_COMPOSED[VI_MARKS.indexOf(mark)]![VI_BASE.indexOf(base)]!);
  const chars = [...cleaned].slice(0, MAX_TEXT_LENGTH);
  const out: string[] = [];
  let previous = '';
  for (const ch of chars) {
    if (ch !== ' ' || previous !== ' ') out.push(ch);
    previous = ch;
  }
  // Text mostly in another script loses its Latin letters (`A`..`z`, as the reference compares them).
  let latin = 0;
  let other = 0;
  for (const ch of out) {
    if (ch >= 'A' && ch <= 'z') latin++;
    else if (ch >= '\u0300' && !(ch >= '\u1e00' && ch <= '\u1eff')) other++;
  }
  return latin * 2 < other ? out.filter((ch) => ch < 'A' || ch > 'z') : out;
}

/** Every 1-, 2- and 3-gram of the text the profiles know, skipping words in capitals (acronyms). */
function ngrams(chars: string[], m: Model): string[] {
  const result: string[] = [];
  let grams: string[] = [' '];
  let capital = false;
  for (const raw of chars) {
    const ch = normalize(raw, m.kanji);
    const last = grams[grams.length - 1]!;
    let skip = false;
    if (last === ' ') {
      grams = [' '];
      capital = false;
      if (ch === ' ') skip = true;
    } else if (grams.length >= N_GRAM) {
      grams = grams.slice(1);
    }
    if (!skip) {
      grams.push(ch);
      if (UPPER.test(ch)) {
        if (UPPER.test(last)) capital = true;
      } else {
        capital = false;
      }
    }
    if (capital) continue;
    for (let n = 1; n <= N_GRAM; n++) {
      if (grams.length < n) break;
      const w = grams.slice(grams.length - n).join('');
      if (w !== ' ' && m.entries.has(w)) result.push(w);
    }
  }
  return result;
}

function gauss(random: () => number): number {
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

export interface LanguageProbability {
  lang: string;
  prob: number;
}

/**
 * The languages above probability 0.1, most probable first, as `langdetect.detect_langs` answers; an
 * empty list when the text has no feature the profiles know (where the reference raises).
 */
export function detectLanguages(text: string): LanguageProbability[] {
  return sample(text) ?? [];
}

/** The most probable language (`en`, `zh-cn`, …), `unknown` when none is above 0.1, or undefined when nothing can be detected. */
export function detectLanguage(text: string): string | undefined {
  const langs = sample(text);
  return langs && (langs[0]?.lang ?? 'unknown');
}

function sample(text: string): LanguageProbability[] | undefined {
  const m = load();
  const grams = ngrams(prepare(text), m);
  if (grams.length === 0) return undefined;
  const size = m.langs.length;
  const total = new Float64Array(size);
  // The reference draws unseeded; we draw the same way every run.
  const random = mulberry32(0);
  for (let t = 0; t < TRIALS; t++) {
    const prob = new Float64Array(size).fill(1 / size);
    const alpha = ALPHA + gauss(random) * ALPHA_WIDTH;
    const weight = alpha / BASE_FREQ;
    for (let i = 0; ; i++) {
      const probs = row(m, grams[Math.floor(random() * grams.length)]!);
      for (let j = 0; j < size; j++) prob[j]! *= weight + probs[j]!;
      if (i % 5 === 0) {
        let sum = 0;
        for (let j = 0; j < size; j++) sum += prob[j]!;
        let max = 0;
        for (let j = 0; j < size; j++) {
          const p = prob[j]! / sum;
          prob[j] = p;
          if (p > max) max = p;
        }
        if (max > CONV_THRESHOLD || i >= ITERATION_LIMIT) break;
      }
    }
    for (let j = 0; j < size; j++) total[j]! += prob[j]! / TRIALS;
  }
  const out: LanguageProbability[] = [];
  for (let j = 0; j < size; j++) if (total[j]! > PROB_THRESHOLD) out.push({ lang: m.langs[j]!, prob: total[j]! });
  return out.sort((a, b) => b.prob - a.prob);
}

/** The languages the profiles cover (decodes them). */
export function profileLanguages(): readonly string[] {
  return load().langs;
}

/**
 * The two-letter codes a `language` value may name, known without decoding the profiles (a test keeps
 * it equal to them): every profile, with `zh` for both Chinese ones (`zh-cn`, `zh-tw`).
 */
export const LANGUAGE_CODES: ReadonlySet<string> = new Set([
  'af',
  'ar',
  'bg',
  'bn',
  'ca',
  'cs',
  'cy',
  'da',
  'de',
  'el',
  'en',
  'es',
  'et',
  'fa',
  'fi',
  'fr',
  'gu',
  'he',
  'hi',
  'hr',
  'hu',
  'id',
  'it',
  'ja',
  'kn',
  'ko',
  'lt',
  'lv',
  'mk',
  'ml',
  'mr',
  'ne',
  'nl',
  'no',
  'pa',
  'pl',
  'pt',
  'ro',
  'ru',
  'sk',
  'sl',
  'so',
  'sq',
  'sv',
  'sw',
  'ta',
  'te',
  'th',
  'tl',
  'tr',
  'uk',
  'ur',
  'vi',
  'zh',
]);
