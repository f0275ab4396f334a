// Turns ajv's raw errors into fewer, readable ones: RFC 6901 pointers decoded, `oneOf`/`anyOf` floods collapsed to the closest branch, messages in plain words.
import type { ErrorObject } from 'ajv';
import { decodePointer, encodePointerSegment, isRecord } from '../plain-data';

export { decodePointer, encodePointerSegment };

const UNIONS = new Set(['oneOf', 'anyOf']);

/**
 * Keeps, for each failed `oneOf`/`anyOf`, only the errors of its closest branch and drops the union's own
 * "must match a schema in anyOf". Closest: a branch whose type fits the value, then the fewest errors, then
 * the first. A `oneOf` that failed because several branches matched has no branch errors and is kept.
 *
 * ajv reports a union's branch errors as the run of errors just before the union's own error, in branch
 * order; errors reached through a `$ref` carry the referenced schema's path, so a branch is recognised by
 * its path under the union or by its `$ref`, and an error recognised by neither belongs to the branch before it.
 */
export function collapseUnions(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  for (let u = kept.length - 1; u >= 0; u--) {
    const union = kept[u];
    if (!union || !UNIONS.has(union.keyword)) continue;
    const start = branchRunStart(kept, u);
    if (start === u) continue;
    const branches = splitBranches(kept.slice(start, u), union);
    const closest = [...branches.values()].reduce((best, b) => (rank(b, union) < rank(best, union) ? b : best));
    kept = [...kept.slice(0, start), ...closest, ...kept.slice(u + 1)];
    u = start + closest.length;
  }
  return dropIfWrappers(kept);
}

/** Index of the first error of the run before `kept[u]` that belongs to the union's branches. */
function branchRunStart(kept: readonly ErrorObject[], u: number): number {
  const union = kept[u];
  const parent = union.schemaPath.slice(0, union.schemaPath.lastIndexOf('/'));
  let start = u;
  while (start > 0) {
    const e = kept[start - 1];
    const sibling = e.schemaPath.startsWith(`${parent}/`) && !e.schemaPath.startsWith(`${union.schemaPath}/`);
    if (sibling || !startsWithPointer(e.instancePath, union.instancePath)) break;
    start--;
  }
  return start;
}

function splitBranches(run: readonly ErrorObject[], union: ErrorObject): Map<number, ErrorObject[]> {
  const refs = Array.isArray(union.schema)
    ? union.schema.map((b: unknown) => (isRecord(b) && typeof b.$ref === 'string' ? b.$ref : undefined))
    : [];
  const branches = new Map<number, ErrorObject[]>();
  let current = 0;
  for (const e of run) {
    current = branchOf(e, union, refs) ?? current;
    branches.set(current, [...(branches.get(current) ?? []), e]);
  }
  return branches;
}

function branchOf(e: ErrorObject, union: ErrorObject, refs: ReadonlyArray<string | undefined>): number | undefined {
  const prefix = `${union.schemaPath}/`;
  if (e.schemaPath.startsWith(prefix)) return Number(e.schemaPath.slice(prefix.length).split('/')[0]);
  const index = refs.findIndex(
    (ref) => ref !== undefined && ref.startsWith('#') && (e.schemaPath === ref || e.schemaPath.startsWith(`${ref}/`)),
  );
  return index === -1 ? undefined : index;
}

/** Lower is closer: a branch rejecting the value's very type ranks after one that only finds details wrong. */
function rank(branch: readonly ErrorObject[], union: ErrorObject): number {
  const typeMismatch = branch.some(
    (e) => e.instancePath === union.instancePath && (e.keyword === 'type' || e.keyword === 'const' || e.keyword === 'enum'),
  );
  return (typeMismatch ? 1_000_000 : 0) + branch.length;
}

/** `if`/`then` failures come with the inner errors; the "must match then schema" wrapper adds nothing. */
function dropIfWrappers(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter(
    (e) => e.keyword !== 'if' || !errors.some((o) => o !== e && o.schemaPath.startsWith(e.schemaPath.replace(/\/if$/, '/'))),
  );
}

function startsWithPointer(pointer: string, prefix: string): boolean {
  return pointer === prefix || pointer.startsWith(`${prefix}/`);
}

/** The failing thing as the message names it: `"status"` for a property, `item 2` in a list, `the value` at the top. */
export function subjectOf(segments: readonly string[], parentIsArray: boolean): string {
  if (segments.length === 0) return 'the value';
  const last = segments[segments.length - 1];
  return parentIsArray ? `item ${last}` : `"${last}"`;
}

/** A short rendering of a JSON value for messages. */
export function show(value: unknown, max = 40): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The message for one ajv error, about `subject` (see `subjectOf`). */
export function describeError(error: ErrorObject, subject: string): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
    case 'dependencies':
    case 'dependentRequired':
      return `missing required property "${String(params.missingProperty)}"`;
    case 'additionalProperties':
      return `property "${String(params.additionalProperty)}" is not allowed`;
    case 'unevaluatedProperties':
      return `property "${String(params.unevaluatedProperty)}" is not allowed`;
    case 'enum':
      return `${subject} must be one of ${listValues(params.allowedValues)}; got ${show(error.data)}`;
    case 'const':
      return `${subject} must be ${show(params.allowedValue)}; got ${show(error.data)}`;
    case 'type':
      return `${subject} must be ${String(params.type).split(',').join(' or ')}; got ${jsonTypeOf(error.data)} ${show(error.data, 24)}`;
    case 'propertyNames':
      return `property name "${String(params.propertyName)}" is invalid`;
    case 'false schema':
      return `${subject} is not allowed`;
    default:
      return `${subject} ${error.message ?? 'is invalid'}`;
  }
}

function listValues(values: unknown): string {
  if (!Array.isArray(values)) return show(values);
  const shown = values.slice(0, 10).map((v) => show(v, 30));
  return values.length > 10 ? `${shown.join(', ')}, … (${values.length} values)` : shown.join(', ');
}
