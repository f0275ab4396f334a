// IFBench's layout, repetition and one-off task types. Under `compat: ifbench`, the expected verdicts are the
// reference checker's (allenai/IFBench) on the responses of test/fixtures/ifbench/task-cases.jsonl, strict and
// loose, as scripts/ifbench-reference.py answered them. Our own definitions are checked by hand-worked cases.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkCompletion } from '../../core/constraints/check';
import { ifbenchConstraints } from '../../core/constraints/ifbench/instructions';
import { ifbenchOptions } from '../../core/constraints/ifbench/tasks';
import { readCsv } from '../../core/constraints/measure/csv';
import { context, parseVerdict, run, sliceAll } from './helpers';

interface Case {
  id: string;
  kwargs: Record<string, unknown>;
  response: string;
  prompt?: string;
  strict: boolean;
  loose: boolean;
}

const cases = readFileSync(path.join(import.meta.dirname, '../fixtures/ifbench/task-cases.jsonl'), 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Case);

function verdict(c: Case, mode: 'strict' | 'loose'): boolean {
  const constraints = ifbenchConstraints({ id: c.id, kwargs: c.kwargs });
  assert.ok(constraints, `${c.id} has no mapping`);
  const ctx = context({ compat: 'ifbench', mode, promptText: c.prompt ?? '' });
  const { results } = checkCompletion(c.response, { compat: 'ifbench', mode, ...constraints }, ctx);
  assert.ok(results.length > 0, `${c.id} produced no result`);
  return results.every((r) => r.pass);
}

const IFBENCH = context({ compat: 'ifbench' });

describe('compat: ifbench agrees with IFBench’s reference checker', () => {
  const ids = [...new Set(cases.map((c) => c.id))];
  it('covers every task type with passing and failing responses', () => {
    assert.equal(ids.length, 20);
    for (const id of ids) {
      const own = cases.filter((c) => c.id === id);
      assert.ok(own.some((c) => c.strict) && own.some((c) => !c.strict), `${id} needs both verdicts`);
    }
  });
  for (const id of ids) {
    it(id, () => {
      for (const c of cases.filter((x) => x.id === id)) {
        const what = `${id} ${JSON.stringify(c.kwargs)} on ${JSON.stringify(c.response)}`;
        assert.equal(verdict(c, 'strict'), c.strict, `strict: ${what}`);
        assert.equal(verdict(c, 'loose'), c.loose, `loose: ${what}`);
      }
    });
  }
});

describe('mapping IFBench kwargs', () => {
  it('reads format:options the way IFBench does', () => {
    assert.deepEqual(ifbenchOptions('yes/no/maybe'), { options: ['yes', 'no', 'maybe'], exact: false });
    assert.deepEqual(ifbenchOptions("I know or I don't know"), { options: ['I know', "I don't know"], exact: false });
    assert.deepEqual(ifbenchOptions('a), b), c), d)'), { options: ['a)', 'b)', 'c)', 'd)'], exact: true });
  });
  it('slices repeat:repeat_span by code points, as Python does', () => {
    const c = ifbenchConstraints({
      id: 'repeat:repeat_span',
      kwargs: { prompt_to_repeat: '😀 héllo wörld', n_start: 2, n_end: 6 },
    });
    assert.deepEqual(c, { echo: 'héllo' });
  });
});

describe('CSV reader (Python csv.reader, excel dialect)', () => {
  const texts = (t: string, d?: string) => {
    const read = readCsv(t, d);
    return read.ok ? read.records.map((r) => r.map((f) => f.text)) : read.error;
  };
  it('reads as Python 3.11 does', () => {
    // Each expected value is `list(csv.reader(io.StringIO(text)))` in Python 3.11.
    assert.deepEqual(texts('a,b\n\n\nc'), [['a', 'b'], [], [], ['c']]);
    assert.deepEqual(texts('a,"b"c,d\n'), [['a', 'bc', 'd']]);
    assert.deepEqual(texts('"a" ,b'), [['a ', 'b']]);
    assert.deepEqual(texts('"abc'), [['abc']]);
    assert.deepEqual(texts('x\n"'), [['x'], ['']]);
    assert.deepEqual(texts('"a"""\n'), [['a"']]);
    assert.deepEqual(texts('a,b,\n'), [['a', 'b', '']]);
    assert.deepEqual(texts('"a\nb",c\r\nd'), [['a\nb', 'c'], ['d']]);
    assert.equal(texts('a\rb\n'), 'new-line character seen in unquoted field');
    assert.deepEqual(texts('a\tb c', '\t'), [['a', 'b c']]);
  });
});

describe('our definitions', () => {
  it('nestedBullets: Markdown nesting, or declared markers', () => {
    const ok = run('nestedBullets', { min: 1 }, '- Fruit\n  - apple\n- Veg\n  - carrot\n  - leek');
    assert.equal(ok.pass, true, ok.message);
    const text = '- Fruit\n  - apple\n- Veg\n- Nuts\n  1. almond';
    const r = run('nestedBullets', 1, text);
    assert.equal(r.pass, false);
    assert.deepEqual(sliceAll(text, r.ranges), ['- Veg']);
    assert.equal(run('nestedBullets', 1, 'Just prose.').pass, false);
    const marked = { count: 1, markers: ['*'], subMarkers: ['-'] };
    assert.equal(run('nestedBullets', marked, '* a\n- b\n* c\n  - d').pass, true);
    // `**bold**` is not an item here, but IFBench's split at every `*` sees empty pieces after it.
    assert.equal(run('nestedBullets', marked, '**Note**\n* a\n  - b').pass, true);
    assert.equal(run('nestedBullets', marked, '**Note**\n* a\n  - b', IFBENCH).pass, false);
    assert.equal(run('nestedBullets', marked, 'no stars', IFBENCH).pass, true);
    assert.match(parseVerdict('nestedBullets', { markers: ['*'] }), /markers and subMarkers go together/);
  });

  it('italicLeads: each section leads with italics and goes on', () => {
    assert.equal(run('italicLeads', true, '<i>Cats rule.</i> Here is why.\n\n*Dogs drool.* Also true.').pass, true);
    const text = '## One\n<em>Thesis.</em> Body.\n\n## Two\nPlain start.';
    const r = run('italicLeads', { markup: 'html' }, text);
    assert.equal(r.pass, false);
    assert.deepEqual(sliceAll(text, r.ranges), ['Plain start.']);
    assert.equal(run('italicLeads', { markup: 'html' }, '*Thesis.* Body.').pass, false);
    assert.equal(run('italicLeads', true, '<i>Only the thesis.</i>').pass, false);
    assert.equal(run('italicLeads', true, '<i> </i> body').pass, false);
    // IFBench: the first <i>…</i> with text after it anywhere is enough.
    assert.equal(run('italicLeads', true, 'Intro.\n\n<i>Thesis</i> body', IFBENCH).pass, true);
    assert.equal(parseVerdict('italicLeads', false), 'off');
  });

  it('quotesFollowed: text of its own after each quotation', () => {
    assert.equal(run('quotesFollowed', true, 'He said “hi” and left, then "bye" too.').pass, true);
    const text = 'Two: "a", "b" and more';
    const r = run('quotesFollowed', true, text);
    assert.equal(r.pass, false);
    assert.deepEqual(sliceAll(text, r.ranges), ['"a"']);
    assert.equal(run('quotesFollowed', true, text, IFBENCH).pass, true);
    assert.equal(run('quotesFollowed', true, 'End on a “quote”').pass, false);
  });

  it('oneOf: one of the answers and nothing else', () => {
    assert.equal(run('oneOf', ['yes', 'no', 'maybe'], '  Yes.\n').pass, true);
    assert.equal(run('oneOf', ['yes', 'no', 'maybe'], 'Yes, because.').pass, false);
    assert.equal(run('oneOf', ['yes', 'no', 'maybe'], 'yes\n', IFBENCH).pass, false);
    assert.equal(run('oneOf', { options: ['a)', 'b)'], exact: true }, 'a)\n').pass, true);
    assert.equal(run('oneOf', { options: ['a)', 'b)'], exact: true }, 'A)').pass, false);
  });

  it('echo: the text, whitespace and case aside; or with its first word changed', () => {
    assert.equal(run('echo', 'Only output  this.', 'only output\nthis.').pass, true);
    assert.equal(run('echo', 'Only output  this.', 'only output\nthis.', IFBENCH).pass, false);
    assert.equal(run('echo', { text: 'Only this.', caseSensitive: true }, 'only this.').pass, false);
    const change = { text: 'Write a poem about cats.', changeFirstWord: true };
    assert.equal(run('echo', change, 'Compose a poem about cats.').pass, true);
    assert.equal(run('echo', change, 'write a poem about cats.').pass, false);
    assert.equal(run('echo', change, 'write a poem about cats.', IFBENCH).pass, true);
    assert.equal(run('echo', change, 'Compose a poem about dogs.').pass, false);
  });

  it('overlap: shared distinct character trigrams, in percent', () => {
    // abcxyz has the trigrams abc, bcx, cxy, xyz; only abc occurs in abcdef: 25%.
    const r = run('overlap', { text: 'abcdef', percent: { min: 23, max: 27 } }, 'abcxyz');
    assert.equal(r.pass, true);
    assert.equal(r.measured, 25);
    assert.equal(run('overlap', { text: 'abcdef', percent: { min: 26 } }, 'abcxyz').pass, false);
    // Code points: 😀😀😀b has two trigrams, one shared.
    assert.equal(run('overlap', { text: '😀😀😀a', percent: 50 }, '😀😀😀b').measured, 50);
    assert.equal(run('overlap', { text: 'abc', percent: { max: 100 } }, 'ab').pass, false);
    assert.match(parseVerdict('overlap', { text: 'x' }), /percent is required/);
  });

  it('nthWords: every nth word matches', () => {
    const text = 'I 猫 like dog and 犬';
    const r = run('nthWords', { every: 2, pattern: '[぀-ヿ一-鿿]' }, text);
    assert.equal(r.pass, false);
    assert.deepEqual(sliceAll(text, r.ranges), ['dog']);
    assert.equal(run('nthWords', { every: 2, pattern: '[぀-ヿ一-鿿]' }, 'I 猫 like ² and 「犬」').pass, true);
    assert.match(parseVerdict('nthWords', { every: 2, pattern: '(' }), /nthWords: invalid regex/);
  });

  it('csv: header, rows, widths and quoting', () => {
    const data = 'ID, City\n1,Paris\n\n2,"Rome, IT"\n';
    assert.equal(run('csv', { header: ['ID', 'City'], rows: 2 }, '```csv\n' + data + '```').pass, true);
    assert.equal(run('csv', { header: ['ID', 'City'], rows: 2 }, data, IFBENCH).pass, false);
    assert.equal(run('csv', { header: ['ID', 'City'], rows: 2, quoted: 'special' }, data).pass, true);
    assert.equal(run('csv', { header: ['ID', 'City'], rows: 2, quoted: 'all' }, data).pass, false);
    assert.equal(run('csv', { header: ['ID', 'City'], rows: 2 }, 'ID,City\n1,Paris\n2').pass, false);
    assert.match(parseVerdict('csv', { header: ['a'], delimiter: '"' }), /delimiter must be one character/);
  });

  it('listItems: the items in order', () => {
    const value = { items: ['Reykjavik', 'Oslo', 'Chisinau'], ignoreAccents: true };
    assert.equal(run('listItems', value, 'Reykjavík,  Oslo,, Chișinău').pass, true);
    assert.equal(run('listItems', value, 'Oslo, Reykjavik, Chisinau').pass, false);
    assert.equal(run('listItems', { items: ['Reykjavik'] }, 'Reykjavík').pass, false);
    // IFBench's ASCII folding drops the flag; ours keeps it.
    assert.equal(run('listItems', value, 'Reykjavik, Oslo 🇳🇴, Chisinau', IFBENCH).pass, true);
    assert.equal(run('listItems', value, 'Reykjavik, Oslo 🇳🇴, Chisinau').pass, false);
  });

  it('sortedLines: alphabetical order, from a starting line', () => {
    assert.equal(run('sortedLines', 'ascending', 'apple\nBanana\nÉclair\nfig').pass, true);
    assert.equal(run('sortedLines', 'ascending', 'apple\nBanana', IFBENCH).pass, false);
    const value = { order: 'descending', from: 'Zimbabwe', count: { min: 3 } };
    assert.equal(run('sortedLines', value, 'Here they are:\n- Zimbabwe\n- Zambia\n- Uganda.').pass, true);
    assert.equal(run('sortedLines', value, 'Zimbabwe\nZambia').pass, false);
    assert.equal(run('sortedLines', value, 'Zambia\nUganda\nTogo').pass, false);
  });

  it('multipleChoice: questions, options and growing length', () => {
    const q = (n: number, text: string, letters: string) =>
      `Question ${n}: ${text}\n${[...letters].map((l) => `${l}) option`).join('\n')}`;
    const text = [q(1, 'Who?', 'ABCDEF'), q(2, 'Who did it?', 'ABCDEF')].join('\n');
    const value = { questions: 2, options: 6, longer: true };
    assert.equal(run('multipleChoice', value, text).pass, true);
    assert.equal(run('multipleChoice', value, text, IFBENCH).pass, false);
    assert.equal(run('multipleChoice', value, `Sure!\n${text}`).pass, false);
    assert.equal(run('multipleChoice', value, [q(1, 'Who did it?', 'ABCDEF'), q(2, 'Who?', 'ABCDEF')].join('\n')).pass, false);
  });

  it('backwards: read back to front', () => {
    assert.equal(run('backwards', { include: ['bald eagle'] }, '“Eagle” bald the is it').pass, true);
    assert.equal(run('backwards', { include: ['bald eagle'] }, '“Eagle” bald the is it', IFBENCH).pass, false);
    assert.equal(run('backwards', { by: 'character', include: ['bald eagle'] }, 'ELGAE DLAB').pass, true);
    assert.equal(run('backwards', { include: ['bald eagle'] }, 'The bald eagle').pass, false);
  });

  it('pattern count: non-overlapping matches', () => {
    const r = run('pattern', { regex: '!\\?!\\?', count: { min: 2, max: 2 } }, '!?!?!?!? and !?!?');
    assert.equal(r.measured, 3);
    assert.equal(r.pass, false);
    assert.deepEqual(r.ranges, [{ offset: 13, length: 4 }]);
    // Anchors keep their meaning across the text: three list lines, not one.
    assert.equal(run('pattern', { regex: '^- ', flags: 'm', count: 3 }, '- a\n- b\nx - c\n- d').measured, 3);
    // A look-ahead runs on the backtracking matcher.
    assert.equal(run('pattern', { regex: 'a(?=b)', count: 2 }, 'ab ac ab').measured, 2);
    assert.match(parseVerdict('pattern', { regex: 'a', count: 1, absent: true }), /count cannot be combined/);
  });
});
