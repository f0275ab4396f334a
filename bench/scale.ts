// Scale benchmarks: `validate` throughput on a million generated completions (1 and 2 worker threads), and `check` on a
// generated 20,000-file tree cold, warm-cached and as 4 shards one after another (what 4 CI machines would each do),
// beside markdownlint-cli2 on the same Markdown files when it is installed. CPU time covers every thread of the process.
import { spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writePromptTree } from './prompt-tree';

const REPO = path.join(__dirname, '..');
const BIN = path.join(REPO, 'bin', 'promptbound.js');
const COMPLETIONS = Number(process.env.PB_BENCH_COMPLETIONS ?? 1_000_000);
const FILES = Number(process.env.PB_BENCH_FILES ?? 20_000);

interface Run {
  wallS: number;
  cpuS: number;
  rssMb: number;
  status: number | null;
}

/** Runs a Node script with arguments in a wrapper that reports the process's CPU time (all threads) and peak RSS. */
function measure(script: string, args: string[], cwd: string): Run {
  const wrapper =
    `process.on('exit',()=>{const c=process.cpuUsage();process.stderr.write('\\nMEASURE '+((c.user+c.system)/1e6)+' '+process.resourceUsage().maxRSS+'\\n')});` +
    `process.argv=[process.argv[0],...${JSON.stringify([script, ...args])}];require(process.argv[1]);`;
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-e', wrapper], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const wallS = Number(process.hrtime.bigint() - start) / 1e9;
  const found = /MEASURE ([\d.]+) (\d+)/.exec(result.stderr ?? '');
  return { wallS, cpuS: found ? Number(found[1]) : NaN, rssMb: found ? Number(found[2]) / 1024 : NaN, status: result.status };
}

async function generateCompletions(file: string, n: number): Promise<void> {
  const words = [
    'refund',
    'store',
    'credit',
    'receipt',
    'days',
    'policy',
    'order',
    'exchange',
    'the',
    'we',
    'can',
    'your',
    'within',
    'thanks',
  ];
  let seed = 42;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const out = createWriteStream(file);
  for (let i = 0; i < n; i++) {
    const count = 5 + Math.floor(random() * 60);
    let text = '';
    for (let w = 0; w < count; w++) text += (w ? ' ' : '') + words[Math.floor(random() * words.length)];
    const line = `${JSON.stringify({ response: `${text}. Is there anything else I can help with?` })}\n`;
    if (!out.write(line)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

function generateTree(dir: string, files: number): void {
  writePromptTree(dir, files, { folder: (i) => path.join(`team-${i % 50}`, `area-${i % 7}`), paragraphs: 3 });
  mkdirSync(path.join(dir, '.git'));
}

function row(name: string, run: Run, work: number, unit: string): void {
  const rate = (work / run.wallS).toFixed(0);
  console.log(
    name.padEnd(44),
    run.wallS.toFixed(1).padStart(7),
    run.cpuS.toFixed(1).padStart(7),
    run.rssMb.toFixed(0).padStart(8),
    `${Number(rate).toLocaleString('en-US')} ${unit}/s`.padStart(18),
  );
}

export async function runScaleBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'promptbound-scale-'));
  try {
    const prompt = path.join(REPO, 'examples', 'support', 'refund-assistant.prompt.md');
    const jsonl = path.join(dir, 'responses.jsonl');
    await generateCompletions(jsonl, COMPLETIONS);
    console.log('run'.padEnd(44), 'wall s'.padStart(7), 'CPU s'.padStart(7), 'RSS MB'.padStart(8), 'throughput'.padStart(18));
    const validate = (jobs: number) =>
      measure(
        BIN,
        ['validate', '-p', prompt, '-f', 'json', '--jobs', String(jobs), '-o', path.join(dir, 'out.jsonl'), jsonl],
        dir,
      );
    const v1 = validate(1);
    row(`validate ${COMPLETIONS.toLocaleString('en-US')} completions, 1 thread`, v1, COMPLETIONS, 'resp');
    const v2 = validate(2);
    row(`validate ${COMPLETIONS.toLocaleString('en-US')} completions, 2 workers`, v2, COMPLETIONS, 'resp');

    const tree = path.join(dir, 'tree');
    generateTree(tree, FILES);
    const check = (...extra: string[]) =>
      measure(BIN, ['check', '-f', 'json', '-o', path.join(dir, 'report.json'), ...extra, '.'], tree);
    const one = check('--jobs', '1');
    row(`check ${FILES.toLocaleString('en-US')} files, cold, 1 thread`, one, FILES, 'files');
    const all = check('--jobs', '2');
    row(`check ${FILES.toLocaleString('en-US')} files, cold, 2 workers`, all, FILES, 'files');
    const cache = path.join(dir, 'cache');
    check('--cache-location', `${cache}/`);
    const warm = check('--cache-location', `${cache}/`);
    row(`check ${FILES.toLocaleString('en-US')} files, warm cache`, warm, FILES, 'files');
    const shards = [1, 2, 3, 4].map((i) => check('--shard', `${i}/4`));
    const slowest = shards.reduce((a, b) => (a.wallS > b.wallS ? a : b));
    row('check, slowest of 4 shards (one machine each)', slowest, FILES / 4, 'files');
    const sum = shards.reduce((a, b) => ({
      wallS: a.wallS + b.wallS,
      cpuS: a.cpuS + b.cpuS,
      rssMb: Math.max(a.rssMb, b.rssMb),
      status: 0,
    }));
    row('check, 4 shards one after another', sum, FILES, 'files');
    const markdownlint = path.join(REPO, 'node_modules', 'markdownlint-cli2', 'markdownlint-cli2-bin.mjs');
    if (existsSync(markdownlint)) {
      const peer = measure(markdownlint, ['**/*.md'], tree);
      row(`markdownlint-cli2 on the same ${FILES.toLocaleString('en-US')} files`, peer, FILES, 'files');
      console.log(`check with 2 workers vs markdownlint-cli2: ${(peer.wallS / all.wallS).toFixed(1)}× faster (wall)`);
    } else {
      console.log('markdownlint-cli2 is not installed; its comparison is skipped');
    }
    console.log(
      `worker speed-up on this machine: validate ${(v1.wallS / v2.wallS).toFixed(2)}×, check ${(one.wallS / all.wallS).toFixed(2)}×`,
    );
    console.log(
      `n machines: each runs --shard i/n, about ${(slowest.wallS * 4).toFixed(1)} s / n plus a fixed start-up; ` +
        `merge reads only the shards' reports. A warm cache makes an unchanged tree cost ${((warm.wallS / one.wallS) * 100).toFixed(0)}% of a cold run.`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
