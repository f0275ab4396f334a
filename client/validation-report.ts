// What "validate as completion" shows: a one-line verdict for the message and the per-check lines for the output channel. Pure, unit-tested.
import type { ValidateCompletionResult, WireRange } from '../server/protocol';
import { plural } from './format';

export interface ValidationReport {
  severity: 'info' | 'warning' | 'error';
  /** The notification text. */
  message: string;
  /** The output channel's lines: one per constraint (✓/✗), one per schema problem. */
  lines: string[];
}

/** `source` names what was checked (`Clipboard`, `Selection`); `promptName` the prompt's file name, when known. */
export function validationReport(result: ValidateCompletionResult, source: string, promptName?: string): ValidationReport {
  const against = promptName ?? (result.prompt ? baseName(result.prompt) : 'the prompt');
  const lines = [`${source} checked against ${against}`];
  if (result.problem) {
    lines.push(`  ${result.problem}`);
    return { severity: 'warning', message: `${source}: nothing checked. ${result.problem}`, lines };
  }
  for (const check of result.results) {
    const detail = measuredDetail(check.measured, check.required);
    lines.push(`  ${check.pass ? '✓' : '✗'} ${check.key}: ${check.message}${detail}`);
  }
  if (result.notJson) lines.push(`  ✗ JSON at ${position(result.notJson.range)}: ${result.notJson.message}`);
  for (const problem of result.schema)
    lines.push(`  ✗ schema ${problem.pointer || '/'} at ${position(problem.range)}: ${problem.message}`);

  // Each constraint is one check; each schema problem (or unparsable JSON) one failure more.
  const failed = result.results.filter((r) => !r.pass).length + result.schema.length + (result.notJson ? 1 : 0);
  if (result.pass && failed === 0) {
    const what = result.results.length > 0 ? `all ${plural(result.results.length, 'check')}` : 'the checks';
    return { severity: 'info', message: `${source} passes ${what} of ${against}.`, lines };
  }
  const first = firstFailure(result);
  return {
    severity: 'error',
    message: `${source} fails ${plural(failed, 'check')} of ${against}${first ? `: ${first}` : '.'}`,
    lines,
  };
}

function firstFailure(result: ValidateCompletionResult): string | undefined {
  const check = result.results.find((r) => !r.pass);
  if (check) return `${check.key}: ${check.message}`;
  if (result.notJson) return result.notJson.message;
  const schema = result.schema[0];
  return schema ? `${schema.pointer || '/'}: ${schema.message}` : undefined;
}

function measuredDetail(measured: unknown, required: unknown): string {
  if (measured === undefined && required === undefined) return '';
  const parts = [];
  if (measured !== undefined) parts.push(`measured ${show(measured)}`);
  if (required !== undefined) parts.push(`required ${show(required)}`);
  return ` (${parts.join(', ')})`;
}

function show(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** 1-based line:column inside the checked text. */
function position(range: WireRange): string {
  return `${range.start.line + 1}:${range.start.character + 1}`;
}

function baseName(uri: string): string {
  const clean = uri.replace(/[?#].*$/s, '');
  return decodeURIComponent(clean.slice(clean.lastIndexOf('/') + 1));
}
