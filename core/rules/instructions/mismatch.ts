// instructions/mismatch: the prompt's prose states a constraint and the declared value disagrees with it.
import type { Rule } from '../types';
import { statedConstraints } from '../../instructions/stated';
import { disagreement } from '../../instructions/compare';
import { declaredConstraints, valueAt } from '../constraints/located';

export const instructionsMismatch: Rule = {
  meta: {
    id: 'instructions/mismatch',
    description: 'The prompt text states a constraint ("under 100 words") that the declared one contradicts (words: {max: 200}).',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, report }) {
    const declared = declaredConstraints(document);
    if (!declared) return;
    for (const stated of statedConstraints(document)) {
      const value = declared.constraints[stated.key];
      if (value === undefined) continue;
      const differs = disagreement(stated.key, stated.value, value);
      if (differs === undefined) continue;
      const at = valueAt(declared.frontmatter, [stated.key]);
      report({
        ...stated.span,
        message: `The prompt says "${stated.phrase}" but constraints.${stated.key} declares ${differs}; make them agree so samples are checked against what the prompt asks.`,
        data: { key: stated.key, value: stated.value, phrase: stated.phrase, declared: value },
        related: at ? [{ ...at, message: `the declared ${stated.key}` }] : undefined,
      });
    }
  },
};
