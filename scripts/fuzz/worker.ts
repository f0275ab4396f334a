// The fuzz worker: runs inputs [start, end) one after another, publishing which input it is on (so the main thread can
// stop it when one runs past the time budget) and what it found.
import { parentPort, workerData } from 'node:worker_threads';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { generateInput } from './generate';
import { runInput } from './run-input';

export interface WorkerData {
  seed: number;
  start: number;
  end: number;
  /** [0]: index of the input being run (-1 before the first and when done); [1..2]: its start time in ms, as two int32 halves. */
  heartbeat: SharedArrayBuffer;
}

export type WorkerMessage =
  | { type: 'finding'; index: number; kind: string; problems: string[] }
  | { type: 'batch'; done: number; slowest: Array<{ index: number; kind: string; ms: number }>; totalMs: number }
  | { type: 'end' };

const { seed, start, end, heartbeat } = workerData as WorkerData;
const beat = new Int32Array(heartbeat);
const pool = new TokenizerPool(nodeRankLoader);
const BATCH = 250;

// A Node warning (printed on a user's stderr, like yaml's "Keys with collection values…") is a finding too.
const warnings: string[] = [];
process.on('warning', (warning) => warnings.push(`process warning: ${warning.name}: ${warning.message}`));

async function main(): Promise<void> {
  // Load the rank tables before the first input's clock starts.
  for (const encoding of ['o200k_base', 'cl100k_base'] as const) (await pool.counterFor({ encoding })).count('warm up');
  let slowest: Array<{ index: number; kind: string; ms: number }> = [];
  let done = 0;
  let totalMs = 0;
  for (let index = start; index < end; index++) {
    const input = generateInput(seed, index);
    const started = Date.now();
    Atomics.store(beat, 1, Math.floor(started / 1e6));
    Atomics.store(beat, 2, started % 1e6);
    Atomics.store(beat, 0, index);
    const outcome = await runInput(input, pool);
    // process.emitWarning delivers on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
    if (warnings.length > 0) outcome.problems.push(...warnings.splice(0));
    const ms = Date.now() - started;
    totalMs += ms;
    done++;
    if (outcome.problems.length > 0)
      parentPort!.postMessage({ type: 'finding', index, kind: input.kind, problems: outcome.problems } satisfies WorkerMessage);
    slowest.push({ index, kind: input.kind, ms });
    if (slowest.length > 40) slowest = slowest.sort((a, b) => b.ms - a.ms).slice(0, 10);
    if (done % BATCH === 0 || index === end - 1) {
      parentPort!.postMessage({
        type: 'batch',
        done,
        slowest: slowest.sort((a, b) => b.ms - a.ms).slice(0, 10),
        totalMs,
      } satisfies WorkerMessage);
      done = 0;
      totalMs = 0;
    }
  }
  Atomics.store(beat, 0, -1);
  parentPort!.postMessage({ type: 'end' } satisfies WorkerMessage);
}

void main();
