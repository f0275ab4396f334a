// Converts Dotprompt's Picoschema (the compact YAML schema of `input.schema`/`output.schema`) to JSON Schema, as the Dotprompt reference defines it.
import { isRecord } from '../plain-data';

/** A JSON Schema object built by the conversion. */
export type JsonSchemaObject = Record<string, unknown>;

export interface PicoschemaProblem {
  message: string;
  /** Key path inside the Picoschema value where the problem is (for locating it in the YAML). */
  path: string[];
}

export interface PicoschemaResult {
  /** Undefined when the Picoschema names a schema registered in code (`output.schema: Person`): nothing to check here. */
  schema?: JsonSchemaObject | boolean;
  problems: PicoschemaProblem[];
}

const SCALAR_TYPES = new Set(['any', 'boolean', 'integer', 'null', 'number', 'string']);
const JSON_SCHEMA_TYPES = new Set([...SCALAR_TYPES, 'object', 'array']);
/** The wildcard key: `(*): type` describes every other property (`additionalProperties`). */
const WILDCARD = '(*)';
/** Picoschema is written by hand; a deeper one is a mistake or an attack. */
const MAX_DEPTH = 64;

/**
 * Picoschema → JSON Schema. A value that already looks like JSON Schema (a top-level `type` that is a JSON
 * Schema type, or a `properties` object) passes through unchanged, as in Dotprompt.
 */
export function picoschemaToJsonSchema(value: unknown): PicoschemaResult {
  const problems: PicoschemaProblem[] = [];
  if (value === null || value === undefined || value === false || value === '') return { problems };
  if (typeof value === 'string') {
    const [type, description] = splitDescription(value);
    if (!SCALAR_TYPES.has(type)) return { problems }; // a named schema, resolved by the application at run time
    return { schema: scalarSchema(type, description), problems };
  }
  if (isRecord(value) && typeof value.type === 'string' && JSON_SCHEMA_TYPES.has(value.type)) return { schema: value, problems };
  if (isRecord(value) && isRecord(value.properties)) return { schema: { ...value, type: 'object' }, problems };
  const schema = convert(value, [], problems);
  return { schema, problems };
}

/** `type, description` → [type, description]: the first comma splits them. */
export function splitDescription(text: string): [string, string | undefined] {
  const comma = text.indexOf(',');
  if (comma === -1) return [text.trim(), undefined];
  return [text.slice(0, comma).trim(), text.slice(comma + 1).trim()];
}

function scalarSchema(type: string, description: string | undefined): JsonSchemaObject {
  const schema: JsonSchemaObject = type === 'any' ? {} : { type };
  if (description) schema.description = description;
  return schema;
}

function convert(value: unknown, path: string[], problems: PicoschemaProblem[]): JsonSchemaObject {
  if (path.length > MAX_DEPTH) {
    problems.push({ message: `Picoschema nested more than ${MAX_DEPTH} levels deep is not read`, path });
    return {};
  }
  if (typeof value === 'string') return convertScalar(value, path, problems);
  if (isRecord(value)) return convertObject(value, path, problems);
  problems.push({
    message: `Picoschema consists of objects and type strings; got ${JSON.stringify(value) ?? String(value)}`,
    path,
  });
  return {};
}

function convertScalar(value: string, path: string[], problems: PicoschemaProblem[]): JsonSchemaObject {
  const [type, description] = splitDescription(value);
  if (SCALAR_TYPES.has(type)) return scalarSchema(type, description);
  problems.push({
    message: `"${type}" is not a Picoschema type (any, boolean, integer, null, number, string) and named schemas cannot be resolved here`,
    path,
  });
  return description ? { description } : {};
}

function convertObject(value: Record<string, unknown>, path: string[], problems: PicoschemaProblem[]): JsonSchemaObject {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  const schema: JsonSchemaObject = { type: 'object', properties, additionalProperties: false };
  for (const [key, child] of Object.entries(value)) {
    if (key === WILDCARD) {
      schema.additionalProperties = convert(child, [...path, key], problems);
      continue;
    }
    const parsed = parseKey(key);
    if (!parsed.optional) required.push(parsed.name);
    const property =
      parsed.type === undefined
        ? nullableIfOptional(convert(child, [...path, key], problems), parsed.optional)
        : typedProperty(parsed, child, [...path, key], problems);
    if (parsed.type !== undefined && parsed.description) property.description = parsed.description;
    properties[parsed.name] = property;
  }
  if (required.length > 0) schema.required = required;
  return schema;
}

interface PropertyKey {
  name: string;
  optional: boolean;
  /** The parenthesised type: `tags(array, Some tags)` → `array`. */
  type?: string;
  description?: string;
}

/** `name?(array, description)` → its parts. */
function parseKey(key: string): PropertyKey {
  const open = key.indexOf('(');
  const head = open === -1 ? key : key.slice(0, open);
  const optional = head.endsWith('?');
  const name = optional ? head.slice(0, -1) : head;
  if (open === -1) return { name, optional };
  const inner = key.slice(open + 1, key.endsWith(')') ? -1 : undefined);
  const [type, description] = splitDescription(inner);
  return { name, optional, type, description };
}

function typedProperty(key: PropertyKey, value: unknown, path: string[], problems: PicoschemaProblem[]): JsonSchemaObject {
  switch (key.type) {
    case 'array':
      return { type: key.optional ? ['array', 'null'] : 'array', items: convert(value, path, problems) };
    case 'object':
      return nullableIfOptional(convert(value, path, problems), key.optional);
    case 'enum':
      return enumSchema(value, key.optional, path, problems);
    default:
      problems.push({ message: `a parenthesised Picoschema type is object, array or enum; got "${key.type ?? ''}"`, path });
      return {};
  }
}

function enumSchema(value: unknown, optional: boolean, path: string[], problems: PicoschemaProblem[]): JsonSchemaObject {
  if (!Array.isArray(value)) {
    problems.push({ message: 'an (enum) property takes a list of values', path });
    return {};
  }
  const values = [...value];
  if (optional && !values.includes(null)) values.push(null);
  return { enum: values };
}

/** Optional fields are also nullable in Picoschema: `name?: string` accepts `null`. */
function nullableIfOptional(schema: JsonSchemaObject, optional: boolean): JsonSchemaObject {
  if (!optional || typeof schema.type !== 'string') return schema;
  return { ...schema, type: [schema.type, 'null'] };
}
