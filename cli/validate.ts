// `promptbound validate`: checks completions (files, JSON Lines or stdin) against one prompt's constraints and output schema.
//
// JSON Lines input is streamed: read a line at a time, checked in batches (on worker threads when there is enough work,
// see --jobs), printed in input order, so a run of millions of completions uses constant memory.
//
// JSON report (`--format json`): JSON Lines, one object per completion in input order (cli/validate-result.ts):
//   {"index": 0, "completion": "runs.jsonl#1", "pass": true, "results": [...], "schema": [...], "schemaChecked": false}
// then one last line {"summary": {completions, passed, failed, constraints: [{key, passed, failed, passRate, worst}]}}.
// Exit codes: 0 every completion passes, 1 any fails, 2 usage error (no --prompt, unreadable file, nothing declared).
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import type { Span } from '../core/diagnostic';
import type { SampleReport } from '../core/samples/types';
import { countDocument } from '../core/count-document';
import { parseDocument } from '../core/document';
import type { CounterSource } from '../core/tokens/types';
import { lineColumnAt, lineStarts } from '../core/positions';
import { checkSample, declaredConstraints, expectsJson, failedKeys, type CompletionRequirements } from '../core/samples/check';
import { completionRequirements, scopeOf } from '../core/samples/context';
import { MAX_SAMPLE_FILE_CHARS, parseSampleFile } from '../core/samples/parse';
import { readTextFile } from '../node/files';
import type { ValidateArgs } from './args';
import { UsageError } from './args';
import { configResolver } from './config-resolver';
import { palette, useColor } from './color';
import { createHost } from './host';
import type { CliIo } from './io';
import { displayPath } from './paths';
import { groupDigits } from './report';
import { WorkerPool, workerScript } from './pool';
import { ordinalInShard } from './shard';
import { SummaryTally, stylishBlock, stylishSummary, summaryLine, type ValidateResult } from './validate-result';

const STDIN = '-';
/** Completions sent to a worker at once: large enough that messaging is cheap, small enough to keep memory flat. */
const BATCH_COMPLETIONS = 256;
const BATCH_CHARS = 1 << 20;
/** Worker threads start only once this many completions are waiting: short runs finish before a worker would load. */
const WORKER_THRESHOLD = 2 * BATCH_COMPLETIONS;

/** Counters that count nothing: with no `tokens` constraint, validation needs the prompt's encoding name, never a count. */
const NO_COUNTING: CounterSource = {
  counterFor: async (spec) => ({
    encoding: spec.encoding,
    approximate: true,
    count: () => ({ tokens: 0, approximate: true, estimated: [] }),
  }),
};

/** A JSON Lines line, with its 0-based line number and its position among all completions. */
interface LineItem {
  line: number;
  text: string;
  ordinal: number;
  /** Longer than a completion may be (5 MB): reported, not kept. */
  oversize?: true;
}

/** Work for one worker message: lines of a JSON Lines input, or one whole file as one completion. */
export type ValidateBatch =
  | { kind: 'lines'; uri: string; name: string; items: LineItem[] }
  | { kind: 'whole'; uri: string; name: string; text: string; ordinal: number };

interface Source {
  name: string;
  uri: string;
  /** JSON Lines (streamed) or one completion. */
  jsonl: boolean;
  stdin: boolean;
}

export async function runValidate(args: ValidateArgs, io: CliIo): Promise<number> {
  const requirements = await loadPrompt(args, io);
  const sources = await openSources(args, io);
  const output = await openOutput(args, io);
  const colors = palette(useColor(io.env, args.output === undefined && io.isTTY));
  const tally = new SummaryTally();
  const meter = validateProgress(io);
  const pipeline = new OrderedPipeline(requirements, args, io, async (results) => {
    let text = '';
    for (const result of results) {
      tally.add(result);
      text += args.format === 'json' ? `${JSON.stringify(result)}\n` : stylishBlock(result, colors);
    }
    meter.tick(results.length);
    await output.write(text);
  });
  let ordinal = 0;
  try {
    for (const source of sources) {
      if (!source.jsonl) {
        const text = source.stdin ? stripBom(await readStream(io.stdin)) : await readWhole(source);
        if (ordinalInShard(ordinal, args.shard))
          await pipeline.push({ kind: 'whole', uri: source.uri, name: source.name, text, ordinal });
        ordinal++;
        continue;
      }
      let batch: LineItem[] = [];
      let chars = 0;
      const stream = source.stdin ? io.stdin : createReadStream(source.uri);
      for await (const item of readLines(stream)) {
        if (!item.oversize && item.text.trim() === '') continue;
        const position = ordinal++;
        if (!ordinalInShard(position, args.shard)) continue;
        batch.push({ ...item, ordinal: position });
        chars += item.text.length;
        if (batch.length >= BATCH_COMPLETIONS || chars >= BATCH_CHARS) {
          await pipeline.push({ kind: 'lines', uri: source.uri, name: source.name, items: batch });
          batch = [];
          chars = 0;
        }
      }
      if (batch.length > 0) await pipeline.push({ kind: 'lines', uri: source.uri, name: source.name, items: batch });
    }
    await pipeline.drain();
  } finally {
    meter.done();
    await pipeline.close();
  }
  if (ordinal === 0) {
    await output.close();
    throw new UsageError('no completions to validate (the input is empty)');
  }
  const summary = tally.summary();
  await output.write(args.format === 'json' ? summaryLine(summary) : stylishSummary(summary, colors));
  await output.close();
  return summary.failed === 0 ? 0 : 1;
}

/** Standard output or `-o FILE`; a write waits while the reader is behind (back-pressure keeps memory flat). */
async function openOutput(
  args: ValidateArgs,
  io: CliIo,
): Promise<{ write(text: string): Promise<void>; close(): Promise<void> }> {
  const stream: NodeJS.WritableStream | CliIo['stdout'] =
    args.output === undefined ? io.stdout : createWriteStream(path.resolve(io.cwd, args.output), { encoding: 'utf8' });
  if (args.output !== undefined) {
    const opened = await new Promise<Error | undefined>((resolve) => {
      (stream as NodeJS.WritableStream).once('error', resolve);
      (stream as NodeJS.WritableStream).once('ready' as 'drain', () => resolve(undefined));
    });
    if (opened)
      throw new UsageError(
        `cannot write the report to ${args.output} (${(opened as NodeJS.ErrnoException).code ?? opened.message})`,
      );
  }
  return {
    async write(text) {
      if (text === '') return;
      const ok = stream.write(text);
      if (ok === false && 'once' in stream) await once(stream as NodeJS.WritableStream, 'drain');
    },
    async close() {
      if (args.output !== undefined) await new Promise<void>((resolve) => (stream as NodeJS.WritableStream).end(resolve));
    },
  };
}

/**
 * Runs batches in-process or, once there is enough work, on worker threads, and hands results on in input order.
 * At most a few batches per worker are in flight, so memory stays bounded however long the input is.
 */
class OrderedPipeline {
  private readonly queue: Array<Promise<ValidateResult[]>> = [];
  private pool: WorkerPool<ValidateBatch, ValidateResult[]> | undefined;
  private waiting = 0;

  constructor(
    private readonly requirements: CompletionRequirements,
    private readonly args: ValidateArgs,
    private readonly io: CliIo,
    private readonly emit: (results: ValidateResult[]) => Promise<void>,
  ) {}

  async push(batch: ValidateBatch): Promise<void> {
    this.waiting += batch.kind === 'lines' ? batch.items.length : 1;
    const script = workerScript();
    if (!this.pool && script && this.args.jobs > 1 && this.waiting >= WORKER_THRESHOLD) {
      this.pool = new WorkerPool(script, this.args.jobs, {
        kind: 'validate',
        prompt: this.args.prompt,
        model: this.args.model,
        config: this.args.config,
        cwd: this.io.cwd,
        color: false,
      });
    }
    if (this.pool) {
      this.queue.push(this.pool.run(batch));
      while (this.queue.length >= this.args.jobs * 3) await this.shift();
    } else {
      await this.emit(checkBatch(this.requirements, batch));
    }
  }

  async drain(): Promise<void> {
    while (this.queue.length > 0) await this.shift();
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }

  private async shift(): Promise<void> {
    const results = await this.queue.shift()!;
    await this.emit(results);
  }
}

/** Reads the prompt with its folder's config; a prompt that declares nothing to check, or whose schema is broken, is a usage error. */
export async function loadPrompt(
  args: Pick<ValidateArgs, 'prompt' | 'model' | 'config'>,
  io: Pick<CliIo, 'cwd' | 'stderr'>,
): Promise<CompletionRequirements> {
  const file = path.resolve(io.cwd, args.prompt);
  const read = await readTextFile(file);
  if (!read.ok) throw new UsageError(`cannot read the prompt ${args.prompt}: ${read.message}`);
  const config = await configResolver(io as CliIo, args.model, args.config).configFor(path.dirname(file));
  const host = createHost();
  // The prompt's own token count is not reported here: rank tables are loaded only for a `tokens` constraint.
  const declared = declaredConstraints(parseDocument(file, read.text, { stripHtmlComments: config.stripHtmlComments }));
  const tokenizers = 'tokens' in declared ? host.tokenizers : NO_COUNTING;
  const { document, stats } = await countDocument({ uri: file, text: read.text, config }, { ...host, tokenizers });
  if (Object.keys(declaredConstraints(document)).length === 0 && !expectsJson(document)) {
    throw new UsageError(`${args.prompt} declares no constraints and no output schema; nothing to validate against`);
  }
  const { requirements, schemaProblems } = await completionRequirements(document, stats, {
    files: host.files!,
    tokenizers,
    scope: scopeOf(config),
  });
  const errors = schemaProblems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const list = errors.map((p) => `  ${displayPath(io.cwd, p.uri)}: ${p.message}`).join('\n');
    throw new UsageError(`the output schema of ${args.prompt} cannot be used:\n${list}`);
  }
  return requirements;
}

/** Every named input, checked for readability before any output is written. */
async function openSources(args: ValidateArgs, io: CliIo): Promise<Source[]> {
  const sources: Source[] = [];
  let stdinNamed = false;
  for (const completion of args.completions) {
    if (completion === STDIN) {
      if (stdinNamed) throw new UsageError("standard input ('-') can be named only once");
      stdinNamed = true;
      sources.push({ name: STDIN, uri: STDIN, jsonl: args.jsonl, stdin: true });
      continue;
    }
    const file = path.resolve(io.cwd, completion);
    const stat = await fs.stat(file).catch((error: NodeJS.ErrnoException) => error);
    if (stat instanceof Error) throw new UsageError(`cannot read ${completion}: ${describeError(stat)}`);
    if (!stat.isFile()) throw new UsageError(`cannot read ${completion}: not a file`);
    const jsonl = args.jsonl || file.toLowerCase().endsWith('.jsonl');
    if (jsonl) {
      const handle = await fs.open(file, 'r').catch((error: NodeJS.ErrnoException) => error);
      if (handle instanceof Error) throw new UsageError(`cannot read ${completion}: ${describeError(handle)}`);
      await handle.close();
    }
    sources.push({ name: displayPath(io.cwd, file), uri: file, jsonl, stdin: false });
  }
  return sources;
}

function describeError(error: NodeJS.ErrnoException): string {
  if (error.code === 'ENOENT') return 'no such file';
  if (error.code === 'EACCES' || error.code === 'EPERM') return 'permission denied';
  return error.code ?? error.message;
}

async function readWhole(source: Source): Promise<string> {
  const read = await readTextFile(source.uri);
  if (!read.ok) throw new UsageError(`cannot read ${source.name}: ${read.message}`);
  return read.text;
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Splits a byte stream into lines (`\n`, with a trailing `\r` removed), decoding UTF-8 across chunk boundaries. A line
 * longer than a completion may be is not accumulated: it comes out marked `oversize`, so memory stays bounded.
 */
export async function* readLines(stream: NodeJS.ReadableStream): AsyncGenerator<Omit<LineItem, 'ordinal'>> {
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let oversize = false;
  let line = 0;
  let first = true;
  const finish = (text: string) => {
    const item = oversize
      ? { line, text: '', oversize: true as const }
      : { line, text: text.endsWith('\r') ? text.slice(0, -1) : text };
    oversize = false;
    line++;
    return item;
  };
  for await (const chunk of stream) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk as Buffer);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    let start = 0;
    for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
      yield finish(pending + text.slice(start, newline));
      pending = '';
      start = newline + 1;
    }
    if (!oversize) pending += text.slice(start);
    if (pending.length > MAX_SAMPLE_FILE_CHARS) {
      oversize = true;
      pending = '';
    }
  }
  const rest = pending + decoder.end();
  if (rest !== '' || oversize) yield finish(rest);
}

/** Checks one batch; used in-process and by the worker threads (cli/worker.ts). */
export function checkBatch(requirements: CompletionRequirements, batch: ValidateBatch): ValidateResult[] {
  const schemaChecked = requirements.check.schema !== undefined;
  if (batch.kind === 'whole') {
    const [report] = parseSampleFile(batch.uri, batch.text, { jsonl: false }).completions.map((c) =>
      checkSample(c, requirements),
    );
    return [toResult(report!, batch.name, batch.ordinal, batch.text, 0, schemaChecked)];
  }
  return batch.items.map((item) => {
    const name = `${batch.name}#${item.line + 1}`;
    if (item.oversize) {
      const message = `line ${item.line + 1} is longer than 5 MB; not checked`;
      return unchecked(item.ordinal, name, { message, line: item.line + 1, column: 1 });
    }
    const parsed = parseSampleFile(batch.uri, item.text, { jsonl: true, firstLine: item.line });
    const problem = parsed.problems[0];
    if (problem) {
      return unchecked(item.ordinal, name, { message: problem.message, ...where(item.text, problem.span, item.line) });
    }
    const report = checkSample(parsed.completions[0]!, requirements);
    return toResult(report, name, item.ordinal, item.text, item.line, schemaChecked);
  });
}

/** A JSONL line that could not be checked (too long, or not JSON): a failure with the reason and no results. */
function unchecked(index: number, completion: string, notJson: ValidateResult['notJson']): ValidateResult {
  return { index, completion, pass: false, results: [], schema: [], notJson, schemaChecked: false };
}

function toResult(
  report: SampleReport,
  name: string,
  index: number,
  text: string,
  firstLine: number,
  schemaChecked: boolean,
): ValidateResult {
  return {
    index,
    completion: name,
    pass: failedKeys(report).length === 0,
    results: report.results.map(({ key, pass, measured, required, message }) => ({ key, pass, measured, required, message })),
    schema: report.schemaFailures.map((f) => ({ message: f.message, pointer: f.pointer, ...where(text, f.span, firstLine) })),
    ...(report.notJson ? { notJson: { message: report.notJson.message, ...where(text, report.notJson.span, firstLine) } } : {}),
    schemaChecked,
  };
}

function where(text: string, span: Span, firstLine: number): { line: number; column: number } {
  const at = lineColumnAt(lineStarts(text), text, span.offset);
  return { line: at.line + firstLine, column: at.column };
}

/** "validating 120,000 completions (41,000/s)" on a terminal's stderr, redrawn at most ten times a second. */
function validateProgress(io: CliIo): { tick(n: number): void; done(): void } {
  // Whether stderr is a terminal is asked only once a run is long enough to show progress (it creates the stream).
  let enabled: boolean | undefined;
  const started = Date.now();
  let count = 0;
  let drawnAt = 0;
  let drawn = false;
  return {
    tick(n) {
      count += n;
      const now = Date.now();
      if (now - started < 500 || now - drawnAt < 100) return;
      enabled ??= io.stderrIsTTY ?? io.isTTY;
      if (!enabled) return;
      drawnAt = now;
      drawn = true;
      const rate = Math.round(count / ((now - started) / 1000));
      io.stderr.write(`\rvalidating ${groupDigits(count)} completions (${groupDigits(rate)}/s)\u001b[K`);
    },
    done() {
      if (drawn) io.stderr.write('\r\u001b[K');
    },
  };
}
