// Budget rules run once per target model; a finding about one target of several says which.
import type { DocumentStats } from '../../stats';

/** Every target's figures (a prompt with one model: just its own). */
export function perTarget(stats: DocumentStats): DocumentStats[] {
  return stats.targets ?? [stats];
}

/** `[claude-sonnet-4-5] ` before a message about one of several targets; empty for a prompt with one model. */
export function targetLabel(stats: DocumentStats): string {
  return stats.target ? `[${stats.target.id}] ` : '';
}

/** `{target}` for a diagnostic's data, so code actions and JSON output can tell targets apart. */
export function targetData(stats: DocumentStats): { target?: string } {
  return stats.target ? { target: stats.target.id } : {};
}
