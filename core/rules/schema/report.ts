// Shared by the schema rules: reports the loaded schema's problems of one rule id, in the file each sits in.
import type { RuleContext } from '../types';
import type { SchemaProblem } from '../../schema/types';

export function reportSchemaProblems(context: RuleContext, ruleId: SchemaProblem['ruleId']): void {
  for (const problem of context.completion?.schemaProblems ?? []) {
    if (problem.ruleId !== ruleId) continue;
    context.report({
      ...problem.span,
      message: problem.message,
      ...(problem.uri !== context.document.uri ? { uri: problem.uri } : {}),
      // A warning-level finding (unknown keyword, unknown format) stays a warning under an error-level rule.
      data: { schemaSeverity: problem.severity },
    });
  }
}
