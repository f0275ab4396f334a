// budget/variable-fill: a variable's real value (from the prompt's own test inputs) is larger than its declared budget.variables fill.
import type { Rule } from '../types';
import type { DocumentStats, VariableFill } from '../../stats';
import { formatTokens } from '../format';
import { perTarget } from './targets';

export const variableFill: Rule = {
  meta: {
    id: 'budget/variable-fill',
    description:
      "A variable's value in the prompt's own test inputs (testData, sample, input.default) has more tokens than its budget.variables entry.",
    defaultSeverity: 'info',
    fixable: false,
  },
  check({ stats, report }) {
    const targets = perTarget(stats);
    for (const declared of stats.variables) {
      const over: Array<{ stats: DocumentStats; fill: VariableFill }> = [];
      for (const target of targets) {
        const fill = target.fills.find((f) => f.name === declared.name);
        if (fill && fill.tokens > declared.tokens) over.push({ stats: target, fill });
      }
      if (over.length === 0) continue;
      // The largest measurement leads; with several targets each one's figure is listed.
      over.sort((a, b) => b.fill.tokens - a.fill.tokens);
      const { fill } = over[0];
      const measured = over
        .map((o) => `${formatTokens(o.fill.tokens, o.fill.approximate)}${o.stats.target ? ` (${o.stats.target.id})` : ''}`)
        .join(', ');
      const of = fill.values > 1 ? `, the largest of ${fill.values} values` : '';
      const where = declared.span ? 'budget.variables' : 'the config budget.variables';
      report({
        ...fill.span,
        message:
          `'${declared.name}' is ${measured} tokens in ${fill.source}${of}; ${where} expects ${formatTokens(declared.tokens)}. ` +
          'The budget under-counts what this prompt really sends: raise the expected fill.',
        data: {
          variable: declared.name,
          declared: declared.tokens,
          measured: fill.tokens,
          source: fill.source,
          targets: over.map((o) => ({ target: o.stats.target?.id ?? null, measured: o.fill.tokens })),
        },
        related: declared.span ? [{ ...declared.span, message: `budget.variables.${declared.name}` }] : undefined,
      });
    }
  },
};
