// The engine every front end calls: parse a prompt, count it, run the rules, apply suppressions and severities.
import type { Diagnostic, Severity } from './diagnostic';
import type { ResolvedConfig } from './config/types';
import type { PromptDocument } from './document/types';
import type { DocumentStats } from './stats';
import type { Rule } from './rules/types';
import type { CounterSource } from './tokens/types';
import type { FileAccess } from './files';
import type { CompletionContext } from './completion';
import { countDocument } from './count-document';
import { RULES } from './rules/registry';
import { applySuppressions } from './suppression';
import { declaresCompletionChecks, loadCompletionContext, scopeOf } from './samples/context';
import type { DocumentSession } from './analysis/session';
import type { Checkpoint } from './tokens/incremental';

/** What the front end hands the engine: its tokenizer pool (and, with completion checks, file access). */
export interface EngineHost {
  /** A TokenizerPool, or an IncrementalCounterPool (the editor) whose counters keep chunk tallies between lints. */
  tokenizers: CounterSource;
  /** Reads schema and sample files; without it completion checks (schema/*, sample/*) do not run. */
  files?: FileAccess;
}

export interface LintInput {
  uri: string;
  text: string;
  config: ResolvedConfig;
  /** False skips sample completions (`--no-samples`); default true. */
  samples?: boolean;
  /** The editor's state for this document across versions: counts and prose scans are redone only where the text changed. */
  session?: DocumentSession;
  /**
   * Awaited between slices of long work (a cold 10 MB prompt), so the front end can answer other requests;
   * it rejects to abandon a lint that a newer version has overtaken.
   */
  checkpoint?: Checkpoint;
  /** Called with the parsed document before counting starts (the editor answers requests from it meanwhile). */
  onParsed?: (document: PromptDocument) => void;
}

export interface LintResult {
  document: PromptDocument;
  stats: DocumentStats;
  /** Sorted by offset; suppressed and `off` rules removed; severities as configured. */
  diagnostics: Diagnostic[];
  /** The loaded output schema and checked samples, when the prompt declares completion checks (editor features reuse them). */
  completion?: CompletionContext;
}

export { countDocument };

export const INTERNAL_ERROR_RULE = 'internal/rule-error';

/** Rules that read the constraints stated in the prompt's prose (core/instructions/stated.ts). */
const PROSE_RULES = new Set(['instructions/undeclared', 'instructions/mismatch']);

export async function lintDocument(input: LintInput, host: EngineHost, rules: readonly Rule[] = RULES): Promise<LintResult> {
  const { document, stats } = await countDocument(input, host);
  const diagnostics: Diagnostic[] = [];
  const completion = await completionContext(document, stats, input, host, diagnostics);
  // The prose scan both instruction rules read, brought up to date with yields before the (synchronous) rules run.
  if (input.session && rules.some((rule) => PROSE_RULES.has(rule.meta.id) && severityOf(rule, input.config) !== undefined)) {
    await input.session.prose.prepare(document, input.checkpoint);
  }
  for (const rule of rules) {
    const severity = severityOf(rule, input.config);
    if (severity === undefined) continue;
    // Between rules, a prompt with a hundred thousand findings lets other requests in.
    if (input.checkpoint) await input.checkpoint();
    runRule(rule, severity, { document, config: input.config, stats, completion }, diagnostics);
  }
  const kept = applySuppressions(document, diagnostics);
  // Equal strings skip localeCompare: nearly every diagnostic is in the prompt itself (no uri).
  kept.sort((a, b) => compareText(a.uri ?? '', b.uri ?? '') || a.offset - b.offset || compareText(a.ruleId, b.ruleId));
  return { document, stats, diagnostics: kept, completion };
}

/** Loaded only when the prompt declares completion checks and the front end can read files. */
async function completionContext(
  document: PromptDocument,
  stats: DocumentStats,
  input: LintInput,
  host: EngineHost,
  out: Diagnostic[],
): Promise<CompletionContext | undefined> {
  if (!host.files || !declaresCompletionChecks(document)) return undefined;
  try {
    return await loadCompletionContext(document, stats, {
      files: host.files,
      tokenizers: host.tokenizers,
      samples: input.samples !== false,
      scope: scopeOf(input.config),
    });
  } catch (error) {
    out.push(
      internalError(`Loading the output schema or samples failed: ${error instanceof Error ? error.message : String(error)}`, {}),
    );
    return undefined;
  }
}

function compareText(a: string, b: string): number {
  return a === b ? 0 : a.localeCompare(b);
}

function severityOf(rule: Rule, config: ResolvedConfig): Severity | undefined {
  const setting = config.rules[rule.meta.id] ?? rule.meta.defaultSeverity;
  return setting === 'off' ? undefined : setting;
}

/** A rule that throws becomes one diagnostic naming it; the other rules still run (docs/design/pitfalls.md P21). */
function runRule(
  rule: Rule,
  severity: Severity,
  context: { document: PromptDocument; config: ResolvedConfig; stats: DocumentStats; completion?: CompletionContext },
  out: Diagnostic[],
): void {
  const found: Diagnostic[] = [];
  // A finding may carry its own default severity; a severity configured for the rule wins over it.
  const configured = context.config.rules[rule.meta.id] !== undefined;
  try {
    rule.check({
      ...context,
      report: ({ severity: own, ...report }) =>
        found.push({ ...report, ruleId: rule.meta.id, severity: own && !configured ? own : severity }),
    });
    out.push(...found);
  } catch (error) {
    out.push(
      internalError(`Rule ${rule.meta.id} failed on this file: ${error instanceof Error ? error.message : String(error)}`, {
        rule: rule.meta.id,
      }),
    );
  }
}

function internalError(message: string, data: Record<string, unknown>): Diagnostic {
  return { ruleId: INTERNAL_ERROR_RULE, severity: 'error', offset: 0, length: 0, message, data };
}
