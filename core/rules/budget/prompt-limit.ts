// budget/prompt-limit: the rendered prompt (text, chat overhead and expected variable fill) must stay under `budget.prompt`.
import type { Rule } from '../types';
import { documentAnchor } from '../anchor';
import { formatTokens } from '../format';

export const promptLimit: Rule = {
  meta: {
    id: 'budget/prompt-limit',
    description: 'The rendered prompt has more tokens than `budget.prompt` allows.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, stats, report }) {
    const { prompt, input } = stats.budget;
    if (!prompt || input <= prompt.tokens) return;
    const fill = stats.variablesTotal > 0 ? ` (text ${formatTokens(stats.promptTokens + stats.overhead, stats.approximate)} + variables ${formatTokens(stats.variablesTotal)})` : '';
    report({
      ...(prompt.span ?? documentAnchor(document, stats)),
      message: `Rendered prompt is ${formatTokens(input, stats.approximate)} tokens${fill}; budget.prompt allows ${formatTokens(prompt.tokens)}: over by ${formatTokens(input - prompt.tokens, stats.approximate)}.`,
      data: { input, limit: prompt.tokens, over: input - prompt.tokens },
    });
  },
};
