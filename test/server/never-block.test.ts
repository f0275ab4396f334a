// A large prompt being counted does not hold up other requests (docs/editor-performance.md, "Never blocking"): over
// the real protocol, requests sent during the first lint are answered before that lint publishes; in process, a lint
// overtaken by a newer version stops at its next checkpoint instead of running its rules.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import {
  CancellationTokenSource,
  CompletionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  type CompletionItem,
  type DocumentSymbol,
  type Hover,
} from 'vscode-languageserver-protocol';
import { generateProse } from '../tokens/corpus';
import { PromptWorkspace } from '../../server/workspace';
import type { Rule } from '../../core/rules/types';
import { FIXTURES, TestClient, fileUri } from './client';
import { inProcessOptions } from './in-process';

/** About `bytes` of prompt: frontmatter with a budget, then sections of prose, each using `{{question}}`. */
function largePrompt(bytes: number): string {
  const parts = [
    '---\nmodel: gpt-4o\nbudget:\n  output: 4000\n  variables:\n    question: 200\n---\n# Task\n\nAnswer {{question}}.\n\n',
  ];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const section = `## Article ${i}\n\n${generateProse(20_000, i + 1)}\n\n`;
    parts.push(section);
    size += section.length;
  }
  return parts.join('');
}

describe('server: requests during the first count of a large prompt', () => {
  let client: TestClient;
  const uri = fileUri(path.join(FIXTURES, 'never-block.prompt.md'));
  const text = largePrompt(3_000_000);
  before(async () => {
    client = await TestClient.start();
  });
  after(async () => {
    await client.stop();
  });

  it('answers hover, completion, the outline and a cancelled request before the lint publishes', async () => {
    const publishedBefore = () => client.published.some((p) => p.uri === uri);
    await client.open(uri, text, 1);
    const budgetKey = { line: 2, character: 2 }; // `budget:` in the frontmatter
    // What each request saw when its answer arrived: were the diagnostics of version 1 already published?
    const answered: Array<{ what: string; afterLint: boolean; result: unknown }> = [];
    const timed = async (what: string, request: Promise<unknown>) => {
      const result = await request.catch((error: unknown) => error);
      answered.push({ what, afterLint: publishedBefore(), result });
      return result;
    };
    // Requests are sent until the hover shows the key's documentation (the parse is done, the counting is not).
    let keyDocs: Hover | null = null;
    for (let round = 0; keyDocs === null && !publishedBefore(); round++) {
      const source = new CancellationTokenSource();
      const cancelled = client.connection.sendRequest(
        HoverRequest.type,
        { textDocument: { uri }, position: budgetKey },
        source.token,
      );
      source.cancel();
      await timed('cancelled hover', cancelled);
      const hover = (await timed(
        'hover',
        client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: budgetKey }),
      )) as Hover | null;
      if (hover !== null && !(hover instanceof Error) && !publishedBefore()) keyDocs = hover;
    }
    const completion = (await timed(
      'completion',
      client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: { line: 5, character: 4 } }),
    )) as CompletionItem[];
    const symbols = (await timed(
      'documentSymbol',
      client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } }),
    )) as DocumentSymbol[];
    await client.diagnosticsAt(uri, 1);

    const late = answered.filter((a) => a.afterLint);
    assert.deepEqual(
      late.map((a) => a.what),
      [],
      'requests answered only after the first lint published its diagnostics',
    );
    assert.ok(keyDocs, 'no hover showed the frontmatter key before the diagnostics were published');
    const markdown = (keyDocs.contents as { value: string }).value;
    assert.match(markdown, /^\*\*budget\*\*/);
    assert.ok(Array.isArray(completion));
    // The outline from the parsed document: every section, without the counts, which are not known yet.
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Frontmatter', 'Task'],
    );
    assert.equal(symbols[1].children?.[0]?.name, 'Article 0');
    assert.equal(symbols[1].detail, undefined, 'the outline showed a count before counting finished');

    // Once counted, the outline shows each section's count.
    const counted = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    assert.match(counted[1].detail ?? '', /tokens/);
  });
});

describe('PromptWorkspace: a lint overtaken while it counts is abandoned', () => {
  it('stops at a checkpoint: its rules never run, only the newer version publishes', async () => {
    const uri = 'file:///w/large.prompt.md';
    const v1Text = largePrompt(1_000_000);
    const v2Text = v1Text.replace('Answer {{question}}.', 'Answer {{question}} briefly.');
    const seen: string[] = [];
    // A rule that records which version's text reached the rules.
    const recording: Rule = {
      meta: { id: 'test/recording', description: 'Records the texts it checks.', defaultSeverity: 'info', fixable: false },
      check({ document }) {
        seen.push(document.text === v1Text ? 'v1' : document.text === v2Text ? 'v2' : 'other');
      },
    };
    const docs = new Map<string, TextDocument>();
    const published: Array<number | undefined> = [];
    const workspace = new PromptWorkspace({
      ...inProcessOptions(docs),
      rules: [recording],
      rehearse: false, // the rehearsal after the first lint runs the rules on texts of its own
      sink: {
        publishDiagnostics: (u, version) => void (u === uri && published.push(version)),
        documentStats: () => undefined,
        log: () => undefined,
      },
    });
    const v1 = TextDocument.create(uri, 'markdown', 1, v1Text);
    docs.set(uri, v1);
    const first = workspace.opened(v1);
    // Wait until version 1 is parsed: its lint is now counting, a megabyte of it.
    let parsed;
    for (let i = 0; i < 400 && parsed === undefined; i++) parsed = await workspace.quickSnapshot(uri);
    assert.ok(parsed, 'version 1 was never parsed');
    assert.equal(published.length, 0, 'version 1 finished before the test could overtake it');
    const v2 = TextDocument.update(TextDocument.create(uri, 'markdown', 1, v1Text), [{ text: v2Text }], 2);
    docs.set(uri, v2);
    workspace.changed(v2);
    await first;
    for (let i = 0; i < 400 && !published.includes(2); i++) await new Promise((resolve) => setTimeout(resolve, 25));
    assert.deepEqual(published, [2]);
    assert.deepEqual(seen, ['v2'], 'the overtaken lint of version 1 ran its rules');
  });
});
