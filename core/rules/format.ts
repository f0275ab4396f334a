// How rule messages print token figures: grouped digits, `≈` when the count is an estimate.
import type { DocumentStats } from '../stats';

export function formatTokens(tokens: number, approximate = false): string {
  return `${approximate ? '≈' : ''}${Math.round(tokens).toLocaleString('en-US')}`;
}

export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}

/** "gpt-4o" or the requested id when the table does not know it. */
export function modelName(stats: DocumentStats): string {
  return stats.model.found ? stats.model.model.entry.id : stats.model.requested;
}
