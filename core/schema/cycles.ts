// Finds `$ref` cycles that never descend into the instance (`a.json` → `b.json` → `a.json`, `{"$ref": "#"}`): JSON Schema
// leaves their meaning undefined and a validator following them recurses forever, so they are reported, not compiled.
import type { CompileUnit } from './compile';
import type { SchemaIssue } from './issues';
import { nodeAtLocalRef } from '../plain-data';
import { show } from './explain';
import { isRecord, walkSchema, type SchemaPath } from './walk';

/** The `$ref` as written, for subschemas whose `$ref` refs.ts rewrote to a unit key (messages show what the user wrote). */
export const originalRefs = new WeakMap<object, string>();

/** Keywords that apply their subschemas to the same instance (a cycle through only these never ends). */
const IN_PLACE_ONE = ['not', 'if', 'then', 'else'];
const IN_PLACE_LIST = ['allOf', 'anyOf', 'oneOf'];
const IN_PLACE_MAP = ['dependentSchemas', 'dependencies'];
const REF_KEYWORDS = ['$ref', '$recursiveRef', '$dynamicRef'];

interface Place {
  unit: number;
  path: SchemaPath;
}

/** Adds one schema/invalid issue per `$ref` that closes such a cycle; returns true when there is one. */
export function checkRefCycles(units: readonly CompileUnit[], maxDepth: number, issues: SchemaIssue[]): boolean {
  const places = new Map<object, Place>();
  units.forEach((u, unit) => walkSchema(u.schema, ({ schema, path }) => void places.set(schema, { unit, path }), maxDepth));
  const resolver = new RefResolver(units, places, maxDepth);
  const state = new Map<object, 'open' | 'done'>();
  const reported = new Set<object>();
  let found = false;
  for (const start of places.keys()) {
    if (state.has(start)) continue;
    // Iterative depth-first search; an edge to an open node closes a cycle, reported at a `$ref` on it.
    const stack: Frame[] = [{ node: start, edges: edgesOf(start, resolver), next: 0 }];
    state.set(start, 'open');
    while (stack.length > 0) {
      const top = stack[stack.length - 1];
      if (top.next >= top.edges.length) {
        state.set(top.node, 'done');
        stack.pop();
        continue;
      }
      const edge = top.edges[top.next++];
      const seen = state.get(edge.to);
      if (seen === 'open') {
        const closing = refOnCycle(stack, top.node, edge);
        const at = closing && places.get(closing.from);
        if (closing && at && !reported.has(closing.from)) {
          reported.add(closing.from);
          found = true;
          issues.push({
            ruleId: 'schema/invalid',
            severity: 'error',
            message: `${closing.ref.keyword} ${show(closing.ref.value, 80)} closes a cycle of references that never descends into the value (validation would never end; JSON Schema leaves it undefined)`,
            unit: at.unit,
            path: [...at.path, closing.ref.keyword],
            at: 'value',
          });
        }
      } else if (seen === undefined) {
        state.set(edge.to, 'open');
        stack.push({ node: edge.to, edges: edgesOf(edge.to, resolver), next: 0, via: edge, from: top.node });
      }
    }
  }
  return found;
}

interface Frame {
  node: object;
  edges: Edge[];
  next: number;
  /** The edge that led here, from `from`. */
  via?: Edge;
  from?: object;
}

/** The closing edge if it is a ref, else the nearest ref edge on the stack between its target and the top. */
function refOnCycle(
  stack: readonly Frame[],
  from: object,
  closing: Edge,
): { from: object; ref: NonNullable<Edge['ref']> } | undefined {
  if (closing.ref) return { from, ref: closing.ref };
  for (let i = stack.length - 1; i > 0 && stack[i].node !== closing.to; i--) {
    const frame = stack[i];
    if (frame.via?.ref && frame.from) return { from: frame.from, ref: frame.via.ref };
  }
  return undefined;
}

interface Edge {
  to: object;
  ref?: { keyword: string; value: string };
}

function edgesOf(node: object, resolver: RefResolver): Edge[] {
  if (!isRecord(node)) return [];
  const edges: Edge[] = [];
  const add = (value: unknown) => {
    if (isRecord(value)) edges.push({ to: value });
  };
  for (const key of IN_PLACE_ONE) add(node[key]);
  for (const key of IN_PLACE_LIST) if (Array.isArray(node[key])) (node[key] as unknown[]).forEach(add);
  for (const key of IN_PLACE_MAP) if (isRecord(node[key])) Object.values(node[key] as Record<string, unknown>).forEach(add);
  for (const keyword of REF_KEYWORDS) {
    const value = node[keyword];
    if (typeof value !== 'string') continue;
    const target = resolver.resolve(node, value);
    if (target)
      edges.push({ to: target, ref: { keyword, value: keyword === '$ref' ? (originalRefs.get(node) ?? value) : value } });
  }
  return edges;
}

/** Resolves refs the way refs.ts left them: `#…` in the same unit, a unit's key (`file:///…#…`), or a declared `$id`. */
class RefResolver {
  private readonly byKey = new Map<string, object>();
  private readonly unitOf = new Map<object, number>();

  constructor(
    private readonly units: readonly CompileUnit[],
    places: Map<object, Place>,
    maxDepth: number,
  ) {
    units.forEach((u) => {
      if (u.key !== undefined && isRecord(u.schema)) this.byKey.set(u.key, u.schema);
      walkSchema(
        u.schema,
        ({ schema }) => {
          for (const id of [schema.$id, schema.id])
            if (typeof id === 'string' && id !== '' && !id.startsWith('#')) this.byKey.set(id.replace(/#$/, ''), schema);
        },
        maxDepth,
      );
    });
    for (const [node, place] of places) this.unitOf.set(node, place.unit);
  }

  resolve(from: object, ref: string): object | undefined {
    const hash = ref.indexOf('#');
    const base = hash === -1 ? ref : ref.slice(0, hash);
    const fragment = hash === -1 ? '' : ref.slice(hash + 1);
    const unit = this.unitOf.get(from) ?? 0;
    const root = base === '' ? this.units[unit]?.schema : this.byKey.get(base);
    if (!isRecord(root)) return undefined;
    if (fragment === '') return root;
    if (!fragment.startsWith('/')) return findAnchor(root, fragment);
    const node = nodeAtLocalRef(root, `#${fragment}`);
    return isRecord(node) ? node : undefined;
  }
}

function findAnchor(root: Record<string, unknown>, name: string): object | undefined {
  let found: object | undefined;
  walkSchema(root, ({ schema }) => {
    if (!found && (schema.$anchor === name || schema.$dynamicAnchor === name || schema.$id === `#${name}`)) found = schema;
  });
  return found;
}
