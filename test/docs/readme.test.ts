// The README's quick start shows what `promptbound check examples` prints; this keeps that text true.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, runMain } from '../cli/helpers';
import { RULES } from '../../core/rules/registry';

describe('README quick start', () => {
  it('shows the current output of `promptbound check examples`', async () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const block = /It prints:\n\n```text\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'README has the "It prints:" text block');
    const result = await runMain(['check', 'examples'], { cwd: REPO });
    assert.equal(result.status, 1, 'the examples include errors on purpose');
    assert.equal(result.stdout, block[1]);
  });

  it('names the two set-up commands and the test command', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    assert.match(readme, /npm ci && npx promptbound check examples/);
    assert.match(readme, /^npm test\b/m);
    assert.match(readFileSync(path.join(REPO, '.ci', 'run'), 'utf8'), /^npm test$/m);
  });
});

describe('README truth', () => {
  const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');

  it('the rule table has exactly one row per registered rule, with its docs page and default severity', () => {
    const section = /^## Rules\n([\s\S]*?)^## /m.exec(readme);
    assert.ok(section, 'README has a "## Rules" section');
    // The default column starts with the default severity; a note may follow ("warning (error in strict mode)").
    const rows = [...section[1]!.matchAll(/^\| \[([^\]]+)\]\(([^)]+)\) \| (\w+)[^|]* \| (.+) \|$/gm)];
    const byId = new Map(rows.map((row) => [row[1]!, { link: row[2]!, severity: row[3]!, reports: row[4]! }]));
    assert.equal(byId.size, rows.length, 'no rule listed twice');
    assert.deepEqual(
      [...byId.keys()].sort(),
      RULES.map((rule) => rule.meta.id).sort(),
      'the table lists the registry, no more, no less',
    );
    for (const { meta } of RULES) {
      const row = byId.get(meta.id)!;
      assert.equal(row.link, `docs/rules/${meta.id}.md`, meta.id);
      assert.equal(row.severity, meta.defaultSeverity, `${meta.id}: default severity`);
      assert.ok(row.reports.trim().length > 10, `${meta.id}: says what it reports`);
    }
  });

  it('the command list shows every command of `promptbound --help`, and each option it shows exists', async () => {
    const help = (await runMain(['--help'], { cwd: REPO })).stdout;
    const helpCommands = [...help.matchAll(/^ {2}(\w+) {2,}/gm)].map((m) => m[1]!).sort();
    const block = /^## Command line\n\n```text\n([\s\S]*?)```/m.exec(readme);
    assert.ok(block, 'README has the command list');
    const shown = [...block[1]!.matchAll(/^promptbound (?:\[(\w+)\]|(\w+))/gm)].map((m) => m[1] ?? m[2]!).sort();
    assert.deepEqual(shown, helpCommands);
    for (const command of helpCommands) {
      const options = new Set(
        [...(await runMain([command, '--help'], { cwd: REPO })).stdout.matchAll(/--[a-z][a-z-]*/g)].map((m) => m[0]),
      );
      const lines = block[1]!.split('\n');
      const start = lines.findIndex((l) => new RegExp(`^promptbound (\\[${command}\\]|${command})\\b`).test(l));
      const end = lines.findIndex((l, i) => i > start && /^promptbound |^exit codes/.test(l));
      for (const flag of lines
        .slice(start, end)
        .join('\n')
        .match(/--[a-z][a-z-]*/g) ?? []) {
        assert.ok(options.has(flag), `${command} ${flag} is in its --help`);
      }
    }
  });

  it('names no stale plans, fetches no package by name, and every npm script it runs exists', () => {
    assert.doesNotMatch(readme, /next milestones?/i);
    assert.doesNotMatch(readme, /PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD/);
    // `npx promptbound` is only shown inside a clone (the quick start), where npx runs this package's own bin.
    const npx = readme.split('\n').filter((line) => /\bnpx promptbound\b/.test(line));
    assert.deepEqual(npx, ['npm ci && npx promptbound check examples    # install, build, and lint the bundled example prompts']);
    assert.doesNotMatch(readme, /'npx', 'promptbound'/);
    const scripts = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts as Record<string, string>;
    for (const [, name] of readme.matchAll(/npm run ([\w-]+(?::[\w-]+)*)/g)) assert.ok(scripts[name!], `npm run ${name} exists`);
    const version = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')).version as string;
    for (const [, v] of readme.matchAll(/promptbound-(\d+\.\d+\.\d+)\.(?:tgz|vsix)/g))
      assert.equal(v, version, 'file names carry the current version');
    for (const [, v] of readme.matchAll(/(?:rev: v|promptbound@v)(\d+\.\d+\.\d+)/g))
      assert.equal(v, version, 'pinned refs name the current version');
  });

  it('links only files that exist', () => {
    for (const [, target] of readme.matchAll(/\]\(((?!https?:|#)[^)#]+)(?:#[^)]*)?\)/g)) {
      assert.ok(existsSync(path.join(REPO, target!)), `${target} exists`);
    }
  });
});
