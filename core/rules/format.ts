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

/**
 * `value >= fraction × whole` for integer token counts, without float noise: 0.57 × 100 is 56.99999999999999,
 * and 57 tokens must count as reaching 57%, not passing it.
 */
export function reaches(value: number, fraction: number, whole: number): boolean {
  return value >= Math.ceil(fraction * whole - 1e-9);
}

/** `value > fraction × whole` for integer token counts, without float noise (see `reaches`). */
export function exceeds(value: number, fraction: number, whole: number): boolean {
  return value > Math.floor(fraction * whole + 1e-9);
}
