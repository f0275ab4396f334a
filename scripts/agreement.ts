// The harness behind scripts/ifeval-agreement.ts and scripts/ifbench-agreement.ts: declares each instruction of a
// benchmark's prompts as our constraints, checks the published responses, and compares with the reference checker's
// verdicts (eval_results_strict.jsonl / eval_results_loose.jsonl), strict and loose, per instruction type.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkCompletion } from '../core/constraints/check';
import type { CheckContext } from '../core/constraints/types';

export interface Benchmark {
  compat: 'ifeval' | 'ifbench';
  /** The script, for the usage line. */
  script: string;
  /** The prompts and kwargs, in `<dir>`. */
  inputFile: string;
  /** The responses checked unless `--responses NAME` names another file in `<dir>`. */
  responsesFile: string;
  /** How a prompt's text joins the three files (IFBench's carry stray white space). */
  joinKey(prompt: string): string;
  /** Our constraints for one instruction, or undefined when no key expresses it. */
  constraints(id: string, kwargs: Record<string, unknown>): Record<string, unknown> | undefined;
  /**
   * Check a verdict whose prompt is no longer among the inputs when each of its instruction types takes no kwargs
   * anywhere in the inputs (IFBench's shipped verdicts predate an edit of one prompt).
   */
  checkOrphansWithoutKwargs?: boolean;
}

interface Input {
  key: string | number;
  prompt: string;
  instruction_id_list: string[];
  kwargs: (Record<string, unknown> | null)[];
}

interface Verdicts {
  prompt: string;
  response?: string;
  instruction_id_list: string[];
  follow_instruction_list: boolean[];
}

interface Tally {
  agree: number;
  total: number;
  /** Instructions no key expresses: counted apart, never as agreement or disagreement. */
  unmapped: number;
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

/** Instruction checks count no tokens: a counter that is never asked. */
const noTokens = {
  encoding: 'o200k_base',
  approximate: true,
  count: () => ({ tokens: 0, approximate: true, estimated: [] }),
} as unknown as CheckContext['counter'];

/** Instruction types none of whose instructions in the inputs has a (non-null) kwarg. */
function typesWithoutKwargs(inputs: readonly Input[]): Set<string> {
  const withKwargs = new Set(
    inputs.flatMap((i) => i.instruction_id_list.filter((_, n) => Object.values(i.kwargs[n] ?? {}).some((v) => v !== null))),
  );
  return new Set(inputs.flatMap((i) => i.instruction_id_list).filter((id) => !withKwargs.has(id)));
}

export function runAgreement(benchmark: Benchmark, args: readonly string[]): void {
  const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--responses');
  if (!dir) {
    process.stderr.write(`usage: node --import tsx ${benchmark.script} <dir> [--list] [--responses FILE]\n`);
    process.exit(2);
  }
  const list = args.includes('--list');
  const responsesName = args.includes('--responses') ? args[args.indexOf('--responses') + 1]! : benchmark.responsesFile;
  const key = benchmark.joinKey;
  const inputList = readJsonl<Input>(path.join(dir, benchmark.inputFile));
  const inputs = new Map(inputList.map((i) => [key(i.prompt), i]));
  const noKwargs = typesWithoutKwargs(inputList);
  const inputOf = (ref: Verdicts): Input | undefined =>
    inputs.get(key(ref.prompt)) ??
    (benchmark.checkOrphansWithoutKwargs && ref.instruction_id_list.every((id) => noKwargs.has(id))
      ? { key: '(prompt not in the test set)', prompt: ref.prompt, instruction_id_list: ref.instruction_id_list, kwargs: [] }
      : undefined);
  const responses = new Map(
    readJsonl<{ prompt: string; response: string }>(path.join(dir, responsesName)).map((r) => [key(r.prompt), r.response]),
  );

  const fresh = (): Tally => ({ agree: 0, total: 0, unmapped: 0 });
  const perType = new Map<string, { strict: Tally; loose: Tally }>();
  const disagreements: string[] = [];
  const totals = { strict: fresh(), loose: fresh() };
  const { compat } = benchmark;

  for (const mode of ['strict', 'loose'] as const) {
    for (const ref of readJsonl<Verdicts>(path.join(dir, `eval_results_${mode}.jsonl`))) {
      const input = inputOf(ref);
      const response = responses.get(key(ref.prompt)) ?? ref.response ?? '';
      if (!input) continue;
      ref.instruction_id_list.forEach((id, i) => {
        const constraints = benchmark.constraints(id, input.kwargs[i] ?? {});
        const expected = ref.follow_instruction_list[i]!;
        const tally = perType.get(id) ?? { strict: fresh(), loose: fresh() };
        perType.set(id, tally);
        tally[mode].total++;
        totals[mode].total++;
        if (!constraints) {
          tally[mode].unmapped++;
          totals[mode].unmapped++;
          return;
        }
        const ctx: CheckContext = { compat, mode, counter: noTokens, promptText: input.prompt };
        const { results } = checkCompletion(response, { compat, mode, ...constraints }, ctx);
        const ours = results.length > 0 && results.every((r) => r.pass);
        if (ours === expected) {
          tally[mode].agree++;
          totals[mode].agree++;
        } else {
          const why = results.map((r) => `${r.key}: ${r.message}`).join('; ');
          disagreements.push(`${mode}\tkey ${input.key}\t${id}\treference ${expected}, ours ${ours}\t${why}`);
        }
      });
    }
  }

  const share = (t: Tally, percent: boolean): string => {
    const checked = t.total - t.unmapped;
    if (checked === 0) return `— (${t.unmapped} not expressible)`;
    const rate = percent ? ` (${((100 * t.agree) / checked).toFixed(2)}%)` : '';
    return `${t.agree}/${checked}${rate}${t.unmapped ? ` (+${t.unmapped} not expressible)` : ''}`;
  };
  process.stdout.write(`strict ${share(totals.strict, true)}\nloose  ${share(totals.loose, true)}\n\n`);
  process.stdout.write('| instruction | strict | loose |\n|---|---|---|\n');
  for (const [id, t] of [...perType].sort(([a], [b]) => a.localeCompare(b))) {
    process.stdout.write(`| \`${id}\` | ${share(t.strict, false)} | ${share(t.loose, false)} |\n`);
  }
  if (list) process.stdout.write(`\n${disagreements.join('\n')}\n`);
}
