// `promptbound validate`: checks completions (files, JSON Lines or stdin) against one prompt's constraints and output schema.
//
// JSON report (`--format json`): an array with one entry per completion, in input order:
//   [{ completion: "answer.txt" | "runs.jsonl#3" | "-" | "-#2",   // file, file#line for JSON Lines, - for stdin
//      pass: boolean,
//      results: [{ key, pass, measured, required, message }],     // every declared constraint, passing ones too
//      schema: [{ message, pointer, line, column }],              // schema failures, 1-based line:column in the input
//      notJson?: { message, line, column } }]                     // JSON expected but the completion does not parse
// Exit codes: 0 every completion passes, 1 any fails, 2 usage error (no --prompt, unreadable file, nothing declared).
import path from 'node:path';
import type { ConstraintResult } from '../core/constraints/types';
import type { Span } from '../core/diagnostic';
import type { SampleReport } from '../core/samples/types';
import { countDocument } from '../core/engine';
import { lineColumnAt, lineStarts } from '../core/positions';
import { checkSample, declaredConstraints, expectsJson, failedKeys, type CompletionRequirements } from '../core/samples/check';
import { completionRequirements, scopeOf } from '../core/samples/context';
import { parseSampleFile } from '../core/samples/parse';
import { readTextFile } from '../node/files';
import type { ValidateArgs } from './args';
import { UsageError } from './args';
import { configResolver } from './check';
import { padEnd, palette, useColor, type Palette } from './color';
import { createHost } from './host';
import { readAll, type CliIo } from './io';
import { displayPath } from './paths';

const STDIN = '-';

/** One completion with the text of the input it came from (for line:column). */
interface Checked {
  name: string;
  report: SampleReport;
  inputText: string;
  pass: boolean;
  /** A compiled schema applies (possibly declared outside `constraints`, so no `schema` result reports it). */
  schemaApplies: boolean;
}

interface Input {
  name: string;
  uri: string;
  text: string;
}

export async function runValidate(args: ValidateArgs, io: CliIo): Promise<number> {
  const requirements = await loadPrompt(args, io);
  const inputs = await readInputs(args, io);
  const checked = inputs.flatMap((input) => checkInput(input, args.jsonl, requirements));
  if (checked.length === 0) throw new UsageError('no completions to validate (the input is empty)');
  io.stdout.write(args.format === 'json' ? `${JSON.stringify(checked.map(toJson), null, 2)}\n` : stylish(checked, palette(useColor(io.env, io.isTTY))));
  return checked.every((c) => c.pass) ? 0 : 1;
}

/** Reads the prompt with its folder's config; a prompt that declares nothing to check, or whose schema is broken, is a usage error. */
async function loadPrompt(args: ValidateArgs, io: CliIo): Promise<CompletionRequirements> {
  const file = path.resolve(io.cwd, args.prompt);
  const read = await readTextFile(file);
  if (!read.ok) throw new UsageError(`cannot read the prompt ${args.prompt}: ${read.message}`);
  const config = await configResolver(io, args.model, args.config).configFor(path.dirname(file));
  const host = createHost();
  const { document, stats } = await countDocument({ uri: file, text: read.text, config }, host);
  if (Object.keys(declaredConstraints(document)).length === 0 && !expectsJson(document)) {
    throw new UsageError(`${args.prompt} declares no constraints and no output schema; nothing to validate against`);
  }
  const { requirements, schemaProblems } = await completionRequirements(document, stats, { files: host.files!, tokenizers: host.tokenizers, scope: scopeOf(config) });
  const errors = schemaProblems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const list = errors.map((p) => `  ${displayPath(io.cwd, p.uri)}: ${p.message}`).join('\n');
    throw new UsageError(`the output schema of ${args.prompt} cannot be used:\n${list}`);
  }
  return requirements;
}

async function readInputs(args: ValidateArgs, io: CliIo): Promise<Input[]> {
  const inputs: Input[] = [];
  let stdinRead = false;
  for (const completion of args.completions) {
    if (completion === STDIN) {
      if (stdinRead) throw new UsageError("standard input ('-') can be named only once");
      stdinRead = true;
      inputs.push({ name: STDIN, uri: STDIN, text: stripBom(await readAll(io.stdin)) });
      continue;
    }
    const file = path.resolve(io.cwd, completion);
    const read = await readTextFile(file);
    if (!read.ok) throw new UsageError(`cannot read ${completion}: ${read.message}`);
    inputs.push({ name: displayPath(io.cwd, file), uri: file, text: read.text });
  }
  return inputs;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** A `.jsonl` file (or any input with --jsonl) holds one completion per line; anything else is one completion. */
function checkInput(input: Input, jsonl: boolean, requirements: CompletionRequirements): Checked[] {
  const asJsonl = jsonl || input.uri.toLowerCase().endsWith('.jsonl');
  const parsed = parseSampleFile(input.uri, input.text, { jsonl: asJsonl });
  const checked: Checked[] = parsed.problems.map((problem) => {
    const report: SampleReport = {
      sample: { uri: input.uri, text: '', span: problem.span, verbatim: false, index: lineIndexAt(input.text, problem.span.offset) },
      results: [],
      notJson: problem,
      schemaFailures: [],
    };
    return { name: lineName(input.name, report.sample.index), report, inputText: input.text, pass: false, schemaApplies: false };
  });
  for (const sample of parsed.completions) {
    const report = checkSample(sample, requirements);
    const name = asJsonl ? lineName(input.name, sample.index) : input.name;
    const schemaApplies = requirements.check.schema !== undefined;
    checked.push({ name, report, inputText: input.text, pass: failedKeys(report).length === 0, schemaApplies });
  }
  return checked.sort((a, b) => a.report.sample.span.offset - b.report.sample.span.offset);
}

function lineName(name: string, index: number): string {
  return `${name}#${index + 1}`;
}

function lineIndexAt(text: string, offset: number): number {
  return lineStarts(text).filter((start) => start <= offset).length - 1;
}

function where(text: string, span: Span): { line: number; column: number } {
  return lineColumnAt(lineStarts(text), text, span.offset);
}

function toJson(c: Checked): Record<string, unknown> {
  const { report } = c;
  return {
    completion: c.name,
    pass: c.pass,
    results: report.results.map(({ key, pass, measured, required, message }) => ({ key, pass, measured, required, message })),
    schema: report.schemaFailures.map((f) => ({ message: f.message, pointer: f.pointer, ...where(c.inputText, f.span) })),
    ...(report.notJson ? { notJson: { message: report.notJson.message, ...where(c.inputText, report.notJson.span) } } : {}),
  };
}

/** Per completion: a ✓/✗ header, then one line per constraint ("words  ✗  142 words; at most 120 allowed"), schema failures with line:column. */
function stylish(checked: readonly Checked[], colors: Palette): string {
  const blocks = checked.map((c) => stylishBlock(c, colors));
  const failed = checked.filter((c) => !c.pass).length;
  const n = checked.length;
  const passed = n === 1 ? '1 completion passes' : `all ${n} completions pass`;
  const summary = failed === 0 ? colors.green(passed) : colors.red(`${failed} of ${n} ${n === 1 ? 'completion fails' : 'completions fail'}`);
  return `${blocks.join('\n')}\n${summary}\n`;
}

function stylishBlock(c: Checked, colors: Palette): string {
  const rows = stylishRows(c);
  const width = Math.max(...rows.map((r) => r.key.length), 0);
  const mark = (pass: boolean) => (pass ? colors.green('✓') : colors.red('✗'));
  const lines = rows.map((r) => `  ${padEnd(r.key, width)}  ${mark(r.pass)}  ${r.message}${r.at ? colors.dim(`  ${r.at}`) : ''}`);
  return [`${colors.bold(c.name)}  ${mark(c.pass)}`, ...lines].join('\n') + '\n';
}

interface Row {
  key: string;
  pass: boolean;
  message: string;
  at?: string;
}

function stylishRows(c: Checked): Row[] {
  const { report, inputText } = c;
  const at = (span: Span) => {
    const p = where(inputText, span);
    return `${p.line}:${p.column}`;
  };
  const rows: Row[] = [];
  if (report.notJson) rows.push({ key: 'json', pass: false, message: report.notJson.message, at: at(report.notJson.span) });
  for (const result of report.results) {
    if (report.notJson && !result.pass && (result.key === 'format' || result.key === 'schema')) continue;
    if (result.key === 'schema' && report.schemaFailures.length > 0) continue;
    rows.push(resultRow(result));
  }
  for (const failure of report.schemaFailures) {
    const pointer = failure.pointer === '' ? '' : ` (at ${failure.pointer})`;
    rows.push({ key: 'schema', pass: false, message: `${failure.message}${pointer}`, at: at(failure.span) });
  }
  if (c.schemaApplies && !report.notJson && !rows.some((r) => r.key === 'schema')) rows.push({ key: 'schema', pass: true, message: 'valid against the schema' });
  return rows;
}

function resultRow(result: ConstraintResult): Row {
  return { key: result.key, pass: result.pass, message: result.message };
}
