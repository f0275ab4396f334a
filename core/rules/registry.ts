// Every rule, listed explicitly (markdownlint's lib/rules.mjs); docs pages are tied to these ids by a test.
import type { Rule } from './types';
import { annotationInvalid } from './annotation/invalid';
import { contextWindow } from './budget/context-window';
import { effectiveContext } from './budget/effective-context';
import { nearLimit } from './budget/near-limit';
import { promptLimit } from './budget/prompt-limit';
import { sectionLimit } from './budget/section-limit';
import { variableFill } from './budget/variable-fill';
import { frontmatterSchema } from './frontmatter/schema';
import { frontmatterSyntax } from './frontmatter/syntax';
import { modelUnknown } from './model/unknown';
import { undefinedVariable } from './template/undefined-variable';
import { unusedVariable } from './template/unused-variable';
import { templateSyntax } from './template/syntax';
import { specialToken } from './tokens/special-token';
import { sampleConstraint } from './sample/constraint';
import { sampleNotJson } from './sample/not-json';
import { sampleSchema } from './sample/schema';
import { constraintsConflict } from './constraints/conflict';
import { constraintsUnsatisfiable } from './constraints/unsatisfiable';
import { instructionsMismatch } from './instructions/mismatch';
import { instructionsUndeclared } from './instructions/undeclared';
import { schemaInvalid } from './schema/invalid';
import { schemaUnresolvedRef } from './schema/unresolved-ref';
import { schemaProviderCompat } from './schema/provider-compat';
import { lostInTheMiddle } from './placement/lost-in-the-middle';

/** Where rule docs are published; each rule's page is `docs/rules/<area>/<name>.md` in the repository. */
export const DOCS_BASE_URL = 'https://github.com/promptbound/promptbound/blob/main/docs/rules/';

export const RULES: readonly Rule[] = [
  frontmatterSyntax,
  frontmatterSchema,
  modelUnknown,
  contextWindow,
  nearLimit,
  promptLimit,
  sectionLimit,
  effectiveContext,
  templateSyntax,
  variableFill,
  undefinedVariable,
  unusedVariable,
  specialToken,
  constraintsConflict,
  constraintsUnsatisfiable,
  schemaInvalid,
  schemaUnresolvedRef,
  schemaProviderCompat,
  sampleSchema,
  sampleConstraint,
  sampleNotJson,
  instructionsUndeclared,
  instructionsMismatch,
  lostInTheMiddle,
  annotationInvalid(() => RULE_IDS),
];

export const RULE_IDS: readonly string[] = RULES.map((rule) => rule.meta.id);

export function ruleDocsUrl(id: string): string {
  return `${DOCS_BASE_URL}${id}.md`;
}

/** Repository-relative path of a rule's docs page. */
export function ruleDocsPath(id: string): string {
  return `docs/rules/${id}.md`;
}

export function findRule(id: string): Rule | undefined {
  return RULES.find((rule) => rule.meta.id === id);
}
