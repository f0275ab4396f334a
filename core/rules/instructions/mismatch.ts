// instructions/mismatch: the prompt's prose states a constraint and the declared value disagrees with it.
import type { Rule } from '../types';
import { statedConstraints } from '../../instructions/stated';
import { disagreement } from '../../instructions/compare';
import { declaredConstraints, valueAt } from '../constraints/located';
import { yamlScalar } from '../../instructions/declare';
import type { Fix, Span } from '../../diagnostic';
import type { StatedValue } from '../../instructions/detect';

export const instructionsMismatch: Rule = {
  meta: {
    id: 'instructions/mismatch',
    description: 'The prompt text states a constraint ("under 100 words") that the declared one contradicts (words: {max: 200}).',
    defaultSeverity: 'warning',
    fixable: true,
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
        fixes: at && replaceable(value) ? [useStated(stated.key, stated.value, at)] : undefined,
      });
    }
  },
};

/** Only a plain value or a `{min, max}` count is replaced whole; `{text, caseSensitive}` or `{count, separator}` keep options the text does not state. */
function replaceable(declared: unknown): boolean {
  if (typeof declared !== 'object' || declared === null) return true;
  return Object.keys(declared).every((k) => k === 'min' || k === 'max');
}

function useStated(key: string, value: StatedValue, at: Span): Fix {
  const text = yamlScalar(value);
  return { title: `Use the prompt's ${key}: ${text}`, edits: [{ ...at, newText: text }], safe: false };
}
