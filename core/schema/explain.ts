// The one ajv-error explainer: ajv's flat error list → explanations (one per mistake, `oneOf`/`anyOf` floods collapsed to the
// branch the author most plausibly meant), and the plain-words wording of JSON Schema errors. Where an explanation sits in the
// text is a locator's job: JSON completions in locate.ts, YAML frontmatter and config in config/yaml-locate.ts.
// The ranking policy is described in docs/design/conventions.md ("Schema errors").
import type { ErrorObject } from 'ajv';
import { decodePointer, isRecord, nodeAtLocalRef, nodeAtPath } from '../plain-data';

export type Path = readonly string[];

/** One mistake in a validated value, with the ajv error that says it. */
export interface Explanation {
  error: ErrorObject;
  /** `error.instancePath`, decoded. */
  path: Path;
  /** The unions this error was kept through, innermost first (a caller may word a union's own location). */
  via: ErrorObject[];
  /**
   * Set when `error` is a `oneOf`/`anyOf` none of whose branches takes the value's type: the errors each branch gave
   * at the union's own value (one list per branch), so the message can name every alternative.
   */
  noBranchFits?: ErrorObject[][];
  /** On an unknown-key error kept from a union: the same key rejected by the union's other branches at the same object. */
  otherBranches?: ErrorObject[];
}

export interface ExplainOptions {
  /** The validated value; without it, ranking uses ajv's `data` (present with `verbose`) where it can. */
  value?: unknown;
  /** The schema of a union's branch; by default `union.schema[index]` (ajv `verbose`), local `$ref`s resolved against `root`. */
  branchSchema?(union: ErrorObject, index: number): unknown;
  /** The schema's root, for local `$ref`s of branches. */
  root?: unknown;
}

const UNIONS = new Set(['oneOf', 'anyOf']);
const UNKNOWN_KEY = new Set(['additionalProperties', 'unevaluatedProperties']);

/**
 * Explains ajv's errors (from `allErrors`). ajv pushes a failed union's branch errors, in branch order, right before the
 * union's own error; errors reached through a `$ref` carry the referenced schema's path. So a stack rebuilds the tree:
 * a union adopts the trailing errors below its value that sit under its schema location or under one of its branches'
 * `$ref`s (an error recognised by neither, after a recognised one, belongs to the branch before it).
 */
export function explainErrors(errors: readonly ErrorObject[], options: ExplainOptions = {}): Explanation[] {
  const pending: Explanation[] = [];
  for (const error of errors) {
    const path = decodePointer(error.instancePath);
    if (!UNIONS.has(error.keyword)) {
      pending.push({ error, path, via: [] });
      continue;
    }
    const refs = branchRefs(error);
    let start = pending.length;
    while (start > 0 && belongs(pending[start - 1], error, path)) start--;
    // Leading errors that no branch claims came before the union (a sibling `$ref`, say): they stay outside it.
    while (start < pending.length && branchOf(pending[start].error, error, refs) === undefined) start++;
    const run = pending.splice(start);
    pending.push(...collapse(error, path, run, refs, options));
  }
  return dropIfWrappers(pending);
}

function belongs(e: Explanation, union: ErrorObject, unionPath: Path): boolean {
  const parent = union.schemaPath.slice(0, union.schemaPath.lastIndexOf('/'));
  const sibling = e.error.schemaPath.startsWith(`${parent}/`) && !e.error.schemaPath.startsWith(`${union.schemaPath}/`);
  return !sibling && unionPath.every((segment, i) => e.path[i] === segment);
}

function branchRefs(union: ErrorObject): Array<string | undefined> {
  return Array.isArray(union.schema)
    ? union.schema.map((b: unknown) => (isRecord(b) && typeof b.$ref === 'string' ? b.$ref : undefined))
    : [];
}

function branchOf(e: ErrorObject, union: ErrorObject, refs: ReadonlyArray<string | undefined>): number | undefined {
  const prefix = `${union.schemaPath}/`;
  if (e.schemaPath.startsWith(prefix)) {
    const index = Number(e.schemaPath.slice(prefix.length).split('/')[0]);
    return Number.isInteger(index) ? index : undefined;
  }
  const index = refs.findIndex(
    (ref) => ref !== undefined && ref.startsWith('#') && (e.schemaPath === ref || e.schemaPath.startsWith(`${ref}/`)),
  );
  return index === -1 ? undefined : index;
}

/** Keeps the closest branch's explanations (see `rankOf`); a union no branch of which takes the value becomes one explanation. */
function collapse(
  union: ErrorObject,
  path: Path,
  run: Explanation[],
  refs: ReadonlyArray<string | undefined>,
  options: ExplainOptions,
): Explanation[] {
  // A `oneOf` that failed because several branches matched has no branch errors: its own error says it.
  if (run.length === 0) return [{ error: union, path, via: [] }];
  const branches = new Map<number, Explanation[]>();
  let current = 0;
  for (const e of run) {
    current = branchOf(e.error, union, refs) ?? current;
    branches.set(current, [...(branches.get(current) ?? []), e]);
  }
  const value = valueAt(union, path, options);
  const ranked = [...branches].map(([index, explanations]) => ({
    index,
    explanations,
    rank: rankOf(explanations, path, value, knownKeys(value, branchSchema(union, index, options))),
  }));
  if (ranked.every((b) => b.rank.fit === FIT.wrongType)) {
    const atValue = ranked.map((b) =>
      b.explanations.filter((e) => samePath(e.path, path)).flatMap((e) => e.noBranchFits?.flat() ?? [e.error]),
    );
    return [{ error: union, path, via: [], noBranchFits: atValue }];
  }
  const best = ranked.reduce((a, b) => (compareRanks(b.rank, a.rank) < 0 ? b : a));
  const others = ranked.filter((b) => b !== best).flatMap((b) => b.explanations);
  return best.explanations.map((e) => ({
    ...e,
    via: [...e.via, union],
    ...(UNKNOWN_KEY.has(e.error.keyword) ? { otherBranches: sameUnknownKey(e, others) } : {}),
  }));
}

/** How well a branch fits the value, best first: the value's type and discriminators fit; a discriminator does not; the type does not. */
const FIT = { fits: 0, wrongDiscriminator: 1, wrongType: 2 } as const;

interface Rank {
  fit: number;
  unknownKeys: number;
  knownKeys: number;
  errors: number;
  depth: number;
}

/**
 * What makes a branch the one the author meant, in this order (after vscode-json-languageservice's best match):
 * the value has the branch's type and its discriminators (a `const` or one-value `enum` property) match; fewer keys
 * the branch does not allow; more of the value's keys the branch names; fewer errors; errors deeper in the value
 * (the branch matched more of the outer structure). Ties go to the earlier branch.
 */
function rankOf(branch: readonly Explanation[], unionPath: Path, value: unknown, known: number): Rank {
  let fit: number = FIT.fits;
  for (const e of branch) {
    const own = samePath(e.path, unionPath);
    const child = e.path.length === unionPath.length + 1 && unionPath.every((s, i) => e.path[i] === s);
    if (own && (e.error.keyword === 'type' || e.noBranchFits)) fit = FIT.wrongType;
    else if (own && (e.error.keyword === 'const' || e.error.keyword === 'enum'))
      fit = Math.max(fit, sameTypeAsAllowed(e.error, value) ? FIT.wrongDiscriminator : FIT.wrongType);
    else if (child && isDiscriminator(e.error)) fit = Math.max(fit, FIT.wrongDiscriminator);
  }
  return {
    fit,
    unknownKeys: branch.filter((e) => UNKNOWN_KEY.has(e.error.keyword)).length,
    knownKeys: known,
    errors: branch.length,
    depth: Math.max(...branch.map((e) => e.path.length)),
  };
}

function compareRanks(a: Rank, b: Rank): number {
  return a.fit - b.fit || a.unknownKeys - b.unknownKeys || b.knownKeys - a.knownKeys || a.errors - b.errors || b.depth - a.depth;
}

function isDiscriminator(error: ErrorObject): boolean {
  const params = error.params as Record<string, unknown>;
  return (
    error.keyword === 'const' ||
    (error.keyword === 'enum' && Array.isArray(params.allowedValues) && params.allowedValues.length === 1)
  );
}

/** `"x"` against `enum: ["a", "b"]` is a wrong value of the right type; `5` against it is the wrong type. */
function sameTypeAsAllowed(error: ErrorObject, value: unknown): boolean {
  const params = error.params as Record<string, unknown>;
  const allowed =
    error.keyword === 'const' ? [params.allowedValue] : Array.isArray(params.allowedValues) ? params.allowedValues : [];
  const data = 'data' in error ? error.data : value;
  return allowed.some((a) => baseType(a) === baseType(data));
}

function baseType(value: unknown): string {
  const type = jsonTypeOf(value);
  return type === 'integer' ? 'number' : type;
}

function valueAt(union: ErrorObject, path: Path, options: ExplainOptions): unknown {
  return 'data' in union ? union.data : nodeAtPath(options.value, path);
}

function branchSchema(union: ErrorObject, index: number, options: ExplainOptions): unknown {
  if (options.branchSchema) return options.branchSchema(union, index);
  const schema: unknown = Array.isArray(union.schema) ? union.schema[index] : undefined;
  return resolveLocalRef(schema, options.root);
}

/** Follows a local `$ref` (a few hops) to the schema it names. */
function resolveLocalRef(schema: unknown, root: unknown, hops = 0): unknown {
  if (!isRecord(schema) || typeof schema.$ref !== 'string' || !schema.$ref.startsWith('#') || hops >= 8) return schema;
  const target = nodeAtLocalRef(root, schema.$ref);
  return target === undefined ? schema : resolveLocalRef(target, root, hops + 1);
}

/** How many of the value's keys the branch's `properties` names. */
function knownKeys(value: unknown, schema: unknown): number {
  if (!isRecord(value) || !isRecord(schema) || !isRecord(schema.properties)) return 0;
  const properties = schema.properties;
  return Object.keys(value).filter((key) => Object.hasOwn(properties, key)).length;
}

function sameUnknownKey(e: Explanation, others: readonly Explanation[]): ErrorObject[] {
  const key = unknownKeyOf(e.error);
  return others
    .filter((o) => UNKNOWN_KEY.has(o.error.keyword) && unknownKeyOf(o.error) === key && samePath(o.path, e.path))
    .map((o) => o.error);
}

/** The key an `additionalProperties`/`unevaluatedProperties` error names. */
export function unknownKeyOf(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  return String(params.additionalProperty ?? params.unevaluatedProperty);
}

/** `if`/`then` failures come with the inner errors; the "must match then schema" wrapper adds nothing. */
function dropIfWrappers(explanations: Explanation[]): Explanation[] {
  return explanations.filter(
    ({ error }) =>
      error.keyword !== 'if' ||
      !explanations.some((o) => o.error !== error && o.error.schemaPath.startsWith(error.schemaPath.replace(/\/if$/, '/'))),
  );
}

export function samePath(a: Path, b: Path): boolean {
  return a.length === b.length && a.every((segment, i) => segment === b[i]);
}

// ---------------------------------------------------------------------------------------------------------------
// Wording for JSON Schema errors in general (a user's output schema, a meta-schema); our own schemas add labels in
// config/schema-problems.ts.

/** The failing thing as the message names it: `"status"` for a property, `item 2` in a list, `the value` at the top. */
export function subjectOf(segments: Path, parentIsArray: boolean): string {
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

/** The message for one explanation, about `subject` (see `subjectOf`). */
export function describeExplanation(explanation: Explanation, subject: string): string {
  const { error, noBranchFits } = explanation;
  if (!noBranchFits) return describeError(error, subject);
  return `${subject} must be ${orList(alternatives(noBranchFits))}; got ${jsonTypeOf(error.data)} ${show(error.data, 24)}`;
}

/** The JSON types a union accepts, for a quick fix that converts the value (`"3"` → 3). */
export function acceptedTypes(noBranchFits: readonly ErrorObject[][]): string[] {
  return noBranchFits.flatMap((branch) =>
    branch.filter((e) => e.keyword === 'type').flatMap((e) => String((e.params as Record<string, unknown>).type).split(',')),
  );
}

/** What each branch of a union wanted at its value: `string`, `"auto"`, `one of 1, 2`. */
function alternatives(noBranchFits: readonly ErrorObject[][]): string[] {
  const wanted = noBranchFits.flatMap((branch) =>
    branch.flatMap((e) => {
      const params = e.params as Record<string, unknown>;
      if (e.keyword === 'type') return String(params.type).split(',');
      if (e.keyword === 'const') return [show(params.allowedValue)];
      if (e.keyword === 'enum') return [`one of ${listValues(params.allowedValues)}`];
      return [];
    }),
  );
  return [...new Set(wanted)];
}

function orList(items: readonly string[]): string {
  if (items.length === 0) return 'valid';
  return items.length === 1 ? items[0] : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
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
    case 'unevaluatedProperties':
      return `property "${unknownKeyOf(error)}" is not allowed`;
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
