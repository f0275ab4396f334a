// Waiting in the e2e steps (editor.test.mjs): a step never sleeps for a fixed time; it polls for the condition it
// needs, for a bounded time, and fails with a message naming what it waited for and what it saw last.
// This module is the only place the e2e steps may use a timer (eslint.config.mjs bans them in editor.test.mjs).
import { setTimeout as delay } from 'node:timers/promises';
import { inspect } from 'node:util';

/** How often a condition is read again. */
export const POLL_MS = 100;
/** The default bound of one wait. */
export const WAIT = 15_000;

function show(value) {
  return inspect(value, { depth: 4, breakLength: Infinity, maxStringLength: 600, maxArrayLength: 30 });
}

/**
 * Reads `read()` every POLL_MS until `ok(value)` holds and returns that value. After `timeout` ms it throws
 * "timed out after N ms waiting for <what>; last value: …" (or the last error `read` threw).
 * @template T
 * @param {string} what
 * @param {() => T | Promise<T>} read
 * @param {(value: T) => unknown} [ok]
 * @param {{ timeout?: number, interval?: number }} [options]
 * @returns {Promise<T>}
 */
export async function poll(what, read, ok = Boolean, { timeout = WAIT, interval = POLL_MS } = {}) {
  const deadline = Date.now() + timeout;
  let last = 'nothing read yet';
  for (;;) {
    try {
      const value = await read();
      if (ok(value)) return value;
      last = `last value: ${show(value)}`;
    } catch (error) {
      last = `last error: ${error instanceof Error ? error.message.split('\n')[0] : show(error)}`;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeout} ms waiting for ${what}; ${last}`);
    await delay(interval);
  }
}
