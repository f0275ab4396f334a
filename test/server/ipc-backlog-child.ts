// Run by test/server/output-backlog.test.ts over a real Node IPC channel: sends a large message, reports whether a
// backlog was seen right after it and once it resolved, then whether it was gone.
import { ipcBacklog } from '../../server/output-backlog';

const backlog = ipcBacklog(process as unknown as { send?: (...args: never[]) => boolean });
let callbackRan = false;
process.send!({ big: 'x'.repeat(3_200_000) }, undefined, undefined, () => (callbackRan = true));
const pending = backlog();
void (async () => {
  await pending;
  process.send!({ seen: pending instanceof Promise, callbackRan, after: backlog() === undefined }, () => process.exit(0));
})();
