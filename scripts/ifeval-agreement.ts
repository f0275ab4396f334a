// Agreement of `compat: ifeval` with IFEval's reference verdicts, strict and loose, per instruction type.
//
//   node --import tsx scripts/ifeval-agreement.ts <dir> [--list]
//
// <dir> holds IFEval's published files (not copied into this repository): input_data.jsonl (prompts and
// kwargs), input_response_data_gpt4_20231107_145030.jsonl (responses; another file with --responses
// NAME), eval_results_strict.jsonl and eval_results_loose.jsonl (the reference checker's verdicts for
// those responses). Every instruction is declared as our constraints (core/constraints/ifeval/
// instructions.ts) under `compat: ifeval` and checked; --list prints every disagreement.
import { ifevalConstraints } from '../core/constraints/ifeval/instructions';
import { runAgreement } from './agreement';

runAgreement(
  {
    compat: 'ifeval',
    script: 'scripts/ifeval-agreement.ts',
    inputFile: 'input_data.jsonl',
    responsesFile: 'input_response_data_gpt4_20231107_145030.jsonl',
    joinKey: (prompt) => prompt,
    constraints: (id, kwargs) => ifevalConstraints({ id, kwargs }),
  },
  process.argv.slice(2),
);
