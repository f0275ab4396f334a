// A fixed set of worker threads running one kind of job (cli/worker.ts): `check` lints files on every core, `validate`
// checks batches of completions. Results come back as promises; callers keep their own order.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';

export type WorkerInit =
  { kind: 'lint' } | { kind: 'validate'; prompt: string; model?: string; config?: string; cwd: string; color: boolean };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

/** The bundled worker beside dist/cli.js; undefined when running from sources (tests through tsx), where work stays in-process. */
export function workerScript(): string | undefined {
  const bundled = path.join(__dirname, 'cli-worker.js');
  return existsSync(bundled) ? bundled : undefined;
}

export class WorkerPool<Task, Result> {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: Array<{ task: Task; pending: Pending }> = [];
  private readonly running = new Map<Worker, Pending>();
  private failure: Error | undefined;

  constructor(script: string, size: number, init: WorkerInit) {
    // Required here, not imported: loading worker_threads costs every short run that never starts a worker.
    const { Worker } = require('node:worker_threads') as typeof import('node:worker_threads');
    for (let i = 0; i < size; i++) {
      const worker = new Worker(script, { workerData: init });
      worker.on('message', (message: { result?: unknown; error?: string }) => this.settle(worker, message));
      worker.on('error', (error) => this.fail(worker, error));
      worker.on('exit', (code) => {
        if (this.running.has(worker)) this.fail(worker, new Error(`a worker thread exited with code ${code}`));
      });
      this.workers.push(worker);
      this.idle.push(worker);
    }
  }

  run(task: Task): Promise<Result> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise<Result>((resolve, reject) => {
      this.queue.push({ task, pending: { resolve: resolve as (value: unknown) => void, reject } });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private dispatch(): void {
    while (this.idle.length > 0 && this.queue.length > 0) {
      const worker = this.idle.pop()!;
      const { task, pending } = this.queue.shift()!;
      this.running.set(worker, pending);
      worker.postMessage(task);
    }
  }

  private settle(worker: Worker, message: { result?: unknown; error?: string }): void {
    const pending = this.running.get(worker);
    this.running.delete(worker);
    this.idle.push(worker);
    if (message.error !== undefined) pending?.reject(new Error(message.error));
    else pending?.resolve(message.result);
    this.dispatch();
  }

  private fail(worker: Worker, error: Error): void {
    this.failure ??= error;
    const pending = this.running.get(worker);
    this.running.delete(worker);
    pending?.reject(error);
    for (const queued of this.queue.splice(0)) queued.pending.reject(error);
  }
}
