// budget/context-window: prompt + expected variable fill + output reserve must fit the model's window.
import type { Rule } from '../types';
import { perTarget, targetData, targetLabel } from './targets';
import { documentAnchor } from '../anchor';
import { formatTokens } from '../format';
import { windowName } from '../window';

export const contextWindow: Rule = {
  meta: {
    id: 'budget/context-window',
    description: 'The prompt, its expected variable fill and the output reserve together exceed the context window.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, stats: all, report }) {
    for (const stats of perTarget(all)) {
      const { context, output, input, total } = stats.budget;
      if (!context || total <= context.tokens) continue;
      const approx = stats.approximate;
      const parts = [`prompt ${formatTokens(stats.promptTokens + stats.overhead, approx)}`];
      if (stats.variablesTotal > 0) parts.push(`variables ${formatTokens(stats.variablesTotal)}`);
      if (output) parts.push(`output reserve ${formatTokens(output.tokens)}`);
      report({
        ...documentAnchor(document, stats),
        message:
          `${targetLabel(stats)}Needs ${formatTokens(total, approx)} tokens (${parts.join(' + ')}) but ${windowName(stats)} is ` +
          `${formatTokens(context.tokens)}: over by ${formatTokens(total - context.tokens, approx)}.`,
        data: {
          ...targetData(stats),
          total,
          input,
          output: output?.tokens ?? 0,
          context: context.tokens,
          over: total - context.tokens,
        },
        related: output?.span
          ? [{ ...output.span, message: `${targetLabel(stats)}output reserve (${output.source})` }]
          : undefined,
      });
    }
  },
};
