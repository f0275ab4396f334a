// The pre-commit hook end to end, run by run.mjs (`npm run test:pre-commit`) with each pre-commit in PB_PRE_COMMIT.
// A local clone of this repository (its HEAD commit) gets a release tag (scripts/release-tag.mjs); a new repository
// with a broken prompt and a broken sample uses the hook from that clone at that tag. pre-commit installs the hook
// itself (npm from git, no registry: npm runs offline) and must fail with promptbound's diagnostics, then pass once
// both files are fixed. A commit that touches only the sample must still fail (the sample is checked through its prompt).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const version = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version;
const tag = `v${version}`;
const binaries = (process.env.PB_PRE_COMMIT ?? '').split(':').filter(Boolean);
const work = mkdtempSync(path.join(tmpdir(), 'promptbound-pre-commit-'));
const hookRepo = path.join(work, 'promptbound');
const IDENTITY = ['-c', 'user.name=promptbound test', '-c', 'user.email=test@promptbound.invalid'];

const BROKEN_PROMPT = `---
model: gpt-4o
budget:
  wranAt: 0.9
  variables: {ticket: 400}
constraints:
  words: {max: 12}
---
Summarise the customer's ticket in one sentence of at most twelve words.

Ticket: {{ticket}}
`;
const BROKEN_SAMPLE = 'The customer cannot log in after the password reset and asks for help with the account today.\n';
const FIXED_SAMPLE = 'Customer cannot log in after a password reset.\n';

function git(cwd, ...args) {
  return execFileSync('git', [...IDENTITY, ...args], { cwd, encoding: 'utf8' });
}

before(() => {
  assert.ok(binaries.length > 0, 'PB_PRE_COMMIT names the pre-commit executables (run through `npm run test:pre-commit`)');
  execFileSync('git', ['clone', '--quiet', root, hookRepo]);
  // Build with this checkout's devDependencies, then tag the release commit with the built bundles.
  symlinkSync(path.join(root, 'node_modules'), path.join(hookRepo, 'node_modules'));
  execFileSync(process.execPath, ['scripts/release-tag.mjs'], { cwd: hookRepo, stdio: ['ignore', 'inherit', 'inherit'] });
  rmSync(path.join(hookRepo, 'node_modules'));
});

after(() => rmSync(work, { recursive: true, force: true, maxRetries: 3 }));

for (const binary of binaries) {
  describe(`pre-commit hook with ${binary}`, () => {
    const name = path.basename(path.dirname(path.dirname(binary))) || 'pre-commit';
    const repo = path.join(work, `user-repo-${binaries.indexOf(binary)}`);
    const home = path.join(work, `pre-commit-home-${binaries.indexOf(binary)}`);

    /** pre-commit with an empty cache of its own; npm offline, so installing the hook cannot reach a registry. */
    function preCommit(...args) {
      const result = spawnSync(binary, args, {
        cwd: repo,
        encoding: 'utf8',
        timeout: 300_000,
        env: { ...process.env, PRE_COMMIT_HOME: home, npm_config_offline: 'true', NO_COLOR: '1', PRE_COMMIT_COLOR: 'never' },
      });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    }

    before(() => {
      mkdirSync(path.join(repo, 'prompts'), { recursive: true });
      git(repo, 'init', '--quiet');
      writeFileSync(
        path.join(repo, '.pre-commit-config.yaml'),
        `repos:\n  - repo: ${hookRepo}\n    rev: ${tag}\n    hooks:\n      - id: promptbound\n`,
      );
      writeFileSync(path.join(repo, 'prompts', 'ticket-summary.prompt.md'), BROKEN_PROMPT);
      writeFileSync(path.join(repo, 'prompts', 'ticket-summary.sample.txt'), BROKEN_SAMPLE);
      writeFileSync(path.join(repo, 'README.md'), 'Not a prompt.\n');
      git(repo, 'add', '-A');
    });

    it("installs the hook from the tag and fails with promptbound's diagnostics on the prompt and the sample", () => {
      const { status, output } = preCommit('run', '--all-files');
      assert.equal(status, 1, output);
      assert.match(output, /promptbound\.+Failed/, output);
      assert.match(
        output,
        /prompts\/ticket-summary\.prompt\.md\n\s+4:3\s+error\s+budget\.wranAt is not a budget key; did you mean warnAt\?\s+frontmatter\/schema/,
        output,
      );
      assert.match(
        output,
        /prompts\/ticket-summary\.sample\.txt\n\s+1:\d+\s+error\s+17 words; at most 12 allowed\s+sample\/constraint/,
        output,
      );
      assert.doesNotMatch(output, /internal error|\n\s+at .+:\d+:\d+\)?\n/, output);
    });

    it('still fails when only the sample is committed (it is checked through its prompt)', () => {
      writeFileSync(path.join(repo, 'prompts', 'ticket-summary.prompt.md'), BROKEN_PROMPT.replace('wranAt', 'warnAt'));
      git(repo, 'add', '-A');
      const { status, output } = preCommit('run', '--files', 'prompts/ticket-summary.sample.txt');
      assert.equal(status, 1, output);
      assert.match(output, /17 words; at most 12 allowed\s+sample\/constraint/, output);
      assert.doesNotMatch(output, /wranAt/, output);
    });

    it('passes once the prompt and the sample are fixed', () => {
      writeFileSync(path.join(repo, 'prompts', 'ticket-summary.sample.txt'), FIXED_SAMPLE);
      git(repo, 'add', '-A');
      const { status, output } = preCommit('run', '--all-files');
      assert.equal(status, 0, output);
      assert.match(output, /promptbound\.+Passed/, output);
      git(repo, 'commit', '--quiet', '-m', `checked by ${name}`);
    });
  });
}
