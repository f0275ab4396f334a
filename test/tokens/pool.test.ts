// The pool loads each encoding once for concurrent callers and retries after a failed load.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EncodingName } from '../../core/models/types';
import { TokenizerPool } from '../../core/tokens/pool';
import type { RankFile, RankLoader } from '../../core/tokens/types';
import { rankFile } from './reference';

/** Wraps a loader to record calls and answer asynchronously, as a real file read would. */
function recordingLoader(load: (encoding: EncodingName, call: number) => Promise<RankFile>) {
  const calls: EncodingName[] = [];
  const loader: RankLoader = async (encoding) => {
    calls.push(encoding);
    await new Promise((resolve) => setTimeout(resolve, 5));
    return load(encoding, calls.length);
  };
  return { loader, calls };
}

describe('TokenizerPool', () => {
  it('calls the loader once per encoding, even for concurrent first callers', async () => {
    const { loader, calls } = recordingLoader((encoding) => rankFile(encoding));
    const pool = new TokenizerPool(loader);
    const counters = await Promise.all([
      pool.counterFor({ encoding: 'cl100k_base' }),
      pool.counterFor({ encoding: 'cl100k_base' }),
      pool.counterFor({ encoding: 'cl100k_base', factors: { latin: 1.2, cjk: 1.5, other: 2 } }),
      pool.counterFor({ encoding: 'o200k_base' }),
    ]);
    await pool.counterFor({ encoding: 'cl100k_base' });
    assert.deepEqual(calls.sort(), ['cl100k_base', 'o200k_base']);
    assert.deepEqual(
      counters.map((c) => [c.encoding, c.approximate]),
      [
        ['cl100k_base', false],
        ['cl100k_base', false],
        ['cl100k_base', true],
        ['o200k_base', false],
      ],
    );
  });

  it('does not cache a failed load: waiting callers fail together, the next caller retries', async () => {
    const { loader, calls } = recordingLoader((encoding, call) =>
      call === 1 ? Promise.reject(new Error('disk not ready')) : rankFile(encoding),
    );
    const pool = new TokenizerPool(loader);
    const first = await Promise.allSettled([
      pool.counterFor({ encoding: 'cl100k_base' }),
      pool.counterFor({ encoding: 'cl100k_base' }),
    ]);
    assert.deepEqual(
      first.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    assert.equal(calls.length, 1);
    const counter = await pool.counterFor({ encoding: 'cl100k_base' });
    assert.equal(counter.count('hello world').tokens, 2);
    assert.equal(calls.length, 2);
  });
});
