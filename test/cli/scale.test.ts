// Scaling past one process: streamed validate, --shard + merge (byte for byte equal to one run), check --cache, --jobs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { REPO, assertNoStack, runCli, runMain, tempTree } from './helpers';
import { readLines } from '../../cli/validate';
import { parseShard } from '../../cli/args';
import { pathHash, pathInShard } from '../../cli/shard';
import { distanceOf } from '../../cli/validate-result';

const PROMPT = `---
model: gpt-4o
constraints:
  words: {max: 12}
  exclude: [guarantee]
  endsWith: "Bye."
---
Answer briefly, then say Bye.
`;

/** Seeded completions: some pass, some are too long, some use a forbidden word, some lines are not completions. */
function completions(n: number): string {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const words = ['refund', 'store', 'credit', 'guarantee', 'policy', 'days', 'the', 'we', 'can', 'thanks'];
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    if (i % 97 === 13) lines.push('not json');
    else if (i % 50 === 7) lines.push('');
    const count = 1 + Math.floor(random() * 20);
    const text =
      Array.from({ length: count }, () => words[Math.floor(random() * words.length)]).join(' ') +
      (random() < 0.7 ? '. Bye.' : '.');
    lines.push(i % 3 === 0 ? JSON.stringify(text) : JSON.stringify({ response: text }));
  }
  return `${lines.join('\n')}\n`;
}

function lastLine(output: string): Record<string, unknown> {
  return JSON.parse(output.trimEnd().split('\n').at(-1)!) as Record<string, unknown>;
}

describe('validate streams JSON Lines', () => {
  let tree: ReturnType<typeof tempTree>;
  before(() => (tree = tempTree({ 'short.prompt.md': PROMPT, 'runs.jsonl': completions(900) })));
  after(() => tree.cleanup());

  it('gives the same output on worker threads as in one thread, in input order', () => {
    const one = runCli(['validate', '-p', 'short.prompt.md', '-f', 'json', '--jobs', '1', 'runs.jsonl'], { cwd: tree.dir });
    const two = runCli(['validate', '-p', 'short.prompt.md', '-f', 'json', '--jobs', '2', 'runs.jsonl'], { cwd: tree.dir });
    assert.equal(one.status, 1);
    assertNoStack(two.stderr);
    assert.equal(two.stdout, one.stdout);
    const results = one.stdout
      .trimEnd()
      .split('\n')
      .slice(0, -1)
      .map((l) => JSON.parse(l) as { index: number });
    assert.deepEqual(
      results.map((r) => r.index),
      results.map((_, i) => i),
    );
  });

  it('checks each line as validating it on its own would', async () => {
    const lines = readFileSync(path.join(tree.dir, 'runs.jsonl'), 'utf8').split('\n');
    const stream = await runMain(['validate', '-p', 'short.prompt.md', '-f', 'json', 'runs.jsonl'], { cwd: tree.dir });
    const byName = new Map(
      stream.stdout
        .trimEnd()
        .split('\n')
        .slice(0, -1)
        .map((l) => {
          const r = JSON.parse(l) as { completion: string; results: unknown; pass: boolean };
          return [r.completion, r] as const;
        }),
    );
    for (const lineNumber of [1, 2, 3, 17, 200, 899]) {
      const line = lines[lineNumber - 1]!;
      if (line.trim() === '' || line === 'not json') continue;
      const value = JSON.parse(line) as string | { response: string };
      const text = typeof value === 'string' ? value : value.response;
      writeFileSync(path.join(tree.dir, 'one.txt'), text);
      const single = await runMain(['validate', '-p', 'short.prompt.md', '-f', 'json', 'one.txt'], { cwd: tree.dir });
      const alone = JSON.parse(single.stdout.split('\n')[0]!) as { results: unknown; pass: boolean };
      const streamed = byName.get(`runs.jsonl#${lineNumber}`)!;
      assert.deepEqual([streamed.pass, streamed.results], [alone.pass, alone.results], `line ${lineNumber}`);
    }
  });

  it('sums up each constraint: pass rate, worst offenders first, lines that hold no completion', async () => {
    const result = await runMain(['validate', '-p', 'short.prompt.md', '-f', 'json', 'runs.jsonl'], { cwd: tree.dir });
    const { summary } = lastLine(result.stdout) as {
      summary: {
        completions: number;
        unreadable: number;
        constraints: Array<{ key: string; passed: number; failed: number; worst: Array<{ distance: number }> }>;
      };
    };
    const notJson = readFileSync(path.join(tree.dir, 'runs.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l === 'not json').length;
    assert.equal(summary.unreadable, notJson);
    assert.equal(summary.completions, 900 + notJson);
    const words = summary.constraints.find((c) => c.key === 'words')!;
    assert.equal(words.passed + words.failed, 900);
    assert.equal(words.worst.length, 5);
    const distances = words.worst.map((w) => w.distance);
    assert.deepEqual(
      distances,
      [...distances].sort((a, b) => b - a),
    );
    assert.ok(distances[0]! >= 8, 'the longest completions (20 words, +". Bye.") are 8+ words over the 12 allowed');
  });

  it('reads standard input as a stream too', async () => {
    const text = '"one two. Bye."\n{"completion": "a b c d e f g h i j k l m n. Bye."}\n';
    const result = await runMain(['validate', '-p', 'short.prompt.md', '--jsonl', '-f', 'json', '-'], {
      cwd: tree.dir,
      stdin: text,
    });
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { completion?: string; pass?: boolean });
    assert.deepEqual(
      lines.slice(0, 2).map((l) => [l.completion, l.pass]),
      [
        ['-#1', true],
        ['-#2', false],
      ],
    );
  });

  it('splits lines across chunk boundaries, CRLF and a BOM, and never holds a line past 5 MB', async () => {
    const bytes = Buffer.from('\ufeff"é"\r\n"😀 ok"\n\n"last"', 'utf8');
    const chunks = [...bytes].map((b) => Buffer.from([b])); // one byte at a time: multi-byte characters split
    const lines: Array<{ line: number; text: string; oversize?: true }> = [];
    for await (const item of readLines(Readable.from(chunks))) lines.push(item);
    assert.deepEqual(lines, [
      { line: 0, text: '"é"' },
      { line: 1, text: '"😀 ok"' },
      { line: 2, text: '' },
      { line: 3, text: '"last"' },
    ]);
    const huge = [Buffer.from('"a'), Buffer.alloc(6 * 1024 * 1024, 'a'), Buffer.from('"\n"b"\n')];
    const out: Array<{ line: number; text: string; oversize?: true }> = [];
    for await (const item of readLines(Readable.from(huge))) out.push(item);
    assert.deepEqual(out, [
      { line: 0, text: '', oversize: true },
      { line: 1, text: '"b"' },
    ]);
  });
});

describe('--shard and merge', () => {
  let dir: string;
  before(() => {
    dir = tempTree({}).dir;
    cpSync(path.join(REPO, 'examples'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'short.prompt.md'), PROMPT);
    writeFileSync(path.join(dir, 'runs.jsonl'), completions(700));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs the shards one after another, as separate CI machines would; the names of the files they wrote. */
  const shards = async (args: string[], n: number) => {
    const files: string[] = [];
    for (let i = 0; i < n; i++) {
      const file = `shard-${i + 1}.out`;
      const result = await runMain([...args, '--shard', `${i + 1}/${n}`, '-o', file], { cwd: dir });
      assertNoStack(result.stderr);
      files.push(file);
    }
    return files;
  };

  it('check: every file is in exactly one shard', async () => {
    const whole = JSON.parse((await runMain(['check', '-f', 'json', '.'], { cwd: dir })).stdout) as Array<{
      filePath: string;
      messages: unknown[];
    }>;
    const files = (await shards(['check', '-f', 'json', '.'], 3)).flatMap(
      (f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as Array<{ filePath: string }>,
    );
    const prompts = (list: Array<{ filePath: string }>) =>
      list
        .map((f) => f.filePath)
        .filter((p) => !p.includes('.samples'))
        .sort();
    assert.deepEqual(prompts(files), prompts(whole));
  });

  it('check: merged --format json shards print what one run prints, in every format', async () => {
    const parts = await shards(['check', '-f', 'json', '.'], 4);
    for (const format of ['json', 'stylish', 'sarif', 'github', 'junit'] as const) {
      const whole = await runMain(['check', '-f', format, '.'], { cwd: dir });
      const merged = await runMain(['merge', '-f', format, ...parts], { cwd: dir });
      assertNoStack(merged.stderr);
      assert.equal(merged.stdout, whole.stdout, format);
      assert.equal(merged.status, whole.status, format);
    }
  });

  it('check: SARIF shards merge into the one run an unsharded check writes, or keep a run per shard', async () => {
    const whole = await runMain(['check', '-f', 'sarif', '.'], { cwd: dir });
    const files = await shards(['check', '-f', 'sarif', '.'], 3);
    assert.equal((await runMain(['merge', ...files], { cwd: dir })).stdout, whole.stdout);
    const perShard = JSON.parse((await runMain(['merge', '--sarif-runs', 'runs', ...files], { cwd: dir })).stdout) as {
      runs: Array<{ automationDetails: { id: string }; results: unknown[] }>;
    };
    assert.deepEqual(
      perShard.runs.map((r) => r.automationDetails.id),
      [1, 2, 3].map((i) => `promptbound/shard-${i}-of-3/`),
    );
    const total = (JSON.parse(whole.stdout) as { runs: Array<{ results: unknown[] }> }).runs[0]!.results.length;
    assert.equal(
      perShard.runs.reduce((n, r) => n + r.results.length, 0),
      total,
    );
  });

  it('validate: merged shards equal one run, byte for byte', async () => {
    const whole = await runMain(['validate', '-p', 'short.prompt.md', '-f', 'json', 'runs.jsonl'], { cwd: dir });
    const merged = await runMain(
      ['merge', ...(await shards(['validate', '-p', 'short.prompt.md', '-f', 'json', 'runs.jsonl'], 4))],
      {
        cwd: dir,
      },
    );
    assert.equal(merged.stdout, whole.stdout);
    assert.equal(merged.status, 1);
    const stylish = await runMain(['validate', '-p', 'short.prompt.md', 'runs.jsonl'], { cwd: dir });
    const mergedStylish = await runMain(
      ['merge', '-f', 'stylish', ...(await shards(['validate', '-p', 'short.prompt.md', '-f', 'json', 'runs.jsonl'], 2))],
      { cwd: dir },
    );
    assert.equal(mergedStylish.stdout, stylish.stdout);
  });

  it('refuses bad shard specs and mixed inputs with a usage error', async () => {
    for (const spec of ['0/3', '4/3', '1/0', 'a/b', '2']) {
      const result = await runMain(['check', '--shard', spec, '.'], { cwd: dir });
      assert.equal(result.status, 2, spec);
      assert.match(result.stderr, /--shard needs i\/n/);
    }
    writeFileSync(path.join(dir, 'a.json'), (await runMain(['check', '-f', 'json', '.'], { cwd: dir })).stdout);
    writeFileSync(path.join(dir, 'b.sarif'), (await runMain(['check', '-f', 'sarif', '.'], { cwd: dir })).stdout);
    const mixed = await runMain(['merge', 'a.json', 'b.sarif'], { cwd: dir });
    assert.equal(mixed.status, 2);
    assert.match(mixed.stderr, /mix report kinds/);
    assertNoStack(mixed.stderr);
  });

  it('assigns paths by a stable hash, whatever else is in the tree', () => {
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    // FNV-1a 32-bit reference values.
    assert.equal(pathHash(''), 0x811c9dc5);
    assert.equal(pathHash('a'), 0xe40c292c);
    assert.equal(pathHash('foobar'), 0xbf9cf968);
    const owners = ['a.prompt.md', 'b/c.prompty', 'd.prompt'].map((p) =>
      [1, 2, 3].filter((i) => pathInShard(p, { index: i, count: 3 })),
    );
    for (const owner of owners) assert.equal(owner.length, 1);
  });
});

describe('check --cache', () => {
  let dir: string;
  const env = { PROMPTBOUND_DEBUG: 'cache' };
  before(() => {
    dir = tempTree({}).dir;
    cpSync(path.join(REPO, 'examples'), dir, { recursive: true });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (...extra: string[]) => runMain(['check', '--cache', ...extra, '.'], { cwd: dir, env });
  const counts = (stderr: string) => /cache: (\d+) linted, (\d+) from cache/.exec(stderr)!.slice(1).map(Number);

  it('a second run on an unchanged tree lints nothing and prints the same report', async () => {
    const plain = await runMain(['check', '.'], { cwd: dir });
    const first = await run();
    const [linted] = counts(first.stderr);
    assert.ok(linted! >= 10);
    const second = await run();
    assert.deepEqual(counts(second.stderr), [0, linted]);
    assert.equal(second.stdout, plain.stdout);
    assert.equal(second.status, plain.status);
  });

  it('lints again only what changed: the prompt, a sample it reads, a new sample its globs find', async () => {
    const prompt = path.join(dir, 'support', 'refund-assistant.prompt.md');
    writeFileSync(prompt, `${readFileSync(prompt, 'utf8')}\nOne more line.\n`);
    assert.deepEqual(counts((await run()).stderr).slice(0, 1), [1]);
    const sample = path.join(dir, 'support', 'refund-assistant.samples', 'exchange-size.txt');
    writeFileSync(sample, `${readFileSync(sample, 'utf8')} guarantee`);
    const changed = await run();
    assert.deepEqual(counts(changed.stderr).slice(0, 1), [1]);
    assert.match(changed.stdout, /guarantee/);
    writeFileSync(path.join(dir, 'support', 'refund-assistant.samples', 'new.txt'), 'Hello. guarantee.');
    assert.deepEqual(counts((await run()).stderr).slice(0, 1), [1]);
    assert.deepEqual(counts((await run()).stderr).slice(0, 1), [0]);
  });

  it('a config change invalidates every prompt under it; a broken cache file starts over', async () => {
    writeFileSync(path.join(dir, '.promptbound.yaml'), 'rules:\n  tokens/special-token: off\n');
    const [linted, cached] = counts((await run()).stderr);
    assert.equal(cached, 0);
    assert.ok(linted! >= 10);
    writeFileSync(path.join(dir, '.promptbound-cache'), '{not json');
    const broken = await run();
    assert.match(broken.stderr, /not valid JSON; starting a new one/);
    assertNoStack(broken.stderr);
  });

  it('keeps its file in a CI cache directory with --cache-location', async () => {
    mkdirSync(path.join(dir, 'ci-cache'));
    const first = await runMain(['check', '--cache-location', 'ci-cache/', '.'], { cwd: dir, env });
    const second = await runMain(['check', '--cache-location', 'ci-cache/', '.'], { cwd: dir, env });
    assert.equal(counts(first.stderr)[1], 0);
    assert.equal(counts(second.stderr)[0], 0);
    assert.ok(readFileSync(path.join(dir, 'ci-cache', '.promptbound-cache'), 'utf8').startsWith('{"format":1'));
  });
});

describe('check --jobs', () => {
  let dir: string;
  before(() => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 320; i++) {
      files[`p${String(i).padStart(3, '0')}.prompt.md`] =
        `---\nmodel: gpt-4o\n---\n# Task ${i}\nSummarise {{doc}} in ${i % 7} words.${i % 11 === 0 ? ' <|endoftext|>' : ''}\n`;
    }
    dir = tempTree(files).dir;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the same report on worker threads as in one thread', () => {
    const one = runCli(['check', '-f', 'json', '--jobs', '1', '.'], { cwd: dir });
    const two = runCli(['check', '-f', 'json', '--jobs', '2', '.'], { cwd: dir });
    assertNoStack(two.stderr);
    assert.equal(two.stdout, one.stdout);
    assert.equal((JSON.parse(one.stdout) as unknown[]).length, 320);
  });
});

describe('count distance for the worst offenders', () => {
  it('measures how far a count is outside its range', () => {
    assert.equal(distanceOf(142, 'at most 120'), 22);
    assert.equal(distanceOf(1, 'between 3 and 6'), 2);
    assert.equal(distanceOf(4, 'exactly 4'), 0);
    assert.equal(distanceOf(2_000, 'at least 2,500'), 500);
    assert.equal(distanceOf('en', 'fr'), null);
  });
});
