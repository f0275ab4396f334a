// Entry of dist/cli-worker.js, a worker thread of cli/pool.ts: lints files for `check` or checks completion batches for
// `validate`, one message at a time, answering {result} or {error}.
import { parentPort, workerData } from 'node:worker_threads';
import type { CompletionRequirements } from '../core/samples/check';
import type { WorkerInit } from './pool';
import { createHost } from './host';
import { lintFile, type LintTask } from './lint-file';
import { checkBatch, loadPrompt, type ValidateBatch } from './validate';

const init = workerData as WorkerInit;
const port = parentPort!;

function serve<T>(handle: (task: T) => Promise<unknown>): void {
  port.on('message', (task: T) => {
    handle(task).then(
      (result) => port.postMessage({ result }),
      (error: unknown) => port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
    );
  });
}

if (init.kind === 'lint') {
  const host = createHost();
  serve<LintTask>((task) => lintFile(task, host));
} else {
  const silent = { write: () => true };
  const loading: Promise<CompletionRequirements> = loadPrompt(init, { cwd: init.cwd, stderr: silent });
  serve<ValidateBatch>(async (batch) => checkBatch(await loading, batch));
}
