// budget/effective-context: models use long contexts less well; say when the input passes `budget.effective` of the window.
import type { Rule } from '../types';
import { perTarget, targetData, targetLabel } from './targets';
import { documentAnchor } from '../anchor';
import { exceeds, formatPercent, formatTokens } from '../format';
import { windowPhrase } from '../window';

export const effectiveContext: Rule = {
  meta: {
    id: 'budget/effective-context',
    description: 'The input uses more of the context window than the declared effective fraction (`budget.effective`).',
    defaultSeverity: 'info',
    fixable: false,
  },
  check({ document, stats: all, report }) {
    for (const stats of perTarget(all)) {
      const { context, effective, input, total } = stats.budget;
      if (!context || !effective || total > context.tokens) continue;
      if (!exceeds(input, effective.fraction, context.tokens)) continue;
      const limit = Math.floor(effective.fraction * context.tokens + 1e-9);
      report({
        ...(effective.span ?? documentAnchor(document, stats)),
        message:
          `${targetLabel(stats)}Input is ${formatTokens(input, stats.approximate)} tokens, ${formatPercent(input / context.tokens)} of ${windowPhrase(stats)}; ` +
          `past the effective limit of ${formatPercent(effective.fraction)} (${formatTokens(limit)}).`,
        data: { ...targetData(stats), input, context: context.tokens, effective: effective.fraction },
      });
    }
  },
};
