// Scanning a long text window by window finds exactly the matches of a scan of the whole text
// (core/windowed-matches.ts; docs/editor-performance.md, "Never blocking").
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DETECTOR_PATTERNS, maskCode, maskCodeSteps } from '../../core/instructions/detect';
import { allMatches } from '../../core/matches';
import { firstMatchInSteps, matchesInSteps, patternReach } from '../../core/windowed-matches';
import { generateCjk, generateProse, seededRandom } from '../tokens/corpus';

function drain<T>(steps: Generator<void, T>): { value: T; pauses: number } {
  for (let pauses = 0; ; pauses++) {
    const step = steps.next();
    if (step.done) return { value: step.value, pauses };
  }
}

/** A match as plain data: where it is, what it and its groups matched. */
const plain = (m: RegExpExecArray | null) => (m === null ? null : { index: m.index, groups: [...m] });

/** Sentences the detectors match, spread through prose, CJK, long runs and surrogate pairs, often across 32 KB edges. */
function longText(size: number, seed: number, longestSpaces = 3000): string {
  const random = seededRandom(seed);
  const phrases = [
    'Answer in at most 50 words.',
    'Respond only in JSON.',
    'Write 3 paragraphs, separated by ***.',
    'Use the word "peace" at least 3 times and include the keywords "war" and "love".',
    'Do not use any commas.',
    'Paragraph 2 must start with the word "Hello".',
    'Highlight at least 2 sections.',
    'Write in all lowercase letters.',
    'End your response with "Is there anything else?"',
    'Finish your response with this exact phrase: Any other questions?\n',
    'without using any using any commas',
    'Mark each section with Section X.',
    'Respond in French only.',
  ];
  const parts: string[] = [];
  let length = 0;
  while (length < size) {
    const r = random();
    const part =
      r < 0.4
        ? pickOf(random, phrases)
        : r < 0.7
          ? generateProse(200 + Math.floor(random() * 2000), Math.floor(random() * 1000))
          : r < 0.8
            ? generateCjk(300, Math.floor(random() * 1000))
            : r < 0.9
              ? ' '.repeat(Math.floor(random() * longestSpaces))
              : '\u{1F600}a'.repeat(Math.floor(random() * 500));
    parts.push(part, random() < 0.5 ? ' ' : '\n');
    length += part.length + 1;
  }
  return parts.join('');
}

function pickOf<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

describe('windowed matches', () => {
  it('bounds what an attempt of a pattern reads from its source', () => {
    assert.equal(patternReach(/abc/), 3);
    assert.equal(patternReach(/\bfoo\b/), 4);
    assert.equal(patternReach(/a{1,3}b?/), 4);
    assert.equal(patternReach(/x(?:ab|c){2}/), 5);
    assert.equal(patternReach(/a(?=bcd)/), 4);
    assert.equal(patternReach(/\p{L}{0,2}/u), 4);
    assert.equal(patternReach(/[a-z\]]{2}/), 2);
    for (const unbounded of [/a+/, /a*/, /a{2,}/, /(a)\1/, /(?<=a)b/, /\s*$/, /(?:ab|c)+/])
      assert.equal(patternReach(unbounded), Number.POSITIVE_INFINITY, String(unbounded));
    // Nearly every detector pattern is bounded, so long texts are scanned in windows.
    const bounded = DETECTOR_PATTERNS.filter((p) => p.global && Number.isFinite(patternReach(p)));
    assert.ok(bounded.length >= 35, `${bounded.length} bounded`);
  });

  it('finds every detector pattern’s matches of a whole-text scan, in steps', () => {
    for (const seed of [1, 2]) {
      const text = longText(300_000, seed);
      let paused = 0;
      for (const pattern of DETECTOR_PATTERNS) {
        if (!pattern.global) continue;
        const { value, pauses } = drain(matchesInSteps(text, pattern));
        assert.deepEqual(value.map(plain), allMatches(text, pattern).map(plain), `${pattern.source.slice(0, 40)}…`);
        assert.equal(pattern.lastIndex, 0);
        paused += pauses;
      }
      assert.ok(paused > 35 * 8, `${paused} pauses`);
      for (const pattern of DETECTOR_PATTERNS) {
        const whole = new RegExp(pattern.source, pattern.flags.replace('g', ''));
        assert.deepEqual(
          plain(drain(firstMatchInSteps(text, pattern)).value),
          plain(whole.exec(text)),
          pattern.source.slice(0, 40),
        );
      }
    }
  });

  it('scans a pattern unbounded only through quantifiers with its capped variant, where that is the same', () => {
    const unbounded = DETECTOR_PATTERNS.filter((p) => p.global && !Number.isFinite(patternReach(p)));
    assert.ok(unbounded.length >= 3, `${unbounded.length} unbounded`);
    // Without a run of 257 spaces (or 257 repeats of "using "), the capped variants find the same in windows.
    for (const [text, windowed] of [
      [longText(300_000, 3, 200), true],
      [`${longText(150_000, 4, 200)}${' '.repeat(300)}${longText(150_000, 5, 200)}`, false],
      [`without ${'using '.repeat(300)}commas ${longText(300_000, 6, 100)}`, false],
    ] as const) {
      for (const pattern of unbounded) {
        const { value, pauses } = drain(matchesInSteps(text, pattern));
        assert.deepEqual(value.map(plain), allMatches(text, pattern).map(plain), pattern.source.slice(0, 40));
        if (windowed && !/\\\d/.test(pattern.source)) assert.ok(pauses > 8, `${pauses} pauses: ${pattern.source.slice(0, 40)}`);
      }
    }
  });

  it('a match that crosses a window edge is found once, at its place', () => {
    const phrase = 'Answer in at most 50 words.';
    const pattern = DETECTOR_PATTERNS[0]; // the count before a unit: "at most 50 words"
    for (let shift = -40; shift <= 40; shift += 7) {
      const text = `${'x '.repeat(16_384 + shift)}${phrase} ${'y '.repeat(20_000)}${phrase}`;
      const whole = allMatches(text, pattern);
      assert.equal(whole.length, 2);
      assert.deepEqual(drain(matchesInSteps(text, pattern)).value.map(plain), whole.map(plain));
    }
  });
});

describe('code masked in steps', () => {
  /** Lines of prose, inline code, fences (some left open) and very long lines with code spans near the cuts. */
  function codeText(seed: number): string {
    const random = seededRandom(seed);
    const lines: string[] = [];
    let length = 0;
    while (length < 400_000) {
      const r = random();
      let line: string;
      if (r < 0.05) line = pickOf(random, ['```', '~~~', '   ```js', '    ```', '``` ']);
      else if (r < 0.1) {
        // A long line: prose with inline code and stray backticks every few hundred characters.
        const parts: string[] = [];
        for (let n = 0; n < 200 + Math.floor(random() * 400); n++)
          parts.push(
            pickOf(random, [
              generateProse(100 + Math.floor(random() * 600), n).replace(/\n/g, ' '),
              '`code`',
              '``a ` b``',
              '`',
              '```x```',
              '`'.repeat(1 + Math.floor(random() * 4)),
            ]),
          );
        line = parts.join(' ');
      } else line = generateProse(20 + Math.floor(random() * 200), Math.floor(random() * 1000)).replace(/\n/g, ' ') + ' `x`';
      lines.push(line);
      length += line.length + 1;
    }
    return lines.join(random() < 0.5 ? '\n' : '\r\n');
  }

  it('equals maskCode at once, for either fence state, with pauses', () => {
    for (const seed of [3, 4, 5]) {
      const text = codeText(seed);
      for (const fence of [false, true]) {
        const { value, pauses } = drain(maskCodeSteps(text, fence));
        assert.deepEqual(value, maskCode(text, fence), `seed ${seed}, fence ${fence}`);
        assert.ok(pauses >= 5, `${pauses} pauses`);
      }
    }
    // One line of 1 MB: cut where no code span can cross (none can be where code spans are every few characters).
    for (const [line, cut] of [
      ['word '.repeat(200_000), true],
      ['```\n' + 'x'.repeat(1_000_000), true],
      [`${'word '.repeat(100_000)}\`a\` ${'word '.repeat(100_000)}`, true],
      ['`a` b '.repeat(170_000), false],
    ] as const) {
      const { value, pauses } = drain(maskCodeSteps(line));
      assert.deepEqual(value, maskCode(line));
      if (cut) assert.ok(pauses >= 20, `${pauses} pauses`);
    }
  });
});
