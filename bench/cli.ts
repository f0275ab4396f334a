// CLI benchmarks: cold start of `promptbound count` on one file and `check` over a generated repository, against `node` itself.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writePromptTree } from './prompt-tree';

const REPO = path.join(__dirname, '..');
const BIN = path.join(REPO, 'bin', 'promptbound.js');

/** Wall time of one child process in ms, and its peak RSS in MB (Linux reports it through `process.resourceUsage` in a wrapper). */
function timeNode(args: string[], cwd: string): { ms: number; rssMb: number } {
  // The wrapper runs the real command in-process and prints its own peak RSS on exit, so the figure is the CLI's.
  const wrapper = `process.on('exit',()=>process.stderr.write('\\nRSS '+process.resourceUsage().maxRSS+'\\n'));process.argv=[process.argv[0],...${JSON.stringify(args)}];require(process.argv[1]);`;
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-e', wrapper], { cwd, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const rss = /RSS (\d+)/.exec(result.stderr ?? '');
  return { ms, rssMb: rss ? Number(rss[1]) / 1024 : NaN };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function repeat(times: number, run: () => { ms: number; rssMb: number }): { ms: number; rssMb: number } {
  const runs = Array.from({ length: times }, run);
  return { ms: median(runs.map((r) => r.ms)), rssMb: Math.max(...runs.map((r) => r.rssMb)) };
}

function generateRepository(files: number): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'promptbound-bench-'));
  writePromptTree(dir, files, { folder: (i) => `team-${i % 20}`, paragraphs: 4 });
  return dir;
}

export async function runCliBench(): Promise<void> {
  const example = path.join(REPO, 'examples', 'support', 'refund-assistant.prompt.md');
  const baseline = repeat(7, () => timeNode([path.join(REPO, 'bench', 'noop.js')], REPO));
  const count = repeat(7, () => timeNode([BIN, 'count', example], REPO));
  const claude = repeat(7, () => timeNode([BIN, 'count', '--model', 'claude-sonnet-4-5', example], REPO));
  const repo = generateRepository(2000);
  try {
    const check = repeat(3, () => timeNode([BIN, 'check', '.'], repo));
    const rows: Array<[string, number, number]> = [
      ['node (empty script), reference', baseline.ms, baseline.rssMb],
      ['promptbound count <one file> (o200k)', count.ms, count.rssMb],
      ['promptbound count --model claude-sonnet-4-5', claude.ms, claude.rssMb],
      ['promptbound check <2,000 prompt files>', check.ms, check.rssMb],
    ];
    console.log('command'.padEnd(46), 'median ms'.padStart(10), '× node'.padStart(8), 'peak RSS MB'.padStart(12));
    for (const [name, ms, rss] of rows) {
      console.log(
        name.padEnd(46),
        ms.toFixed(0).padStart(10),
        (ms / baseline.ms).toFixed(1).padStart(8),
        rss.toFixed(0).padStart(12),
      );
    }
    console.log(`check throughput: ${(2000 / (check.ms / 1000)).toFixed(0)} files/s`);
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}
