// budget/prompt-limit: the rendered prompt (text, chat overhead and expected variable fill) must stay under `budget.prompt`.
import type { Rule } from '../types';
import { perTarget, targetData, targetLabel } from './targets';
import { documentAnchor } from '../anchor';
import { formatTokens } from '../format';

export const promptLimit: Rule = {
  meta: {
    id: 'budget/prompt-limit',
    description: 'The rendered prompt has more tokens than `budget.prompt` allows.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, stats: all, report }) {
    for (const stats of perTarget(all)) {
      const { prompt, input } = stats.budget;
      if (!prompt || input <= prompt.tokens) continue;
      const fill =
        stats.variablesTotal > 0
          ? ` (text ${formatTokens(stats.promptTokens + stats.overhead, stats.approximate)} + variables ${formatTokens(stats.variablesTotal)})`
          : '';
      report({
        ...(prompt.span ?? documentAnchor(document, stats)),
        message: `${targetLabel(stats)}Rendered prompt is ${formatTokens(input, stats.approximate)} tokens${fill}; budget.prompt allows ${formatTokens(prompt.tokens)}: over by ${formatTokens(input - prompt.tokens, stats.approximate)}.`,
        data: { ...targetData(stats), input, limit: prompt.tokens, over: input - prompt.tokens },
      });
    }
  },
};
