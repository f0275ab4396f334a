// The Node rank loader finds dist/ranks from source (tsx) and from a CommonJS bundle beside dist/ranks, and reads binary tables.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import * as esbuild from 'esbuild';
import { parseRankBinary } from '../../core/tokens/rank-table';
import { createNodeRankLoader, defaultRankDirectories, nodeRankLoader } from '../../node/ranks';

const root = resolve(__dirname, '..', '..');

describe('node rank loader', () => {
  it('loads both encodings from source via ../dist/ranks', async () => {
    assert.ok(defaultRankDirectories().includes(join(root, 'dist', 'ranks')));
    for (const encoding of ['o200k_base', 'cl100k_base'] as const) {
      const file = await nodeRankLoader(encoding);
      assert.ok(file instanceof Uint8Array);
      const table = parseRankBinary(encoding, file);
      assert.ok(table.size > 100_000);
    }
  });

  it('skips directories without the file and names where it looked when none has it', async () => {
    const missing = join(tmpdir(), 'promptbound-no-ranks-here');
    const loaded = await createNodeRankLoader([missing, join(root, 'dist', 'ranks')])('cl100k_base');
    assert.ok(loaded instanceof Uint8Array && loaded.length > 1_000_000);
    await assert.rejects(createNodeRankLoader([missing])('cl100k_base'), /not found.*promptbound-no-ranks-here.*npm run build/);
  });

  it('loads from ranks/ beside a CommonJS bundle (the dist/cli.js layout)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'promptbound-bundle-'));
    try {
      symlinkSync(join(root, 'dist', 'ranks'), join(dir, 'ranks'));
      await esbuild.build({
        stdin: {
          contents: `import { nodeRankLoader } from ${JSON.stringify(join(root, 'node', 'ranks'))};
            nodeRankLoader('o200k_base').then((f) => console.log(f.length > 0 ? 'loaded' : 'empty'));`,
          resolveDir: root,
          loader: 'ts',
        },
        bundle: true,
        platform: 'node',
        format: 'cjs',
        outfile: join(dir, 'cli.js'),
        logLevel: 'silent',
      });
      assert.equal(execFileSync(process.execPath, [join(dir, 'cli.js')], { encoding: 'utf8' }).trim(), 'loaded');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a damaged or foreign table with a message instead of miscounting', async () => {
    const file = (await nodeRankLoader('cl100k_base')) as Uint8Array;
    assert.throws(() => parseRankBinary('cl100k_base', file.subarray(0, file.length - 1)), /truncated or damaged/);
    assert.throws(
      () => parseRankBinary('cl100k_base', new TextEncoder().encode('{"pat_str":""}')),
      /not a promptbound rank table/,
    );
  });
});
