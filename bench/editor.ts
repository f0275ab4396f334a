// The editor's keystroke cost: server-side time from a one-character change in a 1 MB prompt to fresh counts and
// diagnostics, beside a full recount with a cold chunk cache; in process (the server's own PromptWorkspace) and over stdio.
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { FileAccess } from '../core/files';
import { countDocument } from '../core/engine';
import { defaultConfig } from '../core/config/types';
import { IncrementalCounterPool } from '../core/tokens/incremental';
import { TokenizerPool } from '../core/tokens/pool';
import { nodeRankLoader } from '../node/ranks';
import { DEFAULT_SETTINGS } from '../server/protocol';
import { PromptWorkspace } from '../server/workspace';
import { generateCjk, generateProse } from '../test/tokens/corpus';
import { TestClient, fileUri } from '../test/server/client';

const RUNS = 7;

/** ~1 MB of Markdown prompt: frontmatter, a heading every ~10 KB, English prose with some CJK paragraphs. */
function megabytePrompt(): string {
  const parts = ['---\nmodel: gpt-4o\nbudget:\n  output: 4000\n  variables:\n    question: 200\n---\n# Knowledge base\n\nAnswer {{question}} from the articles below.\n\n'];
  let size = parts[0].length;
  for (let i = 0; size < 1_000_000; i++) {
    const body = i % 7 === 6 ? generateCjk(4000, i) : generateProse(10_000, i + 1);
    const section = `## Article ${i}\n\n${body}\n\n`;
    parts.push(section);
    size += section.length;
  }
  return parts.join('');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const NO_FILES: FileAccess = { readText: async () => undefined, glob: async () => [] };

interface Lint {
  version: number;
  diagnostics: number;
  tokens: number;
}

/** The server's PromptWorkspace with one open document and a sink that resolves when version `v` is published with its stats. */
function workspaceWith(tokenizers: IncrementalCounterPool) {
  const docs = new Map<string, TextDocument>();
  const waiting = new Map<number, (lint: Lint) => void>();
  const diagnosticsByVersion = new Map<number, number>();
  const workspace = new PromptWorkspace({
    documents: { get: (u) => docs.get(u), all: () => [...docs.values()] },
    files: NO_FILES,
    tokenizers,
    settingsFor: async () => ({ ...DEFAULT_SETTINGS, debounce: 0 }),
    roots: () => ['file:///bench'],
    sink: {
      publishDiagnostics: (_uri, version, diagnostics) => void diagnosticsByVersion.set(version ?? -1, diagnostics.length),
      documentStats: (stats) => waiting.get(stats.version)?.({ version: stats.version, diagnostics: diagnosticsByVersion.get(stats.version) ?? -1, tokens: stats.inputTokens }),
      log: (message) => console.error(message),
    },
  });
  const published = (version: number) => new Promise<Lint>((resolve) => waiting.set(version, resolve));
  return { workspace, docs, published };
}

/** Time from one change to its published counts and diagnostics, in the server process, without the debounce delay. */
async function inProcess(text: string): Promise<string[]> {
  const uri = 'file:///bench/kb.prompt.md';
  const base = new TokenizerPool(nodeRankLoader);
  await base.counterFor({ encoding: 'o200k_base' }); // rank tables loaded: "cold" below means an empty chunk cache only
  const warm = workspaceWith(new IncrementalCounterPool(base));
  let doc = TextDocument.create(uri, 'markdown', 1, text);
  warm.docs.set(uri, doc);
  let pending = warm.published(1);
  let start = performance.now();
  await warm.workspace.opened(doc);
  const first = await pending;
  const openMs = performance.now() - start;

  const keystroke: number[] = [];
  let last: Lint = first;
  for (let run = 0; run < RUNS; run++) {
    const at = Math.floor(text.length * (0.2 + 0.1 * run));
    const position = doc.positionAt(at);
    doc = TextDocument.update(doc, [{ range: { start: position, end: position }, text: 'x' }], doc.version + 1);
    warm.docs.set(uri, doc);
    pending = warm.published(doc.version);
    start = performance.now();
    warm.workspace.changed(doc);
    last = await pending;
    keystroke.push(performance.now() - start);
  }

  const cold: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const fresh = workspaceWith(new IncrementalCounterPool(base));
    const copy = TextDocument.create(uri, 'markdown', 1, doc.getText());
    fresh.docs.set(uri, copy);
    pending = fresh.published(1);
    start = performance.now();
    await fresh.workspace.opened(copy);
    const lint = await pending;
    cold.push(performance.now() - start);
    if (lint.tokens !== last.tokens || lint.diagnostics !== last.diagnostics) throw new Error(`cold and incremental disagree: ${JSON.stringify([lint, last])}`);
  }

  // The counting part alone (parse + count, no rules): what incremental counting saves.
  const config = defaultConfig();
  const countPool = new IncrementalCounterPool(base);
  await countDocument({ uri, text: doc.getText(), config }, { tokenizers: countPool });
  const countWarm: number[] = [];
  const countCold: number[] = [];
  let edited = doc.getText();
  for (let run = 0; run < RUNS; run++) {
    const at = Math.floor(edited.length * (0.15 + 0.1 * run));
    edited = edited.slice(0, at) + 'y' + edited.slice(at);
    start = performance.now();
    await countDocument({ uri, text: edited, config }, { tokenizers: countPool });
    countWarm.push(performance.now() - start);
    start = performance.now();
    await countDocument({ uri, text: edited, config }, { tokenizers: new IncrementalCounterPool(base) });
    countCold.push(performance.now() - start);
  }

  const k = median(keystroke);
  const c = median(cold);
  return [
    `prompt: ${(Buffer.byteLength(text, 'utf8') / 1e6).toFixed(2)} MB, ${last.tokens.toLocaleString('en-US')} tokens, ${last.diagnostics} diagnostics; first lint on open ${openMs.toFixed(0)} ms`,
    `in process, one-character change → counts + diagnostics published: ${k.toFixed(1)} ms (median of ${RUNS})`,
    `in process, full recount (cold chunk cache) → counts + diagnostics: ${c.toFixed(1)} ms; ratio ${(c / k).toFixed(1)}× (keystroke is ${((k / c) * 100).toFixed(0)}% of a full recount)`,
    `counting alone (parse + count, no rules): incremental ${median(countWarm).toFixed(1)} ms vs cold ${median(countCold).toFixed(1)} ms; ratio ${(median(countCold) / median(countWarm)).toFixed(1)}×`,
  ];
}

/** The same over the real protocol: the built server over stdio, debounce 0, timed from sending didChange to publishDiagnostics. */
async function overStdio(text: string): Promise<string[]> {
  const client = await TestClient.start({ settings: { debounce: 0 } });
  try {
    const uri = fileUri(path.join(__dirname, 'kb.prompt.md'));
    let start = performance.now();
    await client.open(uri, text, 1);
    await client.diagnosticsAt(uri, 1);
    const openMs = performance.now() - start;
    const doc = TextDocument.create(uri, 'markdown', 1, text);
    const times: number[] = [];
    for (let version = 2; version < 2 + RUNS; version++) {
      const position = doc.positionAt(Math.floor(text.length * (0.1 * version)));
      const mark = client.published.length;
      start = performance.now();
      await client.change(uri, version, [{ range: { start: position, end: position }, text: 'x' }]);
      await client.diagnosticsAt(uri, version, mark);
      await client.until('stats', () => client.stats.some((s) => s.uri === uri && s.version === version));
      times.push(performance.now() - start);
    }
    return [`over stdio (built server): open + first lint ${openMs.toFixed(0)} ms; one-character change → publishDiagnostics + stats ${median(times).toFixed(1)} ms (median of ${RUNS})`];
  } finally {
    await client.stop();
  }
}

export async function runEditorBench(): Promise<void> {
  const text = megabytePrompt();
  for (const line of await inProcess(text)) console.log(line);
  for (const line of await overStdio(text)) console.log(line);
}
