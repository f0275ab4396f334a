// template/undefined-variable: a variable used in the template that nothing declares has no budgeted fill.
import type { Rule } from '../types';
import type { PromptDocument } from '../../document/types';
import type { DocumentStats } from '../../stats';

/** The prompt (input schema, `inputs`, `testData`, `budget.variables`) or the config declares some inputs. */
function declaresInputs(document: PromptDocument, stats: DocumentStats): boolean {
  return stats.variables.length > 0 || document.interop.declaredVariables.some((v) => v.source !== 'template');
}

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
    // Only a prompt that declares its inputs has "undeclared" ones (Dotprompt's own linter agrees). Copilot does not
    // substitute `{{…}}` in a `.prompt.md` at all: there they are variables only where the prompt budgets some.
    if (document.interop.inputsUnknown || !declaresInputs(document, stats)) return;
    for (const use of document.variables) {
      // A partial's names: reported in the partial's own file, where they can be fixed.
      if (declared.has(use.name) || use.partial !== undefined) continue;
      report({
        ...use.nameSpan,
        message: `Variable '${use.name}' is not declared; its fill is not part of the token budget. Declare it in budget.variables (expected tokens) or the format's input schema.`,
        data: { variable: use.name },
      });
    }
  },
};
