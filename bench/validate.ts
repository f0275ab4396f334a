// Validation benchmarks: one 1 KB completion checked in-process (the constraint checks alone, and the
// whole `validate` command after warm-up), the first `language` check (profiles decoded then), and a
// cold `promptbound validate` process against `node` itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { checkCompletion } from '../core/constraints/check';
import type { CheckContext } from '../core/constraints/types';
import { runValidate } from '../cli/validate';

const REPO = path.join(__dirname, '..');
const BIN = path.join(REPO, 'bin', 'promptbound.js');

const CONSTRAINTS = {
  words: '<=250',
  sentences: '>=5',
  paragraphs: '2..6',
  include: ['refund', 'receipt'],
  exclude: ['guarantee'],
  noCommas: false,
  endsWith: 'Thank you.',
  format: 'text',
  highlights: '<=3',
  frequency: [{ word: 'order', count: '>=1' }],
};

const PARAGRAPH =
  'Your refund for order 4471 has been approved and the money will reach your card within five working days. ' +
  'Please keep the receipt we emailed you because the bank may ask for it. If anything looks wrong, reply to this message and we will check the order again. ';

function completion(): string {
  let text = '';
  while (text.length < 1000) text += `${PARAGRAPH}\n\n`;
  return `${text.trim()}\n\nThank you.`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function timeMs(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function timeAsyncMs(run: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await run();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

function spawnMs(args: string[], cwd: string, input?: string): number {
  const start = process.hrtime.bigint();
  spawnSync(process.execPath, args, { cwd, input, encoding: 'utf8' });
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const sink = { write: () => true };

export async function runValidateBench(): Promise<void> {
  const text = completion();
  const ctx: CheckContext = {
    compat: 'default',
    mode: 'strict',
    promptText: '',
    counter: { encoding: 'o200k_base', approximate: false, count: () => ({ tokens: 0, approximate: false, estimated: [] }) },
  };
  for (let i = 0; i < 20; i++) checkCompletion(text, CONSTRAINTS, ctx);
  const checks = median(Array.from({ length: 50 }, () => timeMs(() => checkCompletion(text, CONSTRAINTS, ctx))));
  const firstLanguage = timeMs(() => checkCompletion(text, { language: 'en' }, ctx));
  const language = median(Array.from({ length: 20 }, () => timeMs(() => checkCompletion(text, { language: 'en' }, ctx))));

  const dir = mkdtempSync(path.join(tmpdir(), 'promptbound-validate-bench-'));
  try {
    const yaml = Object.entries(CONSTRAINTS)
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
      .join('\n');
    writeFileSync(
      path.join(dir, 'reply.prompt.md'),
      `---\nmodel: gpt-4o\nconstraints:\n${yaml}\n---\nAnswer the customer about their refund.\n`,
    );
    writeFileSync(path.join(dir, 'answer.txt'), text);
    const args = {
      command: 'validate' as const,
      prompt: 'reply.prompt.md',
      completions: ['answer.txt'],
      jsonl: false,
      format: 'json' as const,
      jobs: 1,
    };
    const io = () => ({ stdout: sink, stderr: sink, stdin: Readable.from([]), cwd: dir, env: {}, isTTY: false });
    for (let i = 0; i < 5; i++) await runValidate(args, io());
    const command = median(await sequence(20, () => timeAsyncMs(() => runValidate(args, io()))));
    const baseline = median(Array.from({ length: 7 }, () => spawnMs([path.join(REPO, 'bench', 'noop.js')], dir)));
    const cold = median(
      Array.from({ length: 7 }, () => spawnMs([BIN, 'validate', '--prompt', 'reply.prompt.md', 'answer.txt'], dir)),
    );
    const rows: Array<[string, number]> = [
      ['constraint checks, 1 KB completion, 10 keys (warm)', checks],
      ['first language check (decodes the profiles)', firstLanguage],
      ['language check, 1 KB (warm)', language],
      ['validate command in-process, 1 KB (warm)', command],
      ['node (empty script), reference', baseline],
      ['promptbound validate, cold process', cold],
    ];
    for (const [name, ms] of rows) console.log(name.padEnd(52), `${ms.toFixed(2)} ms`.padStart(12));
    console.log(`cold validate: ${(cold / baseline).toFixed(1)} × node`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sequence(times: number, run: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await run());
  return out;
}
