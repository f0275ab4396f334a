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
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkCompletion } from '../core/constraints/check';
import type { CheckContext } from '../core/constraints/types';
import { ifbenchConstraints } from '../core/constraints/ifbench/instructions';

interface Input {
  key: string | number;
  prompt: string;
  instruction_id_list: string[];
  kwargs: (Record<string, unknown> | null)[];
}
interface Verdicts {
  prompt: string;
  response: string;
  instruction_id_list: string[];
  follow_instruction_list: boolean[];
}

function readJsonl<T>(file: string): T[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

const args = process.argv.slice(2);
const dir = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--responses');
if (!dir) {
  process.stderr.write(
    'usage: node --import tsx scripts/ifbench-agreement.ts <dir with IFBench data> [--list] [--responses FILE]\n',
  );
  process.exit(2);
}
const list = args.includes('--list');
const responsesName = args.includes('--responses') ? args[args.indexOf('--responses') + 1]! : 'sample_output.jsonl';
const inputList = readJsonl<Input>(path.join(dir, 'IFBench_test.jsonl'));
const inputs = new Map(inputList.map((i) => [i.prompt.trim(), i]));
// Types whose every instruction in the test set has no kwargs: a verdict line whose prompt is no longer in the
// test set (the shipped verdicts predate an edit of one prompt) can still be checked for those.
const withKwargs = new Set(
  inputList.flatMap((i) => i.instruction_id_list.filter((_, n) => Object.values(i.kwargs[n] ?? {}).some((v) => v !== null))),
);
const noKwargs = new Set(inputList.flatMap((i) => i.instruction_id_list).filter((id) => !withKwargs.has(id)));
const responses = new Map(
  readJsonl<{ prompt: string; response: string }>(path.join(dir, responsesName)).map((r) => [r.prompt.trim(), r.response]),
);

const noTokens = {
  encoding: 'o200k_base',
  approximate: true,
  count: () => ({ tokens: 0, approximate: true, estimated: [] }),
} as unknown as CheckContext['counter'];

interface Tally {
  agree: number;
  total: number;
  unmapped: number;
}
const fresh = (): Tally => ({ agree: 0, total: 0, unmapped: 0 });
const perType = new Map<string, { strict: Tally; loose: Tally }>();
const disagreements: string[] = [];
const totals = { strict: fresh(), loose: fresh() };

for (const mode of ['strict', 'loose'] as const) {
  for (const ref of readJsonl<Verdicts>(path.join(dir, `eval_results_${mode}.jsonl`))) {
    const known = inputs.get(ref.prompt.trim());
    const response = responses.get(ref.prompt.trim()) ?? ref.response ?? '';
    const input: Input | undefined =
      known ??
      (ref.instruction_id_list.every((id) => noKwargs.has(id))
        ? { key: '(prompt not in the test set)', prompt: ref.prompt, instruction_id_list: ref.instruction_id_list, kwargs: [] }
        : undefined);
    if (!input) continue;
    ref.instruction_id_list.forEach((id, i) => {
      const kwargs = Object.fromEntries(Object.entries(input.kwargs[i] ?? {}).filter(([, v]) => v !== null));
      const constraints = ifbenchConstraints({ id, kwargs });
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
      const ctx: CheckContext = { compat: 'ifbench', mode, counter: noTokens, promptText: input.prompt };
      const { results } = checkCompletion(response, { compat: 'ifbench', mode, ...constraints }, ctx);
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

const pct = (t: Tally): string => {
  const checked = t.total - t.unmapped;
  return checked === 0
    ? `— (${t.unmapped} not expressible)`
    : `${t.agree}/${checked}${t.unmapped ? ` (+${t.unmapped} not expressible)` : ''}`;
};
process.stdout.write(`strict ${pct(totals.strict)}\nloose  ${pct(totals.loose)}\n\n`);
process.stdout.write('| instruction | strict | loose |\n|---|---|---|\n');
for (const [id, t] of [...perType].sort(([a], [b]) => a.localeCompare(b))) {
  process.stdout.write(`| \`${id}\` | ${pct(t.strict)} | ${pct(t.loose)} |\n`);
}
if (list) process.stdout.write(`\n${disagreements.join('\n')}\n`);
