// Walks schemas/frontmatter.schema.json (the file frontmatter validation is compiled from) for a YAML path:
// the keys allowed there, their docs and the values they take. Completion and hover both read it.
import schemaFile from '../../schemas/frontmatter.schema.json';
import { isRecord, nodeAtLocalRef } from '../../core/plain-data';

export type JsonSchema = Record<string, unknown>;
export type PathSegment = string | number;

const ROOT = schemaFile as unknown as JsonSchema;
/** `$ref` chains and `anyOf` nesting are shallow in our schema; the bound only guards against a bad edit of it. */
const MAX_HOPS = 16;

function isSchema(value: unknown): value is JsonSchema {
  return isRecord(value);
}

function resolveRef(ref: string): JsonSchema | undefined {
  const node = nodeAtLocalRef(ROOT, ref);
  return isSchema(node) ? node : undefined;
}

/** A schema with its `$ref` followed and its `anyOf`/`oneOf`/`allOf` branches spread out: every shape a value there may take. */
export function alternatives(schema: JsonSchema, hops = 0): JsonSchema[] {
  if (hops > MAX_HOPS) return [];
  const out: JsonSchema[] = [schema];
  if (typeof schema.$ref === 'string') {
    const target = resolveRef(schema.$ref);
    if (target) out.push(...alternatives(target, hops + 1));
  }
  for (const keyword of ['anyOf', 'oneOf', 'allOf']) {
    const branches = schema[keyword];
    if (Array.isArray(branches)) for (const branch of branches) if (isSchema(branch)) out.push(...alternatives(branch, hops + 1));
  }
  return out;
}

/** The schemas that apply to the value at `path` (`[]` is the frontmatter itself); empty when the path is not ours. */
export function schemasAt(path: readonly PathSegment[]): JsonSchema[] {
  let current = alternatives(ROOT);
  for (const segment of path) {
    const next: JsonSchema[] = [];
    for (const schema of current) {
      if (typeof segment === 'number') {
        if (isSchema(schema.items)) next.push(...alternatives(schema.items));
        continue;
      }
      const properties = schema.properties;
      if (isSchema(properties) && isSchema(properties[segment])) next.push(...alternatives(properties[segment]));
      else if (isSchema(schema.additionalProperties) && !(isSchema(properties) && segment in properties)) {
        next.push(...alternatives(schema.additionalProperties));
      }
    }
    // At the top level only our four keys are described; a host-format key stays unknown.
    current = next;
    if (current.length === 0) return [];
  }
  return current;
}

export interface KeyInfo {
  name: string;
  /** Every shape the key's value may take. */
  schemas: JsonSchema[];
  /** The key's own (markdown) description, else its target's. */
  description?: string;
}

/** Named properties allowed in the mapping at `path`. */
export function keysAt(path: readonly PathSegment[]): KeyInfo[] {
  const byName = new Map<string, KeyInfo>();
  for (const schema of schemasAt(path)) {
    const properties = schema.properties;
    if (!isSchema(properties)) continue;
    for (const [name, property] of Object.entries(properties)) {
      if (!isSchema(property) || byName.has(name)) continue;
      const schemas = alternatives(property);
      byName.set(name, { name, schemas, description: describe(schemas) });
    }
  }
  return [...byName.values()];
}

/** The first (markdown) description along the alternatives, the key's own before its `$ref` target's. */
export function describe(schemas: readonly JsonSchema[]): string | undefined {
  for (const schema of schemas) {
    if (typeof schema.markdownDescription === 'string') return schema.markdownDescription;
    if (typeof schema.description === 'string') return schema.description;
  }
  return undefined;
}

export type ScalarValue = string | number | boolean | null;

export interface ValueInfo {
  value: ScalarValue;
  description?: string;
  /** Where it came from: an `enum`/`const`/boolean type is all there is; `example`/`default` are suggestions. */
  kind: 'enum' | 'boolean' | 'example' | 'default';
}

function isScalar(value: unknown): value is ScalarValue {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

/** Scalar values to offer for the value at a key: enum members, booleans, then defaults and examples. */
export function valuesFor(schemas: readonly JsonSchema[]): ValueInfo[] {
  const out: ValueInfo[] = [];
  const seen = new Set<string>();
  const add = (value: unknown, kind: ValueInfo['kind'], description?: string) => {
    if (!isScalar(value)) return;
    const key = JSON.stringify(value);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ value, kind, description });
  };
  for (const schema of schemas) {
    if (Array.isArray(schema.enum)) {
      const notes = Array.isArray(schema.markdownEnumDescriptions) ? schema.markdownEnumDescriptions : [];
      schema.enum.forEach((value, i) => add(value, 'enum', typeof notes[i] === 'string' ? notes[i] : undefined));
    }
    if (schema.const !== undefined) add(schema.const, 'enum');
    if (schema.type === 'boolean' || (Array.isArray(schema.type) && schema.type.includes('boolean'))) {
      add(true, 'boolean');
      add(false, 'boolean');
    }
  }
  for (const schema of schemas) {
    if (schema.default !== undefined) add(schema.default, 'default');
    if (Array.isArray(schema.examples)) for (const example of schema.examples) add(example, 'example');
  }
  return out;
}

/** What kind of YAML the value at a key is written as, for the text a completion inserts after `key:`. */
export function valueShape(schemas: readonly JsonSchema[]): 'mapping' | 'scalar' | 'either' {
  let mapping = false;
  let scalar = false;
  for (const schema of schemas) {
    const type = schema.type;
    if (type === 'object' || isSchema(schema.properties)) mapping = true;
    else if (typeof type === 'string' || Array.isArray(schema.enum) || schema.const !== undefined) scalar = true;
  }
  if (mapping && scalar) return 'either';
  return mapping ? 'mapping' : 'scalar';
}
