// `npm run bench`: runs each benchmark in turn and prints its table (no top-level await: tsx loads this as CommonJS).
import { runCliBench } from './cli';
import { runEditorBench } from './editor';
import { runScaleBench } from './scale';
import { runStartupBench } from './startup';
import { runTokenBench } from './tokens';
import { runValidateBench } from './validate';

const BENCHES: Array<[name: string, run: () => Promise<void>]> = [
  ['tokens', runTokenBench],
  ['cli', runCliBench],
  ['editor', runEditorBench],
  ['validate', runValidateBench],
  ['startup', runStartupBench],
  ['scale', runScaleBench],
];

async function main(): Promise<void> {
  for (const [name, run] of BENCHES) {
    console.log(`\n== ${name} ==`);
    await run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
