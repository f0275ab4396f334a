// Agreement of `compat: ifbench` with IFBench's reference verdicts, strict and loose, per instruction type.
//
//   node --import tsx scripts/ifbench-agreement.ts <dir> [--list] [--responses FILE]
//
// <dir> holds IFBench's published files (allenai/IFBench; not copied into this repository):
// IFBench_test.jsonl (prompts and kwargs), sample_output.jsonl (responses; another file with --responses
// NAME) and eval_results_strict.jsonl / eval_results_loose.jsonl (the reference checker's verdicts for
// those responses: IFBench's eval/ directory, or run_eval.py's output for other responses). Every
// instruction is declared as our constraints (core/constraints/ifbench/instructions.ts) under
// `compat: ifbench` and checked; a type no key expresses yet is reported as such. --list prints every
// disagreement.
import { ifbenchConstraints } from '../core/constraints/ifbench/instructions';
import { runAgreement } from './agreement';

runAgreement(
  {
    compat: 'ifbench',
    script: 'scripts/ifbench-agreement.ts',
    inputFile: 'IFBench_test.jsonl',
    responsesFile: 'sample_output.jsonl',
    joinKey: (prompt) => prompt.trim(),
    checkOrphansWithoutKwargs: true,
    constraints: (id, kwargs) =>
      ifbenchConstraints({ id, kwargs: Object.fromEntries(Object.entries(kwargs).filter(([, v]) => v !== null)) }),
  },
  process.argv.slice(2),
);
