// The ASCII segmenters against the reference they replace, ICU's root-locale Intl.Segmenter: every string of one or two
// ASCII characters, every string of four over the characters the rules distinguish, random strings, and the
// repository's ASCII docs. Segments, their offsets and word-likeness must be identical.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  asciiGraphemeSegments,
  asciiSentenceSegments,
  asciiWordSegments,
  isAscii,
} from '../../core/constraints/measure/ascii-segments';
import { countWords } from '../../core/constraints/measure/words';
import { sentences } from '../../core/constraints/measure/sentences';

type Granularity = 'word' | 'sentence' | 'grapheme';

const ICU = {
  word: new Intl.Segmenter('und', { granularity: 'word' }),
  sentence: new Intl.Segmenter('und', { granularity: 'sentence' }),
  grapheme: new Intl.Segmenter('und', { granularity: 'grapheme' }),
};
const OURS = { word: asciiWordSegments, sentence: asciiSentenceSegments, grapheme: asciiGraphemeSegments };

function reference(granularity: Granularity, text: string): string {
  return JSON.stringify(
    [...ICU[granularity].segment(text)].map((s) =>
      granularity === 'word' ? [s.index, s.segment, s.isWordLike] : [s.index, s.segment],
    ),
  );
}

function ours(granularity: Granularity, text: string): string {
  return JSON.stringify(
    [...OURS[granularity](text)].map((s) => (granularity === 'word' ? [s.index, s.segment, s.isWordLike] : [s.index, s.segment])),
  );
}

/** Compares all `texts`; reports the first few differences. */
function compare(granularity: Granularity, texts: Iterable<string>): void {
  const differences: string[] = [];
  let compared = 0;
  for (const text of texts) {
    compared++;
    const expected = reference(granularity, text);
    const actual = ours(granularity, text);
    if (actual !== expected && differences.push(`${JSON.stringify(text)}\n  ours ${actual}\n  ICU  ${expected}`) >= 5) break;
  }
  assert.ok(compared > 0);
  assert.deepEqual(differences, [], `${granularity} segments differ from ICU's`);
}

const ASCII = Array.from({ length: 128 }, (_, i) => String.fromCharCode(i));
/** One character of each class the word and sentence rules tell apart, plus ordinary punctuation and a control. */
const CLASSES = [
  'a',
  'Z',
  '7',
  '.',
  '!',
  '?',
  ':',
  ',',
  ';',
  "'",
  '"',
  '_',
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '(',
  ']',
  '-',
  '#',
  '\0',
];

function* upToTwo(): Generator<string> {
  for (const a of ASCII) {
    yield a;
    for (const b of ASCII) yield a + b;
  }
}

/** One character per distinct (word class, sentence class) pair among CLASSES. */
const DISTINCT = ['a', 'Z', '7', '.', '!', ':', ',', "'", '"', '_', ' ', '\t', '\n', '\r', '\v', '(', '-', '#'];

function* fourOfClasses(): Generator<string> {
  for (const a of DISTINCT) for (const b of DISTINCT) for (const c of DISTINCT) for (const d of DISTINCT) yield a + b + c + d;
}

function* random(count: number, seed: number): Generator<string> {
  let state = seed;
  const next = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
  for (let i = 0; i < count; i++) {
    let text = '';
    const length = 1 + Math.floor(next() * 60);
    for (let j = 0; j < length; j++)
      text += next() < 0.75 ? CLASSES[Math.floor(next() * CLASSES.length)] : ASCII[Math.floor(next() * 128)];
    yield text;
  }
}

/** Real prose and code: the ASCII paragraphs of the Markdown files under docs/ (ICU is slow on whole files). */
function* asciiDocs(): Generator<string> {
  const root = path.join(__dirname, '..', '..', 'docs');
  const walk = function* (dir: string): Generator<string> {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) yield* walk(full);
      else if (entry.name.endsWith('.md')) yield readFileSync(full, 'utf8');
    }
  };
  for (const text of walk(root)) yield* text.split(/\n\s*\n/).filter(isAscii);
}

describe('ASCII segmentation equals Intl.Segmenter', () => {
  for (const granularity of ['word', 'sentence', 'grapheme'] as const) {
    it(`${granularity}: every ASCII string of one or two characters`, () => compare(granularity, upToTwo()));
    it(`${granularity}: random ASCII strings`, () => compare(granularity, random(4000, 7)));
    it(`${granularity}: the docs' ASCII text`, () => compare(granularity, asciiDocs()));
  }
  for (const granularity of ['word', 'sentence'] as const) {
    it(`${granularity}: every string of four characters over the rules' classes`, () => compare(granularity, fourOfClasses()));
  }
});

describe('ASCII segmentation in the measures', () => {
  it('isAscii tells ASCII from any other text', () => {
    assert.equal(isAscii(''), true);
    assert.equal(isAscii('plain\ttext\r\n~\x7f'), true);
    assert.equal(isAscii('caf\u00e9'), false);
    assert.equal(isAscii('\u0080'), false);
  });

  it('counts words and sentences as ICU does, ASCII or not', () => {
    // Counted with Intl.Segmenter: 17 word-like segments (18 with "café"); 6 sentence segments, of which the measure
    // joins "Mr. " to the next.
    const text = 'Mr. Smith paid $4.50 for 2 items, e.g. pens. Is that all? Yes! "Quoted." (Closed.) next_one, 3.14';
    assert.equal(countWords(text), 17);
    assert.equal(sentences(text).length, 5);
    const accented = `${text} caf\u00e9`;
    assert.equal(countWords(accented), 18);
    assert.equal(sentences(accented).length, 5);
  });

  it('long runs: spaces after a full stop, and a number of 20,000 digits and dots (ICU: 1 and 2 segments)', () => {
    assert.equal([...asciiSentenceSegments(`A.${' '.repeat(20_000)}b`)].length, 1);
    assert.equal([...asciiWordSegments('1.'.repeat(10_000))].length, 2);
  });
});
