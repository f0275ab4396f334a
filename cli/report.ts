// The lint report every formatter renders: per-file messages with 1-based UTF-16 line:column, counts and token stats.
import type { Diagnostic, Fix, Severity } from '../core/diagnostic';
import type { DocumentStats } from '../core/stats';
import { lineColumnAt, lineStarts } from '../core/positions';
import type { Edit, Fix as LibraryFix, PromptStats } from '../lib/index';

/**
 * A text edit with both forms of its range: UTF-16 offsets (for tools) and 1-based line:column (for people). The
 * report's shapes are the library's public ones (lib/index.ts declares them, for dist/index.d.ts).
 */
export type ReportEdit = Edit;

export type ReportFix = LibraryFix;

export interface ReportMessage {
  /** Null for file-level problems (unreadable, binary, too large), which have no rule. */
  ruleId: string | null;
  severity: Severity;
  message: string;
  /** 1-based line and column; columns count UTF-16 code units like editors do. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** True when the file could not be linted at all. */
  fatal?: boolean;
  fixes: ReportFix[];
  /** The target model(s) a finding is about, for prompts with several `targets`. */
  targets?: string[];
}

/** The token figures of one prompt, as printed by `--stats`, `count --json` and `--format json`. */
export type StatsSummary = PromptStats;

export interface FileReport {
  /** Absolute path. */
  path: string;
  messages: ReportMessage[];
  stats?: StatsSummary;
  errorCount: number;
  warningCount: number;
  infoCount: number;
}

export interface Report {
  files: FileReport[];
  /** Paths in human output are relative to this folder. */
  cwd: string;
  /** The repository root (folder holding `.git`, else cwd): SARIF `%SRCROOT%` and GitHub annotation paths. */
  root: string;
  /** `--stats`: stylish prints a table, json includes `stats`. */
  showStats: boolean;
}

export interface Totals {
  errors: number;
  warnings: number;
  infos: number;
  /** Messages with a safe fix (`--fix` would apply it). */
  fixable: number;
}

/** Converts a diagnostic into report form against the text of the file it points into. */
export function toReportMessage(
  diagnostic: Diagnostic,
  text: string,
  starts: readonly number[] = lineStarts(text),
): ReportMessage {
  const start = lineColumnAt(starts, text, diagnostic.offset);
  const end = lineColumnAt(starts, text, diagnostic.offset + diagnostic.length);
  return {
    ruleId: diagnostic.ruleId,
    severity: diagnostic.severity,
    message: diagnostic.message,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    // Safe fixes first (stable otherwise): the JSON report's `fix` is then always the first, so `merge` restores the order.
    fixes: (diagnostic.fixes ?? []).map((fix) => toReportFix(fix, text, starts)).sort((a, b) => Number(b.safe) - Number(a.safe)),
    ...targetsOf(diagnostic),
  };
}

/** `data.target` (budget rules) or `data.targets` (schema/provider-compat, budget/variable-fill), as a list of ids. */
function targetsOf(diagnostic: Diagnostic): { targets?: string[] } {
  const data = diagnostic.data ?? {};
  if (typeof data.target === 'string') return { targets: [data.target] };
  if (Array.isArray(data.targets)) {
    const ids = data.targets
      .map((t: unknown) =>
        typeof t === 'string' ? t : typeof t === 'object' && t !== null ? (t as { target?: unknown }).target : undefined,
      )
      .filter((t): t is string => typeof t === 'string');
    if (ids.length > 0) return { targets: ids };
  }
  return {};
}

function toReportFix(fix: Fix, text: string, starts: readonly number[]): ReportFix {
  return {
    title: fix.title,
    safe: fix.safe === true,
    edits: fix.edits.map((edit) => {
      const start = lineColumnAt(starts, text, edit.offset);
      const end = lineColumnAt(starts, text, edit.offset + edit.length);
      return { ...edit, line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    }),
  };
}

/** A one-line problem for a whole file (could not be read, binary, too large). */
export function fileProblem(message: string): ReportMessage {
  return { ruleId: null, severity: 'error', message, line: 1, column: 1, endLine: 1, endColumn: 1, fatal: true, fixes: [] };
}

/** Stable order within a file: position, then rule id, then message. */
export function compareMessages(a: ReportMessage, b: ReportMessage): number {
  return (
    a.line - b.line || a.column - b.column || (a.ruleId ?? '').localeCompare(b.ruleId ?? '') || a.message.localeCompare(b.message)
  );
}

export function fileReport(path: string, messages: ReportMessage[], stats?: StatsSummary): FileReport {
  messages.sort(compareMessages);
  return {
    path,
    messages,
    stats,
    errorCount: messages.filter((m) => m.severity === 'error').length,
    warningCount: messages.filter((m) => m.severity === 'warning').length,
    infoCount: messages.filter((m) => m.severity === 'info').length,
  };
}

export function totalsOf(files: readonly FileReport[]): Totals {
  const totals: Totals = { errors: 0, warnings: 0, infos: 0, fixable: 0 };
  for (const file of files) {
    totals.errors += file.errorCount;
    totals.warnings += file.warningCount;
    totals.infos += file.infoCount;
    totals.fixable += file.messages.filter((m) => m.fixes.some((f) => f.safe)).length;
  }
  return totals;
}

export function summarizeStats(stats: DocumentStats): StatsSummary {
  const own = summarizeOne(stats);
  return stats.targets ? { ...own, targets: stats.targets.map(summarizeOne) } : own;
}

function summarizeOne(stats: DocumentStats): StatsSummary {
  const { budget } = stats;
  const tokens = stats.promptTokens;
  return {
    model: stats.model.found ? stats.model.model.requested : stats.model.requested,
    resolvedModel: stats.model.found ? stats.model.model.entry.id : null,
    encoding: stats.encoding,
    approximate: stats.approximate,
    tokens,
    overhead: stats.overhead,
    variables: stats.variablesTotal,
    input: budget.input,
    inputBudget: budget.inputBudget ?? null,
    budgetUse: budget.inputBudget !== undefined && budget.inputBudget > 0 ? budget.input / budget.inputBudget : null,
    output: budget.output?.tokens ?? null,
    context: budget.context?.tokens ?? null,
    messages: stats.messages.map((m) => ({ role: m.role, tokens: m.tokens })),
    sections: stats.sections.map((s) => ({ title: s.section.title, tokens: s.tokens })),
    ...(stats.target ? { target: stats.target.id } : {}),
  };
}

/** `1,234` or `≈1,234`: an approximate count is never shown as if it were exact. */
export function formatTokens(tokens: number, approximate: boolean): string {
  return `${approximate ? '≈' : ''}${groupDigits(tokens)}`;
}

/** `128k`, `1M`, `200,000` → compact context sizes for tables. */
export function formatCompact(tokens: number | null): string {
  if (tokens === null) return '-';
  if (tokens >= 1_000_000 && tokens % 1_000_000 === 0) return `${tokens / 1_000_000}M`;
  if (tokens >= 1000 && tokens % 1000 === 0) return `${tokens / 1000}k`;
  return groupDigits(tokens);
}

export function formatPercent(fraction: number | null): string {
  if (fraction === null) return '-';
  const percent = fraction * 100;
  if (percent > 0 && percent < 0.1) return '<0.1%';
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}

/**
 * `1234567` → `1,234,567`, as `toLocaleString('en-US')` writes integers, without loading the engine's
 * locale data (that alone costs `promptbound count` more CPU than counting a prompt).
 */
export function groupDigits(value: number): string {
  if (!Number.isSafeInteger(value)) return value.toLocaleString('en-US');
  return String(value).replace(/\B(?=(\d{3})+$)/g, ',');
}

/** Drops repeated messages (two prompts sharing one broken schema report it once each). */
export function dedupeMessages(messages: ReportMessage[]): ReportMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const key = JSON.stringify([m.ruleId, m.severity, m.line, m.column, m.endLine, m.endColumn, m.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
