// The corpus whose counts are recorded from the real tiktoken (test/tokens/tiktoken-reference.json): every branch
// of both pre-tokenizer patterns, every character where JavaScript's and Rust's regex classes differ, seeded
// random strings, and long runs. Generated deterministically; scripts/tiktoken-reference.ts records and re-checks it.
import { EXACTNESS_CORPUS, seededRandom } from './corpus';

/**
 * Characters whose class differs between JavaScript and Rust regexes, or that sit on a pattern's edge:
 * U+FEFF is `\s` in JavaScript only, U+0085 in Rust only, U+180E in neither any more, U+2028/2029 line
 * separators, NUL, ſ (case-folds to s), lone surrogates, and letters/marks/digits of each general category.
 */
const EDGE_CHARACTERS = [
  '\ufeff',
  '\u0085',
  '\u180e',
  '\u2028',
  '\u2029',
  '\u0000',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u200b',
  '\u202f',
  '\u205f',
  '\u3000',
  '\u2060',
  '\u000b',
  '\u000c',
  '\t',
  '\r',
  '\n',
  ' ',
  '\u017f',
  '\u212a',
  '\ud800',
  '\udc00',
  '\udbff',
  '\udfff',
  '\ufffd',
  'ǅ',
  'ʰ',
  '中',
  'ー',
  'Ⅻ',
  '½',
  '٣',
  '１',
  '\u0301',
  '\u0903',
  '\u20dd',
  'A',
  'z',
  '7',
  "'",
  '/',
  '-',
  '_',
  '.',
  '😀',
  '\u200d',
  '\ufe0f',
  '🇯',
  '\ue000',
  '\u{10ffff}',
  '\u{1f3fb}',
];

/** Where each character goes: alone, between letters, after a space, repeated, before a newline, in numbers and contractions. */
const TEMPLATES: Array<(c: string) => string> = [
  (c) => c,
  (c) => `a${c}b`,
  (c) => ` ${c}x`,
  (c) => `${c}${c}${c}`,
  (c) => `x${c}\n`,
  (c) => `1${c}2`,
  (c) => `A${c}'s`,
  (c) => `\n${c} y`,
  (c) => `${c}'ll`,
  (c) => `  ${c}  `,
  (c) => ` ${c}${c}/`,
  (c) => `Ab${c}CD`,
  (c) => `${c} \n\n${c}`,
];

/** Both patterns' branches and the spots where a hand-written pre-tokenizer could go wrong. */
const BRANCHES = [
  "it's",
  "IT'S",
  "we'll",
  "WE'LL",
  "they're",
  "They'Re",
  "I've",
  "i'M",
  "he'd",
  "x'ſ",
  "x'ſt",
  "'s",
  "'S",
  "'ll",
  "'LL",
  "'re x",
  "''s",
  "'t'",
  "'",
  "don't stop",
  "o'clock",
  "rock'n'roll",
  "Ab'cD",
  "ÉCOLE'S",
  "naïve'd",
  'HTTPServer',
  'getHTTPResponseCode',
  'ABCdef',
  'ABC',
  'abc',
  'aBC',
  'Ǆemal',
  'ǅemal',
  'ʰʰʰ',
  'ʰA',
  'Aʰb',
  'e\u0301\u0301',
  '\u0301\u0301x',
  '\u0301A',
  '\u0301',
  ' \u0301A',
  '!\u0301a',
  'A\u0301B\u0301',
  '\u0301 x',
  '12345678',
  '1 2 3',
  'x1y22z333w4444',
  '٣٣٣٣',
  '１２３４',
  'ⅫⅫⅫⅫ',
  '½½½½',
  'foo ./\n/bar',
  '.\n/',
  '..//\n\n//',
  'a/\n\nb',
  ' ...\n',
  ' !!!\r\n\r\nx',
  '?\r\r\r',
  '/* x */',
  '   ',
  '   x',
  'x   ',
  'x   \n',
  '\n\n\n',
  ' \n \n ',
  '\r\n\r\n',
  '\r\n  \r\n  x',
  '  \r\n',
  'a \r\n\r\n b',
  '\t\t\tx',
  ' \t \tx',
  'x\u00a0\u00a0y',
  'x\u3000\u3000y',
  'x \ufeffy',
  'x\ufeff\ufeff y',
  'x\u0085\u0085y',
  'x \u0085\ny',
  'x\u180e\u180ey',
  'x\u2028\u2029y',
  '\u2028\u2028',
  ' \u2029x',
  'x\u0000\u0000y',
  '\u0000',
  ' \u0000 ',
  'a\r\nb',
  'a\rb',
  '\r',
  '\n',
  'end with spaces   ',
  'end with newline\n',
  'end with mixed \n \t ',
  ' \n',
  'x\n\n  ',
  '<|endoftext|>',
  '<|endofprompt|> hi',
  '<|fim_prefix|>',
];

/** Long runs the linear-time encoder handles (sized so tiktoken, quadratic on a long piece, still finishes). */
export function longRuns(): string[] {
  const random = seededRandom(77);
  const bytes = Array.from({ length: 9000 }, () => Math.floor(random() * 256));
  const base64 = btoa(String.fromCharCode(...bytes));
  const runs = [
    'a'.repeat(20_000),
    'ab'.repeat(5_000),
    'abc'.repeat(4_000),
    'z'.repeat(9_999),
    'A'.repeat(8_192),
    'Aa'.repeat(3_000),
    ' '.repeat(5_000) + 'x',
    '\n'.repeat(3_000),
    '\r\n'.repeat(2_000),
    '\t'.repeat(4_001),
    '7'.repeat(3_001),
    '!'.repeat(6_000),
    '😀'.repeat(2_000),
    'e' + '\u0301'.repeat(3_000),
    '中'.repeat(5_000),
    '가'.repeat(3_000),
    'ـ'.repeat(2_000),
    base64,
    '\ufeff'.repeat(2_000),
    '\u0085'.repeat(2_000),
    '-='.repeat(3_000),
  ];
  for (let n = 1000; n < 1016; n++) runs.push('a'.repeat(n));
  for (const n of [8_000, 8_001, 8_002, 8_003, 8_004, 8_005, 8_006, 8_007]) runs.push('a'.repeat(n));
  // Whitespace runs long enough for LinearEncoder.pushRepeated to skip periods (odd lengths, so a remainder is left).
  runs.push(
    ' '.repeat(30_001),
    ' '.repeat(20_003) + 'word',
    '\n'.repeat(20_001),
    '\t'.repeat(20_001),
    '\r\n'.repeat(10_001),
    '\u3000'.repeat(10_001),
    '\u0085'.repeat(10_001),
    '\u00a0'.repeat(20_001),
    ' \t\u00a0'.repeat(7_001),
    'x' + ' '.repeat(12_345) + '\n'.repeat(777) + 'y',
  );
  return runs;
}

/** Seeded random strings over an alphabet weighted towards the edges above. */
function randomStrings(count: number): string[] {
  const random = seededRandom(2026);
  const alphabet = [
    ...EDGE_CHARACTERS,
    'a',
    'b',
    'e',
    's',
    't',
    'l',
    'r',
    'v',
    'd',
    'm',
    'S',
    'L',
    'T',
    'x',
    'Y',
    ' ',
    ' ',
    ' ',
    '\n',
    '\r\n',
    '0',
    '9',
    "'",
    "'",
    ',',
    '.',
    '/',
    '中',
    '文',
    'の',
    'ア',
    '한',
    'é',
    'ß',
    'Ω',
    'ж',
    'ا',
    'क',
    '\u0e2a',
    '🎉',
    '👍🏽',
    '\u{1d518}',
  ];
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const length = 1 + Math.floor(random() ** 2 * 120);
    let text = '';
    for (let k = 0; k < length; k++) text += alphabet[Math.floor(random() * alphabet.length)];
    out.push(text);
  }
  return out;
}

/**
 * Characters whose class bits under the JavaScript engine's Unicode tables differ from those of Rust's
 * regex (Unicode 16.0.0), found by comparing both at generation time: new letters, digits and marks in the
 * engine's newer Unicode, and the `\s` differences.
 */
export function engineDifferences(classes: Uint8Array): string[] {
  const tests: Array<[RegExp, number]> = [
    [/\s/u, 1],
    [/\p{L}/u, 2],
    [/\p{N}/u, 4],
    [/[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]/u, 8],
    [/[\p{Ll}\p{Lm}\p{Lo}\p{M}]/u, 16],
  ];
  const out: string[] = [];
  for (let cp = 0; cp < 0x110000; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue;
    const ch = String.fromCodePoint(cp);
    let engine = 0;
    for (const [re, bit] of tests) if (re.test(ch)) engine |= bit;
    if (engine !== ((classes[cp] as number) & 31)) out.push(ch);
  }
  return out;
}

export interface CorpusEntry {
  name: string;
  text: string;
}

/** The whole corpus; `differences` is engineDifferences(...) (passed in so tests need not recompute it). */
export function tiktokenCorpus(differences: readonly string[]): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  for (const [name, text] of Object.entries(EXACTNESS_CORPUS)) entries.push({ name: `exactness/${name}`, text });
  BRANCHES.forEach((text, i) => entries.push({ name: `branch/${i}`, text }));
  const characters = [...EDGE_CHARACTERS, ...differences];
  characters.forEach((c, i) => {
    const templates = i < EDGE_CHARACTERS.length ? TEMPLATES : TEMPLATES.slice(0, 3);
    templates.forEach((template, t) =>
      entries.push({ name: `char/U+${c.codePointAt(0)?.toString(16).toUpperCase()}/${t}`, text: template(c) }),
    );
  });
  randomStrings(400).forEach((text, i) => entries.push({ name: `random/${i}`, text }));
  longRuns().forEach((text, i) => entries.push({ name: `long/${i}`, text }));
  return entries;
}
