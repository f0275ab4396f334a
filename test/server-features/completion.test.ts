// Frontmatter completion: keys and values from schemas/frontmatter.schema.json, model ids from the table, valid YAML inserted.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CompletionItem, TextEdit } from 'vscode-languageserver';
import { provideCompletion } from '../../server/features';
import { MODELS } from '../../core/models';
import { snapshotOf } from './harness';

/** The text with `|` removed, and the position where it was. */
function cursorIn(marked: string): { text: string; offset: number } {
  const offset = marked.indexOf('|');
  assert.ok(offset >= 0);
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), offset };
}

async function complete(
  marked: string,
  uri = '/w/a.prompt.md',
): Promise<{ items: CompletionItem[]; text: string; doc: TextDocument }> {
  const { text, offset } = cursorIn(marked);
  const s = await snapshotOf(uri, text);
  return { items: provideCompletion(s, s.textDocument.positionAt(offset)), text, doc: s.textDocument };
}

/** Applies an item's edit with snippet syntax resolved to its defaults, as accepting it in an editor would. */
function accept(doc: TextDocument, item: CompletionItem): string {
  const edit = item.textEdit as TextEdit;
  const plain = edit.newText
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
  return TextDocument.applyEdits(doc, [{ range: edit.range, newText: plain }]);
}

function frontmatterOf(text: string): unknown {
  const match = /^---\n([\s\S]*?)\n?---/.exec(text);
  assert.ok(match, 'frontmatter');
  return parseYaml(match[1]);
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);

describe('completion: keys', () => {
  it('offers our top-level keys', async () => {
    const { items } = await complete('---\n|\n---\nHi\n');
    assert.deepEqual(labels(items), ['model', 'targets', 'structuredOutput', 'budget', 'constraints', 'samples']);
  });

  it('offers the budget keys under budget:, minus those already there', async () => {
    const { items } = await complete('---\nmodel: gpt-4o\nbudget:\n  output: 100\n  |\n  context: 5000\n---\nHi\n');
    assert.deepEqual(labels(items), ['prompt', 'warnAt', 'effective', 'variables']);
  });

  it('inserts `key: value` that is valid YAML and reads back as the schema wants', async () => {
    const { items, doc } = await complete('---\nbudget:\n  wa|\n---\nHi\n');
    const warnAt = items.find((i) => i.label === 'warnAt');
    assert.ok(warnAt);
    assert.equal((warnAt.textEdit as TextEdit).newText, 'warnAt: ${1:0.8}');
    assert.deepEqual(frontmatterOf(accept(doc, warnAt)), { budget: { warnAt: 0.8 } });
  });

  it('opens an indented block for a mapping key and asks for suggestions again', async () => {
    const { items, doc } = await complete('---\nmodel: gpt-4o\n|\n---\nHi\n');
    const budget = items.find((i) => i.label === 'budget');
    assert.ok(budget);
    assert.equal((budget.textEdit as TextEdit).newText, 'budget:\n  $0');
    assert.equal(budget.command?.command, 'editor.action.triggerSuggest');
    assert.equal(accept(doc, budget), '---\nmodel: gpt-4o\nbudget:\n  \n---\nHi\n');
  });

  it('offers enum choices for constraints keys and documents them', async () => {
    const { items, doc } = await complete('---\nconstraints:\n  words: {max: 10}\n  for|\n---\nHi\n');
    const format = items.find((i) => i.label === 'format');
    assert.ok(format);
    assert.equal((format.textEdit as TextEdit).newText, 'format: ${1|json,markdown,text|}');
    assert.match(JSON.stringify(format.documentation), /parses as JSON/);
    assert.ok(!labels(items).includes('words'));
    assert.deepEqual(frontmatterOf(accept(doc, format)), { constraints: { words: { max: 10 }, format: 'json' } });
  });

  it('writes counts as a range to edit', async () => {
    const { items, doc } = await complete('---\nconstraints:\n  wor|\n---\nHi\n');
    const words = items.find((i) => i.label === 'words');
    assert.equal((words?.textEdit as TextEdit).newText, 'words: {max: ${1:100}}');
    assert.deepEqual(frontmatterOf(accept(doc, words!)), { constraints: { words: { max: 100 } } });
  });

  it('follows sequences: keys of a frequency item', async () => {
    const { items } = await complete('---\nconstraints:\n  frequency:\n    - word: refund\n      |\n---\nHi\n');
    assert.deepEqual(labels(items), ['count']);
  });

  it('offers the template variables without a fill under budget.variables', async () => {
    const { items, doc } = await complete(
      '---\nbudget:\n  variables:\n    question: 10\n    |\n---\nUse {{document}} for {{question}}.\n',
    );
    assert.deepEqual(labels(items), ['document']);
    assert.deepEqual(frontmatterOf(accept(doc, items[0])), { budget: { variables: { question: 10, document: 500 } } });
  });

  it('offers nothing under a host-format key', async () => {
    const { items } = await complete('---\nconfig:\n  |\n---\nHi\n');
    assert.deepEqual(items, []);
  });
});

describe('completion: values', () => {
  it('offers every model id of the table on model:, with its facts', async () => {
    const { items, doc } = await complete('---\nmodel: |\n---\nHi\n');
    assert.deepEqual(
      labels(items),
      MODELS.map((m) => m.id),
    );
    assert.ok(labels(items).includes('gpt-4o'));
    assert.ok(labels(items).includes('claude-sonnet-4-5'));
    const gpt4o = items.find((i) => i.label === 'gpt-4o');
    assert.equal(gpt4o?.detail, 'openai · 128k context · 4.1k output · o200k_base');
    const claude = items.find((i) => i.label === 'claude-sonnet-4');
    assert.equal(claude?.detail, 'anthropic · 200k context · 4.1k output · ≈ o200k_base');
    assert.deepEqual(frontmatterOf(accept(doc, gpt4o!)), { model: 'gpt-4o' });
  });

  it('replaces the partly typed model id (and the rest of it) on the line', async () => {
    const { items, doc } = await complete('---\nmodel: gpt-4|o-mini # pick one\n---\nHi\n');
    const claude = items.find((i) => i.label === 'claude-opus-4-5');
    assert.ok(claude);
    assert.equal(accept(doc, claude), '---\nmodel: claude-opus-4-5 # pick one\n---\nHi\n');
  });

  it('adds the space YAML needs when completion was triggered by typing `:` or `-`', async () => {
    const colon = await complete('---\nmodel:|\n---\nHi\n');
    const gpt = colon.items.find((i) => i.label === 'gpt-4o')!;
    assert.equal(accept(colon.doc, gpt), '---\nmodel: gpt-4o\n---\nHi\n');
    const dash = await complete('---\nconstraints:\n  letters:\n    -|\n---\nHi\n');
    const letter = dash.items.find((i) => i.label === 'letter')!;
    assert.deepEqual(frontmatterOf(accept(dash.doc, letter)), { constraints: { letters: [{ letter: null }] } });
    assert.match(accept(dash.doc, letter), /\n    - letter: \n/);
  });

  it('offers configured custom models first', async () => {
    const { text, offset } = cursorIn('---\nmodel: |\n---\nHi\n');
    const config = {
      model: 'gpt-4o',
      rules: {},
      models: [{ id: 'acme-7b', encoding: 'cl100k_base' as const, context: 8000 }],
      budget: {},
      stripHtmlComments: false,
    };
    const s = await snapshotOf('/w/a.prompt.md', text, { files: {}, config });
    const items = provideCompletion(s, s.textDocument.positionAt(offset));
    assert.equal(items[0].label, 'acme-7b');
  });

  it('offers this prompt’s own sample folder on samples:, decoded from the uri and quoted for YAML', async () => {
    const { items, doc } = await complete('---\nsamples: |\n---\nHi\n', 'file:///w/my%20support.prompt.md');
    assert.deepEqual(labels(items), ['./my support.samples/*.json', './my support.samples/**']);
    assert.deepEqual(frontmatterOf(accept(doc, items[0])), { samples: './my support.samples/*.json' });
  });

  it('offers enum values, booleans and examples', async () => {
    assert.deepEqual(labels((await complete('---\nconstraints:\n  case: |\n---\nHi\n')).items), ['lower', 'upper']);
    assert.deepEqual(labels((await complete('---\nconstraints:\n  noCommas: |\n---\nHi\n')).items), ['true', 'false']);
    assert.deepEqual(labels((await complete('---\nconstraints:\n  compat: |\n---\nHi\n')).items), ['ifeval', 'ifbench']);
    assert.ok(labels((await complete('---\nbudget:\n  warnAt: |\n---\nHi\n')).items).includes('0.8'));
  });

  it('completes in GitHub Models files, where the whole file is YAML', async () => {
    const { items } = await complete('model: gpt-4o\nmessages:\n  - role: user\n    content: hi\nbud|\n', '/w/a.prompt.yml');
    assert.ok(labels(items).includes('budget'));
    assert.ok(!labels(items).includes('model'));
  });
});

describe('completion: where there is none', () => {
  it('offers nothing in the body, in a comment, in flow syntax or without frontmatter', async () => {
    assert.deepEqual((await complete('---\nmodel: gpt-4o\n---\nHello |\n')).items, []);
    assert.deepEqual((await complete('---\nmodel: gpt-4o # |\n---\nHi\n')).items, []);
    assert.deepEqual((await complete('---\nconstraints:\n  words: {|}\n---\nHi\n')).items, []);
    assert.deepEqual((await complete('Just text |\n')).items, []);
    assert.deepEqual((await complete('---\nmodel: gpt-4o\n---|\nHi\n')).items, []);
    assert.deepEqual((await complete('---\nmodel: gpt-4o\n|---\nHi\n')).items, []);
    assert.deepEqual((await complete('|---\nmodel: gpt-4o\n---\nHi\n')).items, []);
  });

  it('still completes keys while the YAML is broken', async () => {
    const { items } = await complete('---\nmodel: [gpt-4o\nbudget:\n  |\n---\nHi\n');
    assert.ok(labels(items).includes('output'));
  });

  it('gets positions right after emoji and CJK on the line', async () => {
    const { items, doc } = await complete(
      '---\nbudget:\n  variables:\n    文档😀: 10\n    |\n---\nUse {{文档😀}} and {{q}} and {{问题}}.\n',
    );
    assert.deepEqual(labels(items), ['q', '问题']);
    assert.deepEqual(frontmatterOf(accept(doc, items[0])), { budget: { variables: { '文档😀': 10, q: 500 } } });
    assert.deepEqual(frontmatterOf(accept(doc, items[1])), { budget: { variables: { '文档😀': 10, 问题: 500 } } });
  });
});
