// `promptbound validate` through the real binary: exit codes, stylish lines, the JSON report's shape, stdin, JSON Lines;
// and `check` reporting samples in their own files with one summary on the prompt (`--no-samples` skips them).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoStack, assertOutput, runMain, tempTree, type Expected } from './helpers';

const FILES: Record<string, string> = {
  'short.prompt.md': '---\nmodel: gpt-4o\nconstraints:\n  words: {max: 5}\n  endsWith: "Bye."\n---\nAnswer briefly.\n',
  'status.prompt.md':
    '---\nmodel: gpt-4o\nconstraints:\n  schema:\n    type: object\n    required: [status]\n    properties:\n      status: {type: string, enum: [approved, rejected]}\n---\nClassify.\n',
  'plain.prompt.md': '---\nmodel: gpt-4o\n---\nNothing declared.\n',
  'ok.txt': 'Three words here. Bye.\n',
  'long.txt': 'One two three four five six seven. Bye.\n',
  'runs.jsonl': '"A b. Bye."\n{"response": "one two three four five six. Bye."}\n',
  'maybe.json': '{\n  "status": "maybe"\n}\n',
  'approved.json': '{"status": "approved"}\n',
  'broken.json': '{"status": ',
};

interface Case {
  name: string;
  args: string[];
  stdin?: string;
  exitCode: number;
  stdout?: Expected;
  stderr?: Expected;
}

const CASES: Case[] = [
  {
    name: 'a passing completion exits 0 with a ✓ line per constraint',
    args: ['validate', '--prompt', 'short.prompt.md', 'ok.txt'],
    exitCode: 0,
    stdout: 'ok.txt  ✓\n  words     ✓  4 words; at most 5 allowed\n  endsWith  ✓  ends with "Bye."\n\n1 completion passes\n',
  },
  {
    name: 'a failing completion exits 1 with measured vs required',
    args: ['validate', '-p', 'short.prompt.md', 'ok.txt', 'long.txt'],
    exitCode: 1,
    stdout: ['long.txt  ✗', '  words     ✗  8 words; at most 5 allowed', '1 of 2 completions fail'],
  },
  {
    name: 'a .jsonl file is one completion per line, named file#line',
    args: ['validate', '-p', 'short.prompt.md', 'runs.jsonl'],
    exitCode: 1,
    stdout: ['runs.jsonl#1  ✓', 'runs.jsonl#2  ✗', '7 words; at most 5 allowed'],
  },
  {
    name: 'stdin is one completion by default',
    args: ['validate', '-p', 'short.prompt.md', '-'],
    stdin: 'Fine. Bye.',
    exitCode: 0,
    stdout: ['-  ✓'],
  },
  {
    name: 'no completion argument reads stdin; --jsonl splits it into lines',
    args: ['validate', '-p', 'short.prompt.md', '--jsonl'],
    stdin: '"Fine. Bye."\n"No."\n',
    exitCode: 1,
    stdout: ['-#1  ✓', '-#2  ✗', 'does not end with "Bye."'],
  },
  {
    name: 'schema failures carry pointer and line:column in the input',
    args: ['validate', '-p', 'status.prompt.md', 'approved.json', 'maybe.json'],
    exitCode: 1,
    stdout: ['approved.json  ✓', 'maybe.json  ✗', '(at /status)  2:13'],
  },
  {
    name: 'JSON that does not parse is reported with its position',
    args: ['validate', '-p', 'status.prompt.md', 'broken.json'],
    exitCode: 1,
    stdout: ['broken.json  ✗', 'json  ✗  does not parse as JSON (value expected)  1:12'],
  },
  { name: 'missing --prompt', args: ['validate', 'ok.txt'], exitCode: 2, stderr: ['validate needs --prompt FILE'] },
  {
    name: 'an unreadable prompt',
    args: ['validate', '-p', 'nope.prompt.md', 'ok.txt'],
    exitCode: 2,
    stderr: ['cannot read the prompt nope.prompt.md'],
  },
  {
    name: 'an unreadable completion',
    args: ['validate', '-p', 'short.prompt.md', 'nope.txt'],
    exitCode: 2,
    stderr: ['cannot read nope.txt'],
  },
  {
    name: 'a prompt without constraints or schema',
    args: ['validate', '-p', 'plain.prompt.md', 'ok.txt'],
    exitCode: 2,
    stderr: ['plain.prompt.md declares no constraints and no output schema; nothing to validate against'],
  },
  {
    name: 'an unknown format',
    args: ['validate', '-p', 'short.prompt.md', '-f', 'sarif', 'ok.txt'],
    exitCode: 2,
    stderr: ["unknown format 'sarif' for validate"],
  },
];

describe('promptbound validate', () => {
  let tree: ReturnType<typeof tempTree>;
  before(() => (tree = tempTree(FILES)));
  after(() => tree.cleanup());

  for (const c of CASES) {
    it(c.name, async () => {
      const result = await runMain(c.args, { cwd: tree.dir, stdin: c.stdin });
      assert.equal(result.status, c.exitCode, `exit code\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
      if (c.stdout !== undefined) assertOutput(result.stdout, c.stdout, 'stdout');
      if (c.stderr !== undefined) assertOutput(result.stderr, c.stderr, 'stderr');
      assertNoStack(result.stderr);
    });
  }

  it('--format json: per completion and per constraint: pass, measured, required, message; schema failures located', async () => {
    const result = await runMain(['validate', '-p', 'short.prompt.md', '-f', 'json', 'ok.txt', 'runs.jsonl'], { cwd: tree.dir });
    assert.equal(result.status, 1);
    const lines = result.stdout
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const report = lines.slice(0, -1);
    assert.deepEqual(
      report.map((r) => [r.index, r.completion, r.pass]),
      [
        [0, 'ok.txt', true],
        [1, 'runs.jsonl#1', true],
        [2, 'runs.jsonl#2', false],
      ],
    );
    assert.deepEqual(report[2]!.results, [
      { key: 'words', pass: false, measured: 7, required: 'at most 5', message: '7 words; at most 5 allowed' },
      { key: 'endsWith', pass: true, measured: 'ends with it', required: 'ends with "Bye."', message: 'ends with "Bye."' },
    ]);
    assert.deepEqual(report[2]!.schema, []);
    // The last line sums up each constraint over all completions.
    const { summary } = lines.at(-1) as {
      summary: { completions: number; failed: number; constraints: Array<Record<string, unknown>> };
    };
    assert.equal(summary.completions, 3);
    assert.equal(summary.failed, 1);
    assert.deepEqual(
      summary.constraints.find((c) => c.key === 'words'),
      {
        key: 'words',
        passed: 2,
        failed: 1,
        passRate: 2 / 3,
        worst: [{ completion: 'runs.jsonl#2', index: 2, message: '7 words; at most 5 allowed', distance: 2 }],
      },
    );

    const schema = await runMain(['validate', '-p', 'status.prompt.md', '--format', 'json', 'maybe.json'], { cwd: tree.dir });
    const entry = JSON.parse(schema.stdout.split('\n')[0]!) as { schema: Array<Record<string, unknown>> };
    assert.equal(entry!.schema.length, 1);
    assert.deepEqual(
      { ...entry!.schema[0], message: undefined },
      { message: undefined, pointer: '/status', line: 2, column: 13 },
    );
  });
});

describe('check validates samples', () => {
  let tree: ReturnType<typeof tempTree>;
  before(
    () =>
      (tree = tempTree({
        'short.prompt.md': FILES['short.prompt.md']!,
        'short.samples/ok.txt': FILES['ok.txt']!,
        'short.samples/long.txt': FILES['long.txt']!,
      })),
  );
  after(() => tree.cleanup());

  it('reports the failure in the sample file and one summary on the prompt', async () => {
    const result = await runMain(['check', '.'], { cwd: tree.dir });
    assert.equal(result.status, 1);
    assertOutput(
      result.stdout,
      [
        /short\.prompt\.md\n {2}3:1 +error +1 of 2 samples fail: words \(1\) +sample\/constraint\n/,
        /short\.samples\/long\.txt\n {2}1:25 +error +8 words; at most 5 allowed +sample\/constraint\n/,
      ],
      'stdout',
    );
  });

  it('--no-samples skips them', async () => {
    const result = await runMain(['check', '--no-samples', '.'], { cwd: tree.dir });
    assert.equal(result.status, 0, result.stdout);
    assert.doesNotMatch(result.stdout, /sample/);
  });

  it('json output lists the sample file with its own messages', async () => {
    const result = await runMain(['check', '-f', 'json', '.'], { cwd: tree.dir });
    const files = JSON.parse(result.stdout) as Array<{
      filePath?: string;
      path?: string;
      messages: Array<{ ruleId: string; line: number; column: number }>;
    }>;
    const sample = files.find((f) => (f.filePath ?? f.path ?? '').endsWith('long.txt'));
    assert.ok(sample, result.stdout);
    assert.deepEqual(
      sample!.messages.map((m) => [m.ruleId, m.line, m.column]),
      [['sample/constraint', 1, 25]],
    );
  });
});
