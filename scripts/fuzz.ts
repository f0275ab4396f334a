// `npm run fuzz`: the fuzzing benchmark. Seeded inputs (scripts/fuzz/generate.ts) run in worker threads through check,
// validate and the language server's handlers, each within a time budget; then a sample of them runs through the real
// CLI and the stdio language server. Reports inputs run, crashes, time-outs and the slowest inputs.
//
//   npm run fuzz -- [--count 100000] [--seed 1] [--budget 5000] [--workers 1] [--cli 20] [--lsp 20] [--only N] [--out report.json]
//
// Exit code 1 when anything crashed or timed out. SIGINT/SIGTERM stops it early and still prints the figures so far.
// Not part of `npm test` (it takes minutes); docs/security.md explains it.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { generateInput, type FuzzInput } from './fuzz/generate';
import type { WorkerData, WorkerMessage } from './fuzz/worker';

const REPO = path.join(__dirname, '..');
const BIN = path.join(REPO, 'bin', 'promptbound.js');
const SERVER = path.join(REPO, 'dist', 'server-node.js');
const STACK = /^\s+at .+:\d+:\d+\)?$|internal error|RangeError|TypeError|Maximum call stack/m;

interface Options {
  count: number;
  seed: number;
  budget: number;
  workers: number;
  cli: number;
  lsp: number;
  only?: number;
  out?: string;
}

interface Finding {
  index: number;
  kind: string;
  where: 'in-process' | 'cli' | 'lsp';
  problems: string[];
}

interface Slow {
  index: number;
  kind: string;
  ms: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { count: 100_000, seed: 1, budget: 5_000, workers: 1, cli: 20, lsp: 20 };
  for (let i = 0; i < argv.length; i++) {
    const [flag, value] = [argv[i], argv[i + 1]];
    const number = () => {
      i++;
      const n = Number(value);
      if (!Number.isFinite(n)) throw new Error(`${flag} needs a number`);
      return n;
    };
    if (flag === '--count') options.count = number();
    else if (flag === '--seed') options.seed = number();
    else if (flag === '--budget') options.budget = number();
    else if (flag === '--workers') options.workers = Math.max(1, number());
    else if (flag === '--cli') options.cli = number();
    else if (flag === '--lsp') options.lsp = number();
    else if (flag === '--only') options.only = number();
    else if (flag === '--out') options.out = argv[++i];
    else throw new Error(`unknown option ${flag}`);
  }
  return options;
}

/** Runs [start, end) in a worker; an input past the budget is a time-out and the rest continue in a fresh worker. */
function runRange(options: Options, start: number, end: number, report: Report): Promise<void> {
  return new Promise((resolve) => {
    const heartbeat = new SharedArrayBuffer(12);
    const beat = new Int32Array(heartbeat);
    // -1 until the worker has loaded and warmed up: start-up is not an input's time.
    Atomics.store(beat, 0, -1);
    // The worker is TypeScript: tsx's CommonJS hook loads it, as `node --import tsx` loads this file.
    const source = `require('tsx/cjs'); require(${JSON.stringify(path.join(__dirname, 'fuzz', 'worker.ts'))});`;
    const worker = new Worker(source, {
      eval: true,
      workerData: { seed: options.seed, start, end, heartbeat } satisfies WorkerData,
      resourceLimits: { maxOldGenerationSizeMb: 2048 },
    });
    let finished = false;
    const finish = (next?: number) => {
      if (finished) return;
      finished = true;
      clearInterval(timer);
      void worker
        .terminate()
        .then(() => (next !== undefined && next < end ? runRange(options, next, end, report).then(resolve) : resolve()));
    };
    const timer = setInterval(() => {
      const index = Atomics.load(beat, 0);
      if (index < 0) return;
      const started = Atomics.load(beat, 1) * 1e6 + Atomics.load(beat, 2);
      const ms = Date.now() - started;
      if (ms > options.budget + 2_000 /* worker start-up and a loaded machine */) {
        const kind = generateInput(options.seed, index).kind;
        report.timeouts.push({ index, kind, ms });
        report.run++;
        process.stderr.write(`fuzz: input ${index} (${kind}) still running after ${ms} ms: time-out\n`);
        finish(index + 1);
      }
    }, 250);
    worker.on('message', (message: WorkerMessage) => {
      if (message.type === 'finding') {
        report.findings.push({ index: message.index, kind: message.kind, where: 'in-process', problems: message.problems });
        process.stderr.write(`fuzz: input ${message.index} (${message.kind}): ${message.problems[0]}\n`);
      } else if (message.type === 'batch') {
        report.run += message.done;
        report.totalMs += message.totalMs;
        report.addSlow(message.slowest);
        if (report.run % 1_000 < message.done)
          process.stderr.write(
            `fuzz: ${report.run.toLocaleString('en')} inputs, ${report.findings.length} findings, ${report.timeouts.length} time-outs\n`,
          );
      } else if (message.type === 'end') finish();
    });
    worker.on('error', (error) => {
      const index = Atomics.load(beat, 0);
      report.findings.push({ index, kind: 'worker', where: 'in-process', problems: [`worker died: ${error.message}`] });
      finish(index + 1);
    });
  });
}

class Report {
  run = 0;
  totalMs = 0;
  findings: Finding[] = [];
  timeouts: Slow[] = [];
  slowest: Slow[] = [];
  cli = { run: 0, ms: [] as number[] };
  lsp = { run: 0, ms: [] as number[] };

  addSlow(slow: Slow[]): void {
    const byIndex = new Map([...this.slowest, ...slow].map((s) => [s.index, s]));
    this.slowest = [...byIndex.values()].sort((a, b) => b.ms - a.ms).slice(0, 10);
  }
}

/** Writes an input's files under `dir` (the generated root `/ws` becomes `dir/ws`, which holds a `.git` as the repository root). */
function materialise(input: FuzzInput, dir: string): { root: string; prompt: string; completions: string[] } {
  const root = path.join(dir, 'ws');
  mkdirSync(path.join(root, '.git'), { recursive: true });
  const local = (file: string) => path.join(dir, path.normalize(file).replace(/^\/+/, ''));
  for (const [file, text] of Object.entries(input.files)) {
    const target = local(file);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
  const completions = input.completions.map((c, i) => {
    const file = path.join(dir, `completion-${i}.txt`);
    writeFileSync(file, c);
    return file;
  });
  return { root, prompt: local(input.prompt), completions };
}

/** A sample of inputs through `node bin/promptbound.js check` and `validate`: exit codes 0–2 only, no stack trace, within the budget. */
function runCli(options: Options, report: Report, indices: number[]): void {
  for (const index of indices) {
    const input = generateInput(options.seed, index);
    const dir = mkdtempSync(path.join(tmpdir(), 'promptbound-fuzz-'));
    try {
      const { root, prompt, completions } = materialise(input, dir);
      const runs: Array<[string, string[]]> = [['check', ['check', root, '--format', 'json']]];
      if (completions.length > 0) runs.push(['validate', ['validate', '--prompt', prompt, ...completions]]);
      for (const [name, args] of runs) {
        const started = Date.now();
        const result = spawnSync(process.execPath, [BIN, ...args], {
          cwd: root,
          encoding: 'utf8',
          timeout: options.budget * 4,
          maxBuffer: 256 * 1024 * 1024,
        });
        const ms = Date.now() - started;
        report.cli.run++;
        report.cli.ms.push(ms);
        const problems: string[] = [];
        if (result.error || result.status === null)
          problems.push(`${name}: no exit within ${options.budget * 4} ms (${result.error?.message ?? result.signal})`);
        else if (result.status > 2) problems.push(`${name}: exit ${result.status}`);
        else if (name === 'check' && result.status === 2) problems.push(`check: exit 2: ${result.stderr.slice(0, 300)}`);
        if (STACK.test(result.stderr ?? '') || /internal\/rule-error/.test(result.stdout ?? ''))
          problems.push(`${name}: ${(result.stderr + result.stdout).match(STACK)?.[0] ?? 'internal error'}`);
        if (problems.length > 0) report.findings.push({ index, kind: input.kind, where: 'cli', problems });
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

/** A sample of inputs opened in the real stdio server, each followed by hover/completion/codeLens requests that must be answered within the budget. */
async function runLsp(options: Options, report: Report, indices: number[]): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'promptbound-fuzz-lsp-'));
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => ({ debounce: 0 })));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/codeLens/refresh', () => null);
  connection.onRequest('workspace/inlayHint/refresh', () => null);
  connection.onNotification('textDocument/publishDiagnostics', () => undefined);
  connection.onNotification('promptbound/documentStats', () => undefined);
  connection.listen();
  const within = async <T>(what: string, promise: Thenable<T>, ms: number): Promise<T> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        promise,
        new Promise<never>(
          (_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)),
        ),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
  try {
    await within(
      'initialize',
      connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(path.join(dir, 'ws')).toString(),
        workspaceFolders: [{ uri: pathToFileURL(path.join(dir, 'ws')).toString(), name: 'ws' }],
        capabilities: { workspace: { configuration: true } },
      }),
      30_000,
    );
    await connection.sendNotification('initialized', {});
    for (const index of indices) {
      const input = generateInput(options.seed, index);
      const sub = path.join(dir, String(index));
      const { prompt } = materialise(input, sub);
      const uri = pathToFileURL(prompt).toString();
      const text = input.files[input.prompt];
      const started = Date.now();
      const problems: string[] = [];
      try {
        await connection.sendNotification('textDocument/didOpen', {
          textDocument: { uri, languageId: 'prompt', version: 1, text },
        });
        let version = 1;
        for (const step of input.edits) {
          const at = Math.min(step.offset, text.length);
          const start = position(text, at);
          const end = position(text, Math.min(at + step.length, text.length));
          await connection.sendNotification('textDocument/didChange', {
            textDocument: { uri, version: ++version },
            contentChanges: [{ range: { start, end }, text: step.text }],
          });
        }
        await within(
          'hover',
          connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 2 } }),
          options.budget * 2,
        );
        await within(
          'completion',
          connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 2, character: 4 } }),
          options.budget * 2,
        );
        await within('codeLens', connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }), options.budget * 2);
        await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
      report.lsp.run++;
      report.lsp.ms.push(Date.now() - started);
      if (STACK.test(stderr)) problems.push(`server stderr: ${stderr.match(STACK)?.[0]}`);
      stderr = '';
      if (problems.length > 0) report.findings.push({ index, kind: input.kind, where: 'lsp', problems });
    }
    await within('shutdown', connection.sendRequest('shutdown'), 10_000);
    await connection.sendNotification('exit');
  } catch (error) {
    report.findings.push({
      index: -1,
      kind: 'server',
      where: 'lsp',
      problems: [error instanceof Error ? error.message : String(error)],
    });
  } finally {
    child.kill();
    connection.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

function position(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  const report = new Report();
  const started = Date.now();
  const [first, last] = options.only !== undefined ? [options.only, options.only + 1] : [0, options.count];
  const sample = (n: number) =>
    Array.from({ length: Math.min(n, last - first) }, (_, i) => first + Math.floor((i * (last - first)) / Math.max(1, n)));
  // The real CLI and server first (few inputs, slow to start); then the in-process inputs, which SIGINT/SIGTERM may cut short.
  runCli(options, report, options.only !== undefined ? [options.only] : sample(options.cli));
  await runLsp(options, report, options.only !== undefined ? [options.only] : sample(options.lsp));
  let stopped = false;
  const stop = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        stopped = true;
        resolve();
      });
    }
  });
  const per = Math.ceil((last - first) / options.workers);
  const ranges = Array.from({ length: options.workers }, (_, w) =>
    runRange(options, first + w * per, Math.min(last, first + (w + 1) * per), report),
  );
  await Promise.race([Promise.all(ranges), stop]);
  return summarise(options, report, (Date.now() - started) / 1000, stopped);
}

function summarise(options: Options, report: Report, seconds: number, stopped: boolean): number {
  const crashes = report.findings.length;
  const lines = [
    `promptbound fuzz: seed ${options.seed}, per-input budget ${options.budget} ms, ${seconds.toFixed(0)} s${stopped ? ' (stopped early by a signal)' : ''}`,
    `in-process: ${report.run.toLocaleString('en')} inputs run (check + validate + language-server handlers), mean ${(report.totalMs / Math.max(1, report.run)).toFixed(1)} ms`,
    `real CLI: ${report.cli.run} runs, median ${percentile(report.cli.ms, 50)} ms, max ${Math.max(0, ...report.cli.ms)} ms`,
    `stdio server: ${report.lsp.run} documents, median ${percentile(report.lsp.ms, 50)} ms, max ${Math.max(0, ...report.lsp.ms)} ms`,
    `crashes: ${crashes}`,
    ...report.findings.slice(0, 20).map(
      (f) =>
        `  #${f.index} ${f.kind} [${f.where}]: ${f.problems
          .slice(0, 3)
          .map((p) => p.slice(0, 200))
          .join(' | ')}`,
    ),
    `time-outs: ${report.timeouts.length}`,
    ...report.timeouts.slice(0, 20).map((t) => `  #${t.index} ${t.kind}: ${t.ms} ms`),
    'slowest inputs:',
    ...report.slowest.map((s) => `  #${s.index} ${s.kind}: ${s.ms} ms`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  if (options.out)
    writeFileSync(
      options.out,
      JSON.stringify(
        {
          options,
          seconds,
          stopped,
          run: report.run,
          findings: report.findings,
          timeouts: report.timeouts,
          slowest: report.slowest,
          cli: report.cli.run,
          lsp: report.lsp.run,
        },
        null,
        2,
      ),
    );
  return crashes + report.timeouts.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`fuzz: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
