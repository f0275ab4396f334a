// template/undefined-variable: a variable used in the template that nothing declares has no budgeted fill.
import type { Rule } from '../types';
import type { PromptDocument } from '../../document/types';
import type { DocumentStats } from '../../stats';

/**
 * Whether a prompt that declares no inputs at all still gets "undeclared" warnings. Dotprompt, Prompty and GitHub
 * Models prompts do not (Dotprompt's own linter skips them too); nor does a Copilot prompt file, since Copilot
 * sends `{{…}}` as it is. Other Markdown and plain-text prompts use `{{…}}` as promptbound's own templating.
 */
function expectsDeclarations(document: PromptDocument): boolean {
  if (document.format === 'text') return true;
  return document.format === 'markdown' && !isCopilotPromptFile(document);
}

/** Copilot's own frontmatter keys, or a `${input:…}` variable. */
const COPILOT_KEYS = ['mode', 'agent', 'tools', 'argument-hint', 'description'];

function isCopilotPromptFile(document: PromptDocument): boolean {
  const value = document.frontmatter?.value;
  if (value && COPILOT_KEYS.some((key) => key in value)) return true;
  return document.interop.declaredVariables.some(
    (v) => v.source === 'template' && document.text.startsWith('${input:', v.span.offset - 8),
  );
}

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
    if (document.interop.inputsUnknown || (!declaresInputs(document, stats) && !expectsDeclarations(document))) return;
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
