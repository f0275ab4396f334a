// After a large prompt's first lint the server rehearses a few keystrokes on the same session (docs/editor-performance.md,
// "Rehearsal"): nothing of it is published, an edit stops it, and later lints equal a lint from scratch.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from 'vscode-languageserver';
import { PromptWorkspace } from '../../server/workspace';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { lintDocument } from '../../core/engine';
import { defaultConfig } from '../../core/config/types';
import { RULES } from '../../core/rules/registry';
import type { Rule } from '../../core/rules/types';
import { generateProse } from '../tokens/corpus';
import { inProcessOptions } from './in-process';

const uri = 'file:///w/rehearsal.prompt.md';

/** About `bytes` of prompt with sections, stated constraints and template variables. */
function prompt(bytes: number): string {
  let text = '---\nmodel: gpt-4o\n---\n# Task\n\nAnswer {{question}} in at most 50 words.\n\n';
  for (let i = 0; text.length < bytes; i++) text += `## Part ${i}\n\n${generateProse(3000, i + 1)}\n\nRespond in JSON.\n\n`;
  return text;
}

function setUp(texts: string[], onRule: () => void = () => undefined) {
  // Every text the rules are run on, in order.
  const recording: Rule = {
    meta: { id: 'test/recording', description: 'Records the texts it checks.', defaultSeverity: 'info', fixable: false },
    check({ document }) {
      texts.push(document.text);
      onRule();
    },
  };
  const docs = new Map<string, TextDocument>();
  const published: Array<{ version: number | undefined; diagnostics: Diagnostic[] }> = [];
  const workspace = new PromptWorkspace({
    ...inProcessOptions(docs),
    rules: [...RULES, recording],
    sink: {
      publishDiagnostics: (u, version, diagnostics) => void (u === uri && published.push({ version, diagnostics })),
      documentStats: () => undefined,
      log: () => undefined,
    },
  });
  return { docs, published, workspace };
}

async function until(what: string, done: () => boolean): Promise<void> {
  for (let i = 0; i < 2000 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(done(), `timed out waiting for ${what}`);
}

/** What a lint from scratch publishes for `text`, as (rule, offset range, message) lines. */
async function fromScratch(text: string): Promise<string[]> {
  const result = await lintDocument({ uri, text, config: defaultConfig() }, { tokenizers: new TokenizerPool(nodeRankLoader) });
  const doc = TextDocument.create(uri, 'markdown', 0, text);
  return result.diagnostics.map((d) => {
    const start = doc.positionAt(d.offset);
    const end = doc.positionAt(d.offset + d.length);
    return `${d.ruleId} ${start.line}:${start.character}-${end.line}:${end.character} ${d.message}`;
  });
}

function lines(diagnostics: Diagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.code !== 'test/recording')
    .map(
      (d) =>
        `${String(d.code)} ${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${String(d.message)}`,
    );
}

describe('server: keystroke rehearsal after the first lint', () => {
  it('lints texts of its own on the same session, publishes nothing, and ends on the opened text', async () => {
    const texts: string[] = [];
    const { docs, published, workspace } = setUp(texts);
    const text = prompt(200_000);
    const doc = TextDocument.create(uri, 'markdown', 1, text);
    docs.set(uri, doc);
    await workspace.opened(doc);
    // The first lint, then twenty rehearsed ones: ten texts with a space typed in, each followed by the text itself.
    await until('the rehearsal', () => texts.length >= 21);
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(texts[0], text);
    assert.equal(texts.length, 21);
    const variants = texts.slice(1).filter((_, i) => i % 2 === 0);
    assert.equal(new Set(variants).size, 10);
    for (const variant of variants) {
      assert.equal(variant.length, text.length + 1);
      assert.equal(variant.replace(/ (?=\n)/g, ''), text.replace(/ (?=\n)/g, ''));
    }
    for (const [i, t] of texts.slice(1).entries()) if (i % 2 === 1) assert.equal(t, text);
    assert.deepEqual(
      published.map((p) => p.version),
      [1],
      'the rehearsal published something',
    );
    // A keystroke afterwards is linted from the kept session and equals a lint from scratch.
    const edited = TextDocument.update(
      doc,
      [{ range: { start: { line: 5, character: 3 }, end: { line: 5, character: 3 } }, text: 'x' }],
      2,
    );
    docs.set(uri, edited);
    workspace.changed(edited);
    await until('version 2', () => published.some((p) => p.version === 2));
    assert.deepEqual(lines(published.find((p) => p.version === 2)!.diagnostics), await fromScratch(edited.getText()));
  });

  it('stops at an edit, and the edit is linted as from scratch', async () => {
    const texts: string[] = [];
    let edit = () => undefined as void;
    const { docs, published, workspace } = setUp(texts, () => edit());
    const text = prompt(300_000);
    const doc = TextDocument.create(uri, 'markdown', 1, text);
    const edited = TextDocument.update(
      TextDocument.create(uri, 'markdown', 1, text),
      [{ range: { start: { line: 8, character: 0 }, end: { line: 8, character: 0 } }, text: '# New\n' }],
      2,
    );
    // The edit arrives while the rehearsal's first lint is running its rules (the second text the rules see).
    edit = () => {
      if (texts.length !== 2) return;
      docs.set(uri, edited);
      workspace.changed(edited);
    };
    docs.set(uri, doc);
    await workspace.opened(doc);
    await until('version 2', () => published.some((p) => p.version === 2));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // The opened text, the rehearsal's first text (stopped at the next rule), then version 2: nothing more.
    assert.deepEqual(
      texts.map((t) => (t === text ? 'v1' : t === edited.getText() ? 'v2' : 'rehearsal')),
      ['v1', 'rehearsal', 'v2'],
    );
    assert.deepEqual(lines(published.find((p) => p.version === 2)!.diagnostics), await fromScratch(edited.getText()));
  });
});
