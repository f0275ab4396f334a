// Several targets on the command line: `count` and `--stats` rows per target, `--format json` per-target results, `--fix` of provider-compat.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { runMain, tempTree } from './helpers';

const encoder = new Tiktoken(o200k);
const tokens = (text: string): number => encoder.encode(text, [], []).length;
const fmt = (n: number): string => n.toLocaleString('en-US');

const BODY = 'Summarise {{document}} for a busy reader. Keep it short, plain and friendly.\n';
// Input budget 1,150 − 1,000 = 150; the 120-token document fill puts every target near the limit.
const PROMPT = `---\ntargets: [gpt-4o, claude-sonnet-4-5, gemini-2.5-pro]\nbudget:\n  output: 1000\n  context: 1150\n  variables:\n    document: 120\n---\n${BODY}`;

describe('several targets in the CLI', () => {
  it('count prints a row per target: exact for gpt-4o, ≈ and never below the proxy count for the others', async () => {
    const tree = tempTree({ 'a.prompt.md': PROMPT });
    try {
      const result = await runMain(['count', 'a.prompt.md'], { cwd: tree.dir });
      assert.equal(result.status, 0, result.stderr);
      const lines = result.stdout.trimEnd().split('\n');
      assert.equal(lines.length, 3, result.stdout);
      assert.match(lines[0], new RegExp(`^\\s*${fmt(tokens(BODY))}  gpt-4o {13}a\\.prompt\\.md$`));
      for (const [line, model] of [
        [lines[1], 'claude-sonnet-4-5'],
        [lines[2], 'gemini-2.5-pro'],
      ]) {
        const match = /^\s*≈([\d,]+) {2}(\S+)\s+a\.prompt\.md$/.exec(line);
        assert.ok(match, line);
        assert.equal(match[2], model);
        assert.ok(Number(match[1].replace(/,/g, '')) >= tokens(BODY));
      }
    } finally {
      tree.cleanup();
    }
  });

  it('--model replaces the targets with one model', async () => {
    const tree = tempTree({ 'a.prompt.md': PROMPT });
    try {
      const result = await runMain(['count', '--model', 'gpt-4o-mini', 'a.prompt.md'], { cwd: tree.dir });
      assert.equal(result.stdout, `${fmt(tokens(BODY))}  gpt-4o-mini  a.prompt.md\n`);
    } finally {
      tree.cleanup();
    }
  });

  it('.promptbound.yaml targets apply to a prompt that names none; count --json has a result per target', async () => {
    const tree = tempTree({ '.promptbound.yaml': 'targets: [gpt-4o, gpt-4.1]\n', 'b.prompt.md': 'Say hello.\n' });
    try {
      const result = await runMain(['count', '--json', 'b.prompt.md'], { cwd: tree.dir });
      assert.equal(result.status, 0, result.stderr);
      const [counted] = JSON.parse(result.stdout) as Array<{ model: string; targets: Array<{ model: string; tokens: number }> }>;
      assert.equal(counted.model, 'gpt-4o');
      assert.deepEqual(
        counted.targets.map((t) => [t.model, t.tokens]),
        [
          ['gpt-4o', tokens('Say hello.\n')],
          ['gpt-4.1', tokens('Say hello.\n')],
        ],
      );
    } finally {
      tree.cleanup();
    }
  });

  it('check --format json --stats: findings name their target, stats hold one summary per target', async () => {
    const tree = tempTree({ 'a.prompt.md': PROMPT });
    try {
      const result = await runMain(['check', '--format', 'json', '--stats', 'a.prompt.md'], { cwd: tree.dir });
      const [file] = JSON.parse(result.stdout) as Array<{
        messages: Array<{ ruleId: string; message: string; targets?: string[] }>;
        stats: { targets: Array<{ model: string; target: string; input: number; inputBudget: number }> };
      }>;
      const near = file.messages.filter((m) => m.ruleId === 'budget/near-limit');
      assert.deepEqual(
        near.map((m) => m.targets),
        [['gpt-4o'], ['claude-sonnet-4-5'], ['gemini-2.5-pro']],
      );
      for (const m of near) assert.ok(m.message.startsWith(`[${m.targets![0]}] Input uses`), m.message);
      assert.deepEqual(
        file.stats.targets.map((t) => t.target),
        ['gpt-4o', 'claude-sonnet-4-5', 'gemini-2.5-pro'],
      );
      assert.equal(file.stats.targets[0].input, tokens(BODY) + 120);
      assert.ok(file.stats.targets.every((t) => t.inputBudget === 150));
    } finally {
      tree.cleanup();
    }
  });

  it('--stats prints a row per target under the file', async () => {
    const tree = tempTree({ 'a.prompt.md': PROMPT });
    try {
      const result = await runMain(['check', '--stats', 'a.prompt.md'], { cwd: tree.dir });
      const table = result.stdout.split('\n').filter((l) => /(gpt-4o|claude-sonnet-4-5|gemini-2\.5-pro)\s+\d+%/.test(l));
      assert.equal(table.length, 3, result.stdout);
      assert.ok(table[0].startsWith('a.prompt.md'));
      assert.ok(table[1].startsWith(' ') && table[2].startsWith(' '));
    } finally {
      tree.cleanup();
    }
  });

  it('--fix applies the safe provider-compat fixes to an inline schema, and the file then passes', async () => {
    const prompt =
      '---\nmodel: gpt-4o\nstructuredOutput:\n  strict: true\nconstraints:\n  format: json\n  schema:\n    type: object\n    properties:\n      city:\n        type: string\n      unit:\n        type: string\n    required: [city]\n---\nFill in the weather request.\n';
    const tree = tempTree({ 'w.prompt.md': prompt });
    try {
      const before = await runMain(['check', '--format', 'json', 'w.prompt.md'], { cwd: tree.dir });
      const found = (
        JSON.parse(before.stdout) as Array<{ messages: Array<{ ruleId: string; severity: string }> }>
      )[0].messages.filter((m) => m.ruleId === 'schema/provider-compat');
      assert.deepEqual(
        found.map((m) => m.severity),
        ['error', 'error'],
      );
      // Both fixes edit the same object; --fix applies what does not overlap per run, so run it until clean.
      await runMain(['check', '--fix', 'w.prompt.md'], { cwd: tree.dir });
      await runMain(['check', '--fix', 'w.prompt.md'], { cwd: tree.dir });
      const fixed = readFileSync(path.join(tree.dir, 'w.prompt.md'), 'utf8');
      assert.ok(fixed.includes('    additionalProperties: false\n    type: object\n'), fixed);
      assert.ok(fixed.includes('        type: [string, "null"]\n'), fixed);
      assert.ok(fixed.includes('    required: [city, unit]\n'), fixed);
      const after = await runMain(['check', '--format', 'json', 'w.prompt.md'], { cwd: tree.dir });
      const left = (JSON.parse(after.stdout) as Array<{ messages: Array<{ ruleId: string }> }>)[0].messages.filter(
        (m) => m.ruleId === 'schema/provider-compat',
      );
      assert.deepEqual(left, []);
    } finally {
      tree.cleanup();
    }
  });
});
