// The Node server's output backlog: while a large message is being written, the lint waits for it (server/workspace.ts).
import type { Writable } from 'node:stream';

/** The stream's drain, while a write has filled its buffer (`write` returned false and `drain` has not come yet). */
export function backlogOf(stream: Writable): Promise<void> | undefined {
  if (!stream.writableNeedDrain) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/**
 * The same for a Node IPC channel (`--node-ipc`, how VS Code desktop starts the server): `process.send` has no
 * drain event, but each message's callback runs once it is written. Wraps `send` to count messages still being
 * written; the backlog is a promise of that count reaching zero.
 */
export function ipcBacklog(proc: { send?: (...args: never[]) => boolean }): () => Promise<void> | undefined {
  const send = proc.send;
  if (typeof send !== 'function') return () => undefined;
  let sending = 0;
  let waiters: Array<() => void> = [];
  const written = () => {
    if (--sending > 0) return;
    const woken = waiters;
    waiters = [];
    for (const wake of woken) wake();
  };
  proc.send = function (this: unknown, ...args: unknown[]): boolean {
    // send(message, sendHandle?, options?, callback?): the callback is the last argument that is a function.
    let at = args.length - 1;
    while (at >= 0 && typeof args[at] !== 'function') at--;
    const callback = at >= 0 ? (args[at] as (error: Error | null) => void) : undefined;
    const wrapped = (error: Error | null) => {
      written();
      callback?.(error);
    };
    if (at >= 0) args[at] = wrapped;
    else args.push(wrapped);
    sending++;
    try {
      return (send as (...a: unknown[]) => boolean).apply(this, args);
    } catch (error) {
      written();
      throw error;
    }
  } as typeof proc.send;
  return () => (sending === 0 ? undefined : new Promise<void>((resolve) => waiters.push(resolve)));
}
