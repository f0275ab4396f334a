// Turns ajv's raw errors into fewer, readable ones: RFC 6901 pointers decoded, `oneOf`/`anyOf` floods collapsed to the closest branch, messages in plain words.
import type { ErrorObject } from 'ajv';

/** `/a~1b/c~0d` → `["a/b", "c~d"]` (RFC 6901: `~1` is `/`, `~0` is `~`, in that order). */
export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function encodePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

const UNIONS = new Set(['oneOf', 'anyOf']);

/**
 * Keeps, for each failed `oneOf`/`anyOf`, only the errors of its closest branch (fewest errors; the first
 * on a tie) and drops the union's own "must match a schema in anyOf". A `oneOf` that failed because several
 * branches matched has no branch errors and is kept. Outer unions are collapsed first.
 */
export function collapseUnions(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  const unions = kept.filter((e) => UNIONS.has(e.keyword)).sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  for (const union of unions) {
    if (!kept.includes(union)) continue;
    const prefix = `${union.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of kept) {
      if (!e.schemaPath.startsWith(prefix) || !startsWithPointer(e.instancePath, union.instancePath)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    if (branches.size === 0) continue;
    const closest = [...branches.values()].reduce((best, b) => (b.length < best.length ? b : best));
    const dropped = new Set<ErrorObject>([union, ...[...branches.values()].filter((b) => b !== closest).flat()]);
    kept = kept.filter((e) => !dropped.has(e));
  }
  return dropIfWrappers(kept);
}

/** `if`/`then` failures come with the inner errors; the "must match then schema" wrapper adds nothing. */
function dropIfWrappers(errors: ErrorObject[]): ErrorObject[] {
  return errors.filter((e) => e.keyword !== 'if' || !errors.some((o) => o !== e && o.schemaPath.startsWith(e.schemaPath.replace(/\/if$/, '/'))));
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
