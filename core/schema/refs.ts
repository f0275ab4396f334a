// Follows a schema's relative `$ref`s to other files through the injected FileAccess (inside the workspace only); remote refs are reported and never fetched.
import type { FileAccess, ReadScope } from '../files';
import { inScope, outsideMessage, readScoped, resolveRelative } from '../files';
import type { SchemaIssue } from './issues';
import type { CompileUnit } from './compile';
import { MAX_SCHEMA_DEPTH } from './compile';
import { jsonDepthOver, jsonSource, parseJsonText, wholeSource, type SchemaSource } from './sources';
import { show } from './explain';
import { isRecord, NON_FINITE_MESSAGE, nonFiniteNumberPath, walkSchema } from './walk';
import { originalRefs } from './cycles';

/** A schema file larger than this is not read (docs/design/pitfalls.md P11). */
export const MAX_SCHEMA_TEXT = 1_000_000;
/** Files one schema may pull in through `$ref`. */
const MAX_REF_FILES = 32;
/** Bracket nesting in a schema file's text (subschemas nest about two brackets per level). */
const MAX_TEXT_DEPTH = 4 * MAX_SCHEMA_DEPTH;

export interface RefOptions {
  files: FileAccess;
  /** Refs may only reach files in this scope; undefined allows any local path (never a URL). */
  scope?: ReadScope;
}

/** A unit with where it came from, for locating its issues. */
export interface LoadedUnit extends CompileUnit {
  source: SchemaSource;
}

/** Meta-schemas ajv has built in: a `$ref` to one is resolved locally, not fetched. */
const BUILT_IN = /^https?:\/\/json-schema\.org\/(draft-0[4-7]\/schema|draft\/20(19-09|20-12)\/(schema|meta\/[a-z-]+))#?$/;

/**
 * Rewrites every relative file `$ref` of `root` (and of the files it reaches) to an absolute key, loads those
 * files as further units, and removes refs that cannot be resolved (after reporting them) so the rest compiles.
 */
export async function resolveRefs(root: LoadedUnit, options: RefOptions, issues: SchemaIssue[]): Promise<LoadedUnit[]> {
  const units: LoadedUnit[] = [root];
  const byKey = new Map<string, number>();
  if (root.key !== undefined) byKey.set(root.source.uri, 0);
  for (let unit = 0; unit < units.length; unit++) {
    const ids = declaredIds(units);
    const pending: Array<{
      node: Record<string, unknown>;
      path: ReadonlyArray<string | number>;
      target: string;
      fragment: string;
    }> = [];
    walkSchema(
      units[unit].schema,
      ({ schema, path }) => {
        const ref = schema.$ref;
        if (typeof ref !== 'string' || ref.startsWith('#')) return;
        const [base, fragment] = splitFragment(ref);
        if (ids.has(base) || BUILT_IN.test(base)) return;
        const problem = refProblem(base, units[unit].source.uri, options);
        if (problem) {
          issues.push({
            ruleId: 'schema/unresolved-ref',
            severity: 'error',
            message: problem(ref),
            unit,
            path: [...path, '$ref'],
            at: 'value',
          });
          delete schema.$ref;
          return;
        }
        pending.push({ node: schema, path, target: resolveRelative(units[unit].source.uri, base), fragment });
      },
      MAX_SCHEMA_DEPTH,
    );
    for (const ref of pending) {
      const loaded = byKey.get(ref.target) ?? (await loadUnit(ref.target, units, byKey, options, issues));
      if (typeof loaded !== 'number') {
        issues.push({
          ruleId: 'schema/unresolved-ref',
          severity: 'error',
          message: `$ref ${show(String(ref.node.$ref), 120)}: ${loaded}`,
          unit,
          path: [...ref.path, '$ref'],
          at: 'value',
        });
        delete ref.node.$ref;
      } else {
        originalRefs.set(ref.node, String(ref.node.$ref));
        ref.node.$ref = `${units[loaded].key}${ref.fragment}`;
      }
    }
  }
  return units;
}

function splitFragment(ref: string): [string, string] {
  const hash = ref.indexOf('#');
  return hash === -1 ? [ref, ''] : [ref.slice(0, hash), ref.slice(hash)];
}

/** Why a ref base cannot be followed at all, as a message builder; undefined when it is a local path to try. */
function refProblem(base: string, fromUri: string, options: RefOptions): ((ref: string) => string) | undefined {
  if ((/^[a-z][a-z0-9+.-]*:/i.test(base) && !/^[a-z]:[\\/]/i.test(base)) || base.startsWith('//')) {
    return (ref) =>
      `remote $ref ${show(ref, 120)} is not fetched (promptbound never uses the network); vendor the schema next to the prompt and refer to it by a relative path`;
  }
  const target = resolveRelative(fromUri, base);
  if (options.scope !== undefined && !inScope(target, options.scope)) {
    const scope = options.scope;
    return (ref) => `$ref ${show(ref, 120)} ${outsideMessage(scope)}`;
  }
  return undefined;
}

/** Why a read failed, for a `$ref` message. */
export function readFailureText(target: string, reason: string, message: string): string {
  if (reason === 'missing') return `file ${target} not found`;
  if (reason === 'denied') return `file ${target} cannot be read: permission denied`;
  if (reason === 'outside-root') return `file ${target} ${message}`;
  return `file ${target} cannot be read (${message})`;
}

/** Reads and parses a referenced file into a new unit (its syntax errors are issues located in it); a message when it cannot. */
async function loadUnit(
  target: string,
  units: LoadedUnit[],
  byKey: Map<string, number>,
  options: RefOptions,
  issues: SchemaIssue[],
): Promise<number | string> {
  if (units.length > MAX_REF_FILES) return `more than ${MAX_REF_FILES} schema files are not followed`;
  const read = await readScoped(options.files, target, options.scope);
  if (!read.ok) return readFailureText(target, read.reason, read.message);
  const text = read.text;
  const unit = units.length;
  const parsed = parseSchemaFile(target, text);
  for (const e of parsed.errors) issues.push({ ...e, unit });
  if (parsed.schema === undefined) {
    // Keep a placeholder unit so the located issues have a source; nothing refers to it.
    units.push({ key: refKey(target), schema: true, source: parsed.source });
    return `file ${target} is not a usable JSON Schema`;
  }
  units.push({ key: refKey(target), schema: parsed.schema, source: parsed.source });
  byKey.set(target, unit);
  return unit;
}

export interface ParsedSchemaFile {
  schema?: unknown;
  source: SchemaSource;
  /** Issues without their unit (the caller knows it). */
  errors: Array<Omit<SchemaIssue, 'unit'>>;
}

/** A schema file's text: size and nesting bounded, JSON (with comments) parsed with positions. */
export function parseSchemaFile(uri: string, text: string): ParsedSchemaFile {
  const invalid = (message: string, offset = 0): ParsedSchemaFile => ({
    source: wholeSource(uri, { offset, length: offset === 0 ? 0 : 1 }),
    errors: [{ ruleId: 'schema/invalid', severity: 'error', message, path: [], at: 'value' }],
  });
  if (text.length > MAX_SCHEMA_TEXT)
    return invalid(`schema file larger than ${MAX_SCHEMA_TEXT.toLocaleString('en')} characters is not read`);
  const deep = jsonDepthOver(text, MAX_TEXT_DEPTH);
  if (deep !== undefined) return invalid(`schema nested more than ${MAX_TEXT_DEPTH} brackets deep is not read`, deep);
  const parsed = parseJsonText(text);
  const source = jsonSource(uri, parsed.tree, text);
  if (parsed.errors.length > 0) {
    const e = parsed.errors[0];
    return {
      source: wholeSource(uri, e.span),
      errors: [
        {
          ruleId: 'schema/invalid',
          severity: 'error',
          message: `schema file is not valid JSON: ${e.message}`,
          path: [],
          at: 'value',
        },
      ],
    };
  }
  if (!isRecord(parsed.value) && typeof parsed.value !== 'boolean') {
    return {
      source,
      errors: [
        {
          ruleId: 'schema/invalid',
          severity: 'error',
          message: 'a JSON Schema is an object (or true/false)',
          path: [],
          at: 'value',
        },
      ],
    };
  }
  const infinite = nonFiniteNumberPath(parsed.value);
  if (infinite)
    return {
      source,
      errors: [{ ruleId: 'schema/invalid', severity: 'error', message: NON_FINITE_MESSAGE, path: infinite, at: 'value' }],
    };
  return { schema: parsed.value, source, errors: [] };
}

/** The absolute uri ajv knows a file by: `file:///…` for paths, so a root `$id` cannot re-base it. */
export function refKey(uri: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(uri)) return uri;
  const path = uri.replace(/\\/g, '/');
  return `file://${path.startsWith('/') ? '' : '/'}${encodeURI(path)}`;
}

/** `$id`s (and draft-04 `id`s) declared anywhere: a `$ref` to one of them is internal. */
function declaredIds(units: readonly LoadedUnit[]): Set<string> {
  const ids = new Set<string>();
  for (const u of units) {
    walkSchema(
      u.schema,
      ({ schema }) => {
        for (const id of [schema.$id, schema.id]) if (typeof id === 'string') ids.add(id.replace(/#$/, ''));
      },
      MAX_SCHEMA_DEPTH,
    );
  }
  return ids;
}
