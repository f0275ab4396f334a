// The editor as a client sees it: the built server over stdio (`promptbound lsp --stdio`), no debounce, one-character
// edits. Real Markdown prompts (1 MB and 10 MB, built at bench time from the docs in node_modules) and the synthetic one.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { CancellationTokenSource, type Diagnostic } from 'vscode-languageserver-protocol';
import { lintDocument } from '../core/engine';
import { defaultConfig } from '../core/config/types';
import { TokenizerPool } from '../core/tokens/pool';
import { nodeRankLoader } from '../node/ranks';
import { generateCjk, generateProse } from '../test/tokens/corpus';
import { REPO, TestClient, fileUri } from '../test/server/client';
import { assertIncrementalEqualsFull } from '../test/engine/incremental-lint';
import { realMarkdownPrompt } from './real-prompt';

/** About `bytes` of synthetic Markdown prompt: frontmatter, a heading every ~10 KB, English prose with some CJK paragraphs. */
function syntheticPrompt(bytes = 1_000_000): string {
  const parts = [
    '---\nmodel: gpt-4o\nbudget:\n  output: 4000\n  variables:\n    question: 200\n---\n# Knowledge base\n\nAnswer {{question}} from the articles below.\n\n',
  ];
  let size = parts[0].length;
  for (let i = 0; size < bytes; i++) {
    const body = i % 7 === 6 ? generateCjk(4000, i) : generateProse(10_000, i + 1);
    const section = `## Article ${i}\n\n${body}\n\n`;
    parts.push(section);
    size += Buffer.byteLength(section, 'utf8');
  }
  return parts.join('');
}

function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

interface LintTiming {
  version: number;
  wall: number;
  cpu: number;
  rss: number;
  /** The longest the server's event loop was blocked (ms) from the previous lint until this lint's diagnostics were sent. */
  block: number;
  /** How often the lint yielded, and its longest stretch between two yields in CPU time (ms, independent of load). */
  yields: number;
  slice: number;
}

/** The server's own timing lines (PROMPTBOUND_LINT_TIMING=1): each lint's wall and CPU time and the process RSS after it. */
function timings(client: TestClient): LintTiming[] {
  const out: LintTiming[] = [];
  for (const line of client.stderr.join('').split('\n')) {
    const m = /promptbound timing: \S+ v(\d+) wall=([\d.]+) cpu=([\d.]+) rss=([\d.]+)/.exec(line);
    const s = /yields=(\d+) slice=([\d.]+)/.exec(line);
    if (m)
      out.push({
        version: Number(m[1]),
        wall: Number(m[2]),
        cpu: Number(m[3]),
        rss: Number(m[4]),
        block: NaN,
        yields: Number(s?.[1] ?? NaN),
        slice: Number(s?.[2] ?? NaN),
      });
    const b = /promptbound block: \S+ v(\d+) block=([\d.]+)/.exec(line);
    const lint = b && out.find((t) => t.version === Number(b[1]));
    if (lint) lint.block = Number(b![2]);
  }
  return out;
}

interface EditorRun {
  openMs: number;
  /** The server's keystroke rehearsal after the first lint: how many lints, their CPU time (ms). */
  rehearsal?: { lints: number; cpu: number };
  edits: number[];
  server: LintTiming[];
  rss: number;
  /** The `promptbound lsp` process the client started, which started the server with its Node flags (MiB). */
  launcher?: { rss: number; anon: number };
  /**
   * Answer times (ms) of requests sent while the first lint was running: hover, completion, a cancelled hover;
   * those sent before its parse; and all three kinds sent after its diagnostics while the server rehearsed.
   */
  during: { hover: number[]; completion: number[]; cancel: number[]; beforeParse: number[]; rehearsal: number[] };
  final: { text: string; diagnostics: Diagnostic[] };
}

/** Diagnostics of `uri` at `version`, waiting as long as a cold 10 MB count takes on a loaded machine. */
function diagnosticsAt(client: TestClient, uri: string, version: number, after = 0): Promise<Diagnostic[]> {
  return client.until(
    `diagnostics v${version}`,
    () => {
      for (let i = client.published.length - 1; i >= after; i--) {
        const p = client.published[i];
        if (p.uri === uri && p.version === version) return p.diagnostics;
      }
      return undefined;
    },
    600_000,
  );
}

/** Opens `text`, optionally hovers while the first lint runs, then types `edits` characters, waiting for each version's diagnostics. */
export async function drive(text: string, edits: number, hoverDuringOpen = false): Promise<EditorRun> {
  // As an editor starts it: `promptbound lsp --stdio`, which starts the server again with its Node flags
  // (server/launch-flags.ts). PROMPTBOUND_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p" passes Node options to
  // both processes (here a CPU profile).
  const nodeArgs = process.env.PROMPTBOUND_BENCH_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const client = await TestClient.start({
    settings: { debounce: 0 },
    env: { PROMPTBOUND_LINT_TIMING: '1' },
    args: [...nodeArgs, path.join(REPO, 'bin', 'promptbound.js'), 'lsp', '--stdio'],
  });
  try {
    const uri = fileUri(path.join(__dirname, 'bench.prompt.md'));
    let start = performance.now();
    await client.open(uri, text, 1);
    // Taken when they arrive: requests may go on after that (through the rehearsal).
    let openedAt: number | undefined;
    const firstDiagnostics = diagnosticsAt(client, uri, 1).then(() => (openedAt = performance.now()));
    const during = {
      hover: [] as number[],
      completion: [] as number[],
      cancel: [] as number[],
      beforeParse: [] as number[],
      rehearsal: [] as number[],
    };
    if (hoverDuringOpen) {
      // Requests while the server counts the new document: each must be answered without waiting for the count.
      // Then, from its first diagnostics until its keystroke rehearsal is over (that lints the text again, twenty
      // times), the same requests again: they are reported apart.
      let phase = 'count' as 'count' | 'rehearsal' | 'done';
      const rehearsing = text.length >= 64 * 1024;
      void firstDiagnostics.then(() => (phase = rehearsing ? 'rehearsal' : 'done'));
      if (rehearsing)
        void client
          .until('the rehearsal line', () => /promptbound rehearsal: /.test(client.stderr.join('')), 600_000)
          .then(() => (phase = 'done'));
      // Requests sent before the server has parsed the document wait behind the didOpen itself (reading and
      // decoding a 10 MB message, creating the document): they are reported apart from those during the count.
      const parsed = () => client.stderr.join('').includes(`promptbound parsed: ${uri} v1`);
      const timed = async (list: number[], request: () => Promise<unknown>) => {
        const sent = performance.now();
        const at = phase;
        const beforeParse = !parsed();
        await request().catch(() => undefined); // a cancelled request is answered with an error
        if (at !== phase) return; // sent in one phase, answered in the next: neither's
        if (at === 'count') (beforeParse ? during.beforeParse : list).push(performance.now() - sent);
        else if (at === 'rehearsal') during.rehearsal.push(performance.now() - sent);
      };
      const position = { line: 3, character: 2 };
      while (phase !== 'done') {
        await timed(during.hover, () => client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }));
        await timed(during.completion, () =>
          client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position }),
        );
        // A request cancelled at once ($/cancelRequest right behind it): the time until its answer arrives.
        const source = new CancellationTokenSource();
        await timed(during.cancel, () => {
          const answer = client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position }, source.token);
          source.cancel();
          return answer;
        });
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    }
    await firstDiagnostics;
    const openMs = openedAt! - start;
    // The server reports its longest event-loop block once the first diagnostics are sent; edits wait for that line.
    await client.until("the first lint's block line", () => /promptbound block: \S+ v1 /.test(client.stderr.join('')), 60_000);
    // After its first lint the server rehearses a few keystrokes (results dropped, see docs/editor-performance.md);
    // a user reads the prompt for a moment before typing, so the edits start once that is done.
    // (Prompts under 64 KB are not rehearsed.)
    if (text.length >= 64 * 1024)
      await client.until('the rehearsal line', () => /promptbound rehearsal: /.test(client.stderr.join('')), 600_000);
    const rehearsal = /promptbound rehearsal: \S+ lints=(\d+) cpu=([\d.]+)/.exec(client.stderr.join(''));
    let doc = TextDocument.create(uri, 'markdown', 1, text);
    const times: number[] = [];
    for (let version = 2; version < 2 + edits; version++) {
      // Spread over the document, in sentences, code and headings alike.
      const at = Math.floor(text.length * ((version * 0.6180339887) % 1));
      const position = doc.positionAt(at);
      const change = { range: { start: position, end: position }, text: 'x' };
      doc = TextDocument.update(doc, [change], version);
      const mark = client.published.length;
      start = performance.now();
      await client.change(uri, version, [change]);
      await diagnosticsAt(client, uri, version, mark);
      times.push(performance.now() - start);
    }
    const server = timings(client);
    const last = server[server.length - 1];
    return {
      openMs,
      rehearsal: rehearsal ? { lints: Number(rehearsal[1]), cpu: Number(rehearsal[2]) } : undefined,
      edits: times,
      server,
      rss: last?.rss ?? NaN,
      launcher: processMemory(client.server.pid),
      during,
      final: { text: doc.getText(), diagnostics: client.latest(uri)?.diagnostics ?? [] },
    };
  } finally {
    await client.stop();
  }
}

/** RSS and its anonymous part (MiB) of a process, from /proc (Linux); undefined elsewhere. */
function processMemory(pid: number | undefined): { rss: number; anon: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rss: kib('VmRSS') / 1024, anon: kib('RssAnon') / 1024 };
  } catch {
    return undefined;
  }
}

/** What `promptbound check` reports for the same text, as (rule, range, message) lines. */
async function fullCheck(text: string): Promise<string[]> {
  const uri = fileUri(path.join(__dirname, 'bench.prompt.md'));
  const result = await lintDocument({ uri, text, config: defaultConfig() }, { tokenizers: new TokenizerPool(nodeRankLoader) });
  const doc = TextDocument.create(uri, 'markdown', 0, text);
  return result.diagnostics
    .map((d) => diagnosticLine(String(d.ruleId), doc.positionAt(d.offset), doc.positionAt(d.offset + d.length), d.message))
    .sort();
}

function diagnosticLine(
  rule: string,
  start: { line: number; character: number },
  end: { line: number; character: number },
  message: string,
): string {
  return `${rule} ${start.line}:${start.character}-${end.line}:${end.character} ${message}`;
}

export function report(name: string, bytes: number, run: EditorRun, equal: boolean | undefined): string[] {
  const keystrokes = run.server.filter((t) => t.version >= 2);
  const first = run.server.find((t) => t.version === 1);
  const lines = [
    `${name}: ${(bytes / 1e6).toFixed(2)} MB, ${run.final.diagnostics.length} diagnostics${equal === undefined ? '' : equal ? ', equal to a full check' : ', DIFFERENT from a full check'}`,
    `  open → first diagnostics: ${fmt(run.openMs)} at the client (server: ${fmt(first?.wall ?? NaN)} wall, ${fmt(first?.cpu ?? NaN)} CPU)${run.rehearsal ? `; then a rehearsal of ${run.rehearsal.lints} keystrokes, ${fmt(run.rehearsal.cpu)} CPU` : ''}`,
    `  keystroke → publishDiagnostics at the client: median ${fmt(quantile(run.edits, 0.5))}, p95 ${fmt(quantile(run.edits, 0.95))} (${run.edits.length} edits)`,
    `  server time per keystroke: median ${fmt(
      quantile(
        keystrokes.map((t) => t.wall),
        0.5,
      ),
    )}, p95 ${fmt(
      quantile(
        keystrokes.map((t) => t.wall),
        0.95,
      ),
    )} wall; CPU median ${fmt(
      quantile(
        keystrokes.map((t) => t.cpu),
        0.5,
      ),
    )}, p95 ${fmt(
      quantile(
        keystrokes.map((t) => t.cpu),
        0.95,
      ),
    )}`,
    `  server RSS after the edits: ${run.rss.toFixed(0)} MiB${
      run.launcher
        ? ` (and the \`promptbound lsp\` process that started it: ${run.launcher.rss.toFixed(0)} MiB, ${run.launcher.anon.toFixed(0)} MiB of it not shared with the server)`
        : ''
    }`,
  ];
  const { beforeParse, rehearsal, ...counting } = run.during;
  for (const [what, times] of Object.entries(counting))
    if (times.length > 0)
      lines.push(
        `  ${what} during the first count: ${times.length} requests, slowest answer ${fmt(Math.max(...times))}, p95 ${fmt(quantile(times, 0.95))}, median ${fmt(quantile(times, 0.5))}`,
      );
  if (beforeParse.length > 0)
    lines.push(
      `  requests sent before the server had parsed the opened document (behind the didOpen message itself): ${beforeParse.length}, slowest answer ${fmt(Math.max(...beforeParse))}`,
    );
  if (rehearsal.length > 0)
    lines.push(
      `  requests after the first diagnostics, while the server rehearsed keystrokes: ${rehearsal.length}, slowest answer ${fmt(Math.max(...rehearsal))}, p95 ${fmt(quantile(rehearsal, 0.95))}, median ${fmt(quantile(rehearsal, 0.5))}`,
    );
  if (first !== undefined && Number.isFinite(first.block))
    lines.push(
      `  longest event-loop block in the server during the first count: ${fmt(first.block)} wall; the lint yielded ${first.yields} times, longest slice ${fmt(first.slice)} CPU`,
    );
  return lines;
}

export async function equalsFullCheck(run: EditorRun): Promise<boolean> {
  const published = run.final.diagnostics
    .map((d) =>
      diagnosticLine(String(d.code), d.range.start, d.range.end, typeof d.message === 'string' ? d.message : d.message.value),
    )
    .sort();
  const expected = await fullCheck(run.final.text);
  return JSON.stringify(published) === JSON.stringify(expected);
}

export async function runEditorBench(): Promise<void> {
  await runOneMegabyte();
  await runTenMegabytes();
  await runPathological();

  // The property test, larger than in `npm test`: incremental results equal a full re-lint at every step.
  const start = performance.now();
  let compared = 0;
  for (const seed of [101, 202, 303, 404, 505]) compared += await assertIncrementalEqualsFull(seed, 6, 60);
  compared += await assertIncrementalEqualsFull(606, 4, 60, 'file:///w/p.prompt');
  console.log(
    `incremental lint = full re-lint after random edits: ${compared} versions compared, all equal (${fmt(performance.now() - start)})`,
  );
}

/** The real and the synthetic 1 MB prompt. */
export async function runOneMegabyte(): Promise<void> {
  const real = realMarkdownPrompt(1_000_000);
  console.log(`real prompts: Markdown from ${real.files} files under node_modules`);
  const realRun = await drive(real.text, 60);
  for (const line of report('real 1 MB', Buffer.byteLength(real.text), realRun, await equalsFullCheck(realRun)))
    console.log(line);

  const synthetic = syntheticPrompt();
  const syntheticRun = await drive(synthetic, 30);
  for (const line of report('synthetic 1 MB', Buffer.byteLength(synthetic), syntheticRun, await equalsFullCheck(syntheticRun)))
    console.log(line);
}

/**
 * Just under the 10 MB limit: a cold count with hovers sent while it runs, then keystrokes. The synthetic prompt is
 * counting work; the real one also holds >100,000 template variable uses, each an undefined-variable diagnostic.
 */
export async function runTenMegabytes(): Promise<void> {
  const synthetic = syntheticPrompt(9_900_000);
  const syntheticRun = await drive(synthetic, 10, true);
  for (const line of report('synthetic 10 MB', Buffer.byteLength(synthetic), syntheticRun, undefined)) console.log(line);
  const big = realMarkdownPrompt(9_900_000);
  const run = await drive(big.text, 5, true);
  for (const line of report('real 10 MB', Buffer.byteLength(big.text), run, undefined)) console.log(line);
}

/**
 * 10 MB prompts whose single steps were long (docs/editor-performance.md, "Never blocking"): one line (one chunk to
 * tally, one paragraph to scan), no blank line (one paragraph of many lines), a run of one character (one piece).
 * Each is opened with requests sent during its first count, then edited twice.
 */
export async function runPathological(): Promise<void> {
  const words = generateProse(9_900_000, 7);
  const cases: Array<[string, string]> = [
    ['one 10 MB line', words.replace(/\n/g, ' ')],
    ['10 MB without a blank line', words.replace(/\n+/g, '\n')],
    ['10 MB of one character', 'a'.repeat(9_900_000)],
  ];
  for (const [name, text] of cases) {
    const run = await drive(text, 2, true);
    for (const line of report(name, Buffer.byteLength(text), run, undefined)) console.log(line);
  }
}
