import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isMap } from 'yaml';
import { detectFormat, entriesAt, findKey, nodeSpan, parseDocument } from '../../core/document';
import { assertWellFormed, at } from './helpers';
import { withCpuTime } from '../support/cpu-time';

test('broken YAML: errors are located in the file, the body is still read', () => {
  const text = '---\nmodel: gpt-4o\nkey: @bad\nmodel: again\n---\n# Body {{x}}\n';
  const doc = parseDocument('a.prompt.md', text);
  assertWellFormed(doc);
  const errors = doc.frontmatter?.errors ?? [];
  assert.deepEqual(
    errors.map((e) => [e.message, at(text, e.span)]),
    [
      ['Plain value cannot start with reserved character @', '@'],
      ['Map keys must be unique', 'm'],
    ],
  );
  assert.equal(errors[1].span.offset, text.indexOf('model: again'));
  assert.equal(doc.frontmatter?.value, undefined);
  assert.equal(doc.sections[0].title, 'Body {{x}}');
  assert.deepEqual(
    doc.variables.map((v) => v.name),
    ['x'],
  );
});

test('CRLF YAML errors point at the right characters', () => {
  const text = '---\r\nmodel: gpt-4o\r\nbudget:\r\n  output: 1\r\n bad: 2\r\n---\r\nHi\r\n';
  const doc = parseDocument('a.prompt.md', text);
  const [error] = doc.frontmatter?.errors ?? [];
  assert.equal(error.message, 'All mapping items must start at the same column');
  assert.equal(error.span.offset, text.indexOf(' bad: 2'));
  assert.equal(at(text, doc.body), 'Hi\r\n');
});

test('unterminated frontmatter: reported at the opening fence, the rest is body', () => {
  const text = '---\nmodel: gpt-4o\n# Task\nDo {{it}}.\n';
  const doc = parseDocument('a.prompt.md', text);
  const [error] = doc.frontmatter?.errors ?? [];
  assert.match(error.message, /not closed/);
  assert.equal(at(text, error.span), '---');
  assert.equal(doc.frontmatter?.value, undefined);
  assert.equal(doc.body.offset, 4);
  assert.equal(doc.sections[0].title, 'Task');
  assert.deepEqual(
    doc.variables.map((v) => v.name),
    ['it'],
  );
  assert.equal(doc.interop.model, undefined);
});

test('BOM and CRLF before the fence; `...` also closes; empty frontmatter is an empty mapping', () => {
  const text = '\uFEFF---\r\nmodel: gpt-4o\r\n...\r\nHello {{name}}\r\n';
  const doc = parseDocument('a.prompt.md', text);
  assert.equal(doc.frontmatter?.blockSpan.offset, 1);
  assert.equal(at(text, doc.frontmatter?.blockSpan), '---\r\nmodel: gpt-4o\r\n...\r\n');
  assert.equal(at(text, doc.frontmatter?.span), 'model: gpt-4o\r\n');
  assert.equal(at(text, doc.interop.model?.span), 'gpt-4o');
  assert.equal(at(text, doc.body), 'Hello {{name}}\r\n');
  assert.equal(at(text, doc.variables[0].span), '{{name}}');

  const empty = parseDocument('a.prompt.md', '---\n---\nx');
  assert.deepEqual(empty.frontmatter?.value, {});
  assert.deepEqual(empty.frontmatter?.span, { offset: 4, length: 0 });
  assert.equal(empty.body.offset, 8);
});

test('a text that only starts with `----` or `--- x` has no frontmatter', () => {
  for (const text of ['----\nx\n---\n', '--- x\n---\n']) {
    assert.equal(parseDocument('a.prompt.md', text).frontmatter, undefined);
  }
});

test('frontmatter that is not a mapping is an error at the value', () => {
  const text = '---\n- a\n- b\n---\nbody';
  const doc = parseDocument('a.prompt.md', text);
  assert.match(doc.frontmatter?.errors[0].message ?? '', /must be a mapping/);
  assert.equal(at(text, doc.frontmatter?.errors[0].span), '- a\n- b\n');
});

test('alias bomb: reported, not expanded', () => {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 12; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const yaml = lines.join('\n');
  for (const [uri, text] of [
    ['bomb.prompt.md', `---\n${yaml}\n---\nbody`],
    ['bomb.prompt.yml', yaml],
  ]) {
    const { result: doc, ms } = withCpuTime(() => parseDocument(uri, text));
    assert.ok(ms < 1000, `took ${Math.round(ms)} ms of CPU`);
    assert.equal(doc.frontmatter?.value, undefined);
    const error = doc.frontmatter?.errors.at(-1);
    assert.match(error?.message ?? '', /alias/i);
    assert.equal(at(text, error?.span), '*a');
  }
});

test('a list or mapping used as a key: a located error, no Node warning on stderr', async () => {
  const warnings: string[] = [];
  const listen = (warning: Error) => warnings.push(warning.message);
  process.on('warning', listen);
  try {
    for (const [key, what] of [
      ['[a, b]', /not a list/],
      ['{x: 1}', /not a mapping/],
    ] as const) {
      const text = `---\nmodel: gpt-4o\n? ${key}\n: 1\n---\nbody`;
      const doc = parseDocument('k.prompt.md', text);
      assert.equal(doc.frontmatter?.value, undefined);
      const error = doc.frontmatter?.errors[0];
      assert.match(error?.message ?? '', what);
      assert.equal(at(text, error?.span), key);
    }
    // yaml emits its warning with process.emitWarning, which is delivered on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', listen);
  }
  assert.deepEqual(warnings, []);
});

test('nodeSpan, findKey and entriesAt locate keys and values in file offsets', () => {
  const text = '---\nmodel: gpt-4o\nbudget:\n  warnAt: 0.8\n  wranAt: 1\n  variables:\n    doc: 10\n  empty:\n---\n';
  const doc = parseDocument('a.prompt.md', text);
  const frontmatter = doc.frontmatter;
  assert.ok(frontmatter);
  const warnAt = findKey(frontmatter, ['budget', 'warnAt']);
  assert.equal(at(text, warnAt?.keySpan), 'warnAt');
  assert.equal(at(text, warnAt?.valueSpan), '0.8');
  assert.equal(findKey(frontmatter, ['budget', 'nope']), undefined);
  assert.equal(findKey(frontmatter, ['model', 'id']), undefined);
  const empty = findKey(frontmatter, ['budget', 'empty']);
  assert.equal(empty?.valueSpan.length, 0);
  assert.equal(empty?.valueSpan.offset, text.indexOf('empty:') + 'empty'.length);
  assert.deepEqual(
    entriesAt(frontmatter, ['budget']).map((e) => e.key),
    ['warnAt', 'wranAt', 'variables', 'empty'],
  );
  assert.deepEqual(
    entriesAt(frontmatter, []).map((e) => at(text, e.keySpan)),
    ['model', 'budget'],
  );
  const budget = findKey(frontmatter, ['budget'])?.value;
  assert.ok(isMap(budget));
  assert.ok(at(text, nodeSpan(frontmatter, budget)).startsWith('warnAt: 0.8'));
});

test('format detection', () => {
  assert.equal(detectFormat('file:///x/support.prompt.md'), 'markdown');
  assert.equal(detectFormat('README.MD'), 'markdown');
  assert.equal(detectFormat('a.prompt'), 'dotprompt');
  assert.equal(detectFormat('a.prompty'), 'prompty');
  assert.equal(detectFormat('a.prompt.yml'), 'github-models');
  assert.equal(detectFormat('C:\\x\\a.Prompt.YAML'), 'github-models');
  assert.equal(detectFormat('file:///x/a.prompt?v=1#frag'), 'dotprompt');
  assert.equal(detectFormat('prompts/a.txt'), 'text');
  assert.equal(detectFormat('untitled:Untitled-1'), 'text');
  assert.equal(parseDocument('a.txt', 'x', { format: 'prompty' }).format, 'prompty');
});

test("what may precede the opening fence follows each format's reference parser", () => {
  const header = '# Copyright 2026 Example\n#\n\n---\nmodel: gemini-2.5-flash\n---\nHi {{name}}\n';
  const dotprompt = parseDocument('a.prompt', header);
  assertWellFormed(dotprompt);
  assert.equal(dotprompt.interop.model?.value, 'gemini-2.5-flash');
  // The header is neither YAML nor template: only the body is sent.
  assert.equal(at(header, dotprompt.body), 'Hi {{name}}\n');
  assert.equal(at(header, dotprompt.frontmatter?.blockSpan), '---\nmodel: gemini-2.5-flash\n---\n');
  // Markdown frontmatter must start the file: the same text is all body there.
  const markdown = parseDocument('a.prompt.md', header);
  assert.equal(markdown.frontmatter, undefined);
  assert.equal(at(header, markdown.body), header);

  const prompty = '\n \n  ---\nname: x\nmodel:\n  id: gpt-4o\n+++\nsystem:\nHi\n';
  const doc = parseDocument('a.prompty', prompty);
  assertWellFormed(doc);
  assert.equal(doc.interop.model?.value, 'gpt-4o');
  assert.equal(at(prompty, doc.body), 'system:\nHi\n');
  // Dotprompt does not skip `---`-less text: an unclosed fence after a header is a rule in the template.
  const rule = '# Title\n\n---\nText\n';
  const ruled = parseDocument('a.prompt', rule);
  assert.equal(ruled.frontmatter, undefined);
  assert.equal(at(rule, ruled.body), rule);
});
