// One checked completion as `validate --format json` writes it (a JSON line), how the stylish report draws it, and the
// per-constraint summary at the end. Plain data, so worker threads send it, `merge` reads it back, and both print the same.
import { padEnd, type Palette } from './color';
import { groupDigits } from './report';

export interface ValidateResult {
  /** 0-based position of the completion in the whole input (all files, then standard input), across shards. */
  index: number;
  /** `answer.txt`, `runs.jsonl#3` (1-based line), `-`, `-#2`. */
  completion: string;
  pass: boolean;
  results: Array<{ key: string; pass: boolean; measured: unknown; required: string; message: string }>;
  /** Schema failures, 1-based line:column in the input. */
  schema: Array<{ message: string; pointer: string; line: number; column: number }>;
  /** JSON expected (or a JSON Lines line) but it does not parse. */
  notJson?: { message: string; line: number; column: number };
  /** True when an output schema applied (possibly declared outside `constraints`, so no `schema` result names it). */
  schemaChecked: boolean;
}

/**
 * Per completion: a ✓/✗ header, then one line per constraint ("words  ✗  142 words; at most 120 allowed"), schema failures
 * at line:column, then a blank line.
 */
export function stylishBlock(result: ValidateResult, colors: Palette): string {
  const rows = stylishRows(result);
  const width = Math.max(...rows.map((r) => r.key.length), 0);
  const mark = (pass: boolean) => (pass ? colors.green('✓') : colors.red('✗'));
  const lines = rows.map((r) => `  ${padEnd(r.key, width)}  ${mark(r.pass)}  ${r.message}${r.at ? colors.dim(`  ${r.at}`) : ''}`);
  return [`${colors.bold(result.completion)}  ${mark(result.pass)}`, ...lines].join('\n') + '\n\n';
}

interface Row {
  key: string;
  pass: boolean;
  message: string;
  at?: string;
}

function stylishRows(result: ValidateResult): Row[] {
  const rows: Row[] = [];
  const { notJson } = result;
  if (notJson) rows.push({ key: 'json', pass: false, message: notJson.message, at: `${notJson.line}:${notJson.column}` });
  for (const r of result.results) {
    if (notJson && !r.pass && (r.key === 'format' || r.key === 'schema')) continue;
    if (r.key === 'schema' && result.schema.length > 0) continue;
    rows.push({ key: r.key, pass: r.pass, message: r.message });
  }
  for (const failure of result.schema) {
    const pointer = failure.pointer === '' ? '' : ` (at ${failure.pointer})`;
    rows.push({ key: 'schema', pass: false, message: `${failure.message}${pointer}`, at: `${failure.line}:${failure.column}` });
  }
  if (result.schemaChecked && !notJson && !rows.some((r) => r.key === 'schema'))
    rows.push({ key: 'schema', pass: true, message: 'valid against the schema' });
  return rows;
}

/** How many failing completions the summary names per constraint. */
export const WORST_OFFENDERS = 5;
/** The stylish summary names fewer, to stay readable. */
const STYLISH_OFFENDERS = 3;

interface Offender {
  completion: string;
  index: number;
  message: string;
  /** How far outside the allowed range a count is; null when the constraint is not a count. */
  distance: number | null;
}

interface KeyTally {
  key: string;
  passed: number;
  failed: number;
  worst: Offender[];
}

export interface ValidateSummary {
  completions: number;
  passed: number;
  failed: number;
  /** JSON Lines lines that hold no completion (not JSON, no string "response"/"completion"/"output"). */
  unreadable: number;
  constraints: Array<{ key: string; passed: number; failed: number; passRate: number; worst: Offender[] }>;
}

/** Accumulates pass rates per constraint and keeps the worst offenders, in constant memory, in input order. */
export class SummaryTally {
  private completions = 0;
  private passed = 0;
  private unreadable = 0;
  private readonly keys = new Map<string, KeyTally>();

  add(result: ValidateResult): void {
    this.completions++;
    if (result.pass) this.passed++;
    if (result.notJson && result.results.length === 0 && !result.schemaChecked) {
      this.unreadable++; // a JSON Lines line that holds no completion: an input problem, not a constraint's failure
      return;
    }
    const outcomes = result.results.map((r) => ({
      key: r.key,
      pass: r.pass,
      message: r.message,
      distance: distanceOf(r.measured, r.required),
    }));
    if (result.schemaChecked && !outcomes.some((o) => o.key === 'schema')) {
      const pass = result.schema.length === 0 && !result.notJson;
      outcomes.push({ key: 'schema', pass, message: result.schema[0]?.message ?? result.notJson?.message ?? '', distance: null });
    }
    for (const outcome of outcomes) this.count(outcome, result);
  }

  summary(): ValidateSummary {
    return {
      completions: this.completions,
      passed: this.passed,
      failed: this.completions - this.passed,
      unreadable: this.unreadable,
      constraints: [...this.keys.values()].map(({ key, passed, failed, worst }) => ({
        key,
        passed,
        failed,
        passRate: passed + failed === 0 ? 1 : passed / (passed + failed),
        worst,
      })),
    };
  }

  private count(outcome: { key: string; pass: boolean; message: string; distance: number | null }, result: ValidateResult): void {
    let tally = this.keys.get(outcome.key);
    if (!tally) this.keys.set(outcome.key, (tally = { key: outcome.key, passed: 0, failed: 0, worst: [] }));
    if (outcome.pass) {
      tally.passed++;
      return;
    }
    tally.failed++;
    tally.worst.push({
      completion: result.completion,
      index: result.index,
      message: outcome.message,
      distance: outcome.distance,
    });
    tally.worst.sort(compareOffenders);
    if (tally.worst.length > WORST_OFFENDERS) tally.worst.pop();
  }
}

/** Farthest outside its range first; then input order. */
function compareOffenders(a: Offender, b: Offender): number {
  return (b.distance ?? -1) - (a.distance ?? -1) || a.index - b.index;
}

/** For count constraints ("at most 120", "between 3 and 6", "exactly 4", "at least 50"): how far the measured count is outside. */
export function distanceOf(measured: unknown, required: string): number | null {
  if (typeof measured !== 'number') return null;
  const number = (pattern: RegExp) => {
    const match = pattern.exec(required);
    return match ? Number(match[1].replace(/,/g, '')) : undefined;
  };
  const between = /between ([\d,.]+) and ([\d,.]+)/.exec(required);
  const min = between ? Number(between[1].replace(/,/g, '')) : (number(/at least ([\d,.]+)/) ?? number(/exactly ([\d,.]+)/));
  const max = between ? Number(between[2].replace(/,/g, '')) : (number(/at most ([\d,.]+)/) ?? number(/exactly ([\d,.]+)/));
  if (min === undefined && max === undefined) return null;
  if (min !== undefined && measured < min) return min - measured;
  if (max !== undefined && measured > max) return measured - max;
  return 0;
}

export function summaryLine(summary: ValidateSummary): string {
  return `${JSON.stringify({ summary })}\n`;
}

/** The stylish summary: one line per constraint with its pass rate and the worst offenders, then the verdict. */
export function stylishSummary(summary: ValidateSummary, colors: Palette): string {
  const lines: string[] = [];
  if (summary.completions > 1 && summary.constraints.length > 0) {
    const width = Math.max(...summary.constraints.map((c) => c.key.length));
    lines.push(colors.bold('Summary per constraint'));
    for (const c of summary.constraints) {
      const rate = `${(c.passRate * 100).toFixed(1)}% pass (${groupDigits(c.passed)} of ${groupDigits(c.passed + c.failed)})`;
      lines.push(`  ${padEnd(c.key, width)}  ${c.failed === 0 ? colors.green(rate) : colors.red(rate)}`);
      for (const w of c.worst.slice(0, STYLISH_OFFENDERS))
        lines.push(colors.dim(`  ${' '.repeat(width)}  ${w.completion}: ${w.message}`));
    }
    if (summary.unreadable > 0)
      lines.push(
        colors.red(
          `  ${groupDigits(summary.unreadable)} ${summary.unreadable === 1 ? 'line holds' : 'lines hold'} no completion`,
        ),
      );
    lines.push('');
  }
  const n = summary.completions;
  const passed = n === 1 ? '1 completion passes' : `all ${groupDigits(n)} completions pass`;
  const failed = `${groupDigits(summary.failed)} of ${groupDigits(n)} ${n === 1 ? 'completion fails' : 'completions fail'}`;
  lines.push(summary.failed === 0 ? colors.green(passed) : colors.red(failed));
  return `${lines.join('\n')}\n`;
}
