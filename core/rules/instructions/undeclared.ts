// instructions/undeclared: the prompt's prose states a checkable constraint that `constraints` does not declare.
import type { Frontmatter, PromptDocument } from '../../document/types';
import type { Rule } from '../types';
import { declaredConstraints, expectsJson } from '../../samples/check';
import { statedConstraints } from '../../instructions/stated';
import { declareEdit, yamlScalar } from '../../instructions/declare';
import { COUNT_KEYS } from '../../instructions/detect';

export const instructionsUndeclared: Rule = {
  meta: {
    id: 'instructions/undeclared',
    description:
      'The prompt text states a checkable constraint ("at most 50 words", "respond in JSON") that constraints does not declare.',
    defaultSeverity: 'info',
    fixable: true,
  },
  check({ document, report }) {
    const declared = declaredKeys(document);
    if (!declared) return;
    // An output schema (ours or the format's own) already makes every completion parse as JSON.
    // The format's own JSON output (Dotprompt `output.format: json`, GitHub Models `responseFormat`) says so too,
    // and GitHub Models string evaluators are constraints of their own.
    if (declared.has('schema') || document.interop.schema || expectsJson(document)) declared.add('format');
    for (const key of Object.keys(declaredConstraints(document))) declared.add(key);
    for (const stated of statedConstraints(document)) {
      if (declared.has(stated.key)) continue;
      const edit = declareEdit(document, stated.key, stated.value);
      const shown = yamlScalar(stated.value);
      report({
        ...stated.span,
        message: `The prompt says "${stated.phrase}" but constraints declare no ${what(stated.key)}; declare it so samples and completions are checked.`,
        data: { key: stated.key, value: stated.value, phrase: stated.phrase },
        fixes: edit ? [{ title: `Declare constraints.${stated.key}: ${shown}`, edits: [edit], safe: false }] : undefined,
      });
    }
  },
};

/** The keys under `constraints`; undefined when the YAML is broken or `constraints` is not a mapping (other rules' findings). */
function declaredKeys(document: PromptDocument): Set<string> | undefined {
  const frontmatter: Frontmatter | undefined = document.frontmatter;
  if (!frontmatter) return new Set();
  if (frontmatter.errors.length > 0 || frontmatter.value === undefined) return undefined;
  const constraints = frontmatter.value.constraints;
  if (constraints === undefined || constraints === null) return new Set();
  if (typeof constraints !== 'object' || Array.isArray(constraints)) return undefined;
  return new Set(Object.keys(constraints));
}

function what(key: string): string {
  if (COUNT_KEYS.has(key as never)) return `${key} limit`;
  return `${key} constraint`;
}
