// `schema`: the completion's JSON (one surrounding fence allowed) validates against the declared output schema.
import type { ConstraintResult } from '../types';
import type { ConstraintModule } from '../module';
import { isRecord, plural, valueError } from '../module';
import { jsonProblem, unfence } from '../measure/json';

/** The value is only checked for shape here: the engine loads and compiles the schema and hands it over as ctx.schema. */
export const schema: ConstraintModule<true> = {
  key: 'schema',
  parse: (value) =>
    (typeof value === 'string' && value.trim() !== '') || isRecord(value) || typeof value === 'boolean'
      ? true
      : valueError('schema', 'schema: expected a path or an inline JSON Schema'),
  check(_declared, completion, ctx) {
    if (!ctx.schema) return notEvaluated();
    const body = unfence(completion);
    const problem = jsonProblem(body.text);
    if (problem) {
      const at = { offset: body.offset + problem.offset, length: problem.length };
      return fail('does not parse as JSON', `does not parse as JSON (${problem.message}); schema not checked`, [at]);
    }
    const failures = ctx.schema.validate(body.text);
    if (failures.length === 0)
      return {
        key: 'schema',
        pass: true,
        measured: 'valid',
        required: 'valid against the schema',
        message: 'valid against the schema',
        ranges: [],
      };
    const ranges = failures.map((f) => ({ offset: body.offset + f.span.offset, length: f.span.length }));
    const first = failures[0]!;
    const where = first.pointer === '' ? '' : ` at ${first.pointer}`;
    const more = failures.length > 1 ? ` (and ${plural(failures.length - 1, 'more error')})` : '';
    return {
      ...fail(
        plural(failures.length, 'schema error'),
        `${first.message}${where}${more}; valid against the schema required`,
        ranges,
      ),
      data: { failures: failures.map((f) => ({ pointer: f.pointer, keyword: f.keyword, message: f.message })) },
    };
  },
};

function fail(measured: string, message: string, ranges: ConstraintResult['ranges']): ConstraintResult {
  return { key: 'schema', pass: false, measured, required: 'valid against the schema', message, ranges };
}

/** Without a compiled schema there is nothing to validate against; schema/invalid already reports why. */
function notEvaluated(): ConstraintResult {
  return {
    key: 'schema',
    pass: true,
    measured: 'not evaluated',
    required: 'valid against the schema',
    message: 'schema could not be loaded; not evaluated',
    ranges: [],
    data: { evaluated: false },
  };
}
