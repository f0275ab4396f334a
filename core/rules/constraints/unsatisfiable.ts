// constraints/unsatisfiable: a length minimum whose lower-bound token need exceeds the output reserve.
import type { BudgetFigure } from '../../stats';
import type { Rule } from '../types';
import { UNIT_NOUN, unsatisfiableLengths, type UnsatisfiableLength } from '../../constraints-sanity';
import { formatTokens } from '../format';
import { declaredConstraints, valueAt } from './located';

export const constraintsUnsatisfiable: Rule = {
  meta: {
    id: 'constraints/unsatisfiable',
    description:
      'A length constraint needs more tokens than the output reserve allows (measured lower bound per word, sentence, …).',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, stats, report }) {
    const declared = declaredConstraints(document);
    const output = stats.budget.output;
    if (!declared || !output) return;
    for (const found of unsatisfiableLengths(declared.constraints, stats.encoding, output.tokens)) {
      const at = valueAt(declared.frontmatter, found.path);
      if (!at) continue;
      report({
        ...at,
        message: message(found, output),
        data: {
          key: found.key,
          min: found.min,
          needs: found.needs,
          tokensPerUnit: found.perUnit,
          output: output.tokens,
          outputSource: output.source,
          encoding: stats.encoding,
        },
        related: output.span ? [{ ...output.span, message: `output reserve (${output.source})` }] : undefined,
      });
    }
  },
};

/** "words ≥ 500 needs at least ≈555 tokens (1.11 per word), but the output reserve is 256 (budget.output)." */
function message(found: UnsatisfiableLength, output: BudgetFigure): string {
  const need =
    found.key === 'tokens'
      ? `tokens ≥ ${formatTokens(found.min)} needs at least ${formatTokens(found.needs)} tokens`
      : `${found.key} ≥ ${formatTokens(found.min)} needs at least ≈${formatTokens(found.needs)} tokens (${found.perUnit} per ${UNIT_NOUN[found.key]})`;
  return `${need}, but the output reserve is ${formatTokens(output.tokens)} (${sourceName(output.source)}).`;
}

function sourceName(source: string): string {
  if (source === 'config') return 'budget.output in .promptbound.yaml';
  if (source === 'model') return "the model's default output";
  return source;
}
