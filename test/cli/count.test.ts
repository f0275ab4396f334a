// `count` (exactly js-tiktoken's count of the body, ≈ for approximate models, stdin, --raw, --json), `models` and `init`.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { spawnSync } from 'node:child_process';
import { parseConfigText } from '../../core/config/load';
import { RULE_IDS } from '../../core/rules/registry';
import { BIN, FIXTURES, assertNoStack, runCli, runMain, tempTree } from './helpers';

const encoder = new Tiktoken(o200k);
/** Special-token checks off, as every counting path in promptbound does (docs/design/pitfalls.md P1). */
const tokens = (text: string): number => encoder.encode(text, [], []).length;
const COUNT_DIR = path.join(FIXTURES, 'count');
const SUPPORT = readFileSync(path.join(COUNT_DIR, 'support.prompt.md'), 'utf8');
/** What the model receives from a Markdown prompt: everything after the closing `---` line. */
const SUPPORT_BODY = SUPPORT.slice(SUPPORT.indexOf('\n---\n') + '\n---\n'.length);

const fmt = (n: number): string => n.toLocaleString('en-US');

describe('promptbound count', () => {
  it('equals js-tiktoken encode(body, [], []) for an exact model', async () => {
    const result = await runMain(['count', 'support.prompt.md'], { cwd: COUNT_DIR });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${fmt(tokens(SUPPORT_BODY))}  gpt-4o  support.prompt.md\n`);
  });

  it('marks approximate models with ≈ and never reports fewer tokens than the proxy encoding', async () => {
    const result = await runMain(['count', '--model', 'claude-sonnet-4-5', 'support.prompt.md'], { cwd: COUNT_DIR });
    assert.equal(result.status, 0, result.stderr);
    const match = /^≈([\d,]+) {2}claude-sonnet-4-5 {2}support\.prompt\.md\n$/.exec(result.stdout);
    assert.ok(match, result.stdout);
    assert.ok(Number(match[1].replace(/,/g, '')) >= tokens(SUPPORT_BODY));
  });

  it('reads a plain-text prompt from stdin with -', () => {
    const text = 'Hello <|endoftext|> world, count me — 日本語.\n';
    const result = runCli(['count', '-'], { cwd: COUNT_DIR, stdin: text });
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, `${fmt(tokens(text))}  gpt-4o  -\n`);
  });

  it('--raw counts the whole file, frontmatter included', async () => {
    const result = await runMain(['count', '--raw', 'support.prompt.md'], { cwd: COUNT_DIR });
    assert.equal(result.stdout, `${fmt(tokens(SUPPORT))}  gpt-4o  support.prompt.md\n`);
  });

  it('prints a total for more than one file, aligned like wc', async () => {
    const { dir, cleanup } = tempTree({ 'a.prompt.md': 'One two three.\n', 'b.prompt.md': 'Four.\n' });
    try {
      const result = await runMain(['count', 'a.prompt.md', 'b.prompt.md'], { cwd: dir });
      const [a, b] = [tokens('One two three.\n'), tokens('Four.\n')];
      const width = String(a + b).length;
      const line = (n: number, model: string, file: string) => `${String(n).padStart(width)}  ${model.padEnd(6)}  ${file}\n`;
      assert.equal(result.stdout, line(a, 'gpt-4o', 'a.prompt.md') + line(b, 'gpt-4o', 'b.prompt.md') + line(a + b, '', 'total'));
    } finally {
      cleanup();
    }
  });

  it('--json has the documented fields', async () => {
    const result = await runMain(['count', '--json', 'support.prompt.md'], { cwd: COUNT_DIR });
    const [entry] = JSON.parse(result.stdout);
    assert.deepEqual(
      Object.keys(entry).sort(),
      ['approximate', 'encoding', 'file', 'messages', 'model', 'overhead', 'sections', 'tokens'].sort(),
    );
    assert.equal(entry.tokens, tokens(SUPPORT_BODY));
    assert.equal(entry.encoding, 'o200k_base');
    assert.equal(entry.approximate, false);
    assert.deepEqual(
      entry.sections.map((s: { title: string }) => s.title),
      ['Support assistant', 'Rules'],
    );
  });

  it('an unreadable file is a one-line error and exit 1; the others are still counted', async () => {
    const { dir, cleanup } = tempTree({ 'ok.prompt.md': 'Hi.\n', 'bin.prompt.md': Buffer.from([0, 0, 0]) });
    try {
      const result = await runMain(['count', '.'], { cwd: dir });
      assert.equal(result.status, 1);
      assert.equal(result.stderr, 'promptbound: bin.prompt.md: skipped: binary file\n');
      assert.match(result.stdout, /ok\.prompt\.md\n$/);
      assertNoStack(result.stderr);
    } finally {
      cleanup();
    }
  });
});

describe('promptbound models', () => {
  it('--json parses and carries the table version', async () => {
    const result = await runMain(['models', '--json'], { cwd: COUNT_DIR });
    assert.equal(result.status, 0);
    const table = JSON.parse(result.stdout);
    assert.match(table.version, /^\d{4}-\d{2}-\d{2}$/);
    const gpt4o = table.models.find((m: { id: string }) => m.id === 'gpt-4o');
    assert.equal(gpt4o.encoding, 'o200k_base');
    assert.ok(table.models.some((m: { tokenizer: string }) => m.tokenizer === 'approximate'));
  });

  it('a reader that closes the pipe early is not a crash', () => {
    const files: Record<string, string> = {};
    // Well over a pipe buffer (64 KiB) of output, so writes are still pending when `head` exits.
    for (let i = 0; i < 400; i++) files[`p${i}.prompt.md`] = 'Summarise {{document}} and {{notes}}.\n';
    const { dir, cleanup } = tempTree(files);
    try {
      const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" --format json | head -c 10 >/dev/null`], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.equal(result.stderr, '');
    } finally {
      cleanup();
    }
  });

  it('prints a table with a version line', async () => {
    const result = await runMain(['models'], { cwd: COUNT_DIR });
    assert.match(result.stdout, /^id +provider +encoding +tokens +context +output +max output\n/);
    assert.match(result.stdout, /\ngpt-4o +openai +o200k_base +exact +128k +/);
    assert.match(result.stdout, /\nclaude-sonnet-4-5 +anthropic +(?:o200k_base|cl100k_base) +≈ approx\. +/);
    assert.match(result.stdout, /\n\nmodel table \d{4}-\d{2}-\d{2}, \d+ models;/);
  });
});

describe('promptbound init', () => {
  it('writes a config that validates, then refuses to overwrite it unless --force', async () => {
    const { dir, cleanup } = tempTree({ 'hello.prompt.md': 'Greet the user.\n' });
    try {
      const first = await runMain(['init'], { cwd: dir });
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stdout, 'Wrote .promptbound.yaml\n');
      const written = path.join(dir, '.promptbound.yaml');
      assert.ok(existsSync(written));
      assert.deepEqual(parseConfigText(written, readFileSync(written, 'utf8'), RULE_IDS).problems, []);
      // The starter config must load cleanly: a config problem would exit 2.
      const check = await runMain([], { cwd: dir });
      assert.equal(check.status, 0, check.stdout + check.stderr);
      const second = await runMain(['init'], { cwd: dir });
      assert.equal(second.status, 2);
      assert.equal(
        second.stderr,
        "promptbound: .promptbound.yaml already exists; use --force to overwrite it\nRun 'promptbound --help' for usage.\n",
      );
      assert.equal((await runMain(['init', '--force'], { cwd: dir })).status, 0);
    } finally {
      cleanup();
    }
  });
});
