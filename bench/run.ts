// `npm run bench`: runs each benchmark in turn and prints its table (no top-level await: tsx loads this as CommonJS).
import { runCliBench } from './cli';
import { runEditorBench, runOneMegabyte, runPathological, runTenMegabytes } from './editor';
import { runLargeInputBench } from './large-inputs';
import { runScaleBench } from './scale';
import { runStartupBench } from './startup';
import { runTokenBench } from './tokens';
import { runValidateBench } from './validate';

const BENCHES: Array<[name: string, run: () => Promise<void>]> = [
  ['tokens', runTokenBench],
  ['large-inputs', runLargeInputBench],
  ['cli', runCliBench],
  ['editor', runEditorBench],
  ['validate', runValidateBench],
  ['startup', runStartupBench],
  ['scale', runScaleBench],
];

/** Run only when named (`npm run bench -- editor-1mb`): parts of `editor` already. */
const NAMED_ONLY: Array<[name: string, run: () => Promise<void>]> = [
  ['editor-1mb', runOneMegabyte],
  ['editor-10mb', runTenMegabytes],
  ['editor-pathological', runPathological],
];

async function main(): Promise<void> {
  // `npm run bench -- editor validate` runs the named benchmarks only.
  const names = process.argv.slice(2);
  const chosen = names.length === 0 ? BENCHES : [...BENCHES, ...NAMED_ONLY].filter(([name]) => names.includes(name));
  if (names.length > 0 && chosen.length < names.length) throw new Error(`unknown benchmark among: ${names.join(', ')}`);
  for (const [name, run] of chosen) {
    console.log(`\n== ${name} ==`);
    await run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
