// How a long lint gives way to the messages that arrived while it ran (docs/editor-performance.md, "Never blocking").

/**
 * Lets the messages that arrived during a slice be read, handled and answered before the next slice. After the
 * poll phase reads a message's bytes, vscode-jsonrpc takes three `setImmediate` hops to answer it: its reader
 * decodes in one (a semaphore queues each message), the connection handles it in the next, and its writer writes the
 * answer in a third (the same semaphore). Each hop is queued behind whatever hop of the lint is already waiting,
 * so a lint yielding with fewer hops resumed before the answer was written: with one hop every request waited a
 * whole extra slice; with two, the median hover during a cold 10 MB count still took 15 ms. Four hops let the three
 * of a message that arrived during the slice run first.
 */
export const yieldToEventLoop: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(() => setImmediate(() => setImmediate(() => setImmediate(resolve)))))
    : () => new Promise((resolve) => setTimeout(resolve, 0));
