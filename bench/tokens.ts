// Token counting throughput against plain js-tiktoken, on ordinary corpora and on long unbroken runs.
import { Tiktoken } from 'js-tiktoken/lite';
import type { EncodingName } from '../core/models/types';
import { ChunkedCounter } from '../core/tokens/chunks';
import type { BpeTokenCounter } from '../core/tokens/counter';
import { TokenizerPool } from '../core/tokens/pool';
import type { TokenCounter } from '../core/tokens/types';
import { nodeRankLoader } from '../node/ranks';
import { generateCjk, generateProse, seededRandom } from '../test/tokens/corpus';

const ENCODINGS: EncodingName[] = ['o200k_base', 'cl100k_base'];

/**
 * js-tiktoken is superlinear on long runs and slow on CJK, so it is timed on the largest prefix (doubling
 * from 1 KB) that it finishes within this budget; its MB/s is then for that smaller size, which flatters it.
 */
const REFERENCE_BUDGET_MS = 500;

interface BenchInput {
  name: string;
  text: string;
}

interface Row {
  encoding: EncodingName;
  input: string;
  bytes: number;
  ms: number;
  tokens: string;
  referenceBytes: number;
  referenceMs: number;
}

function inputs(): BenchInput[] {
  const random = seededRandom(5);
  const bytes = Uint8Array.from({ length: 750_000 }, () => Math.floor(random() * 256));
  return [
    { name: 'English prose ~1 MB', text: generateProse(1_000_000) },
    { name: 'CJK + emoji ~1M chars', text: generateCjk(1_000_000) },
    { name: "'a' × 200,000", text: 'a'.repeat(200_000) },
    { name: '200 KB whitespace', text: ' '.repeat(200_000) },
    { name: '1 MB base64, one line', text: Buffer.from(bytes).toString('base64') },
  ];
}

function utf8Length(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** Median of `runs` timings after one warm-up run. */
function timeMedian(runs: number, work: () => void): number {
  work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)] as number;
}

function timeOurs(counter: TokenCounter, input: BenchInput): Pick<Row, 'ms' | 'tokens'> {
  let tokens = '';
  const ms = timeMedian(3, () => {
    const count = counter.count(input.text);
    tokens = `${count.approximate ? '≈' : ''}${count.tokens}`;
  });
  return { ms, tokens };
}

/** Doubles the prefix until js-tiktoken needs more than the budget or the whole input is done. */
function timeReference(tiktoken: Tiktoken, text: string): { bytes: number; ms: number } {
  let size = Math.min(text.length, 1024);
  for (;;) {
    const prefix = text.slice(0, size);
    const start = performance.now();
    tiktoken.encode(prefix, [], []);
    const ms = performance.now() - start;
    if (size === text.length || ms > REFERENCE_BUDGET_MS) return { bytes: utf8Length(prefix), ms };
    size = Math.min(text.length, size * 2);
  }
}

function mbPerSecond(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1e3);
}

function formatTable(rows: Row[]): string {
  const header = ['encoding', 'input', 'size', 'tokens', 'ours ms', 'ours MB/s', 'js-tiktoken on', 'its MB/s', 'speed-up'];
  const body = rows.map((r) => {
    const ours = mbPerSecond(r.bytes, r.ms);
    const reference = mbPerSecond(r.referenceBytes, r.referenceMs);
    return [
      r.encoding, r.input, kb(r.bytes), r.tokens, r.ms.toFixed(0), figure(ours),
      r.referenceBytes === r.bytes ? 'same' : kb(r.referenceBytes), figure(reference), `${figure(ours / reference)}×`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((cells) => (cells[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

/** Three significant figures, without exponents. */
function figure(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toPrecision(3);
}

function kb(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(2)} MB` : `${(bytes / 1e3).toFixed(1)} KB`;
}

/** What the editor pays per keystroke: re-counting a ~1 MB document after a one-character edit. */
function incrementalLine(counter: BpeTokenCounter, text: string): string {
  const chunked = new ChunkedCounter(counter);
  let start = performance.now();
  chunked.count(text);
  const first = performance.now() - start;
  const middle = text.indexOf(' ', text.length >> 1);
  const edited = text.slice(0, middle) + 'x' + text.slice(middle);
  const before = { ...chunked.stats };
  start = performance.now();
  chunked.count(edited);
  const again = performance.now() - start;
  const counted = chunked.stats.counted - before.counted;
  const reused = chunked.stats.reused - before.reused;
  return `${counter.encoding}: first count ${first.toFixed(0)} ms; after a one-character edit ${again.toFixed(1)} ms (${counted} chunk re-counted, ${reused} reused)`;
}

function maxRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export async function runTokenBench(): Promise<void> {
  const pool = new TokenizerPool(nodeRankLoader);
  const benchInputs = inputs();
  const rows: Row[] = [];
  const loadLines: string[] = [];
  const incrementalLines: string[] = [];
  for (const encoding of ENCODINGS) {
    const start = performance.now();
    const counter = await pool.counterFor({ encoding });
    loadLines.push(`${encoding}: ours ${(performance.now() - start).toFixed(0)} ms`);
    incrementalLines.push(incrementalLine(counter, (benchInputs[0] as BenchInput).text));
    for (const input of benchInputs) {
      rows.push({ encoding, input: input.name, bytes: utf8Length(input.text), ...timeOurs(counter, input), referenceBytes: 0, referenceMs: 0 });
    }
  }
  const oursRss = maxRssMb();
  for (const encoding of ENCODINGS) {
    const start = performance.now();
    const tiktoken = new Tiktoken(await nodeRankLoader(encoding));
    loadLines.push(`${encoding}: js-tiktoken ${(performance.now() - start).toFixed(0)} ms`);
    for (const input of benchInputs) {
      const row = rows.find((r) => r.encoding === encoding && r.input === input.name) as Row;
      const reference = timeReference(tiktoken, input.text);
      row.referenceBytes = reference.bytes;
      row.referenceMs = reference.ms;
    }
  }
  console.log('Token counting (MB = 10^6 UTF-8 bytes; ours: median of 3 after a warm-up; ≈ = long-run fallback used)');
  console.log(formatTable(rows));
  console.log(`\nRank-file load + parse: ${loadLines.join('; ')}`);
  console.log(
    `js-tiktoken is timed on the largest prefix it encodes within ${REFERENCE_BUDGET_MS} ms ("js-tiktoken on"); where that is` +
      ' smaller than the input, the speed-up compares rates at different sizes and understates ours on superlinear inputs.',
  );
  console.log(`\nChunked re-count of the English prose (ChunkedCounter):\n  ${incrementalLines.join('\n  ')}`);
  console.log(`Peak RSS: ${oursRss.toFixed(0)} MB after our runs; ${maxRssMb().toFixed(0)} MB with js-tiktoken's tables loaded too.`);
}
