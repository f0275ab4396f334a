import { runTokenBench } from '/work/wt/i11/bench/tokens';
runTokenBench().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
