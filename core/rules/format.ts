// How rule messages print token figures: grouped digits, `≈` when the count is an estimate.
import type { DocumentStats } from '../stats';

export function formatTokens(tokens: number, approximate = false): string {
  return `${approximate ? '≈' : ''}${groupThousands(Math.round(tokens))}`;
}

/**
 * `n.toLocaleString('en-US')` for an integer, without Intl: the first `toLocaleString` of a process sets up ICU's
 * number formatting, about 20 ms in one go during a lint (docs/editor-performance.md, "Never blocking").
 */
export function groupThousands(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  const digits = String(Math.abs(n));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return n < 0 ? `-${out}` : out;
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
