// budget/near-limit: the input side uses at least `warnAt` of what the window leaves after the output reserve.
import type { Rule } from '../types';
import { perTarget, targetData, targetLabel } from './targets';
import { documentAnchor } from '../anchor';
import { formatPercent, formatTokens, reaches } from '../format';
import { windowPhrase } from '../window';

export const nearLimit: Rule = {
  meta: {
    id: 'budget/near-limit',
    description: 'The input budget (context window minus output reserve) is used at or past the `warnAt` fraction.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, stats: all, report }) {
    for (const stats of perTarget(all)) {
      const { context, inputBudget, input, total, warnAt } = stats.budget;
      // Over the window is budget/context-window's error; saying "near" as well would be noise.
      if (!context || inputBudget === undefined || total > context.tokens || inputBudget <= 0) continue;
      if (!reaches(input, warnAt.fraction, inputBudget)) continue;
      const used = input / inputBudget;
      report({
        ...documentAnchor(document, stats),
        message:
          `${targetLabel(stats)}Input uses ${formatPercent(used)} of the input budget: ${formatTokens(input, stats.approximate)} of ` +
          `${formatTokens(inputBudget)} tokens (${windowPhrase(stats)} minus the ${formatTokens(stats.budget.output?.tokens ?? 0)}-token output reserve); ` +
          `warnAt is ${formatPercent(warnAt.fraction)}.`,
        data: { ...targetData(stats), input, inputBudget, used, warnAt: warnAt.fraction },
        related: warnAt.span ? [{ ...warnAt.span, message: 'warnAt' }] : undefined,
      });
    }
  },
};
