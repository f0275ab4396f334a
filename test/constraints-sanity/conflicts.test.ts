// findConflicts and unsatisfiableLengths on plain constraint objects: each check fires, and its near misses do not.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findConflicts, unsatisfiableLengths } from '../../core/constraints-sanity';

function kinds(constraints: Record<string, unknown>): string[] {
  return findConflicts(constraints).map((c) => c.kind);
}

describe('constraints/conflict checks', () => {
  const fires: Array<[string, Record<string, unknown>, string]> = [
    ['min above max', { words: { min: 5, max: 3 } }, 'inverted-count'],
    ['"A..B" backwards', { lines: '10..5' }, 'inverted-count'],
    ['inside {count, separator}', { paragraphs: { count: { min: 4, max: 2 }, separator: '***' } }, 'inverted-count'],
    ['inside a frequency item', { frequency: [{ word: 'a', count: '9..1' }] }, 'inverted-count'],
    ['same word in include and exclude, any case', { include: ['Refund'], exclude: ['refund'] }, 'required-excluded'],
    ['excluded word inside a required phrase', { include: ['our refund policy'], exclude: ['refund'] }, 'required-excluded'],
    ['excluded word in endsWith', { endsWith: 'Can I help?', exclude: ['help'] }, 'required-excluded'],
    ['prose endsWith with JSON', { format: 'json', endsWith: 'Thanks!' }, 'not-json'],
    ['prose startsWith with JSON', { format: 'json', startsWith: 'Here is' }, 'not-json'],
    ['wrappedIn * with JSON', { format: 'json', wrappedIn: '*' }, 'not-json'],
    [
      'case-sensitive upper-case include under case: lower',
      { case: 'lower', include: { words: ['NASA'], caseSensitive: true } },
      'letter-case',
    ],
    [
      'case-sensitive lower-case startsWith under case: upper',
      { case: 'upper', startsWith: { text: 'Note', caseSensitive: true } },
      'letter-case',
    ],
    ['wrappedIn is case-sensitive', { case: 'lower', wrappedIn: 'Q' }, 'letter-case'],
    ['capital words under case: lower', { case: 'lower', capitalWords: { min: 1 } }, 'letter-case'],
    ['comma in a required text', { noCommas: true, include: ['Paris, France'] }, 'comma'],
    ['full-width comma', { noCommas: true, endsWith: '谢谢，再见' }, 'comma'],
    ['paragraphs over sentences', { paragraphs: 5, sentences: { max: 3 } }, 'nesting'],
    ['sentences over words', { sentences: '>=10', words: '<=5' }, 'nesting'],
    ['bullets over lines', { bullets: 4, lines: 3 }, 'nesting'],
    ['bullets with format: text', { format: 'text', bullets: { min: 1 } }, 'format-structure'],
    ['headings with format: text', { format: 'text', sections: 2 }, 'format-structure'],
    ['bullets with format: json', { format: 'json', bullets: 3 }, 'format-structure'],
  ];
  for (const [name, constraints, kind] of fires) {
    it(`fires: ${name}`, () => assert.deepEqual(kinds(constraints), [kind]));
  }

  const quiet: Array<[string, Record<string, unknown>]> = [
    ['min equal to max', { words: { min: 3, max: 3 } }],
    ['exact count and tolerance', { words: { exactly: 100, tolerance: '10%' } }],
    ["malformed values are frontmatter/schema's", { words: 'lots', include: 'refund', case: 'title' }],
    ['include word only part of an excluded phrase', { include: ['refund'], exclude: ['refund policy'] }],
    ['whole-word exclusion inside a longer required word', { include: ['refunds'], exclude: ['refund'] }],
    [
      'case-insensitive include, case-sensitive exclude',
      { include: ['Refund'], exclude: { words: ['Refund'], caseSensitive: true } },
    ],
    ['JSON-shaped affixes', { format: 'json', startsWith: '```json', endsWith: '}' }],
    ['JSON literals', { format: 'json', startsWith: 'Tr', endsWith: 'NULL' }],
    ['wrapped in quotes is a JSON string', { format: 'json', wrappedIn: '"' }],
    ['case-insensitive include under case: lower', { case: 'lower', include: ['NASA'] }],
    ['case-insensitive startsWith under case: lower', { case: 'lower', startsWith: 'Dear' }],
    ['capital words allowed but not required', { case: 'lower', capitalWords: { max: 2 } }],
    ['no comma', { noCommas: true, include: ['Paris'] }],
    ['noCommas off', { noCommas: false, include: ['Paris, France'] }],
    ['paragraphs within sentences', { paragraphs: 3, sentences: { max: 3 } }],
    ['marked sections with format: text', { format: 'text', sections: { count: 2, marker: 'SECTION' } }],
    ['highlights with format: json (a JSON string can hold *stars*)', { format: 'json', highlights: 2 }],
    ['bullets allowed, not required, with format: text', { format: 'text', bullets: { max: 3 } }],
    ['mode: loose turns cross-key checks off', { mode: 'loose', format: 'json', endsWith: 'Thanks!' }],
    ['compat: ifeval turns cross-key checks off', { compat: 'ifeval', include: ['x'], exclude: ['x'] }],
  ];
  for (const [name, constraints] of quiet) {
    it(`quiet: ${name}`, () => assert.deepEqual(kinds(constraints), []));
  }

  it('an inverted count is still reported under mode: loose', () => {
    assert.deepEqual(kinds({ mode: 'loose', words: '9..1' }), ['inverted-count']);
  });

  it('paths point at the two values: {min, max} at each bound, a phrase at its list item', () => {
    assert.deepEqual(findConflicts({ words: { min: 5, max: 3 } })[0]!.paths, [
      ['words', 'min'],
      ['words', 'max'],
    ]);
    assert.deepEqual(findConflicts({ include: { words: ['a', 'b'] }, exclude: ['b'] })[0]!.paths, [
      ['include', 'words', 1],
      ['exclude', 0],
    ]);
    assert.deepEqual(findConflicts({ paragraphs: { count: 5 }, sentences: { max: 3 } })[0]!.paths, [
      ['paragraphs', 'count'],
      ['sentences', 'max'],
    ]);
  });
});

describe('constraints/unsatisfiable checks', () => {
  it('a minimum over the reserve, at its min node', () => {
    const [found] = unsatisfiableLengths({ words: { min: 500, max: 900 } }, 'o200k_base', 256);
    assert.deepEqual(found, { key: 'words', path: ['words', 'min'], min: 500, needs: 555, perUnit: 1.11, output: 256 });
  });

  it('exactly at the reserve fits', () => {
    assert.deepEqual(unsatisfiableLengths({ tokens: 256, lines: 256 }, 'o200k_base', 256), []);
    assert.equal(unsatisfiableLengths({ tokens: 257 }, 'o200k_base', 256).length, 1);
  });

  it('maximums alone never fire, and non-length counts are ignored', () => {
    assert.deepEqual(unsatisfiableLengths({ words: '<=5000', highlights: 900, capitalWords: 900 }, 'o200k_base', 10), []);
  });

  it('paragraphs {count, separator} is read at count', () => {
    assert.deepEqual(unsatisfiableLengths({ paragraphs: { count: 200, separator: '***' } }, 'o200k_base', 256)[0]?.path, [
      'paragraphs',
      'count',
    ]);
  });

  it('compat: ifeval checks only tokens', () => {
    assert.deepEqual(
      unsatisfiableLengths({ compat: 'ifeval', words: 5000, tokens: 300 }, 'o200k_base', 256).map((u) => u.key),
      ['tokens'],
    );
  });
});
