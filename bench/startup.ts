// Start-up benchmark: a cold `promptbound validate` of a 1 KB completion against a prompt that declares only length and
// format constraints, and a cold `promptbound count` of one file, against a bare `node -e 0`. Every process is timed by
// its CPU time (user + system, read by a preloaded hook at exit, so Node's own bootstrap is included) and its wall
// time; the three commands run interleaved, round after round, and the medians are compared. Runs use a private temp
// directory, so "first run" (no V8 code cache yet, docs/tokenizers.md "Start-up") and later runs are both measured.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO = path.join(__dirname, '..');
const BIN = path.join(REPO, 'bin', 'promptbound.js');
const ROUNDS = 30;
/** Targets: a cold command costs at most twice a bare Node process. */
const MAX_RATIO = 2;

/** A prompt with length and format constraints only: no tokens, schema or language (so no ranks, ajv or profiles). */
export const LENGTH_PROMPT = `---
model: gpt-4o
constraints:
  words: "<=250"
  sentences: ">=5"
  paragraphs: "2..6"
  characters: "<=2000"
  lines: "<=40"
  endsWith: "Thank you."
  format: text
---
Answer the customer about their refund in a few short paragraphs and end with "Thank you."
`;

const PARAGRAPH =
  'Your refund for order 4471 has been approved and the money will reach your card within five working days. ' +
  'Please keep the receipt we emailed you because the bank may ask for it. If anything looks wrong, reply to this message and we will check the order again.';

/** About 1 KB of plain-text completion that satisfies LENGTH_PROMPT. */
export function oneKilobyteCompletion(): string {
  let text = '';
  while (text.length < 1000) text += `${PARAGRAPH}\n\n`;
  return `${text}Thank you.\n`;
}

interface Sample {
  cpuMs: number;
  wallMs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** Runs `node <args>` with the CPU hook preloaded; `tmp` becomes the child's temp directory (its code cache). */
function run(args: string[], cwd: string, hook: string, tmp: string): Sample {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['--require', hook, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: tmp, TMP: tmp, TEMP: tmp },
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  const match = /\nCPU ([\d.]+)\n/.exec(result.stderr ?? '');
  if (result.status !== 0 || match === null) {
    throw new Error(`node ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  }
  return { cpuMs: Number(match[1]), wallMs };
}

export async function runStartupBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'promptbound-startup-bench-'));
  try {
    const hook = path.join(dir, 'cpu-hook.js');
    writeFileSync(
      hook,
      "process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\nCPU '+((u.user+u.system)/1000)+'\\n')});",
    );
    writeFileSync(path.join(dir, 'reply.prompt.md'), LENGTH_PROMPT);
    writeFileSync(path.join(dir, 'answer.txt'), oneKilobyteCompletion());
    const commands: Array<[name: string, args: string[]]> = [
      ['node -e 0', ['-e', '0']],
      ['promptbound validate (1 KB, length/format)', [BIN, 'validate', '--prompt', 'reply.prompt.md', 'answer.txt']],
      ['promptbound count <one file>', [BIN, 'count', 'reply.prompt.md']],
    ];

    // First runs: each in a fresh temp directory, so no code cache exists yet.
    const first = commands.map(([, args]) =>
      median(
        Array.from({ length: 5 }, () => {
          const fresh = mkdtempSync(path.join(dir, 'tmp-'));
          return run(args, dir, hook, fresh).cpuMs;
        }),
      ),
    );
    // Later runs share one temp directory whose caches the warm-up wrote.
    const warm = mkdtempSync(path.join(dir, 'tmp-'));
    for (const [, args] of commands) run(args, dir, hook, warm);
    const samples: Sample[][] = commands.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      commands.forEach(([, args], i) => samples[i]!.push(run(args, dir, hook, warm)));
    }

    const cpu = samples.map((s) => median(s.map((x) => x.cpuMs)));
    const wall = samples.map((s) => median(s.map((x) => x.wallMs)));
    console.log(
      `${`command (median of ${ROUNDS}, interleaved)`.padEnd(46)} ${'CPU ms'.padStart(8)} ${'× node'.padStart(7)} ${'wall ms'.padStart(8)} ${'× node'.padStart(7)} ${'1st run CPU'.padStart(12)}`,
    );
    commands.forEach(([name], i) => {
      console.log(
        `${name.padEnd(46)} ${cpu[i]!.toFixed(1).padStart(8)} ${(cpu[i]! / cpu[0]!).toFixed(2).padStart(7)} ${wall[i]!.toFixed(1).padStart(8)} ${(wall[i]! / wall[0]!).toFixed(2).padStart(7)} ${first[i]!.toFixed(1).padStart(12)}`,
      );
    });
    const missed = commands
      .slice(1)
      .map(([name], i) => ({ name, ratio: cpu[i + 1]! / cpu[0]! }))
      .filter((c) => c.ratio > MAX_RATIO)
      .map((c) => `${c.name}: ${c.ratio.toFixed(2)}× node -e 0 CPU (target ≤ ${MAX_RATIO}×)`);
    console.log(
      missed.length === 0
        ? `Start-up targets met: cold validate and count ≤ ${MAX_RATIO}× node -e 0 (CPU).`
        : `Start-up targets missed:\n  ${missed.join('\n  ')}`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
