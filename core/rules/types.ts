// What a rule is: metadata plus a pure check over a parsed document and its token statistics.
import type { Diagnostic, Fix, Severity, Span } from '../diagnostic';
import type { PromptDocument } from '../document/types';
import type { ResolvedConfig } from '../config/types';
import type { DocumentStats } from '../stats';
import type { CompletionContext } from '../completion';

export interface RuleMeta {
  /** `area/name`, e.g. `budget/context-window`. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** True when at least one of its diagnostics carries a fix. */
  fixable: boolean;
}

/** What a rule hands to `report`: severity and rule id are filled in by the engine. */
export interface Report extends Span {
  message: string;
  uri?: string;
  fixes?: Fix[];
  data?: Record<string, unknown>;
  related?: Diagnostic['related'];
  /**
   * This finding's own default severity (schema/provider-compat: error when the file asks for strict mode).
   * A severity the user configured for the rule still wins.
   */
  severity?: Severity;
}

export interface RuleContext {
  document: PromptDocument;
  config: ResolvedConfig;
  stats: DocumentStats;
  /** Loaded when the prompt declares constraints, a schema or samples; undefined otherwise. */
  completion?: CompletionContext;
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(context: RuleContext): void;
}
