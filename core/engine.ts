// The engine every front end calls: parse a prompt, count it, run the rules, apply suppressions and severities.
import type { Diagnostic, Severity } from './diagnostic';
import type { ResolvedConfig } from './config/types';
import type { PromptDocument } from './document/types';
import type { DocumentStats } from './stats';
import type { Rule } from './rules/types';
import type { TokenizerPool } from './tokens/pool';
import { parseDocument } from './document';
import { computeStats } from './budget';
import { RULES } from './rules/registry';
import { applySuppressions } from './suppression';

/** What the front end hands the engine: its tokenizer pool (and, with completion checks, file access). */
export interface EngineHost {
  tokenizers: TokenizerPool;
}

export interface LintInput {
  uri: string;
  text: string;
  config: ResolvedConfig;
}

export interface LintResult {
  document: PromptDocument;
  stats: DocumentStats;
  /** Sorted by offset; suppressed and `off` rules removed; severities as configured. */
  diagnostics: Diagnostic[];
}

export const INTERNAL_ERROR_RULE = 'internal/rule-error';

/** Parse and count a prompt without running rules (`promptbound count`, the status bar). */
export async function countDocument(input: LintInput, host: EngineHost): Promise<{ document: PromptDocument; stats: DocumentStats }> {
  const document = parseDocument(input.uri, input.text, { stripHtmlComments: input.config.stripHtmlComments });
  const stats = await computeStats(document, input.config, host.tokenizers);
  return { document, stats };
}

export async function lintDocument(input: LintInput, host: EngineHost, rules: readonly Rule[] = RULES): Promise<LintResult> {
  const { document, stats } = await countDocument(input, host);
  const diagnostics: Diagnostic[] = [];
  for (const rule of rules) {
    const severity = severityOf(rule, input.config);
    if (severity === undefined) continue;
    runRule(rule, severity, { document, config: input.config, stats }, diagnostics);
  }
  const kept = applySuppressions(document, diagnostics);
  kept.sort((a, b) => (a.uri ?? '').localeCompare(b.uri ?? '') || a.offset - b.offset || a.ruleId.localeCompare(b.ruleId));
  return { document, stats, diagnostics: kept };
}

function severityOf(rule: Rule, config: ResolvedConfig): Severity | undefined {
  const setting = config.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
  return setting === 'off' ? undefined : setting;
}

/** A rule that throws becomes one diagnostic naming it; the other rules still run (PITFALLS 21). */
function runRule(
  rule: Rule,
  severity: Severity,
  context: { document: PromptDocument; config: ResolvedConfig; stats: DocumentStats },
  out: Diagnostic[],
): void {
  const found: Diagnostic[] = [];
  try {
    rule.check({ ...context, report: (report) => found.push({ ...report, ruleId: rule.meta.id, severity }) });
    out.push(...found);
  } catch (error) {
    out.push({
      ruleId: INTERNAL_ERROR_RULE,
      severity: 'error',
      offset: 0,
      length: 0,
      message: `Rule ${rule.meta.id} failed on this file: ${error instanceof Error ? error.message : String(error)}`,
      data: { rule: rule.meta.id },
    });
  }
}
