// DocumentStatsPayload from a lint result: what the status bar, its tooltip and the token-breakdown chart show.
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintResult } from '../core/engine';
import type { DocumentStats } from '../core/stats';
import type { BudgetState, DocumentStatsPayload, TargetStat } from './protocol';
import { rangeOf } from './convert';

/** The payload of `result`; without `withSections`, `sections` is empty and `sectionsOmitted` says how many. */
export function statsPayload(uri: string, document: TextDocument, result: LintResult, withSections = true): DocumentStatsPayload {
  const { stats } = result;
  const { budget } = stats;
  const payload: DocumentStatsPayload = {
    uri,
    version: document.version,
    model: stats.model.found ? stats.model.model.entry.id : stats.model.requested,
    modelKnown: stats.model.found,
    modelSource: stats.modelSource,
    approximate: stats.approximate,
    encoding: stats.encoding,
    inputTokens: budget.input,
    promptTokens: stats.promptTokens,
    overhead: stats.overhead,
    variablesTotal: stats.variablesTotal,
    variables: stats.variables.map(({ name, tokens }) => ({ name, tokens })),
    warnAt: budget.warnAt.fraction,
    state: budgetState(result),
    sections: (withSections ? stats.sections : []).map(({ section, tokens, approximate }) => ({
      title: section.title,
      kind: section.kind,
      level: section.level,
      tokens,
      approximate,
      ...(section.budget ? { budget: section.budget.tokens } : {}),
      header: rangeOf(document, section.header),
    })),
  };
  if (!withSections) payload.sectionsOmitted = stats.sections.length;
  if (budget.output) payload.outputReserve = budget.output.tokens;
  if (budget.context) payload.context = budget.context.tokens;
  if (budget.inputBudget !== undefined) {
    payload.inputBudget = budget.inputBudget;
    payload.remaining = budget.inputBudget - budget.input;
  }
  if (budget.prompt) payload.promptLimit = budget.prompt.tokens;
  if (stats.targets) payload.targets = stats.targets.map((target) => targetStat(result, target));
  return payload;
}

function targetStat(result: LintResult, stats: DocumentStats): TargetStat {
  const { budget } = stats;
  const stat: TargetStat = {
    model: stats.model.found ? stats.model.model.entry.id : stats.model.requested,
    modelKnown: stats.model.found,
    approximate: stats.approximate,
    inputTokens: budget.input,
    promptTokens: stats.promptTokens,
    state: budgetState(result, stats),
  };
  if (budget.output) stat.outputReserve = budget.output.tokens;
  if (budget.context) stat.context = budget.context.tokens;
  if (budget.inputBudget !== undefined) {
    stat.inputBudget = budget.inputBudget;
    stat.remaining = budget.inputBudget - budget.input;
  }
  return stat;
}

/**
 * The colour follows the budget rules as configured (a rule turned off does not colour the status bar), and
 * the figures themselves when a rule is off but the window is plainly exceeded.
 */
function budgetState(result: LintResult, target?: DocumentStats): BudgetState {
  // One target's state: the budget findings about it (they carry data.target); the document's: all of them.
  const id = target?.target?.id;
  const own = result.diagnostics.filter(
    (d) => d.uri === undefined && d.ruleId.startsWith('budget/') && (id === undefined || d.data?.target === id),
  );
  const { budget } = target ?? result.stats;
  if (own.some((d) => d.severity === 'error') || (budget.inputBudget !== undefined && budget.input > budget.inputBudget))
    return 'error';
  if (own.some((d) => d.severity === 'warning')) return 'warning';
  if (budget.inputBudget !== undefined && budget.input >= budget.warnAt.fraction * budget.inputBudget) return 'warning';
  return 'ok';
}
