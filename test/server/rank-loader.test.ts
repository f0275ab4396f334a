// The language server reads rank tables off the event loop (node/ranks.ts): a synchronous read of o200k's 11 MB
// held every request for tens of milliseconds. The CLI keeps its one blocking read, which starts faster.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { RankLoader } from '../../core/tokens/types';
import { nodeRankLoader, nodeServerRankLoader } from '../../node/ranks';

/** Whether the event loop turned (a setImmediate ran) while `load` was reading. */
async function turnsWhileLoading(load: RankLoader): Promise<{ turned: boolean; bytes: Awaited<ReturnType<RankLoader>> }> {
  let turned = false;
  setImmediate(() => (turned = true));
  const bytes = await load('o200k_base');
  const result = { turned, bytes };
  await new Promise((resolve) => setImmediate(resolve));
  return result;
}

it("the server's loader lets the event loop run while it reads, and reads the same bytes", async () => {
  const server = await turnsWhileLoading(nodeServerRankLoader);
  const cli = await turnsWhileLoading(nodeRankLoader);
  assert.equal(server.turned, true, 'the server read the rank table in one blocking step');
  assert.equal(cli.turned, false, 'the CLI read is expected to be one synchronous step');
  assert.ok(server.bytes instanceof Uint8Array && cli.bytes instanceof Uint8Array);
  assert.ok(Buffer.from(server.bytes).equals(Buffer.from(cli.bytes)));
});
