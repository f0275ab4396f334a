// How well instructions/undeclared reads constraints stated in prose: precision, recall and F1 per IFEval
// instruction type over IFEval's prompts, against the dataset's own annotation (instruction_id_list, kwargs).
//
//   node --import tsx scripts/ifeval-prose.ts <input_data.jsonl> [--list]
//
// Each prompt is read as a prompt file (statedConstraints: what the rules see). A detection counts as
// right when its key maps to an annotated instruction and its value is the annotated one (counts compared
// as ranges, words case-insensitively); a wrong value is a false positive and a false negative.
// --list prints every miss and every false detection. Prompts from elsewhere (no annotation): pass
// --unlabelled FILE (one prompt per JSON line, field "prompt", or plain text prompts separated by a line
// "=====") to print every detection for a precision review by hand.
import { readFileSync } from 'node:fs';
import { parseDocument } from '../core/document';
import { statedConstraints, type LocatedStatement } from '../core/instructions/stated';
import { ifevalConstraints } from '../core/constraints/ifeval/instructions';
import { isCountError, parseCount } from '../core/constraints/count';

interface Input {
  key: number;
  prompt: string;
  instruction_id_list: string[];
  kwargs: Record<string, unknown>[];
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && args[args.indexOf(a) - 1] !== '--unlabelled');
const unlabelled = args.includes('--unlabelled') ? args[args.indexOf('--unlabelled') + 1] : undefined;
if (!file && !unlabelled) {
  process.stderr.write('usage: node --import tsx scripts/ifeval-prose.ts <input_data.jsonl> [--list] | --unlabelled FILE\n');
  process.exit(2);
}

function stated(prompt: string): LocatedStatement[] {
  return statedConstraints(parseDocument('prompt.md', prompt));
}

/** Our stated key (and value) → the IFEval instruction it declares. */
function instructionOf(s: LocatedStatement, all: LocatedStatement[]): string | undefined {
  switch (s.key) {
    case 'words':
      return 'length_constraints:number_words';
    case 'sentences':
      return 'length_constraints:number_sentences';
    case 'paragraphs':
      return 'length_constraints:number_paragraphs';
    case 'firstWord':
      return 'length_constraints:nth_paragraph_first_word';
    case 'bullets':
      return 'detectable_format:number_bullet_lists';
    case 'highlights':
      return 'detectable_format:number_highlighted_sections';
    case 'sections':
      return 'detectable_format:multiple_sections';
    case 'placeholders':
      return 'detectable_content:number_placeholders';
    case 'postscript':
      return 'detectable_content:postscript';
    case 'title':
      return 'detectable_format:title';
    case 'format':
      return s.value === 'json' ? 'detectable_format:json_format' : undefined;
    case 'pattern':
      return 'detectable_format:constrained_response';
    case 'responses':
      return 'combination:two_responses';
    case 'repeatPrompt':
      return 'combination:repeat_prompt';
    case 'endsWith':
      return 'startend:end_checker';
    case 'wrappedIn':
      return 'startend:quotation';
    case 'capitalWords':
      return 'change_case:capital_word_frequency';
    case 'case':
      return s.value === 'upper' ? 'change_case:english_capital' : 'change_case:english_lowercase';
    case 'noCommas':
      return 'punctuation:no_comma';
    case 'include':
      return 'keywords:existence';
    case 'exclude':
      return 'keywords:forbidden_words';
    case 'frequency':
      return 'keywords:frequency';
    case 'letters':
      return 'keywords:letter_frequency';
    // "in English, and in all capital letters" is one IFEval instruction: the case key stands for it.
    case 'language':
      return s.value === 'en' && all.some((o) => o.key === 'case') ? 'absorbed' : 'language:response_language';
    default:
      return undefined;
  }
}

/**
 * The same range; or, as IFEval has no ranges ("20 to 25 sentences" is annotated "at least 20"), a range
 * the prose states whose bound on IFEval's side is IFEval's bound.
 */
function sameCount(ours: unknown, gold: unknown): boolean {
  const x = parseCount(ours);
  const y = parseCount(gold);
  if (isCountError(x) || isCountError(y)) return false;
  if ((x.min ?? 0) === (y.min ?? 0) && x.max === y.max) return true;
  const bounded = x.min !== undefined && x.max !== undefined && x.min !== x.max;
  if (!bounded) return false;
  return y.max === undefined ? x.min === y.min : (y.min ?? 0) === 0 && x.max === y.max;
}

const norm = (v: unknown): string => String(v).trim().toLowerCase();

/** The count's lower bound, or its only value. */
function minOrExact(v: unknown): number | undefined {
  const r = parseCount(v);
  return isCountError(r) ? undefined : (r.min ?? r.max);
}

function sameValue(id: string, ours: unknown, gold: Record<string, unknown>): boolean {
  const want = ifevalConstraints({ id, kwargs: gold });
  if (!want) return false;
  const key = Object.keys(want)[0]!;
  const expected = want[key];
  switch (key) {
    case 'words':
    case 'sentences':
    case 'bullets':
    case 'capitalWords':
      return sameCount(ours, expected);
    // IFEval checks these three as "at least N" whatever the prompt says ("highlight 3 sections"): the number is compared.
    case 'highlights':
    case 'placeholders':
      return minOrExact(ours) === minOrExact(expected);
    case 'paragraphs': {
      const count = typeof ours === 'object' && ours !== null ? (ours as { count: unknown }).count : ours;
      return sameCount(count, expected);
    }
    case 'include':
    case 'exclude': {
      const a = new Set((ours as string[]).map(norm));
      const b = new Set((expected as string[]).map(norm));
      return a.size === b.size && [...a].every((w) => b.has(w));
    }
    case 'frequency':
    case 'letters': {
      const field = key === 'frequency' ? 'word' : 'letter';
      // Several words in one list ("war at least 8 times, and peace at least 10 times"): IFEval annotates one.
      const [e] = expected as Record<string, unknown>[];
      return (ours as Record<string, unknown>[]).some((o) => norm(o[field]) === norm(e![field]) && sameCount(o.count, e!.count));
    }
    case 'sections': {
      const o = ours as { count: unknown; marker: unknown };
      const e = expected as { count: unknown; marker: unknown };
      return norm(o.marker) === norm(e.marker) && minOrExact(o.count) === minOrExact(e.count);
    }
    case 'firstWord': {
      const o = ours as Record<string, unknown>;
      const e = expected as Record<string, unknown>;
      return o.paragraph === e.paragraph && norm(o.word) === norm(e.word) && sameCount(o.paragraphs, e.paragraphs);
    }
    case 'language':
    case 'postscript':
    case 'endsWith':
      return norm(ours) === norm(expected);
    default:
      return true;
  }
}

if (unlabelled) {
  const text = readFileSync(unlabelled, 'utf8');
  const prompts = text.trimStart().startsWith('{')
    ? text
        .split('\n')
        .filter((l) => l.trim() !== '')
        .map((l) => (JSON.parse(l) as { prompt: string }).prompt)
    : text.split(/^=====$/m);
  let n = 0;
  prompts.forEach((prompt, i) => {
    for (const s of stated(prompt)) {
      n++;
      process.stdout.write(`${i}\t${s.key}\t${JSON.stringify(s.value)}\t${JSON.stringify(s.phrase)}\n`);
    }
  });
  process.stdout.write(`${n} detections in ${prompts.length} prompts\n`);
  process.exit(0);
}

const inputs = readFileSync(file!, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as Input);
const tally = new Map<string, { tp: number; fp: number; fn: number }>();
const bump = (id: string, what: 'tp' | 'fp' | 'fn'): void => {
  const t = tally.get(id) ?? { tp: 0, fp: 0, fn: 0 };
  t[what]++;
  tally.set(id, t);
};
const notes: string[] = [];
for (const input of inputs) {
  const found = stated(input.prompt);
  const predicted = new Map<string, LocatedStatement>();
  for (const s of found) {
    const id = instructionOf(s, found);
    if (id && id !== 'absorbed') predicted.set(id, s);
  }
  // One statement may declare two annotated instructions of one type ("use capitals, but fewer than 10"
  // is IFEval's "at least 1" and "less than 10"): a statement is a false positive only when it matches none.
  const used = new Set<string>();
  input.instruction_id_list.forEach((id, i) => {
    const s = predicted.get(id);
    if (!s) {
      bump(id, 'fn');
      notes.push(`miss\t${input.key}\t${id}\t${JSON.stringify(input.kwargs[i])}`);
      return;
    }
    if (sameValue(id, s.value, input.kwargs[i] ?? {})) {
      bump(id, 'tp');
      used.add(id);
    } else {
      bump(id, 'fn');
      notes.push(
        `value\t${input.key}\t${id}\tgold ${JSON.stringify(input.kwargs[i])} ours ${JSON.stringify(s.value)} from ${JSON.stringify(s.phrase)}`,
      );
    }
  });
  for (const [id, s] of predicted) {
    if (used.has(id)) continue;
    bump(id, 'fp');
    if (!input.instruction_id_list.includes(id))
      notes.push(`false\t${input.key}\t${id}\t${JSON.stringify(s.value)} from ${JSON.stringify(s.phrase)}`);
  }
}

const f1 = (t: { tp: number; fp: number; fn: number }): [number, number, number] => {
  const p = t.tp / Math.max(1, t.tp + t.fp);
  const r = t.tp / Math.max(1, t.tp + t.fn);
  return [p, r, p + r === 0 ? 0 : (2 * p * r) / (p + r)];
};
const total = { tp: 0, fp: 0, fn: 0 };
process.stdout.write('| instruction | TP | FP | FN | precision | recall | F1 |\n|---|---|---|---|---|---|---|\n');
for (const [id, t] of [...tally].sort(([a], [b]) => a.localeCompare(b))) {
  total.tp += t.tp;
  total.fp += t.fp;
  total.fn += t.fn;
  const [p, r, f] = f1(t);
  process.stdout.write(`| \`${id}\` | ${t.tp} | ${t.fp} | ${t.fn} | ${p.toFixed(2)} | ${r.toFixed(2)} | ${f.toFixed(2)} |\n`);
}
const [p, r, f] = f1(total);
process.stdout.write(
  `| **all** | ${total.tp} | ${total.fp} | ${total.fn} | ${p.toFixed(3)} | ${r.toFixed(3)} | ${f.toFixed(3)} |\n`,
);
if (args.includes('--list')) process.stdout.write(`\n${notes.join('\n')}\n`);
