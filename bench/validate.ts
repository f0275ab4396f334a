// Validation benchmarks: one 1 KB completion checked in-process (the constraint checks alone, and the
// whole `validate` command after warm-up, target ≤ 20 ms), and the first `language` check (profiles decoded
// then). The cold `promptbound validate` process is timed against `node` itself in bench/startup.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { checkCompletion } from '../core/constraints/check';
import type { CheckContext } from '../core/constraints/types';
import { runValidate } from '../cli/validate';

/** In-process `validate` of a 1 KB completion after warm-up, at most. */
const MAX_COMMAND_MS = 20;

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
    const rows: Array<[string, number]> = [
      ['constraint checks, 1 KB completion, 10 keys (warm)', checks],
      ['first language check (decodes the profiles)', firstLanguage],
      ['language check, 1 KB (warm)', language],
      ['validate command in-process, 1 KB (warm)', command],
    ];
    for (const [name, ms] of rows) console.log(name.padEnd(52), `${ms.toFixed(2)} ms`.padStart(12));
    console.log(
      command <= MAX_COMMAND_MS
        ? `In-process validate target met: ${command.toFixed(2)} ms ≤ ${MAX_COMMAND_MS} ms.`
        : `In-process validate target missed: ${command.toFixed(2)} ms (target ≤ ${MAX_COMMAND_MS} ms).`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function sequence(times: number, run: () => Promise<number>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < times; i++) out.push(await run());
  return out;
}
