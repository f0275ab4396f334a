// Converts Prompty `outputs` (`{field: {type, description}}`, or a list of `{name, type, …}`) to a JSON Schema object.
import { isRecord } from '../plain-data';

export interface PromptyOutputsResult {
  schema?: Record<string, unknown>;
  problems: Array<{ message: string; path: string[] }>;
}

/** Prompty type names (and the Python spellings people write) → JSON Schema types. */
const TYPES: Record<string, string> = {
  string: 'string',
  str: 'string',
  number: 'number',
  float: 'number',
  integer: 'integer',
  int: 'integer',
  boolean: 'boolean',
  bool: 'boolean',
  array: 'array',
  list: 'array',
  object: 'object',
  dict: 'object',
  null: 'null',
};

/**
 * Each declared output becomes a property; outputs are required unless they say `required: false` or carry a
 * `default`; other properties are allowed (Prompty says nothing about them).
 */
export function promptyOutputsToJsonSchema(outputs: unknown): PromptyOutputsResult {
  const problems: PromptyOutputsResult['problems'] = [];
  const entries = outputEntries(outputs);
  if (!entries)
    return { problems: [{ message: 'outputs: expected a mapping of output names (or a list of {name, type})', path: [] }] };
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const { name, spec, path } of entries) {
    properties[name] = propertySchema(spec, path, problems);
    if (!(isRecord(spec) && (spec.required === false || spec.default !== undefined))) required.push(name);
  }
  const schema: Record<string, unknown> = { type: 'object', properties };
  if (required.length > 0) schema.required = required;
  return { schema, problems };
}

function outputEntries(outputs: unknown): Array<{ name: string; spec: unknown; path: string[] }> | undefined {
  if (Array.isArray(outputs)) {
    return outputs.flatMap((item, i) =>
      isRecord(item) && typeof item.name === 'string' ? [{ name: item.name, spec: item, path: [String(i)] }] : [],
    );
  }
  if (!isRecord(outputs)) return undefined;
  return Object.entries(outputs).map(([name, spec]) => ({ name, spec, path: [name] }));
}

function propertySchema(spec: unknown, path: string[], problems: PromptyOutputsResult['problems']): Record<string, unknown> {
  if (typeof spec === 'string') spec = { type: spec };
  if (!isRecord(spec)) return {};
  const schema: Record<string, unknown> = {};
  const declared = spec.type ?? spec.kind;
  if (typeof declared === 'string') {
    const type = TYPES[declared.toLowerCase()];
    if (type) schema.type = type;
    else
      problems.push({
        message: `output type "${declared}" is not one of ${Object.keys(TYPES).join(', ')}; not checked`,
        path: [...path, spec.type !== undefined ? 'type' : 'kind'],
      });
  }
  if (typeof spec.description === 'string') schema.description = spec.description;
  if (Array.isArray(spec.enum)) schema.enum = spec.enum;
  return schema;
}
