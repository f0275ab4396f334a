// template/undefined-variable: a variable used in the template that nothing declares has no budgeted fill.
import type { Rule } from '../types';

export const undefinedVariable: Rule = {
  meta: {
    id: 'template/undefined-variable',
    description: 'A template variable is used but not declared (input schema, `budget.variables`, `inputs`, `testData`).',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, stats, report }) {
    const declared = new Set(document.interop.declaredVariables.map((v) => v.name));
    for (const v of stats.variables) declared.add(v.name);
    for (const use of document.variables) {
      if (declared.has(use.name)) continue;
      report({
        ...use.nameSpan,
        message: `Variable '${use.name}' is not declared; its fill is not part of the token budget. Declare it in budget.variables (expected tokens) or the format's input schema.`,
        data: { variable: use.name },
      });
    }
  },
};
