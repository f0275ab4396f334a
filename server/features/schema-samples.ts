// Between schemas and samples: an example completion generated from a schema, and a schema inferred from sample JSON.
// Both are bounded (depth, properties, items) so a hostile or recursive schema cannot make them run long.

import { patternExample } from '../../core/schema/pattern-example';
import { isRecord, nodeAtLocalRef } from '../../core/plain-data';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Schema = Record<string, unknown>;

const MAX_DEPTH = 8;
const MAX_PROPERTIES = 50;
const MAX_REF_HOPS = 16;

function isSchema(value: unknown): value is Schema {
  return isRecord(value);
}

function isJson(value: unknown, depth = 0): value is Json {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((v) => isJson(v, depth + 1));
  if (isSchema(value)) return Object.values(value).every((v) => isJson(v, depth + 1));
  return false;
}

/** A local `$ref` (`#/definitions/x`, `#/$defs/x`, `#`) resolved in `root`. */
function resolveRef(root: unknown, ref: string): Schema | undefined {
  const node = nodeAtLocalRef(root, ref);
  return isSchema(node) ? node : undefined;
}

/** Follows `$ref`s and merges `allOf` branches into one schema to read. */
function flatten(schema: Schema, root: unknown): Schema {
  let current = schema;
  for (let hops = 0; typeof current.$ref === 'string' && hops < MAX_REF_HOPS; hops++) {
    const target = resolveRef(root, current.$ref);
    if (!target) break;
    const { $ref: _ref, ...rest } = current;
    void _ref;
    current = { ...target, ...rest };
  }
  if (Array.isArray(current.allOf)) {
    let merged: Schema = { ...current, allOf: undefined };
    for (const branch of current.allOf) {
      if (!isSchema(branch)) continue;
      const flat = flatten(branch, root);
      merged = {
        ...flat,
        ...merged,
        properties: {
          ...(isSchema(flat.properties) ? flat.properties : {}),
          ...(isSchema(merged.properties) ? merged.properties : {}),
        },
        required: [
          ...(Array.isArray(flat.required) ? flat.required : []),
          ...(Array.isArray(merged.required) ? merged.required : []),
        ],
      };
    }
    current = merged;
  }
  return current;
}

/** An example value for `schema`: `const`, `default`, `examples`, `enum`, else a typed placeholder; objects get their required properties. */
export function exampleFromSchema(schema: unknown, root: unknown = schema, depth = 0): Json {
  if (schema === true || schema === undefined) return null;
  if (!isSchema(schema) || depth > MAX_DEPTH) return null;
  const s = flatten(schema, root);
  if (s.const !== undefined && isJson(s.const)) return s.const;
  if (s.default !== undefined && isJson(s.default)) return s.default;
  if (Array.isArray(s.examples) && s.examples.length > 0 && isJson(s.examples[0])) return s.examples[0];
  if (Array.isArray(s.enum) && s.enum.length > 0 && isJson(s.enum[0])) return s.enum[0];
  const branches = Array.isArray(s.oneOf) ? s.oneOf : Array.isArray(s.anyOf) ? s.anyOf : undefined;
  const type = typeOf(s);
  if (branches && branches.length > 0 && type === undefined) return exampleFromSchema(branches[0], root, depth + 1);
  switch (type) {
    case 'object':
      return objectExample(s, root, depth);
    case 'array':
      return arrayExample(s, root, depth);
    case 'string':
      return stringExample(s);
    case 'integer':
      return numberExample(s, true);
    case 'number':
      return numberExample(s, false);
    case 'boolean':
      return false;
    default:
      return null;
  }
}

function typeOf(s: Schema): string | undefined {
  const types = Array.isArray(s.type)
    ? s.type.filter((t): t is string => typeof t === 'string')
    : typeof s.type === 'string'
      ? [s.type]
      : [];
  const type = types.find((t) => t !== 'null') ?? types[0];
  if (type) return type;
  if (isSchema(s.properties) || Array.isArray(s.required)) return 'object';
  if (s.items !== undefined || s.prefixItems !== undefined) return 'array';
  return undefined;
}

function objectExample(s: Schema, root: unknown, depth: number): Json {
  const properties = isSchema(s.properties) ? s.properties : {};
  const required = Array.isArray(s.required) ? s.required.filter((r): r is string => typeof r === 'string') : [];
  // Required properties; with none required, every declared one (an empty object teaches nothing).
  const names = required.length > 0 ? required : Object.keys(properties);
  // fromEntries defines own properties, so a key named `__proto__` stays a key.
  const own = (name: string): unknown => (Object.prototype.hasOwnProperty.call(properties, name) ? properties[name] : true);
  return Object.fromEntries(
    [...new Set(names)].slice(0, MAX_PROPERTIES).map((name) => [name, exampleFromSchema(own(name), root, depth + 1)]),
  );
}

function arrayExample(s: Schema, root: unknown, depth: number): Json {
  if (Array.isArray(s.prefixItems))
    return s.prefixItems.slice(0, MAX_PROPERTIES).map((item) => exampleFromSchema(item, root, depth + 1));
  if (Array.isArray(s.items)) return s.items.slice(0, MAX_PROPERTIES).map((item) => exampleFromSchema(item, root, depth + 1)); // draft 04–2019-09 tuples
  const min = typeof s.minItems === 'number' ? Math.min(Math.max(0, Math.floor(s.minItems)), 10) : 1;
  if (s.items === undefined || s.items === false) return [];
  return Array.from({ length: min }, () => exampleFromSchema(s.items, root, depth + 1));
}

const FORMATS: Record<string, string> = {
  date: '2025-01-31',
  'date-time': '2025-01-31T12:00:00Z',
  time: '12:00:00Z',
  email: 'user@example.com',
  'idn-email': 'user@example.com',
  uri: 'https://example.com/',
  'uri-reference': 'https://example.com/',
  iri: 'https://example.com/',
  url: 'https://example.com/',
  hostname: 'example.com',
  ipv4: '192.0.2.1',
  ipv6: '2001:db8::1',
  uuid: '00000000-0000-4000-8000-000000000000',
  duration: 'P1D',
};

function stringExample(s: Schema): string {
  if (typeof s.format === 'string' && FORMATS[s.format]) return FORMATS[s.format];
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  const fromPattern = typeof s.pattern === 'string' ? patternExample(s.pattern) : undefined;
  if (fromPattern !== undefined && fromPattern.length >= min && fromPattern.length <= max) return fromPattern;
  let text = 'text';
  if (text.length < min) text = text.padEnd(Math.min(min, 1000), 'x');
  if (text.length > max) text = text.slice(0, Math.max(0, max));
  return text;
}

function numberExample(s: Schema, integer: boolean): number {
  const step = integer ? 1 : 0.5;
  // Draft 04 writes exclusive bounds as `exclusiveMinimum: true` beside `minimum`; later drafts as numbers.
  const min =
    typeof s.minimum === 'number'
      ? s.minimum + (s.exclusiveMinimum === true ? step : 0)
      : typeof s.exclusiveMinimum === 'number'
        ? s.exclusiveMinimum + step
        : undefined;
  const max =
    typeof s.maximum === 'number'
      ? s.maximum - (s.exclusiveMaximum === true ? step : 0)
      : typeof s.exclusiveMaximum === 'number'
        ? s.exclusiveMaximum - step
        : undefined;
  let value = min ?? (max !== undefined ? Math.min(0, max) : 0);
  if (integer) value = Math.ceil(value);
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0) value = Math.ceil(value / s.multipleOf) * s.multipleOf;
  return value;
}

// ---- inference ----

type InferredType = 'null' | 'boolean' | 'integer' | 'number' | 'string' | 'array' | 'object';

/** A JSON Schema (draft 2020-12) that every one of `values` satisfies: types, properties, required keys, items. */
export function inferSchema(values: readonly unknown[]): Schema {
  return { $schema: 'https://json-schema.org/draft/2020-12/schema', ...inferNode(values, 0) };
}

function jsonType(value: unknown): InferredType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'boolean' || typeof value === 'string' || typeof value === 'object') return typeof value as InferredType;
  return 'null';
}

function inferNode(values: readonly unknown[], depth: number): Schema {
  if (values.length === 0) return {};
  const types = new Set(values.map(jsonType));
  if (types.has('integer') && types.has('number')) types.delete('integer');
  const order: InferredType[] = ['object', 'array', 'string', 'number', 'integer', 'boolean', 'null'];
  const list = order.filter((t) => types.has(t));
  const schema: Schema = { type: list.length === 1 ? list[0] : list };
  if (depth >= 32) return schema;
  if (types.has('object')) {
    const objects = values.filter((v): v is Record<string, unknown> => isSchema(v));
    const keys: string[] = [];
    for (const o of objects) for (const k of Object.keys(o)) if (!keys.includes(k) && keys.length < 500) keys.push(k);
    const has = (o: Record<string, unknown>, k: string) => Object.prototype.hasOwnProperty.call(o, k);
    schema.properties = Object.fromEntries(
      keys.map((key) => [
        key,
        inferNode(
          objects.filter((o) => has(o, key)).map((o) => o[key]),
          depth + 1,
        ),
      ]),
    );
    const required = keys.filter((k) => objects.every((o) => has(o, k)));
    if (required.length > 0) schema.required = required;
  }
  if (types.has('array')) {
    const items = values.filter(Array.isArray).flat().slice(0, 10_000);
    if (items.length > 0) schema.items = inferNode(items, depth + 1);
  }
  return schema;
}
