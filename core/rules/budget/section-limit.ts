// budget/section-limit: a section annotated with `promptbound budget: N` must stay within N tokens.
import type { Rule } from '../types';
import { perTarget, targetData, targetLabel } from './targets';
import { formatTokens } from '../format';

export const sectionLimit: Rule = {
  meta: {
    id: 'budget/section-limit',
    description: 'A section has more tokens than its `promptbound budget: N` annotation allows.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ stats: all, report }) {
    for (const stats of perTarget(all)) {
      for (const { section, tokens, approximate } of stats.sections) {
        const budget = section.budget;
        if (!budget || tokens <= budget.tokens) continue;
        const name = section.kind === 'role' ? `Role block "${section.title}"` : `Section "${section.title}"`;
        report({
          ...section.header,
          message: `${targetLabel(stats)}${name} is ${formatTokens(tokens, approximate)} tokens; its budget is ${formatTokens(budget.tokens)} (over by ${formatTokens(tokens - budget.tokens, approximate)}).`,
          data: { ...targetData(stats), tokens, budget: budget.tokens, over: tokens - budget.tokens },
          related: [{ ...budget.span, message: 'section budget' }],
        });
      }
    }
  },
};
