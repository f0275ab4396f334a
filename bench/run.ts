// `npm run bench`: runs each benchmark in turn and prints its table (no top-level await: tsx loads this as CommonJS).
// `npm run bench -- editor-1mb` (or any names below) runs only those.
import { runCliBench } from './cli';
import { runEditorBench, runOneMegabyte } from './editor';
import { runScaleBench } from './scale';
import { runTokenBench } from './tokens';
import { runValidateBench } from './validate';

const BENCHES: Array<[name: string, run: () => Promise<void>]> = [
  ['tokens', runTokenBench],
  ['cli', runCliBench],
  ['editor', runEditorBench],
  ['validate', runValidateBench],
  ['scale', runScaleBench],
];

/** Run only when named: the editor's 1 MB prompts alone (part of `editor`). */
const ON_REQUEST: Array<[name: string, run: () => Promise<void>]> = [['editor-1mb', runOneMegabyte]];

async function main(): Promise<void> {
  const names = process.argv.slice(2);
  const unknown = names.filter((n) => ![...BENCHES, ...ON_REQUEST].some(([name]) => name === n));
  if (unknown.length > 0)
    throw new Error(`unknown benchmark ${unknown.join(', ')}: ${[...BENCHES, ...ON_REQUEST].map(([n]) => n).join(', ')}`);
  const chosen = names.length === 0 ? BENCHES : [...BENCHES, ...ON_REQUEST].filter(([name]) => names.includes(name));
  for (const [name, run] of chosen) {
    console.log(`\n== ${name} ==`);
    await run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
