// Large hostile inputs at full size, which the tests run smaller: the counter's long single-piece runs (200 K units to
// 1 MB, and 'a' × 10,000,000) counted exactly, and 1 MB lines of unbalanced template openers parsed in every format.
// Prints the CPU time of each input; exits 1 when a count is wrong or a parse takes longer than its budget.
import { parseDocument } from '../core/document';
import type { EncodingName } from '../core/models/types';
import { FORMAT_URIS, openerRuns } from '../test/document/hostile-inputs';
import { withCpuTime } from '../test/support/cpu-time';
import { longRunInputs, unitRuns } from '../test/tokens/long-run-inputs';
import { ENCODINGS, counterWith, pool, referenceCount } from '../test/tokens/reference';

/** A parse of a 1 MB line over this many CPU ms is a super-linear regression (the slowest needs about 450 ms). */
const PARSE_BUDGET_MS = 3000;

async function longRuns(encoding: EncodingName, failures: string[]): Promise<void> {
  const counter = await pool.counterFor({ encoding });
  const streamed = await counterWith(encoding, { longPieceThreshold: 2, cache: false });
  const expected = [
    ...longRunInputs(1).map(({ name, make }) => ({ name, make, tokens: undefined as number | undefined })),
    // tiktoken counts every recorded run of 'a' whose length is a multiple of 8 as n / 8 tokens.
    { name: "'a' × 10,000,000", make: () => 'a'.repeat(10_000_000), tokens: 1_250_000 },
  ];
  for (const { name, make, tokens } of expected) {
    const text = make();
    const { result: count, ms } = withCpuTime(() => counter.count(text));
    const { result: again, ms: streamedMs } = withCpuTime(() => streamed.count(text));
    const wrong =
      count.approximate || count.estimated.length > 0
        ? 'estimated'
        : again.tokens !== count.tokens
          ? `streamed ${again.tokens} ≠ ${count.tokens}`
          : tokens !== undefined && count.tokens !== tokens
            ? `${count.tokens} ≠ ${tokens}`
            : '';
    if (wrong !== '') failures.push(`${encoding} ${name}: ${wrong}`);
    console.log(
      `  ${encoding}  ${name.padEnd(46)} ${String(count.tokens).padStart(9)} tokens  ${ms.toFixed(0).padStart(6)} ms, streamed ${streamedMs.toFixed(0).padStart(6)} ms${wrong ? `  WRONG: ${wrong}` : ''}`,
    );
  }
  // The linear encoder against js-tiktoken's merging, on 208 runs (the tests check the first 26).
  const linear = await counterWith(encoding, { mergeLimit: 0, cache: false });
  let checked = 0;
  const start = withCpuTime(() => 0).ms;
  for (const text of unitRuns(encoding, 208)) {
    const reference = await referenceCount(encoding, text);
    if (linear.count(text).tokens !== reference)
      failures.push(`${encoding} linear encoder on ${JSON.stringify(text.slice(0, 30))}`);
    checked++;
  }
  console.log(
    `  ${encoding}  linear encoder = js-tiktoken on ${checked} runs of one unit (${(withCpuTime(() => 0).ms - start).toFixed(0)} ms)`,
  );
}

function openerLines(failures: string[]): void {
  for (const text of openerRuns(1_000_000)) {
    const times = Object.entries(FORMAT_URIS).map(([format, uri]) => {
      const { ms } = withCpuTime(() => parseDocument(uri, text));
      if (ms > PARSE_BUDGET_MS) failures.push(`${format}: ${ms.toFixed(0)} ms to parse ${JSON.stringify(text.slice(0, 12))}…`);
      return ms.toFixed(0).padStart(5);
    });
    console.log(`  ${JSON.stringify(text.slice(0, 14)).padEnd(22)} ${times.join(' ')}`);
  }
}

export async function runLargeInputBench(): Promise<void> {
  const failures: string[] = [];
  console.log('Long runs: one piece each, counted by the pool counter and by streaming every piece (CPU ms):');
  for (const encoding of ENCODINGS) await longRuns(encoding, failures);
  console.log(
    `\n1 MB lines of one opener, parse CPU ms per format (${Object.keys(FORMAT_URIS).join(', ')}; budget ${PARSE_BUDGET_MS} ms):`,
  );
  openerLines(failures);
  if (failures.length === 0) console.log('\nEvery large input counted exactly and parsed within its budget.');
  else {
    console.log(`\nLarge inputs that failed:\n  ${failures.join('\n  ')}`);
    process.exitCode = 1;
  }
}
