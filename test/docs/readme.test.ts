// The README's quick start shows what `promptbound check examples` prints; this keeps that text true.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, runCli } from '../cli/helpers';

describe('README quick start', () => {
  it('shows the current output of `promptbound check examples`', () => {
    const readme = readFileSync(path.join(REPO, 'README.md'), 'utf8');
    const block = /It prints:\n\n```text\n([\s\S]*?)```/.exec(readme);
    assert.ok(block, 'README has the "It prints:" text block');
    const result = runCli(['check', 'examples'], { cwd: REPO });
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
