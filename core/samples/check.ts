// Checks sample completions against a prompt's constraints and output schema; every location is in the sample's own file.
import { evaluatorConstraints, expectedAnswers } from '../document/github-models';
import type { Span } from '../diagnostic';
import type { FileAccess, ReadScope } from '../files';
import { readScoped } from '../files';
import type { PromptDocument } from '../document/types';
import type { CheckContext, ConstraintResult } from '../constraints/types';
import type { SchemaFailure } from '../schema/types';
import type { SampleCompletion, SampleReport } from './types';
import { checkCompletion } from '../constraints/check';
import { jsonProblem, unfence } from '../constraints/measure/json';
import { discoverSamples } from './discover';
import { isRecord } from '../plain-data';
import { MAX_SAMPLES_PER_PROMPT, parseSampleFile } from './parse';

/** What checking a completion needs besides its text. */
export interface CompletionRequirements {
  /** The frontmatter `constraints` mapping (empty when none). */
  constraints: Record<string, unknown>;
  /** Tokenizer, prompt text and compiled schema (when one compiles). */
  check: CheckContext;
  /** True when the completion must be JSON: `format: json`, the host format's JSON output, or a declared schema. */
  expectJson: boolean;
}

/** The `constraints` value when it is a mapping, else an empty one (frontmatter/schema reports a bad value). */
export function declaredConstraints(document: PromptDocument): Record<string, unknown> {
  const value = document.frontmatter?.value?.constraints;
  const ours = isRecord(value) ? value : {};
  if (document.format !== 'github-models') return ours;
  // `gh models eval` string evaluators check the completion too; our own keys win where both say something.
  const evaluators = evaluatorConstraints(document.frontmatter);
  if (Object.keys(evaluators).length === 0) return ours;
  const merged = { ...evaluators, ...ours };
  if (Array.isArray(evaluators.include) && Array.isArray(ours.include)) merged.include = [...ours.include, ...evaluators.include];
  return merged;
}

/** `format: json` in our constraints, Dotprompt's `output.format: json`, GitHub Models' JSON response formats, or any schema. */
export function expectsJson(document: PromptDocument): boolean {
  const value = document.frontmatter?.value;
  if (document.interop.schema) return true;
  if (declaredConstraints(document).format === 'json') return true;
  const output = value?.output;
  if (typeof output === 'object' && output !== null && (output as Record<string, unknown>).format === 'json') return true;
  return value?.responseFormat === 'json_object' || value?.responseFormat === 'json_schema';
}

/** Discovers, reads and checks every sample of a prompt (at most MAX_SAMPLES_PER_PROMPT completions). */
export async function checkSamples(
  document: PromptDocument,
  files: FileAccess,
  requirements: CompletionRequirements,
  scope?: ReadScope,
): Promise<SampleReport[]> {
  const reports: SampleReport[] = [];
  // GitHub Models: each test row's `expected` answer is what a good completion looks like; it must pass too.
  if (document.format === 'github-models' && Object.keys(requirements.constraints).length > 0) {
    const asText = { ...requirements, expectJson: false };
    for (const answer of expectedAnswers(document.text, document.frontmatter))
      reports.push(checkSample({ uri: document.uri, ...answer }, asText));
  }
  for (const uri of await discoverSamples(document, files)) {
    if (reports.length >= MAX_SAMPLES_PER_PROMPT) break;
    const read = await readScoped(files, uri, scope);
    if (!read.ok) {
      reports.push(unreadable(uri, unreadableMessage(read.reason, read.message), { offset: 0, length: 0 }));
      continue;
    }
    const parsed = parseSampleFile(uri, read.text);
    for (const problem of parsed.problems) reports.push(unreadable(uri, problem.message, problem.span));
    for (const sample of parsed.completions) {
      if (reports.length >= MAX_SAMPLES_PER_PROMPT) break;
      reports.push(checkSample(sample, requirements));
    }
  }
  return reports;
}

function unreadableMessage(reason: string, message: string): string {
  if (reason === 'denied') return 'sample file cannot be read: permission denied';
  if (reason === 'outside-root') return `sample file ${message}`;
  if (reason === 'missing') return 'sample file cannot be read as UTF-8 text';
  return `sample file cannot be read (${message})`;
}

/** A sample file (or `.jsonl` line) that holds no readable completion: reported like a completion that is not JSON. */
function unreadable(uri: string, message: string, span: Span): SampleReport {
  const sample: SampleCompletion = { uri, text: '', span, verbatim: false, index: 0 };
  return { sample, results: [], notJson: { message, span }, schemaFailures: [] };
}

/** Checks one completion; results' ranges, the parse error and schema failures are mapped into the sample's file. */
export function checkSample(sample: SampleCompletion, requirements: CompletionRequirements): SampleReport {
  const { results } = checkCompletion(sample.text, requirements.constraints, requirements.check);
  const report: SampleReport = {
    sample,
    results: results.map((r) => ({ ...r, ranges: r.ranges.map((s) => inFile(sample, s)) })),
    schemaFailures: [],
  };
  if (!requirements.expectJson) return report;
  const body = unfence(sample.text);
  const problem = jsonProblem(body.text);
  if (problem) {
    const at = inFile(sample, { offset: body.offset + problem.offset, length: problem.length });
    report.notJson = { message: `does not parse as JSON (${problem.message})`, span: at };
    return report;
  }
  const failures = requirements.check.schema?.validate(body.text) ?? [];
  report.schemaFailures = failures.map((f) => locateFailure(sample, body.offset, f));
  return report;
}

function locateFailure(sample: SampleCompletion, bodyOffset: number, failure: SchemaFailure): SchemaFailure {
  return { ...failure, span: inFile(sample, { offset: bodyOffset + failure.span.offset, length: failure.span.length }) };
}

/** A span in the completion text as a span in its file; a decoded `.jsonl` value maps to the whole value. */
export function inFile(sample: SampleCompletion, span: Span): Span {
  if (!sample.verbatim) return sample.span;
  return { offset: sample.span.offset + span.offset, length: span.length };
}

/** The keys a report fails, for summaries: constraint keys, `schema`, `not JSON` (format/schema results are covered by the last two). */
export function failedKeys(report: SampleReport): string[] {
  const keys = report.results.filter((r) => !r.pass && !coveredByJsonChecks(r, report)).map((r) => r.key);
  if (report.notJson) keys.push('not JSON');
  if (report.schemaFailures.length > 0) keys.push('schema');
  return [...new Set(keys)];
}

/** `schema` results and a failing `format: json` are reported by sample/schema and sample/not-json, not as constraints. */
export function coveredByJsonChecks(result: ConstraintResult, report: SampleReport): boolean {
  if (result.key === 'schema') return true;
  return result.key === 'format' && report.notJson !== undefined;
}
