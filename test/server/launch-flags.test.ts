// The language server's memory depends on Node flags and allocator settings that only a process's start can set
// (docs/editor-performance.md, "Memory"): every launch path must pass them. The desktop client forks the server with
// them; `promptbound lsp --stdio` starts itself again with them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SERVER_NODE_ENV, SERVER_NODE_FLAGS, hasServerNodeFlags, serverEnvironment } from '../../server/launch-flags';
import { RELAUNCHED_ENV, lspRelaunchArgs } from '../../cli/lsp-launch';
import { nodeServerOptions } from '../../client/server-module';
import { REPO, TestClient, fixture } from './client';

const BIN = path.join(REPO, 'bin', 'promptbound.js');
const REPORT = path.join(REPO, 'test', 'support', 'report-launch.js');

interface Launch {
  pid: number;
  execArgv: string[];
  malloc: Record<string, string>;
}

describe('the server launch flags', () => {
  it('include a small young generation and the allocator settings', () => {
    assert.ok(SERVER_NODE_FLAGS.includes('--max-semi-space-size=4'));
    assert.deepEqual(SERVER_NODE_ENV, { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072' });
    assert.equal(hasServerNodeFlags(['--max-semi-space-size=4']), true);
    assert.equal(hasServerNodeFlags(['--max_semi_space_size=16']), true, "the user's own choice counts");
    assert.equal(hasServerNodeFlags(['--max-old-space-size=4000']), false);
    assert.equal(serverEnvironment({ MALLOC_ARENA_MAX: '4', PATH: '/bin' }).MALLOC_ARENA_MAX, '4');
    assert.equal(serverEnvironment({ PATH: '/bin' }).MALLOC_MMAP_THRESHOLD_, '131072');
  });

  it('are what the desktop client forks the server with, in run and debug mode', () => {
    const options = nodeServerOptions('/ext/dist/server-node.js', 'ipc', { HOME: '/home/u' });
    for (const launch of [options.run, options.debug]) {
      assert.equal(launch.module, '/ext/dist/server-node.js');
      assert.equal(launch.transport, 'ipc');
      for (const flag of SERVER_NODE_FLAGS)
        assert.ok(launch.options.execArgv.includes(flag), `${flag} in ${launch.options.execArgv}`);
      for (const [name, value] of Object.entries(SERVER_NODE_ENV)) assert.equal(launch.options.env[name], value);
      assert.equal(launch.options.env.HOME, '/home/u');
    }
    assert.ok(options.debug.options.execArgv.includes('--inspect=6009'));
  });

  it('are added when `promptbound lsp` starts itself again, keeping other Node options but not the inspector', () => {
    const args = lspRelaunchArgs(
      ['--require', 'x.js', '--inspect=9229', '--max-old-space-size=512'],
      BIN,
      ['lsp', '--stdio'],
      {},
    );
    assert.deepEqual(args, ['--require', 'x.js', '--max-old-space-size=512', ...SERVER_NODE_FLAGS, BIN, 'lsp', '--stdio']);
    assert.equal(lspRelaunchArgs([...SERVER_NODE_FLAGS], BIN, ['lsp', '--stdio'], {}), undefined);
    assert.equal(lspRelaunchArgs([], BIN, ['lsp', '--stdio'], { [RELAUNCHED_ENV]: '1' }), undefined, 'never twice');
  });

  it('reach the process that serves `promptbound lsp --stdio`, which exits with the server', async () => {
    const client = await TestClient.start({ args: ['--require', REPORT, BIN, 'lsp', '--stdio'] });
    let launches: Launch[];
    try {
      const f = fixture('editor.prompt.md');
      await client.open(f.uri, f.text, 1);
      assert.ok((await client.diagnosticsAt(f.uri, 1)).length > 0);
      launches = client.stderr
        .join('')
        .split('\n')
        .filter((line) => line.startsWith('promptbound-launch '))
        .map((line) => JSON.parse(line.slice('promptbound-launch '.length)) as Launch);
    } finally {
      await client.stop();
    }
    assert.equal(await client.exited, 0);
    // The launcher (the process the client started) and the server it started.
    assert.equal(launches.length, 2, JSON.stringify(launches));
    const [launcher, server] = launches;
    assert.equal(launcher.pid, client.server.pid);
    assert.notEqual(server.pid, launcher.pid);
    for (const flag of SERVER_NODE_FLAGS) assert.ok(server.execArgv.includes(flag), `${flag} in ${server.execArgv}`);
    assert.ok(server.execArgv.includes(REPORT), 'the Node options of the launcher are kept');
    for (const [name, value] of Object.entries(SERVER_NODE_ENV)) assert.equal(server.malloc[name], process.env[name] ?? value);
  });
});
