// Agreement of `compat: ifeval` with IFEval's reference verdicts, strict and loose, per instruction type.
//
//   node --import tsx scripts/ifeval-agreement.ts <dir> [--list]
//
// <dir> holds IFEval's published files (not copied into this repository): input_data.jsonl (prompts and
// kwargs), input_response_data_gpt4_20231107_145030.jsonl (responses; another file with --responses
// NAME), eval_results_strict.jsonl and eval_results_loose.jsonl (the reference checker's verdicts for
// those responses). Every instruction is declared as our constraints (core/constraints/ifeval/
// instructions.ts) under `compat: ifeval` and checked; --list prints every disagreement.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkCompletion } from '../core/constraints/check';
import type { CheckContext } from '../core/constraints/types';
import { ifevalConstraints } from '../core/constraints/ifeval/instructions';

interface Input {
  key: number;
  prompt: string;
  instruction_id_list: string[];
  kwargs: Record<string, unknown>[];
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
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  process.stderr.write(
    'usage: node --import tsx scripts/ifeval-agreement.ts <dir with IFEval data> [--list] [--responses FILE]\n',
  );
  process.exit(2);
}
const list = args.includes('--list');
const responsesName = args.includes('--responses')
  ? args[args.indexOf('--responses') + 1]!
  : 'input_response_data_gpt4_20231107_145030.jsonl';
const inputs = new Map(readJsonl<Input>(path.join(dir, 'input_data.jsonl')).map((i) => [i.prompt, i]));
const responses = new Map(
  readJsonl<{ prompt: string; response: string }>(path.join(dir, responsesName)).map((r) => [r.prompt, r.response]),
);

const noTokens = {
  encoding: 'o200k_base',
  approximate: true,
  count: () => ({ tokens: 0, approximate: true, estimated: [] }),
} as unknown as CheckContext['counter'];

interface Tally {
  agree: number;
  total: number;
}
const perType = new Map<string, { strict: Tally; loose: Tally }>();
const disagreements: string[] = [];
const totals = { strict: { agree: 0, total: 0 }, loose: { agree: 0, total: 0 } };

for (const mode of ['strict', 'loose'] as const) {
  for (const ref of readJsonl<Verdicts>(path.join(dir, `eval_results_${mode}.jsonl`))) {
    const input = inputs.get(ref.prompt);
    const response = responses.get(ref.prompt) ?? ref.response;
    if (!input) continue;
    ref.instruction_id_list.forEach((id, i) => {
      const constraints = ifevalConstraints({ id, kwargs: input.kwargs[i] ?? {} });
      const expected = ref.follow_instruction_list[i]!;
      let ours = false;
      let why = 'no mapping';
      if (constraints) {
        const ctx: CheckContext = { compat: 'ifeval', mode, counter: noTokens, promptText: input.prompt };
        const { results } = checkCompletion(response, { compat: 'ifeval', mode, ...constraints }, ctx);
        ours = results.length > 0 && results.every((r) => r.pass);
        why = results.map((r) => `${r.key}: ${r.message}`).join('; ');
      }
      const tally = perType.get(id) ?? { strict: { agree: 0, total: 0 }, loose: { agree: 0, total: 0 } };
      perType.set(id, tally);
      tally[mode].total++;
      totals[mode].total++;
      if (ours === expected) {
        tally[mode].agree++;
        totals[mode].agree++;
      } else {
        disagreements.push(`${mode}\tkey ${input.key}\t${id}\treference ${expected}, ours ${ours}\t${why}`);
      }
    });
  }
}

const pct = (t: Tally): string => `${t.agree}/${t.total} (${((100 * t.agree) / Math.max(1, t.total)).toFixed(2)}%)`;
process.stdout.write(`strict ${pct(totals.strict)}\nloose  ${pct(totals.loose)}\n\n`);
process.stdout.write('| instruction | strict | loose |\n|---|---|---|\n');
for (const [id, t] of [...perType].sort(([a], [b]) => a.localeCompare(b))) {
  process.stdout.write(`| \`${id}\` | ${t.strict.agree}/${t.strict.total} | ${t.loose.agree}/${t.loose.total} |\n`);
}
if (list) process.stdout.write(`\n${disagreements.join('\n')}\n`);
