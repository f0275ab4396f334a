// `npm run bench`: runs each benchmark in turn and prints its table (no top-level await: tsx loads this as CommonJS).
import { runCliBench } from './cli';
import { runEditorBench } from './editor';
import { runLargeInputBench } from './large-inputs';
import { runScaleBench } from './scale';
import { runTokenBench } from './tokens';
import { runValidateBench } from './validate';

const BENCHES: Array<[name: string, run: () => Promise<void>]> = [
  ['tokens', runTokenBench],
  ['large inputs', runLargeInputBench],
  ['cli', runCliBench],
  ['editor', runEditorBench],
  ['validate', runValidateBench],
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
