// Visits every subschema of a JSON Schema (not the data inside `enum`, `const`, `default`, `examples`), iteratively and depth-capped.
import { isRecord } from '../plain-data';

export { isRecord };

export type SchemaPath = ReadonlyArray<string | number>;

/** Keywords whose value is one subschema. */
const ONE = new Set([
  'additionalProperties',
  'additionalItems',
  'items',
  'contains',
  'not',
  'if',
  'then',
  'else',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
  'contentSchema',
]);
/** Keywords whose value is a list of subschemas. */
const LIST = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems', 'items']);
/** Keywords whose value maps names to subschemas. */
const MAP = new Set(['properties', 'patternProperties', 'definitions', '$defs', 'dependentSchemas', 'dependencies']);

export interface SchemaVisit {
  schema: Record<string, unknown>;
  path: SchemaPath;
  /** Nesting level in subschemas (the root is 0). */
  depth: number;
}

/**
 * Calls `visit` for each object subschema, root first. Stops descending below `maxDepth` and returns the
 * path of the first subschema found there (undefined when the schema is within bounds).
 */
export function walkSchema(root: unknown, visit: (v: SchemaVisit) => void, maxDepth = 64): SchemaPath | undefined {
  const stack: Array<{ value: unknown; path: SchemaPath; depth: number }> = [{ value: root, path: [], depth: 0 }];
  let tooDeep: SchemaPath | undefined;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (!isRecord(value)) continue;
    if (depth > maxDepth) {
      tooDeep ??= path;
      continue;
    }
    visit({ schema: value, path, depth });
    const children: Array<{ value: unknown; path: SchemaPath; depth: number }> = [];
    for (const [key, child] of Object.entries(value)) {
      for (const [childValue, childPath] of subschemas(key, child)) {
        children.push({ value: childValue, path: [...path, ...childPath], depth: depth + 1 });
      }
    }
    // Reversed so the stack pops them in document order.
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
  }
  return tooDeep;
}

function subschemas(key: string, child: unknown): Array<[unknown, SchemaPath]> {
  const found: Array<[unknown, SchemaPath]> = [];
  if (ONE.has(key) && isRecord(child)) found.push([child, [key]]);
  if (LIST.has(key) && Array.isArray(child)) child.forEach((item, i) => found.push([item, [key, i]]));
  if (MAP.has(key) && isRecord(child)) {
    for (const [name, item] of Object.entries(child)) if (isRecord(item)) found.push([item, [key, name]]);
  }
  return found;
}

/** The path of the first number that is not finite (`1e400` reads as Infinity; JSON cannot carry it), found without recursion. */
export function nonFiniteNumberPath(root: unknown, maxNodes = 1_000_000): SchemaPath | undefined {
  const stack: Array<{ value: unknown; path: SchemaPath }> = [{ value: root, path: [] }];
  for (let seen = 0; stack.length > 0 && seen < maxNodes; seen++) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'number' && !Number.isFinite(value)) return path;
    if (Array.isArray(value)) value.forEach((item, i) => stack.push({ value: item, path: [...path, i] }));
    else if (isRecord(value)) for (const [key, item] of Object.entries(value)) stack.push({ value: item, path: [...path, key] });
  }
  return undefined;
}

export const NON_FINITE_MESSAGE =
  'number out of range: it does not fit a 64-bit float (beyond about ±1.8e308), so it would read as infinity; use a smaller number';
