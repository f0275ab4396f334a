// Agreement of `compat: ifbench` with IFBench's reference checker on responses of our own, per instruction type.
//
//   python3 scripts/ifbench-reference.py <IFBench checkout> < cases.jsonl > verdicts.jsonl
//   node --import tsx scripts/ifbench-cases.ts verdicts.jsonl [--list]
//
// Each line of verdicts.jsonl is a case ({id, kwargs, response, prompt?}) with the reference's "strict" and
// "loose" verdicts, as scripts/ifbench-reference.py writes them (test/fixtures/ifbench/cases.jsonl is such a
// file: the responses written for the test suite). Lines the reference could not run ("error") are counted
// apart. --list prints every disagreement.
import { readFileSync } from 'node:fs';
import { checkCompletion } from '../core/constraints/check';
import type { CheckContext } from '../core/constraints/types';
import { ifbenchConstraints } from '../core/constraints/ifbench/instructions';

interface Case {
  id: string;
  kwargs: Record<string, unknown> | null;
  response: string;
  prompt?: string;
  strict: boolean | null;
  loose?: boolean | null;
  error?: string | null;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
if (!file) {
  process.stderr.write('usage: node --import tsx scripts/ifbench-cases.ts <verdicts.jsonl> [--list]\n');
  process.exit(2);
}
const list = args.includes('--list');
const cases = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Case);

const noTokens = {
  encoding: 'o200k_base',
  approximate: true,
  count: () => ({ tokens: 0, approximate: true, estimated: [] }),
} as unknown as CheckContext['counter'];

/** Our verdict for one case, or undefined when no key expresses its type. */
export function ours(c: Case, mode: 'strict' | 'loose'): boolean | undefined {
  const kwargs = Object.fromEntries(Object.entries(c.kwargs ?? {}).filter(([, v]) => v !== null));
  const constraints = ifbenchConstraints({ id: c.id, kwargs });
  if (!constraints) return undefined;
  const ctx: CheckContext = { compat: 'ifbench', mode, counter: noTokens, promptText: c.prompt ?? '' };
  const { results } = checkCompletion(c.response, { compat: 'ifbench', mode, ...constraints }, ctx);
  return results.length > 0 && results.every((r) => r.pass);
}

interface Tally {
  agree: number;
  total: number;
  pass: number;
}
const perType = new Map<string, Record<'strict' | 'loose', Tally>>();
const disagreements: string[] = [];
let unrun = 0;
let unmapped = 0;
for (const c of cases) {
  if (c.strict === null || c.strict === undefined) {
    unrun++;
    continue;
  }
  for (const mode of ['strict', 'loose'] as const) {
    const expected = mode === 'strict' ? c.strict : c.loose;
    if (expected === null || expected === undefined) continue;
    const got = ours(c, mode);
    if (got === undefined) {
      if (mode === 'strict') unmapped++;
      continue;
    }
    const t = perType.get(c.id) ?? { strict: { agree: 0, total: 0, pass: 0 }, loose: { agree: 0, total: 0, pass: 0 } };
    perType.set(c.id, t);
    t[mode].total++;
    if (expected) t[mode].pass++;
    if (got === expected) t[mode].agree++;
    else disagreements.push(`${mode}\t${c.id}\treference ${expected}, ours ${got}\t${JSON.stringify(c.response).slice(0, 120)}`);
  }
}

const sum = (mode: 'strict' | 'loose'): string => {
  const all = [...perType.values()].map((t) => t[mode]);
  return `${all.reduce((n, t) => n + t.agree, 0)}/${all.reduce((n, t) => n + t.total, 0)}`;
};
process.stdout.write(`strict ${sum('strict')}\nloose  ${sum('loose')}\n`);
if (unrun) process.stdout.write(`${unrun} cases the reference could not run here\n`);
if (unmapped) process.stdout.write(`${unmapped} cases of types no key expresses\n`);
process.stdout.write('\n| instruction | strict | loose | reference passes (strict) |\n|---|---|---|---|\n');
for (const [id, t] of [...perType].sort(([a], [b]) => a.localeCompare(b))) {
  process.stdout.write(
    `| \`${id}\` | ${t.strict.agree}/${t.strict.total} | ${t.loose.agree}/${t.loose.total} | ${t.strict.pass} |\n`,
  );
}
if (list) process.stdout.write(`\n${disagreements.join('\n')}\n`);
