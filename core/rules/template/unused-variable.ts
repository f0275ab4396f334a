// template/unused-variable: a declared variable the template never uses (its budget is counted for nothing).
import type { Rule } from '../types';

export const unusedVariable: Rule = {
  meta: {
    id: 'template/unused-variable',
    description:
      'A variable is declared (input schema, `budget.variables`, `inputs`, `testData`) but never used in the template.',
    defaultSeverity: 'info',
    fixable: false,
  },
  check({ document, report }) {
    // A template that does not parse, or renders a partial that could not be read, cannot be read for all its uses.
    if (document.templateProblems.length > 0 || document.partials.some((p) => !p.resolved)) return;
    const used = new Set([...document.variables.map((v) => v.name), ...(document.interop.readOutsideTemplate ?? [])]);
    const seen = new Set<string>();
    for (const declared of document.interop.declaredVariables) {
      // Loop variables and `{% set %}` names are declared by the template itself.
      if (declared.source === 'template' || used.has(declared.name)) continue;
      // One report per name: `inputs`, `sample` and `budget.variables` often declare the same variable.
      if (seen.has(declared.name)) continue;
      seen.add(declared.name);
      report({
        ...declared.span,
        message: `Variable '${declared.name}' is declared (${declared.source}) but the template never uses it.`,
        data: { variable: declared.name, source: declared.source },
      });
    }
  },
};
