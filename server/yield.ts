// How a long lint gives way to the messages that arrived while it ran (docs/editor-performance.md, "Never blocking").

/**
 * Lets the messages that arrived during a slice be handled before the next slice. The connection reads a message
 * in the poll phase and handles it in a `setImmediate` queued there, behind the lint's own if the lint yielded with
 * a single `setImmediate`: every request then waited a whole extra slice. Two hops put the handler first.
 */
export const yieldToEventLoop: () => Promise<void> =
  typeof setImmediate === 'function'
    ? () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)))
    : () => new Promise((resolve) => setTimeout(resolve, 0));
