// annotation/invalid: a `promptbound…` comment we cannot read, or one that names a rule that does not exist.
import type { Rule } from '../types';
import { closestMatches } from '../../did-you-mean';

/** Built by the registry, which knows every rule id (a rule must not reach into the registry itself). */
export function annotationInvalid(knownRuleIds: () => readonly string[]): Rule {
  return {
    meta: {
      id: 'annotation/invalid',
      description: 'A promptbound comment annotation is malformed, misplaced, or names an unknown rule.',
      defaultSeverity: 'warning',
      fixable: true,
    },
    check({ document, report }) {
      const ids = knownRuleIds();
      const areas = new Set(ids.map((id) => id.split('/')[0]));
      const attached = new Set(document.sections.flatMap((s) => (s.budget ? [s.budget.span.offset] : [])));
      for (const annotation of document.annotations) {
        if (annotation.kind === 'invalid') {
          report({ ...annotation.span, message: annotation.message });
        } else if (annotation.kind === 'budget') {
          if (!attached.has(annotation.span.offset)) {
            report({
              ...annotation.span,
              message: `This section budget is not attached to a section: put 'promptbound budget: ${annotation.tokens}' on the line right after a heading or role marker.`,
            });
          }
        } else {
          for (const rule of annotation.rules) {
            if (ids.includes(rule.id) || areas.has(rule.id)) continue;
            const suggestions = closestMatches(rule.id, ids);
            report({
              ...rule.span,
              message: `Unknown rule '${rule.id}' in ${annotation.kind} comment.${suggestions.length ? ` Did you mean '${suggestions[0]}'?` : ''}`,
              data: { rule: rule.id, suggestions },
              fixes: suggestions.map((id) => ({
                title: `Replace with '${id}'`,
                edits: [{ ...rule.span, newText: id }],
                safe: false,
              })),
            });
          }
        }
      }
    },
  };
}
