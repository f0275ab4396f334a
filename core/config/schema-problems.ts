// Problems of a value read from YAML against one of our own schemas: the explainer's picks (core/schema/explain.ts) in our
// schemas' words, located by the YAML locator (yaml-locate.ts), one per span, with did-you-mean fixes.
import { isScalar } from 'yaml';
import type { ErrorObject } from 'ajv';
import type { Fix, Span } from '../diagnostic';
import { closestMatches } from '../did-you-mean';
import { encodePointer, isRecord, nodeAtPath, nodeAtPointer } from '../plain-data';
import { explainErrors, samePath, unknownKeyOf, type Explanation, type Path } from '../schema/explain';
import { locate, nodeSpan, replacementFixes, valueSpan, type YamlSource } from './yaml-locate';

export type { YamlSource } from './yaml-locate';

/** A schema violation at a place in the YAML source. */
export interface SchemaProblem {
  message: string;
  span: Span;
  fixes?: Fix[];
  /** Always holds `pointer` (RFC 6901, into the validated value) and `path` (as shown); plus `key`/`candidates`/`allowed`, `missing` or `expected`. */
  data?: Record<string, unknown>;
}

/** One of our schemas as compiled by scripts/compile-schemas.mjs, plus the words used to talk about it. */
export interface CompiledSchema {
  validate: { (data: unknown): boolean; errors?: ErrorObject[] | null };
  /** The inlined schema ajv compiled; error `schemaPath`s point into it. */
  schema: Readonly<Record<string, unknown>>;
  /** Inlined location → the `#/definitions/...` it came from. */
  origins: Readonly<Record<string, string>>;
  /** What a value must be, by source pointer (`#/definitions/count` → "a count: …"); overrides the generic wording. */
  labels: Readonly<Record<string, string>>;
  /** What the keys of an object are called, by source pointer (`#/definitions/budget` → "budget key"). */
  nouns: Readonly<Record<string, string>>;
  /** How to name the whole value in messages ("the frontmatter", "the config"). */
  rootName: string;
}

/** `noun` names the object's keys ("budget key"); absent when the object's kind is unclear (keys merged from a union). */
type UnknownKey = { kind: 'unknownKey'; path: Path; key: string; allowed: string[]; noun?: string };

type Finding =
  | UnknownKey
  | { kind: 'missing'; path: Path; properties: string[] }
  | { kind: 'value'; path: Path; expected: string; allowedValues?: string[] };

type JsonObject = Readonly<Record<string, unknown>>;

/** Validates `value` and reports every problem at its YAML node. */
export function schemaProblems(compiled: CompiledSchema, value: unknown, source: YamlSource): SchemaProblem[] {
  if (compiled.validate(value)) return [];
  const context = new SchemaContext(compiled, value);
  const findings = collectFindings(compiled.validate.errors ?? [], context);
  const problems = dropMisspeltMissing(mergeMissing(findings)).map((finding) => context.problem(finding, source));
  // Source order reads better than schema order, in the editor's problem list and in the CLI.
  return dedupeBySpan(problems).sort((a, b) => a.span.offset - b.span.offset);
}

// ---------------------------------------------------------------------------------------------------------------
// From ajv's flat error list to findings

/** The explainer's picks, as findings in our own schemas' words (labels and nouns). */
function collectFindings(errors: readonly ErrorObject[], context: SchemaContext): Finding[] {
  const explained = explainErrors(errors, {
    value: context.value,
    branchSchema: (union, index) => context.schemaAt(`${union.schemaPath}/${index}`),
  });
  return explained.flatMap((e) => findingsOf(e, context));
}

function findingsOf(explanation: Explanation, context: SchemaContext): Finding[] {
  const { error, path } = explanation;
  const parentPointer = parentOf(error.schemaPath);
  if (explanation.noBranchFits) return [context.valueFinding(path, parentPointer)];
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = unknownKeyOf(error);
      const finding = unknownKey(path, key, parentPointer, context);
      // The key may be meant for another branch of the union: suggest from every branch's keys.
      return [
        (explanation.otherBranches ?? []).reduce((merged, other) => {
          const alternative = unknownKey(path, key, parentOf(other.schemaPath), context);
          const allowed = [...new Set([...merged.allowed, ...alternative.allowed])];
          return { ...merged, allowed, noun: alternative.noun === merged.noun ? merged.noun : undefined };
        }, finding),
      ];
    }
    case 'required':
      return [{ kind: 'missing', path, properties: [String((error.params as Record<string, unknown>).missingProperty)] }];
    default: {
      // A union with a label ("a count: N, {min, max}, …") says what it takes better than any one branch.
      const labelled = explanation.via.filter((union) => union.instancePath === error.instancePath);
      const label = labelled
        .map((union) => context.label(parentOf(union.schemaPath)))
        .filter((l) => l !== undefined)
        .pop();
      return [label ? { kind: 'value', path, expected: label } : context.valueFinding(path, parentPointer)];
    }
  }
}

function unknownKey(path: Path, key: string, objectPointer: string, context: SchemaContext): UnknownKey {
  const allowed = Object.keys(asRecord(context.schemaAt(objectPointer)?.properties));
  return { kind: 'unknownKey', path, key, allowed, noun: context.noun(objectPointer) };
}

/**
 * `{txt: a}` where `text` is required is one mistake, not two: a missing key that an unknown sibling key is
 * probably a misspelling of is left to the unknown-key problem (whose fix cures both).
 */
function dropMisspeltMissing(findings: Finding[]): Finding[] {
  const unknownKeys = findings.filter((f): f is Extract<Finding, { kind: 'unknownKey' }> => f.kind === 'unknownKey');
  return findings.flatMap((finding): Finding[] => {
    if (finding.kind !== 'missing') return [finding];
    const misspelt = (property: string) =>
      unknownKeys.some((u) => samePath(u.path, finding.path) && closestMatches(u.key, [property]).length > 0);
    const properties = finding.properties.filter((p) => !misspelt(p));
    return properties.length > 0 ? [{ ...finding, properties }] : [];
  });
}

/** Several missing keys of one object become one problem. */
function mergeMissing(findings: Finding[]): Finding[] {
  const result: Finding[] = [];
  const byPath = new Map<string, Extract<Finding, { kind: 'missing' }>>();
  for (const finding of findings) {
    if (finding.kind !== 'missing') {
      result.push(finding);
      continue;
    }
    const key = JSON.stringify(finding.path);
    const existing = byPath.get(key);
    if (existing) {
      if (!existing.properties.includes(finding.properties[0])) existing.properties.push(...finding.properties);
    } else {
      const copy = { ...finding, properties: [...finding.properties] };
      byPath.set(key, copy);
      result.push(copy);
    }
  }
  return result;
}

function dedupeBySpan(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.span.offset}:${p.span.length}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The schema and the instance, read by pointer

/** Looks things up in the inlined schema and the validated value, and words findings as messages. */
class SchemaContext {
  /** Origins, longest first, so the innermost inlined definition names a location. */
  private readonly origins: Array<[string, string]>;

  constructor(
    private readonly compiled: CompiledSchema,
    readonly value: unknown,
  ) {
    this.origins = Object.entries(compiled.origins).sort((a, b) => b[0].length - a[0].length);
  }

  schemaAt(pointer: string): JsonObject | undefined {
    const node = nodeAtPointer(this.compiled.schema, pointer.replace(/^#/, ''));
    return isRecord(node) ? node : undefined;
  }

  /** The pointer in the published schema file that an inlined location came from. */
  sourcePointer(pointer: string): string {
    const origin = this.origins.find(([at]) => pointer === at || pointer.startsWith(`${at}/`));
    return origin ? origin[1] + pointer.slice(origin[0].length) : pointer;
  }

  label(pointer: string): string | undefined {
    return this.compiled.labels[this.sourcePointer(pointer)];
  }

  noun(pointer: string): string | undefined {
    return this.compiled.nouns[this.sourcePointer(pointer)];
  }

  valueFinding(path: Path, schemaPointer: string): Finding {
    const schema = this.schemaAt(schemaPointer);
    const allowedValues = Array.isArray(schema?.enum) ? schema.enum.map(String) : undefined;
    return { kind: 'value', path, expected: this.describe(schemaPointer), allowedValues };
  }

  /** A noun phrase for what the schema at `pointer` accepts ("a positive integer", "one of json, markdown, text"). */
  describe(pointer: string): string {
    const label = this.label(pointer);
    if (label) return label;
    const schema = this.schemaAt(pointer) ?? {};
    if (Array.isArray(schema.enum)) return `one of ${schema.enum.map((v) => JSON.stringify(v)).join(', ')}`;
    if ('const' in schema) return JSON.stringify(schema.const);
    if (Array.isArray(schema.anyOf)) return schema.anyOf.map((_, i) => this.describe(`${pointer}/anyOf/${i}`)).join(', or ');
    const types = Array.isArray(schema.type) ? schema.type : [schema.type];
    return types.map((type) => describeType(String(type), schema, () => this.describe(`${pointer}/items`))).join(' or ');
  }

  valueAt(path: Path): unknown {
    return nodeAtPath(this.value, path);
  }

  /** `budget.variables.document`, `constraints.frequency[0].count`, or the root's name. */
  formatPath(path: Path): string {
    let text = '';
    let node: unknown = this.value;
    for (const segment of path) {
      if (Array.isArray(node)) text += `[${segment}]`;
      else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) text += text ? `.${segment}` : segment;
      else text += `[${JSON.stringify(segment)}]`;
      node = Array.isArray(node) ? node[Number(segment)] : isRecord(node) ? node[segment] : undefined;
    }
    return text || this.compiled.rootName;
  }

  problem(finding: Finding, source: YamlSource): SchemaProblem {
    switch (finding.kind) {
      case 'unknownKey':
        return this.unknownKeyProblem(finding, source);
      case 'missing': {
        const where = this.formatPath(finding.path);
        const keys = finding.properties;
        return {
          message: `${where} is missing required key${keys.length > 1 ? 's' : ''} ${keys.join(', ')}`,
          span: valueSpan(source, finding.path),
          data: { pointer: encodePointer(finding.path), path: where, missing: keys },
        };
      }
      case 'value':
        return this.valueProblem(finding, source);
    }
  }

  private unknownKeyProblem(finding: Extract<Finding, { kind: 'unknownKey' }>, source: YamlSource): SchemaProblem {
    const where = this.formatPath([...finding.path, finding.key]);
    const siblings = asRecord(this.valueAt(finding.path));
    // Renaming onto a key that is already there would only trade this error for a duplicate-key one.
    const candidates = closestMatches(
      finding.key,
      finding.allowed.filter((k) => !Object.hasOwn(siblings, k)),
    );
    const noun = finding.noun;
    const head = noun ? `${where} is not a ${noun}` : `${where} is not a known key of ${this.formatPath(finding.path)}`;
    const tail = candidates.length > 0 ? `; did you mean ${candidates[0]}?` : knownKeys(finding.allowed);
    const location = locate(source, [...finding.path, finding.key]);
    const keyNode = location.found ? location.keyNode : undefined;
    return {
      message: head + tail,
      span: keyNode ? nodeSpan(source, keyNode) : valueSpan(source, finding.path),
      fixes: keyNode ? replacementFixes(source, keyNode, finding.key, candidates) : undefined,
      data: {
        pointer: encodePointer([...finding.path, finding.key]),
        path: where,
        key: finding.key,
        candidates,
        allowed: finding.allowed,
      },
    };
  }

  private valueProblem(finding: Extract<Finding, { kind: 'value' }>, source: YamlSource): SchemaProblem {
    const where = this.formatPath(finding.path);
    const actual = this.valueAt(finding.path);
    const candidates = typeof actual === 'string' && finding.allowedValues ? closestMatches(actual, finding.allowedValues) : [];
    const hint = candidates.length > 0 ? ` (did you mean ${candidates[0]}?)` : '';
    const location = locate(source, finding.path);
    const valueNode = location.found ? location.valueNode : undefined;
    return {
      message: `${where} must be ${finding.expected}; got ${showValue(actual)}${hint}`,
      span: valueSpan(source, finding.path),
      fixes: valueNode && isScalar(valueNode) ? replacementFixes(source, valueNode, String(actual), candidates) : undefined,
      data: {
        pointer: encodePointer(finding.path),
        path: where,
        expected: finding.expected,
        ...(candidates.length > 0 ? { candidates } : {}),
      },
    };
  }
}

function describeType(type: string, schema: JsonObject, items: () => string): string {
  const min = typeof schema.minimum === 'number' ? schema.minimum : undefined;
  const exclusiveMin = typeof schema.exclusiveMinimum === 'number' ? schema.exclusiveMinimum : undefined;
  const max = typeof schema.maximum === 'number' ? schema.maximum : undefined;
  switch (type) {
    case 'integer':
      if (min !== undefined && min >= 1) return min === 1 ? 'a positive integer' : `an integer of at least ${min}`;
      return min === 0 ? 'a non-negative integer' : 'an integer';
    case 'number': {
      const low = min ?? exclusiveMin;
      if (low !== undefined && max !== undefined) return `a number between ${low} and ${max}`;
      if (exclusiveMin === 0) return 'a positive number';
      return min === 0 ? 'a non-negative number' : 'a number';
    }
    case 'string':
      if (schema.maxLength === 1) return 'a single character';
      return schema.minLength === 1 ? 'a non-empty string' : 'a string';
    case 'boolean':
      return 'true or false';
    case 'object':
      return schema.minProperties === 1 ? 'a non-empty mapping' : 'a mapping';
    case 'array': {
      const of = isRecord(schema.items) ? ` of ${pluralPhrase(items())}` : '';
      return `${schema.minItems === 1 ? 'a non-empty list' : 'a list'}${of}`;
    }
    default:
      return `a ${type}`;
  }
}

/** "a non-empty string" → "non-empty strings", for "a list of …". */
function pluralPhrase(phrase: string): string {
  const noun = phrase.replace(/^(a|an) /, '');
  if (noun === phrase || noun.includes(' or ') || noun.includes(',')) return `items that are ${phrase}`;
  return noun.replace(
    /^(.*?)(\w+)$/,
    (_, head: string, last: string) => `${head}${last.endsWith('y') ? `${last.slice(0, -1)}ies` : `${last}s`}`,
  );
}

function knownKeys(allowed: readonly string[]): string {
  if (allowed.length === 0) return '; no keys are allowed here';
  const shown = allowed.slice(0, 10).join(', ');
  return ` (known: ${shown}${allowed.length > 10 ? ', …' : ''})`;
}

/** Short, YAML-flavoured rendering of a value for "got …". */
function showValue(value: unknown, budget = 40): string {
  const text = renderValue(value);
  return text.length > budget ? `${text.slice(0, budget - 1)}…` : text;
}

function renderValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(renderValue).join(', ')}]`;
  if (isRecord(value))
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}: ${renderValue(v)}`)
      .join(', ')}}`;
  return String(value);
}

// ---------------------------------------------------------------------------------------------------------------
// Small helpers

function parentOf(schemaPath: string): string {
  return schemaPath.slice(0, schemaPath.lastIndexOf('/'));
}

/** A schema or value node as a record; anything else as an empty one. */
function asRecord(value: unknown): JsonObject {
  return isRecord(value) ? value : {};
}
