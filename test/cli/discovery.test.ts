// File discovery and hostile inputs: .gitignore (root, nested, negation), symlink loops, 5,000 files, binary, 1 MB and >10 MB files.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { assertNoStack, runCli, runMain, tempTree } from './helpers';

const CLEAN = 'Greet the user.\n';
// Budgets one variable, so the other is reported undeclared (a warning).
const WARN = '---\nbudget:\n  variables:\n    reader: 20\n---\nSummarise {{document}} for the {{reader}}.\n';
const BROKEN = '---\nmodel: [gpt-4o\n---\nGreet the user.\n';

function listed(stdout: string): string[] {
  return (JSON.parse(stdout) as Array<{ filePath: string }>).map((f) => f.filePath);
}

describe('file discovery', () => {
  it('honours root and nested .gitignore files, including negation', async () => {
    const { dir, cleanup } = tempTree({
      '.gitignore': 'ignored/\n*.draft.prompt.md\n',
      'ok.prompt.md': CLEAN,
      'ignored/bad.prompt.md': BROKEN,
      'x.draft.prompt.md': BROKEN,
      'sub/.gitignore': 'local.prompt.md\n!keep.draft.prompt.md\n',
      'sub/local.prompt.md': BROKEN,
      'sub/keep.draft.prompt.md': WARN,
      'sub/seen.prompt.md': WARN,
      'node_modules/pkg/x.prompt.md': BROKEN,
    });
    try {
      const result = await runMain(['--format', 'json'], { cwd: dir });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      const files = listed(result.stdout).map((f) => path.relative(dir, f).split(path.sep).join('/'));
      assert.deepEqual(files, ['ok.prompt.md', 'sub/keep.draft.prompt.md', 'sub/seen.prompt.md']);
    } finally {
      cleanup();
    }
  });

  it('applies .gitignore above the folder it is started in, up to the repository root', async () => {
    const { dir, cleanup } = tempTree({
      '.gitignore': 'sub/bad.prompt.md\n',
      'sub/bad.prompt.md': BROKEN,
      'sub/ok.prompt.md': CLEAN,
    });
    try {
      const result = await runMain([], { cwd: path.join(dir, 'sub') });
      assert.equal(result.status, 0, result.stdout + result.stderr);
      assert.equal(result.stdout, '');
    } finally {
      cleanup();
    }
  });

  it('says so when an explicitly named file is ignored', async () => {
    const { dir, cleanup } = tempTree({ '.gitignore': 'gone.prompt.md\n', 'gone.prompt.md': BROKEN });
    try {
      const result = await runMain(['gone.prompt.md'], { cwd: dir });
      assert.equal(result.status, 0);
      assert.match(result.stderr, /gone\.prompt\.md: not linted \(excluded by \.gitignore or config 'ignore'\)/);
    } finally {
      cleanup();
    }
  });

  it('merges configs from the file up to the root, the nearest winning', async () => {
    const { dir, cleanup } = tempTree({
      '.promptbound.yaml': 'rules:\n  template/undefined-variable: off\n',
      'quiet.prompt.md': WARN,
      'loud/.promptbound.yml': 'rules:\n  template/undefined-variable: error\n',
      'loud/x.prompt.md': WARN,
    });
    try {
      const result = await runMain(['--format', 'json'], { cwd: dir });
      assert.equal(result.status, 1, result.stderr);
      const counts = (JSON.parse(result.stdout) as Array<{ filePath: string; errorCount: number; warningCount: number }>).map(
        (f) => [path.relative(dir, f.filePath).split(path.sep).join('/'), f.errorCount, f.warningCount],
      );
      assert.deepEqual(counts, [
        ['loud/x.prompt.md', 1, 0],
        ['quiet.prompt.md', 0, 0],
      ]);
    } finally {
      cleanup();
    }
  });

  it('lists files in a deterministic order and does not hang on symlink loops', () => {
    const { dir, cleanup } = tempTree({
      'b/z.prompt.md': WARN,
      'b/a.prompt.md': WARN,
      'a-c/x.prompt.md': WARN,
      'a/y.prompt.md': WARN,
    });
    try {
      symlinkSync(dir, path.join(dir, 'b', 'loop'), 'dir');
      symlinkSync(path.join(dir, 'missing'), path.join(dir, 'dangling.prompt.md'));
      const first = runCli(['--format', 'json'], { cwd: dir, timeout: 20_000 });
      const second = runCli(['--format', 'json'], { cwd: dir, timeout: 20_000 });
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stdout, second.stdout);
      const files = listed(first.stdout).map((f) => path.relative(dir, f).split(path.sep).join('/'));
      // Segment-wise order: folder `a` before `a-c`; the loop is entered once, so b's files appear once.
      assert.deepEqual(files, ['a/y.prompt.md', 'a-c/x.prompt.md', 'b/a.prompt.md', 'b/z.prompt.md']);
    } finally {
      cleanup();
    }
  });

  it('lints a folder of 5,000 files', async () => {
    const { dir, cleanup } = tempTree({});
    try {
      for (let i = 0; i < 50; i++) {
        const folder = path.join(dir, `group${String(i).padStart(2, '0')}`);
        mkdirSync(folder);
        for (let j = 0; j < 100; j++) writeFileSync(path.join(folder, `p${j}.prompt.md`), `Prompt ${i}-${j}: greet the user.\n`);
      }
      const result = await runMain(['--format', 'json'], { cwd: dir, timeout: 120_000 });
      assert.equal(result.status, 0, result.stderr);
      assert.equal(listed(result.stdout).length, 5000);
      assert.equal(result.stderr, '', 'no progress line when stderr is not a terminal');
    } finally {
      cleanup();
    }
  });
});

describe('hostile inputs', () => {
  it('binary junk, a 1 MB one-character-line file and broken YAML: exit 1, one-line errors, no stack', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const { dir, cleanup } = tempTree({
      'junk.prompt.md': junk,
      'lines.prompt.md': 'a\n'.repeat(512 * 1024),
      'yaml.prompt.md': '---\n: : :\n\t- [\n  &a [*a, *a]\nkey: "unterminated\n---\nbody\n',
      'latin1.prompt.md': Buffer.from([0x48, 0xe9, 0x6c, 0x6c, 0x6f, 0x0a]),
    });
    try {
      const result = await runMain([], { cwd: dir, timeout: 60_000 });
      assert.equal(result.status, 1, result.stdout + result.stderr);
      assert.match(result.stdout, /junk\.prompt\.md\n {2}1:1 +error +skipped: binary file\n/);
      assert.match(result.stdout, /latin1\.prompt\.md\n {2}1:1 +error +skipped: not UTF-8 text\n/);
      assert.match(result.stdout, /yaml\.prompt\.md\n(?: {2}.+\n)* {2}\d+:\d+ +error +.+frontmatter\/syntax/);
      assertNoStack(result.stdout + result.stderr);
    } finally {
      cleanup();
    }
  });

  it('a file over 10 MB is skipped with one line, not read', async () => {
    const { dir, cleanup } = tempTree({ 'huge.prompt.md': Buffer.alloc(10 * 1024 * 1024 + 1, 0x61) });
    try {
      const result = await runMain(['--format', 'json'], { cwd: dir });
      assert.equal(result.status, 1);
      const [file] = JSON.parse(result.stdout) as Array<{
        messages: Array<{ message: string; fatal?: boolean; ruleId: string | null }>;
      }>;
      assert.deepEqual(
        file.messages.map((m) => [m.ruleId, m.message, m.fatal]),
        [[null, 'skipped: larger than 10 MB', true]],
      );
    } finally {
      cleanup();
    }
  });
});
