// A lint's yield lets a message that arrived during a slice be read, handled and answered before the next slice
// (server/yield.ts): after the poll phase reads its bytes, vscode-jsonrpc decodes it in a `setImmediate`, handles it
// in the next one and writes the answer in a third.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createConnection, createServer, type AddressInfo, type Socket } from 'node:net';
import { it } from 'node:test';
import { yieldToEventLoop } from '../../server/yield';

/** Busy work, as a slice of a lint is: the event loop cannot run meanwhile. */
function work(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

it('decodes, handles and answers a message that arrived during a slice before the next slice starts', async () => {
  const order: string[] = [];
  let handled = 0;
  // The "client" writes on a loopback socket; the "server" side reads as the language server reads its input.
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const accepted = once(server, 'connection') as Promise<[Socket]>;
  const client = createConnection((server.address() as AddressInfo).port, '127.0.0.1');
  await once(client, 'connect');
  const [input] = await accepted;
  input.on('data', () => {
    order.push('read');
    setImmediate(() => {
      order.push('decoded');
      setImmediate(() => {
        order.push('handled');
        handled++;
        setImmediate(() => order.push('answered'));
      });
    });
  });
  try {
    for (let slice = 0; slice < 40 && handled < 5; slice++) {
      order.push('slice');
      if (slice % 4 === 1) client.write('message'); // arrives while the slice runs
      work(5);
      await yieldToEventLoop();
    }
  } finally {
    client.destroy();
    input.destroy();
    server.close();
  }
  assert.equal(handled, 5, order.join(' '));
  const reads = order.flatMap((what, i) => (what === 'read' ? [i] : []));
  for (const i of reads)
    assert.deepEqual(
      order.slice(i + 1, i + 4),
      ['decoded', 'handled', 'answered'],
      `a slice ran between a message's read and its answer: ${order.join(' ')}`,
    );
});
