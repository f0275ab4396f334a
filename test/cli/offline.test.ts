// Nothing touches the network at run time: the CLI runs with every socket, DNS and fetch entry point made fatal.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { REPO, runCli } from './helpers';

const DENY = `--require=${path.join(REPO, 'test', 'support', 'deny-network.js')}`;

describe('offline', () => {
  for (const args of [
    ['check', 'examples', '--format', 'sarif'],
    ['check', 'examples', '--stats'],
    ['count', 'examples', '--model', 'claude-sonnet-4-5'],
    ['count', 'examples', '--model', 'gpt-4'],
    ['models'],
  ]) {
    it(`promptbound ${args.join(' ')}`, () => {
      const result = runCli(args, { cwd: REPO, env: { NODE_OPTIONS: DENY } });
      assert.doesNotMatch(result.stderr, /NETWORK ACCESS ATTEMPTED/);
      assert.ok(result.status === 0 || result.status === 1, `exit ${result.status}: ${result.stderr}`);
      assert.ok(result.stdout.length > 0);
    });
  }

  it('the guard itself works (a fetch is caught)', () => {
    const { spawnSync } = require('node:child_process') as typeof import('node:child_process');
    const result = spawnSync(process.execPath, [DENY, '-e', "fetch('http://127.0.0.1:9/')"], { encoding: 'utf8' });
    assert.equal(result.status, 99);
    assert.match(result.stderr, /NETWORK ACCESS ATTEMPTED: fetch/);
  });
});
