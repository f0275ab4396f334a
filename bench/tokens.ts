// Token counting against its peers, measured in one run on real text gathered from this machine:
// tiktoken's Rust core (through its Python package) and gpt-tokenizer (cache warm), all with the
// same warm-up and rounds, in process CPU time, single-threaded. Also load time, RSS and the CLI's start-up.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { EncodingName } from '../core/models/types';
import { ChunkedCounter } from '../core/tokens/chunks';
import type { BpeTokenCounter } from '../core/tokens/counter';
import type { EncodingOptions } from '../core/tokens/encoding';
import { requireTiktoken, prepareTiktokenCache } from '../scripts/tiktoken-reference';

const REPO = path.join(__dirname, '..');
const WARMUP = 3;
const ROUNDS = 5;
const TARGET_BYTES = 1_000_000;

interface Input {
  name: string;
  /** One text, or many (1 KB paragraphs) counted one after another as one timed unit. */
  texts: string[];
}

// ---------------------------------------------------------------- real text from this machine

function walk(dir: string, keep: (file: string) => boolean, out: string[], depth = 0): string[] {
  if (depth > 12) return out;
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return out;
  }
  for (const name of names) {
    if (name.startsWith('.')) continue;
    const full = path.join(dir, name);
    let stat;
    try {
      stat = statSync(full);
    } catch {
      continue;
    }
    if (stat.isDirectory()) walk(full, keep, out, depth + 1);
    else if (stat.isFile() && stat.size < 2_000_000 && keep(full)) out.push(full);
  }
  return out;
}

function collect(files: string[], transform: (text: string) => string, target = TARGET_BYTES): { text: string; files: number } {
  let text = '';
  let used = 0;
  for (const file of files) {
    if (Buffer.byteLength(text) >= target) break;
    const piece = transform(readFileSync(file, 'utf8'));
    if (piece.trim() === '') continue;
    text += piece + '\n\n';
    used++;
  }
  return { text, files: used };
}

/** English documentation: the Markdown files under node_modules, fenced code removed. */
function gatherProse(): { text: string; files: number } {
  const files = walk(
    path.join(REPO, 'node_modules'),
    (f) => f.endsWith('.md') && !/changelog|history|license|code_of_conduct/i.test(path.basename(f)),
    [],
  );
  return collect(files, (t) => t.replace(/```[\s\S]*?```/g, '').replace(/<[^>]+>/g, ''));
}

/** Source code: readable (not minified) .ts and .js files under node_modules. */
function gatherCode(): { text: string; files: number } {
  const files = walk(
    path.join(REPO, 'node_modules'),
    (f) => /\.(ts|js|mjs)$/.test(f) && !f.endsWith('.d.ts') && !/\.min\.|dist\/|bundle/.test(f),
    [],
  );
  return collect(files, (t) => (t.split('\n').some((line) => line.length > 300) ? '' : t));
}

/** Chinese, Japanese and Korean: TypeScript's translated compiler messages. */
function gatherCjk(): { text: string; files: number } {
  const lib = path.join(REPO, 'node_modules', 'typescript', 'lib');
  const files = ['zh-cn', 'ja', 'ko', 'zh-tw'].map((l) => path.join(lib, l, 'diagnosticMessages.generated.json'));
  return collect(files, (t) => Object.values(JSON.parse(t) as Record<string, string>).join('\n'));
}

/** 1 KB paragraphs of the prose (whole paragraphs joined up to ~1,000 bytes). */
function paragraphs(prose: string, count: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const paragraph of prose.split(/\n\s*\n/)) {
    const clean = paragraph.trim();
    if (clean.length < 80) continue;
    current = current === '' ? clean : `${current}\n\n${clean}`;
    if (Buffer.byteLength(current) >= 900) {
      out.push(current.slice(0, 1100));
      current = '';
      if (out.length === count) break;
    }
  }
  return out;
}

// ---------------------------------------------------------------- timing

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Median CPU ms of ROUNDS runs after WARMUP runs (the same for every peer in this process and in Python). */
function timeCpu(work: () => number): { ms: number; tokens: number } {
  let tokens = 0;
  for (let i = 0; i < WARMUP; i++) tokens = work();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = cpuMs();
    tokens = work();
    times.push(cpuMs() - start);
  }
  return { ms: median(times), tokens };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function sumCounts(texts: string[], count: (text: string) => number): number {
  let total = 0;
  for (const text of texts) total += count(text);
  return total;
}

// ---------------------------------------------------------------- peers

type Peer = { name: string; count: (text: string) => number };

let shipped: typeof import('./counter-lib') | undefined;

/** Bundles bench/`entry` as the CLI is bundled (esbuild, Node 20, CommonJS) into dist/`name`; returns its path. */
async function bundle(entry: string, name: string): Promise<string> {
  const outfile = path.join(REPO, 'dist', name);
  await esbuild.build({
    entryPoints: [path.join(__dirname, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** Our counter from the esbuild bundle, as the CLI and the server run it. */
async function ourCounter(encoding: EncodingName, options: EncodingOptions = {}): Promise<BpeTokenCounter> {
  if (shipped === undefined) {
    const outfile = await bundle('counter-lib.ts', 'bench-counter-lib.js');
    shipped = require(outfile) as typeof import('./counter-lib');
  }
  return new shipped.TokenizerPool(shipped.nodeRankLoader, options).counterFor({ encoding });
}

async function gptTokenizer(encoding: EncodingName): Promise<Peer> {
  const module = (await import(`gpt-tokenizer/encoding/${encoding}`)) as { countTokens: (text: string) => number };
  return { name: 'gpt-tokenizer', count: (text) => module.countTokens(text) };
}

/** tiktoken in Python: per input, the median CPU seconds of the same rounds after the same warm-up. */
function tiktokenTimes(inputs: Input[]): Record<EncodingName, Array<{ ms: number; tokens: number }>> {
  const script = `
import json, sys, time, tiktoken
inputs = json.load(sys.stdin)
out = {}
for name in ("o200k_base", "cl100k_base"):
    enc = tiktoken.get_encoding(name)
    rows = []
    for texts in inputs:
        def work():
            return sum(len(enc.encode_ordinary(t)) for t in texts)
        for _ in range(${WARMUP}):
            tokens = work()
        times = []
        for _ in range(${ROUNDS}):
            start = time.process_time()
            tokens = work()
            times.append(time.process_time() - start)
        rows.append({"ms": sorted(times)[len(times) // 2] * 1000, "tokens": tokens})
    out[name] = rows
json.dump(out, sys.stdout)
`;
  const result = spawnSync('python3', ['-c', script], {
    input: JSON.stringify(inputs.map((i) => i.texts)),
    env: prepareTiktokenCache(),
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  if (result.status !== 0) throw new Error(`tiktoken (Python) failed:\n${result.stderr}`);
  return JSON.parse(result.stdout) as Record<EncodingName, Array<{ ms: number; tokens: number }>>;
}

// ---------------------------------------------------------------- child processes

/** Peak RSS in MB from /proc/self/status (see counter-child.ts for why not ru_maxrss). */
const PEAK_RSS_JS = "Number(/VmHWM:\\s+(\\d+) kB/.exec(require('fs').readFileSync('/proc/self/status','utf8'))[1])/1024";
const PEAK_RSS_PY = "int(re.search(r'VmHWM:\\s+(\\d+) kB', open('/proc/self/status').read()).group(1))";

interface ChildFigures {
  loadMs: number;
  maxRssMb: number;
}

function bareNode(): { cpuMs: number; maxRssMb: number } {
  const result = spawnSync(
    process.execPath,
    [
      '-e',
      `const u=process.cpuUsage();process.stdout.write(JSON.stringify({cpuMs:(u.user+u.system)/1000,maxRssMb:${PEAK_RSS_JS}}))`,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(result.stdout) as { cpuMs: number; maxRssMb: number };
}

/** Our counter in a fresh node (esbuild bundle, as shipped): CPU from rank load to first count, peak RSS after counting `file`. */
async function ourChild(encoding: EncodingName, file: string): Promise<ChildFigures> {
  const outfile = await bundle('counter-child.ts', 'bench-counter.js');
  const runs = Array.from(
    { length: 5 },
    () => JSON.parse(spawnSync(process.execPath, [outfile, encoding, file], { encoding: 'utf8' }).stdout) as ChildFigures,
  );
  return { loadMs: median(runs.map((r) => r.loadMs)), maxRssMb: median(runs.map((r) => r.maxRssMb)) };
}

function gptTokenizerChild(encoding: EncodingName, file: string): ChildFigures {
  const script = `const fs=require('fs');const text=fs.readFileSync(${JSON.stringify(file)},'utf8');const s=process.cpuUsage();const m=require('gpt-tokenizer/encoding/${encoding}');m.countTokens('Hello, world!');const u=process.cpuUsage(s);m.countTokens(text);process.stdout.write(JSON.stringify({loadMs:(u.user+u.system)/1000,maxRssMb:${PEAK_RSS_JS}}))`;
  const runs = Array.from(
    { length: 5 },
    () => JSON.parse(spawnSync(process.execPath, ['-e', script], { cwd: REPO, encoding: 'utf8' }).stdout) as ChildFigures,
  );
  return { loadMs: median(runs.map((r) => r.loadMs)), maxRssMb: median(runs.map((r) => r.maxRssMb)) };
}

function tiktokenChild(encoding: EncodingName, file: string): ChildFigures & { bareRssMb: number } {
  const script = `
import json, re, sys, time
bare = ${PEAK_RSS_PY}
import tiktoken
text = open(sys.argv[1], encoding="utf-8").read()
start = time.process_time()
enc = tiktoken.get_encoding("${encoding}")
enc.encode_ordinary("Hello, world!")
load = time.process_time() - start
enc.encode_ordinary(text)
json.dump({"loadMs": load * 1000, "maxRssMb": ${PEAK_RSS_PY} / 1024, "bareRssMb": bare / 1024}, sys.stdout)
`;
  const runs = Array.from({ length: 3 }, () => {
    const result = spawnSync('python3', ['-c', script, file], { env: prepareTiktokenCache(), encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tiktoken (Python) failed:\n${result.stderr}`);
    return JSON.parse(result.stdout) as ChildFigures & { bareRssMb: number };
  });
  return {
    loadMs: median(runs.map((r) => r.loadMs)),
    maxRssMb: median(runs.map((r) => r.maxRssMb)),
    bareRssMb: median(runs.map((r) => r.bareRssMb)),
  };
}

/** Whole-process CPU ms of `node <args>` (its own figure, printed at exit by a preloaded hook). */
function processCpu(args: string[]): number {
  const hook = path.join(tmpdir(), 'promptbound-bench-cpu-hook.js');
  writeFileSync(
    hook,
    "process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\nCPU '+((u.user+u.system)/1000)+'\\n')});",
  );
  const result = spawnSync(process.execPath, ['--require', hook, ...args], { cwd: REPO, encoding: 'utf8' });
  const match = /CPU ([\d.]+)/.exec(result.stderr ?? '');
  if (match === null) throw new Error(`no CPU figure from node ${args.join(' ')}:\n${result.stderr}`);
  return Number(match[1]);
}

// ---------------------------------------------------------------- report

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function fig(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function mbps(bytes: number, ms: number): number {
  return bytes / 1e6 / (ms / 1e3);
}

export async function runTokenBench(): Promise<void> {
  requireTiktoken();
  const prose = gatherProse();
  const code = gatherCode();
  const cjk = gatherCjk();
  const binary = readFileSync(process.execPath).subarray(0, 750_000);
  const base64 = Buffer.from(binary).toString('base64');
  const paras = paragraphs(prose.text, 200);
  const inputs: Input[] = [
    { name: `prose (${prose.files} Markdown docs)`, texts: [prose.text] },
    { name: `code (${code.files} .ts/.js files)`, texts: [code.text] },
    { name: 'CJK (TypeScript zh/ja/ko messages)', texts: [cjk.text] },
    { name: 'base64 on one line', texts: [base64] },
    { name: `${paras.length} paragraphs of ~1 KB`, texts: paras },
  ];
  const bytes = inputs.map((input) => input.texts.reduce((sum, t) => sum + Buffer.byteLength(t), 0));
  console.log(
    `Inputs gathered from node_modules on this machine: ${inputs.map((input, i) => `${input.name} ${((bytes[i] as number) / 1e6).toFixed(2)} MB`).join('; ')}.`,
  );
  console.log(
    `Process CPU time, median of ${ROUNDS} rounds after ${WARMUP} warm-up round(s), the same for every peer; single thread.`,
  );
  const python = tiktokenTimes(inputs);
  const shortfalls: string[] = [];
  for (const encoding of ['o200k_base', 'cl100k_base'] as EncodingName[]) {
    const ours = await ourCounter(encoding);
    const gpt = await gptTokenizer(encoding);
    const rows: string[][] = [];
    inputs.forEach((input, i) => {
      const size = bytes[i] as number;
      const mine = timeCpu(() => sumCounts(input.texts, (t) => ours.count(t).tokens));
      const tk = (python[encoding] as Array<{ ms: number; tokens: number }>)[i] as { ms: number; tokens: number };
      const gp = timeCpu(() => sumCounts(input.texts, gpt.count));
      const agree = mine.tokens === tk.tokens ? '=' : `≠ ${tk.tokens}`;
      const perParagraph =
        input.texts.length > 1
          ? ` (${fig((mine.ms * 1000) / input.texts.length)} µs each; tiktoken ${fig((tk.ms * 1000) / input.texts.length)}, gpt-tokenizer ${fig((gp.ms * 1000) / input.texts.length)})`
          : '';
      rows.push([
        input.name + perParagraph,
        String(mine.tokens),
        agree,
        fig(mbps(size, mine.ms)),
        fig(mbps(size, tk.ms)),
        `${fig(tk.ms / mine.ms)}×`,
        fig(mbps(size, gp.ms)),
        `${fig(gp.ms / mine.ms)}×`,
        String(gp.tokens === mine.tokens ? '=' : gp.tokens),
      ]);
      if (i < 3 && tk.ms / mine.ms < 1)
        shortfalls.push(`${encoding} ${input.name}: ${fig(tk.ms / mine.ms)}× tiktoken (target ≥ 1.0×)`);
      if (i < 3 && gp.ms / mine.ms < 2)
        shortfalls.push(`${encoding} ${input.name}: ${fig(gp.ms / mine.ms)}× gpt-tokenizer (target ≥ 2×)`);
      if (i === 4 && (mine.ms * 1000) / input.texts.length > 40)
        shortfalls.push(`${encoding} 1 KB paragraph: ${fig((mine.ms * 1000) / input.texts.length)} µs (target ≤ 40 µs)`);
    });
    console.log(
      `\n${encoding} (MB/s = 10^6 UTF-8 bytes per CPU second; × = our speed over the peer's; "=" = same count as tiktoken)`,
    );
    console.log(
      table(
        [
          'input',
          'tokens',
          'tiktoken',
          'ours MB/s',
          'tiktoken MB/s',
          'vs tiktoken',
          'gpt-tok MB/s',
          'vs gpt-tok',
          'gpt-tok count',
        ],
        rows,
      ),
    );
  }
  // A cold counter (no JIT warm-up, empty piece cache): what one `promptbound count` of a large file pays.
  const cold = await ourCounter('o200k_base', { cache: false });
  const coldStart = cpuMs();
  cold.count(prose.text);
  console.log(
    `\nFirst count with a fresh counter and no piece cache, o200k_base prose: ${fig(mbps(bytes[0] as number, cpuMs() - coldStart))} MB/s.`,
  );

  const dir = mkdtempSync(path.join(tmpdir(), 'promptbound-bench-'));
  try {
    const proseFile = path.join(dir, 'prose.md');
    writeFileSync(proseFile, prose.text);
    const bare = bareNode();
    const oursChild = await ourChild('o200k_base', proseFile);
    const gptChild = gptTokenizerChild('o200k_base', proseFile);
    const tkChild = tiktokenChild('o200k_base', proseFile);
    console.log('\nLoad and memory, o200k_base, fresh process each (median of runs):');
    console.log(
      table(
        ['', 'ours', 'tiktoken (Python)', 'gpt-tokenizer'],
        [
          ['CPU ms from loading the ranks to the first count', fig(oursChild.loadMs), fig(tkChild.loadMs), fig(gptChild.loadMs)],
          [
            'peak RSS above the bare runtime after counting the prose, MB',
            fig(oursChild.maxRssMb - bare.maxRssMb),
            fig(tkChild.maxRssMb - tkChild.bareRssMb),
            fig(gptChild.maxRssMb - bare.maxRssMb),
          ],
        ],
      ),
    );
    if (oursChild.loadMs > 100) shortfalls.push(`rank load to first count ${fig(oursChild.loadMs)} ms (target ≤ 100 ms)`);
    if (oursChild.maxRssMb - bare.maxRssMb > 60)
      shortfalls.push(`counter RSS ${fig(oursChild.maxRssMb - bare.maxRssMb)} MB above node (target ≤ 60 MB)`);

    const longRun = path.join(dir, 'a.txt');
    writeFileSync(longRun, 'a'.repeat(10_000_000));
    const run = await ourChild('o200k_base', longRun);
    console.log(
      `'a' × 10,000,000 in one piece: exact count in a fresh process, peak RSS ${fig(run.maxRssMb - bare.maxRssMb)} MB above node (the 10 MB string included).`,
    );

    const example = path.join(REPO, 'examples', 'support', 'refund-assistant.prompt.md');
    const nodeCpu = median(Array.from({ length: 9 }, () => processCpu(['-e', '0'])));
    const countCpu = median(
      Array.from({ length: 9 }, () => processCpu([path.join(REPO, 'bin', 'promptbound.js'), 'count', example])),
    );
    console.log(
      `\n\`promptbound count\` of one file: ${fig(countCpu)} ms CPU; \`node -e 0\`: ${fig(nodeCpu)} ms; ratio ${fig(countCpu / nodeCpu)}× (target ≤ 2×).`,
    );
    if (countCpu / nodeCpu > 2) shortfalls.push(`promptbound count ${fig(countCpu / nodeCpu)}× node -e 0 (target ≤ 2×)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(
    shortfalls.length === 0
      ? '\nAll token-counting targets met in this run.'
      : `\nTargets missed in this run:\n  ${shortfalls.join('\n  ')}`,
  );

  const counter = await ourCounter('o200k_base');
  console.log(`\nChunked re-count of the prose (ChunkedCounter): ${incrementalLine(counter, prose.text)}`);
}

/** What the editor pays per keystroke: re-counting a ~1 MB document after a one-character edit. */
function incrementalLine(counter: BpeTokenCounter, text: string): string {
  const chunked = new ChunkedCounter(counter);
  let start = cpuMs();
  chunked.count(text);
  const first = cpuMs() - start;
  const middle = text.indexOf(' ', text.length >> 1);
  const edited = text.slice(0, middle) + 'x' + text.slice(middle);
  const before = { ...chunked.stats };
  start = cpuMs();
  chunked.count(edited);
  const again = cpuMs() - start;
  return `first count ${first.toFixed(0)} ms; after a one-character edit ${again.toFixed(1)} ms (${chunked.stats.counted - before.counted} chunk re-counted, ${chunked.stats.reused - before.reused} reused)`;
}
