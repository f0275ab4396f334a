// "Declare constraints.<key>" fixes: applied and re-linted, the finding is gone, the YAML parses, nothing new is reported, and only the inserted text differs.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parse as parseYaml } from 'yaml';
import { lintDocument, type EngineHost } from '../../core/engine';
import { defaultConfig } from '../../core/config/types';
import { applyEdits } from '../../core/edits';
import { parseDocument } from '../../core/document';
import { declareEdit, yamlScalar } from '../../core/instructions/declare';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { nodeFileAccess } from '../../node/file-access';

const host: EngineHost = { tokenizers: new TokenizerPool(nodeRankLoader), files: nodeFileAccess() };

async function lint(uri: string, text: string) {
  return (await lintDocument({ uri, text, config: defaultConfig() }, host)).diagnostics;
}

/** Lints, applies the first undeclared fix, re-lints; returns the fixed text after checking the invariants. */
async function applyDeclare(uri: string, text: string, title: string): Promise<string> {
  const before = await lint(uri, text);
  const finding = before.find((d) => d.ruleId === 'instructions/undeclared');
  assert.ok(finding, 'instructions/undeclared reports');
  const fix = finding.fixes?.[0];
  assert.ok(fix, 'with a fix');
  assert.equal(fix.title, title);
  assert.equal(fix.safe, false);
  assert.equal(fix.edits.length, 1);
  const [edit] = fix.edits;
  assert.equal(edit.length, 0, 'an insertion only');
  const after = applyEdits(text, fix.edits);
  assert.ok(after !== undefined);
  assert.equal(after.slice(0, edit.offset) + after.slice(edit.offset + edit.newText.length), text, 'the rest is byte-identical');
  const relinted = await lint(uri, after);
  const key = (finding.data as { key: string }).key;
  assert.ok(
    !relinted.some((d) => d.ruleId.startsWith('instructions/') && (d.data as { key: string }).key === key),
    'the finding is gone and no mismatch appears',
  );
  for (const rule of ['frontmatter/syntax', 'frontmatter/schema']) {
    assert.deepEqual(
      relinted.filter((d) => d.ruleId === rule).map((d) => d.message),
      before.filter((d) => d.ruleId === rule).map((d) => d.message),
      `${rule}: nothing new`,
    );
  }
  const document = parseDocument(uri, after);
  assert.ok(document.frontmatter && document.frontmatter.errors.length === 0, 'the YAML parses');
  return after;
}

describe('Declare constraints.<key>', () => {
  it('no frontmatter: a block at the top (the e2e faq prompt shape)', async () => {
    const text = '# Task\n\nAnswer in at most 50 words.\n';
    const after = await applyDeclare('faq.prompt.md', text, 'Declare constraints.words: "<=50"');
    assert.equal(after, '---\nconstraints:\n  words: "<=50"\n---\n# Task\n\nAnswer in at most 50 words.\n');
  });

  it('no frontmatter after a BOM: the block goes after it', async () => {
    const after = await applyDeclare('a.prompt.md', '\ufeffRespond in JSON.\n', 'Declare constraints.format: json');
    assert.equal(after, '\ufeff---\nconstraints:\n  format: json\n---\nRespond in JSON.\n');
  });

  it('frontmatter without constraints: appended as its last lines', async () => {
    const text = '---\nmodel: gpt-4o   # default\nbudget:\n  output: 300\n---\nAnswer in at most 50 words.\n';
    const after = await applyDeclare('a.prompt.md', text, 'Declare constraints.words: "<=50"');
    assert.equal(
      after,
      '---\nmodel: gpt-4o   # default\nbudget:\n  output: 300\nconstraints:\n  words: "<=50"\n---\nAnswer in at most 50 words.\n',
    );
    assert.deepEqual(parseYaml(after.split('---\n')[1]).constraints, { words: '<=50' });
  });

  it('the e2e workspace faq-answer prompt: a constraints block holding 50', async () => {
    const text =
      "---\nmodel: gpt-4o-mini\nbudget:\n  output: 300\n  variables:\n    faq_excerpt: 1200\n    question: 150\n---\n\n# Task\n\nAnswer the customer's question using only the FAQ excerpt below. Answer in at most 50 words and\ndo not use bullet points.\n\n{{faq_excerpt}}\n\n{{question}}\n";
    const after = await applyDeclare('faq-answer.prompt.md', text, 'Declare constraints.words: "<=50"');
    assert.match(after, /\nconstraints:\n {2}words: "<=50"\n---\n/);
  });

  it('block constraints: a line after the last entry, its indentation, past its comment and nested value', async () => {
    const text =
      '---\nconstraints:\n    format: markdown   # rendered\n    paragraphs:\n      count: 2\n      separator: "***"\nmodel: gpt-4o\n---\nKeep your answer under 100 words.\n';
    const after = await applyDeclare('a.prompt.md', text, 'Declare constraints.words: "<100"');
    assert.equal(
      after,
      '---\nconstraints:\n    format: markdown   # rendered\n    paragraphs:\n      count: 2\n      separator: "***"\n    words: "<100"\nmodel: gpt-4o\n---\nKeep your answer under 100 words.\n',
    );
  });

  it('CRLF files get CRLF lines', async () => {
    const text = '---\r\nconstraints:\r\n  format: markdown\r\n---\r\nDo not use any commas.\r\n';
    const after = await applyDeclare('a.prompt.md', text, 'Declare constraints.noCommas: true');
    assert.equal(after, '---\r\nconstraints:\r\n  format: markdown\r\n  noCommas: true\r\n---\r\nDo not use any commas.\r\n');
  });

  it('a quoted phrase is YAML-quoted (": " and " #" would otherwise break it)', async () => {
    const text = '---\nmodel: gpt-4o\n---\nEnd your reply with "Thanks: see you #1" please.\n';
    const after = await applyDeclare('a.prompt.md', text, 'Declare constraints.endsWith: "Thanks: see you #1"');
    assert.match(after, /\nconstraints:\n {2}endsWith: "Thanks: see you #1"\n---/);
  });

  it('.prompt.yml without a trailing newline: a top-level constraints key on a new line', async () => {
    const text = 'model: openai/gpt-4o\nmessages:\n  - role: user\n    content: Reply in exactly 2 sentences.';
    const after = await applyDeclare('a.prompt.yml', text, 'Declare constraints.sentences: 2');
    assert.equal(after, `${text}\nconstraints:\n  sentences: 2\n`);
  });

  it('.prompt.yml with constraints: the key is added to them', async () => {
    const text =
      'model: openai/gpt-4o\nconstraints:\n  format: text\nmessages:\n  - role: user\n    content: Reply in exactly 2 sentences.\n';
    const after = await applyDeclare('a.prompt.yml', text, 'Declare constraints.sentences: 2');
    assert.equal(
      after,
      'model: openai/gpt-4o\nconstraints:\n  format: text\n  sentences: 2\nmessages:\n  - role: user\n    content: Reply in exactly 2 sentences.\n',
    );
  });

  it('no fix for a flow mapping, an empty or non-mapping constraints value, or broken YAML', () => {
    for (const text of [
      '---\nconstraints: {format: json}\n---\nhi\n',
      '---\nconstraints: {}\n---\nhi\n',
      '---\nconstraints:\n---\nhi\n',
      '---\nconstraints: [words]\n---\nhi\n',
      '---\nconstraints: [\n---\nhi\n',
    ]) {
      assert.equal(declareEdit(parseDocument('a.prompt.md', text), 'words', '<=50'), undefined, text);
    }
  });

  it('yamlScalar quotes what plain YAML would misread', () => {
    assert.equal(yamlScalar('<=50'), '"<=50"');
    assert.equal(yamlScalar('json'), 'json');
    assert.equal(yamlScalar('yes'), '"yes"');
    assert.equal(yamlScalar(3), '3');
    assert.equal(yamlScalar(true), 'true');
    assert.equal(parseYaml(`v: ${yamlScalar('a "b": #c')}`).v, 'a "b": #c');
  });
});
