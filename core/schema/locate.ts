// Validates a completion's JSON text with a compiled schema and locates each failure at its JSON node, with quick-fix facts in `data`.
import type { ValidateFunction } from 'ajv';
import type { Node as JsonNode } from 'jsonc-parser';
import type { Span } from '../diagnostic';
import { editDistance } from '../did-you-mean';
import type { SchemaFailure, SchemaValidation } from './types';
import { encodePointerSegment, nodeAtLocalRef } from '../plain-data';
import { acceptedTypes, describeExplanation, explainErrors, subjectOf, type Explanation } from './explain';
import { childOf, jsonDepthOver, parseJsonText, spanOf } from './sources';
import { isRecord } from './walk';
import { patternExample } from './pattern-example';
import type { PatternRun } from './compile';
import { PATTERN_STEP_BUDGET } from '../regex/bounded';

/** A completion larger than this is not validated (one failure says so). */
export const MAX_COMPLETION_TEXT = 5_000_000;
/** Bracket nesting allowed in a completion; deeper text is refused before any recursive parser runs. */
export const MAX_COMPLETION_DEPTH = 512;
/** ajv errors looked at per completion (a 5 MB array of wrong items yields millions). */
const MAX_RAW_ERRORS = 1_000;
/** Failures reported per completion. */
const MAX_FAILURES = 100;

/**
 * A SchemaValidation over a compiled validator; `root` is the compiled schema, for values of missing properties behind
 * local `$ref`s; `patterns` is the step budget of patterns on the backtracking matcher, renewed for each completion.
 */
export function schemaValidation(validate: ValidateFunction, root: unknown, patterns?: PatternRun): SchemaValidation {
  return { schema: root, validate: (jsonText) => validateText(validate, root, jsonText, patterns) };
}

function validateText(validate: ValidateFunction, root: unknown, text: string, patterns?: PatternRun): SchemaFailure[] {
  if (text.length > MAX_COMPLETION_TEXT) {
    return [
      bound(
        `completion too large to validate against the schema (${text.length.toLocaleString('en')} characters; at most ${MAX_COMPLETION_TEXT.toLocaleString('en')})`,
        { offset: 0, length: 0 },
      ),
    ];
  }
  const deep = jsonDepthOver(text, MAX_COMPLETION_DEPTH);
  if (deep !== undefined)
    return [bound(`JSON nested more than ${MAX_COMPLETION_DEPTH} levels deep is not validated`, { offset: deep, length: 1 })];
  const parsed = parseJsonText(text);
  if (!parsed.tree) return [];
  if (patterns) {
    patterns.budget.steps = PATTERN_STEP_BUDGET;
    patterns.exhausted = [];
  }
  let valid: boolean;
  try {
    valid = validate(parsed.value) as boolean;
  } catch (error) {
    // A recursion the cycle check did not foresee must not take the process down.
    if (error instanceof RangeError)
      return [bound('the schema recurses too deeply on this completion; it is not validated', spanOf(parsed.tree))];
    throw error;
  }
  const unchecked = patterns ? notChecked(patterns, parsed.tree) : [];
  if (valid) return unchecked;
  const explained = explainErrors((validate.errors ?? []).slice(0, MAX_RAW_ERRORS), { value: parsed.value, root });
  return dedupe([...explained.map((e) => failureOf(e, parsed.tree!, root)), ...unchecked]).slice(0, MAX_FAILURES);
}

/** Values a backtracking pattern could not decide within the budget: one failure each, at the string holding the value. */
function notChecked(patterns: PatternRun, tree: JsonNode): SchemaFailure[] {
  const seen = new Set<string>();
  const failures: SchemaFailure[] = [];
  for (const { pattern, value } of patterns.exhausted) {
    const key = `${pattern}\u0000${value}`;
    if (seen.has(key) || failures.length >= 10) continue;
    seen.add(key);
    failures.push({
      message: `pattern ${JSON.stringify(pattern).slice(0, 60)} could not be checked on this value: matching gave up after ${PATTERN_STEP_BUDGET.toLocaleString('en')} backtracking steps (look-around or back-references with nested quantifiers); simplify the pattern`,
      span: stringNode(tree, value) ?? spanOf(tree),
      pointer: '',
      keyword: 'bounds',
    });
  }
  return failures;
}

/** The first string (value or property name) equal to `value`, found without recursion. */
function stringNode(tree: JsonNode, value: string): Span | undefined {
  const stack: JsonNode[] = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'string' && node.value === value) return spanOf(node);
    for (let i = (node.children?.length ?? 0) - 1; i >= 0; i--) stack.push(node.children![i]);
  }
  return undefined;
}

function bound(message: string, span: Span): SchemaFailure {
  return { message, span, pointer: '', keyword: 'bounds' };
}

interface Located {
  node: JsonNode;
  /** The key of the property holding `node`, when its parent is an object. */
  key?: JsonNode;
  parentIsArray: boolean;
}

/** The node an instance path names; a path that runs off the text stops at the deepest node reached. */
function locateNode(tree: JsonNode, segments: readonly string[]): Located {
  let located: Located = { node: tree, parentIsArray: false };
  for (const segment of segments) {
    const child = childOf(located.node, segment);
    if (!child) break;
    located = { node: child.value, key: child.key, parentIsArray: located.node.type === 'array' };
  }
  return located;
}

/** The JSON locator: an explanation's instance path → the node, key or object it is shown on. */
function failureOf(explanation: Explanation, tree: JsonNode, root: unknown): SchemaFailure {
  const { error, path: segments } = explanation;
  const at = locateNode(tree, segments);
  const subject = subjectOf(segments, at.parentIsArray);
  const base = { message: describeExplanation(explanation, subject), pointer: error.instancePath, keyword: error.keyword };
  const params = error.params as Record<string, unknown>;
  if (explanation.noBranchFits) {
    return withData({ ...base, span: spanOf(at.node) }, coercion(error.data, acceptedTypes(explanation.noBranchFits).join(',')));
  }
  switch (error.keyword) {
    case 'required':
    case 'dependencies':
    case 'dependentRequired':
      return { ...base, span: objectSpan(at), data: missingData(String(params.missingProperty), error.parentSchema, root) };
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const name = String(params.additionalProperty ?? params.unevaluatedProperty);
      return { ...base, ...propertyKey(at.node, name, error.instancePath), data: { additionalProperty: name } };
    }
    case 'propertyNames': {
      const name = String(params.propertyName);
      return { ...base, ...propertyKey(at.node, name, error.instancePath) };
    }
    case 'enum':
      return withData({ ...base, span: spanOf(at.node) }, nearestEnum(error.data, params.allowedValues));
    case 'type':
      return withData({ ...base, span: spanOf(at.node) }, coercion(error.data, String(params.type)));
    default:
      return { ...base, span: spanOf(at.node) };
  }
}

function withData(failure: SchemaFailure, data: Record<string, unknown> | undefined): SchemaFailure {
  return data ? { ...failure, data } : failure;
}

/**
 * A missing property has no node of its own: the diagnostic sits on the key of the object that lacks it
 * (`"user": {…}`), or on the object's `{` when it has no key (the top level, a list item).
 */
function objectSpan(at: Located): Span {
  if (at.key) return spanOf(at.key);
  return { offset: at.node.offset, length: at.node.type === 'object' ? 1 : at.node.length };
}

/** A disallowed property is shown on its key. */
function propertyKey(object: JsonNode, name: string, objectPointer: string): { span: Span; pointer: string } {
  const child = childOf(object, name);
  const span = child?.key ? spanOf(child.key) : spanOf(object);
  return { span, pointer: `${objectPointer}/${encodePointerSegment(name)}` };
}

/** `{missingProperty, value}`: the value a quick fix inserts, from the property's schema. */
function missingData(property: string, parentSchema: unknown, root: unknown): Record<string, unknown> {
  const properties = isRecord(parentSchema) && isRecord(parentSchema.properties) ? parentSchema.properties : undefined;
  return { missingProperty: property, value: exampleValue(properties?.[property], root) };
}

/** `default`, else `const`, else the first `enum` value, else a string matching `pattern`, else a placeholder of the schema's type. */
export function exampleValue(schema: unknown, root: unknown, hops = 0): unknown {
  if (!isRecord(schema)) return null;
  if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#') && hops < 8) {
    return exampleValue(nodeAtLocalRef(root, schema.$ref), root, hops + 1);
  }
  if (schema.default !== undefined) return schema.default;
  if (schema.const !== undefined) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const type = types.find((t) => t !== 'null') ?? types[0] ?? (schema.properties ? 'object' : schema.items ? 'array' : undefined);
  if (type === 'string' && typeof schema.pattern === 'string') {
    const example = patternExample(schema.pattern);
    if (example !== undefined) return example;
  }
  return PLACEHOLDERS[String(type)] ?? null;
}

const PLACEHOLDERS: Record<string, unknown> = {
  string: '',
  number: 0,
  integer: 0,
  boolean: false,
  array: [],
  object: {},
  null: null,
};

/** `{nearestEnum}`: the allowed value closest to a wrong string (by edit distance, case-insensitive). */
function nearestEnum(data: unknown, allowed: unknown): Record<string, unknown> | undefined {
  if (!Array.isArray(allowed) || allowed.length === 0) return undefined;
  if (typeof data !== 'string') return { nearestEnum: allowed[0] };
  let best: unknown = allowed[0];
  let bestDistance = Infinity;
  for (const value of allowed) {
    if (typeof value !== 'string') continue;
    const distance = editDistance(data.toLowerCase(), value.toLowerCase(), Math.max(data.length, value.length));
    if (distance < bestDistance) [best, bestDistance] = [value, distance];
  }
  return { nearestEnum: best };
}

/** `{coerceTo}` when the value only has the wrong JSON type: `"3"` for a number, `"true"` for a boolean, `3` for a string. */
function coercion(data: unknown, wanted: string): Record<string, unknown> | undefined {
  const types = wanted.split(',');
  if (typeof data === 'string') {
    const text = data.trim();
    if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) {
      const n = Number(text);
      if (types.includes('integer') && Number.isInteger(n)) return { coerceTo: n };
      if (types.includes('number')) return { coerceTo: n };
    }
    if (types.includes('boolean') && (text === 'true' || text === 'false')) return { coerceTo: text === 'true' };
    if (types.includes('null') && text === 'null') return { coerceTo: null };
    return undefined;
  }
  if ((typeof data === 'number' || typeof data === 'boolean') && types.includes('string')) return { coerceTo: String(data) };
  return undefined;
}

/** One failure per span and message (allErrors repeats some through `$ref`s and unions). */
function dedupe(failures: SchemaFailure[]): SchemaFailure[] {
  const seen = new Set<string>();
  const kept = failures.filter((f) => {
    const key = `${f.span.offset}:${f.span.length}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return kept.sort((a, b) => a.span.offset - b.span.offset);
}
