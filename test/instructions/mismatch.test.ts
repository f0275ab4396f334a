// instructions/mismatch's comparison: a declared count disagrees when it allows a count the text forbids.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { disagreement } from '../../core/instructions/compare';
import { lintDocument, type EngineHost } from '../../core/engine';
import { defaultConfig } from '../../core/config/types';
import { applyEdits } from '../../core/edits';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { nodeFileAccess } from '../../node/file-access';

const host: EngineHost = { tokenizers: new TokenizerPool(nodeRankLoader), files: nodeFileAccess() };
const lint = async (text: string) =>
  (await lintDocument({ uri: 'a.prompt.md', text, config: defaultConfig() }, host)).diagnostics;

describe('disagreement', () => {
  const cases: Array<[Parameters<typeof disagreement>, string | undefined]> = [
    [['words', '<100', { max: 200 }], 'at most 200'],
    [['words', '<100', { max: 99 }], undefined],
    [['words', '<100', { max: 100 }], 'at most 100'],
    [['words', '<100', { min: 20, max: 80 }], 'between 20 and 80'],
    [['words', '<100', { min: 20, max: 99 }], undefined],
    [['words', '<=100', { max: 50 }], 'at most 50'],
    [['words', '>=300', { min: 400 }], 'at least 400'],
    [['words', '>=300', { min: 300, max: 600 }], undefined],
    [['words', '<=50', '<=50'], undefined],
    [['words', '<=50', 50], undefined],
    [['words', '<=50', '>=10'], 'at least 10'],
    [['paragraphs', '>=3', { max: 5 }], 'at most 5'],
    [['paragraphs', '>=3', 4], 'exactly 4'],
    [['paragraphs', '>=3', '>=3'], undefined],
    [['format', 'text', 'json'], 'json'],
    [['format', 'json', 'text'], 'text'],
    [['paragraphs', 3, { count: 3, separator: '***' }], undefined],
    [['paragraphs', 3, { count: 2, separator: '***' }], 'exactly 2'],
    [['sentences', 3, '~3'], 'between 2 and 4'],
    [['words', '~100', { exactly: 100, tolerance: 5 }], undefined],
    [['words', '100..150', '120..160'], 'between 120 and 160'],
    [['words', '<=50', { max: -1 }], undefined],
    [['format', 'json', 'markdown'], 'markdown'],
    [['format', 'json', 'JSON'], undefined],
    [['case', 'lower', 'upper'], 'upper'],
    [['case', 'lower', 'lower'], undefined],
    [['noCommas', true, false], 'false'],
    [['noCommas', true, true], undefined],
    [['endsWith', 'Best regards', ' best regards '], undefined],
    [['endsWith', 'Best regards', { text: 'Kind regards', caseSensitive: true }], '"Kind regards"'],
    [['startsWith', 'Dear customer', 42], undefined],
  ];
  for (const [args, expected] of cases) {
    it(`${args[0]}: text ${JSON.stringify(args[1])} vs declared ${JSON.stringify(args[2])}`, () =>
      assert.equal(disagreement(...args), expected));
  }
});

describe('instructions/mismatch', () => {
  it('reports at the phrase, relates the declared value, and its fix makes them agree with nothing else new', async () => {
    const text =
      '---\nconstraints:\n  words: {max: 200}  # old limit\n  endsWith: {text: "Bye", caseSensitive: true}\n---\nKeep your answer under 100 words. End your reply with "Thanks".\n';
    const found = (await lint(text)).filter((d) => d.ruleId === 'instructions/mismatch');
    assert.deepEqual(
      found.map((d) => text.slice(d.offset, d.offset + d.length)),
      ['under 100 words', 'End your reply with "Thanks"'],
    );
    assert.deepEqual(
      found.map((d) => d.related?.map((r) => text.slice(r.offset, r.offset + r.length))),
      [['{max: 200}'], ['{text: "Bye", caseSensitive: true}']],
    );
    assert.equal(found[1].fixes, undefined, 'no fix that would drop caseSensitive');
    const fix = found[0].fixes?.[0];
    assert.equal(fix?.title, 'Use the prompt\'s words: "<100"');
    const after = applyEdits(text, fix!.edits)!;
    assert.equal(after, text.replace('{max: 200}', '"<100"'));
    const relinted = await lint(after);
    assert.deepEqual(
      relinted.filter((d) => d.ruleId === 'instructions/mismatch').map((d) => (d.data as { key: string }).key),
      ['endsWith'],
    );
    assert.deepEqual(
      relinted.filter((d) => d.ruleId.startsWith('frontmatter/')),
      [],
    );
  });
  it('a declared limit stricter than the prose is a mismatch too, and so is prose contradicting a declared format', async () => {
    const text = '---\nconstraints:\n  words: {max: 50}\n  format: json\n---\nAnswer in at most 100 words, as plain prose.\n';
    const found = (await lint(text)).filter((d) => d.ruleId === 'instructions/mismatch');
    assert.deepEqual(found.map((d) => (d.data as { key: string }).key).sort(), ['format', 'words']);
    assert.match(found.find((d) => (d.data as { key: string }).key === 'words')!.message, /declares at most 50/);
  });
});
