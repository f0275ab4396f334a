// Compiles a user's JSON Schema with ajv: the draft picked by `$schema`, formats, strict findings as warnings, patterns pre-checked and run by RE2, validators cached by schema text.
import Ajv from 'ajv';
import type { Options, ValidateFunction } from 'ajv';
import type AjvCore from 'ajv/dist/core';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import AjvDraft04 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import draft06MetaSchema from 'ajv/dist/refs/json-schema-draft-06.json';
import { RE2JS } from 're2js';
import { compileBacktracking } from '../regex/backtrack';
import { isBudgetExceeded, newBudget, PATTERN_STEP_BUDGET, type StepBudget } from '../regex/bounded';
import type { SchemaIssue } from './issues';
import { checkRefCycles } from './cycles';
import { describeExplanation, explainErrors, show, type Explanation } from './explain';
import { isRecord, walkSchema, type SchemaPath } from './walk';

export type Draft = 'draft-04' | 'draft-06' | 'draft-07' | '2019-09' | '2020-12';

/** One schema document: the root (index 0) or a file reached by a relative `$ref`, already rewritten by refs.ts. */
export interface CompileUnit {
  /** The key other units' `$ref`s use for it (an absolute uri); undefined for the root. */
  key?: string;
  schema: unknown;
}

/**
 * The patterns RE2 refuses run on the backtracking matcher: one step budget per validated completion (reset by
 * locate.ts), and the values a pattern could not decide within it (reported as not checked, never as valid).
 */
export interface PatternRun {
  budget: StepBudget;
  exhausted: Array<{ pattern: string; value: string }>;
}

export interface CompileOutcome {
  validate?: ValidateFunction;
  /** Present when some pattern runs on the backtracking matcher. */
  patterns?: PatternRun;
  draft: Draft;
  /** Located by unit index and path in that unit. */
  issues: SchemaIssue[];
}

/** Subschema nesting allowed in a user schema. */
export const MAX_SCHEMA_DEPTH = 64;
/** Compiled validators kept; each holds its own Ajv instance, so memory stays bounded as schemas are edited. */
const CACHE_SIZE = 64;

const META: ReadonlyArray<[RegExp, Draft]> = [
  [/^https?:\/\/json-schema\.org\/draft-04\/schema#?$/, 'draft-04'],
  [/^https?:\/\/json-schema\.org\/draft-06\/schema#?$/, 'draft-06'],
  [/^https?:\/\/json-schema\.org\/draft-07\/schema#?$/, 'draft-07'],
  [/^https?:\/\/json-schema\.org\/draft\/2019-09\/schema#?$/, '2019-09'],
  [/^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/, '2020-12'],
];

/** The draft a `$schema` value names; undefined for one we do not recognise. */
export function draftOf(schemaUri: string): Draft | undefined {
  return META.find(([re]) => re.test(schemaUri.trim()))?.[1];
}

const cache = new Map<string, CompileOutcome>();
/** Vendor extensions (`x-order`, `x-go-type`…) are meant to be ignored by validators: no warning. */
const X_KEYWORD = /unknown keyword: "x-/;

/** Compiles the units (cached by a hash of their canonical text); never throws. */
export function compileUnits(units: readonly CompileUnit[]): CompileOutcome {
  const key = hashText(units.map((u) => `${u.key ?? ''}\u0000${JSON.stringify(u.schema)}`).join('\u0001'));
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key); // re-inserted: most recently used last
    cache.set(key, hit);
    return hit;
  }
  const outcome = compileFresh(units);
  cache.set(key, outcome);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return outcome;
}

/** How many compiled validators are cached (for tests of the bound). */
export function cachedValidatorCount(): number {
  return cache.size;
}

function compileFresh(units: readonly CompileUnit[]): CompileOutcome {
  const issues: SchemaIssue[] = [];
  const draft = pickDraft(units, issues);
  const tooDeep = units.some((u, unit) => checkDepth(u.schema, unit, issues));
  const badPatterns = units.some((u, unit) => checkPatterns(u.schema, unit, issues));
  if (tooDeep || badPatterns) return { draft, issues };
  if (checkRefCycles(units, MAX_SCHEMA_DEPTH, issues)) return { draft, issues };
  const fallbacks = new Map<string, string | undefined>();
  const strictFindings: string[] = [];
  const patterns: PatternRun = { budget: newBudget(), exhausted: [] };
  let ajv: AjvCore;
  try {
    ajv = createAjv(draft, strictFindings, fallbacks, patterns);
  } catch (error) {
    issues.push(unavailable(error));
    return { draft, issues };
  }
  ignoreUnknownFormats(ajv, units, issues);
  if (!metaValid(ajv, units, issues)) return { draft, issues };
  const validate = compileWith(ajv, units, issues);
  for (const finding of strictFindings) if (!X_KEYWORD.test(finding)) issues.push(strictIssue(finding, units));
  for (const [pattern, problem] of fallbacks) issues.push(fallbackIssue(pattern, problem, units));
  if (!validate) return { draft, issues };
  return fallbacks.size > 0 ? { validate, draft, issues, patterns } : { validate, draft, issues };
}

/** The root's `$schema` picks the class; an unknown one is a warning and validates as draft-07. Other units follow the root. */
function pickDraft(units: readonly CompileUnit[], issues: SchemaIssue[]): Draft {
  const declared = isRecord(units[0]?.schema) ? units[0].schema.$schema : undefined;
  let draft: Draft = 'draft-07';
  if (typeof declared === 'string') {
    const known = draftOf(declared);
    if (known) draft = known;
    else {
      issues.push({
        ruleId: 'schema/invalid',
        severity: 'warning',
        message: `unrecognised $schema ${show(declared, 80)}: validated as draft-07 (known: draft-04, draft-06, draft-07, 2019-09, 2020-12)`,
        unit: 0,
        path: ['$schema'],
        at: 'value',
      });
    }
  }
  units.forEach((u) => {
    // ajv resolves `$schema` as a meta-schema id; a draft it has no meta-schema for would fail the whole compile.
    if (isRecord(u.schema) && typeof u.schema.$schema === 'string' && draftOf(u.schema.$schema) !== draft)
      delete u.schema.$schema;
  });
  return draft;
}

function checkDepth(schema: unknown, unit: number, issues: SchemaIssue[]): boolean {
  const at = walkSchema(schema, () => {}, MAX_SCHEMA_DEPTH);
  if (!at) return false;
  issues.push({
    ruleId: 'schema/invalid',
    severity: 'error',
    message: `schema nested more than ${MAX_SCHEMA_DEPTH} levels deep is not compiled`,
    unit,
    path: at,
    at: 'value',
  });
  return true;
}

/** ajv compiles every `pattern` with the `u` flag and one bad one fails the compile with no location (ajv#1379): check each first. */
function checkPatterns(schema: unknown, unit: number, issues: SchemaIssue[]): boolean {
  let bad = false;
  const check = (pattern: string, path: SchemaPath, at: 'key' | 'value') => {
    const problem = regexProblem(pattern);
    if (!problem) return;
    bad = true;
    issues.push({
      ruleId: 'schema/invalid',
      severity: 'error',
      message: `invalid regular expression ${show(pattern, 60)}: ${problem}`,
      unit,
      path,
      at,
    });
  };
  walkSchema(
    schema,
    ({ schema: node, path }) => {
      if (typeof node.pattern === 'string') check(node.pattern, [...path, 'pattern'], 'value');
      if (isRecord(node.patternProperties)) {
        for (const key of Object.keys(node.patternProperties)) check(key, [...path, 'patternProperties', key], 'key');
      }
    },
    MAX_SCHEMA_DEPTH,
  );
  return bad;
}

function regexProblem(pattern: string): string | undefined {
  try {
    new RegExp(pattern, 'u');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
  }
}

function createAjv(
  draft: Draft,
  strictFindings: string[],
  fallbacks: Map<string, string | undefined>,
  patterns: PatternRun,
): AjvCore {
  const collect = (...args: unknown[]) => strictFindings.push(args.map(String).join(' '));
  const options: Options = {
    allErrors: true,
    verbose: true,
    // Strict mode rejects x-* and other unknown keywords (docs/design/pitfalls.md P8): log them instead, as warnings.
    strictSchema: 'log',
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    validateFormats: true,
    addUsedSchema: false,
    logger: { log: () => {}, warn: collect, error: collect },
    code: { regExp: re2Engine(fallbacks, patterns) },
  };
  const ajv: AjvCore =
    draft === 'draft-04'
      ? new AjvDraft04(options)
      : draft === '2019-09'
        ? new Ajv2019(options)
        : draft === '2020-12'
          ? new Ajv2020(options)
          : new Ajv(options);
  if (draft === 'draft-06') ajv.addMetaSchema(draft06MetaSchema);
  addFormats(ajv);
  return ajv;
}

/**
 * ajv's `pattern` engine: RE2 (linear time, so `(a+)+$` cannot hang validation). A pattern RE2 refuses (look-around,
 * back-references) runs on the backtracking matcher within the completion's step budget; a value it cannot decide
 * passes this keyword and is recorded in `patterns.exhausted`, so the completion is reported as not checked.
 */
function re2Engine(
  fallbacks: Map<string, string | undefined>,
  patterns: PatternRun,
): NonNullable<NonNullable<Options['code']>['regExp']> {
  const engine = (pattern: string, flags: string) => {
    // ajv uses toString() as the key of the compiled pattern: it must be unique per pattern.
    const name = `/${pattern}/${flags}`;
    try {
      const re = RE2JS.compile(pattern);
      return { test: (s: string) => re.test(s), toString: () => name };
    } catch {
      const compiled = compileBacktracking(pattern, flags);
      fallbacks.set(pattern, compiled.ok ? undefined : compiled.message);
      if (!compiled.ok) return { test: () => true, toString: () => name };
      const re = compiled.regex;
      const test = (s: string) => {
        try {
          if (patterns.budget.steps > 0) return re.find(s, patterns.budget) !== undefined;
        } catch (error) {
          if (!isBudgetExceeded(error)) throw error;
        }
        patterns.exhausted.push({ pattern, value: s });
        return true;
      };
      return { test, toString: () => name };
    }
  };
  return Object.assign(engine, { code: 'promptbound-re2' });
}

/** Formats ajv-formats does not define are ignored with a warning (docs/design/pitfalls.md P13), not a failed compile. */
function ignoreUnknownFormats(ajv: AjvCore, units: readonly CompileUnit[], issues: SchemaIssue[]): void {
  units.forEach((u, unit) => {
    walkSchema(
      u.schema,
      ({ schema, path }) => {
        const format = schema.format;
        if (typeof format !== 'string' || ajv.formats[format] !== undefined) return;
        ajv.addFormat(format, true);
        issues.push({
          ruleId: 'schema/invalid',
          severity: 'warning',
          message: `unknown format "${format}" is not checked`,
          unit,
          path: [...path, 'format'],
          at: 'value',
        });
      },
      MAX_SCHEMA_DEPTH,
    );
  });
}

/** Validates each unit against its draft's meta-schema; each error is located at the schema node it names. */
function metaValid(ajv: AjvCore, units: readonly CompileUnit[], issues: SchemaIssue[]): boolean {
  let valid = true;
  units.forEach((u, unit) => {
    let ok: boolean;
    try {
      ok = ajv.validateSchema(u.schema as object) as boolean;
    } catch (error) {
      issues.push(unavailableOr(error, { unit, path: [], message: `schema cannot be checked: ${messageOf(error)}` }));
      valid = false;
      return;
    }
    if (ok) return;
    valid = false;
    for (const e of explainErrors(ajv.errors ?? [], { value: u.schema })) issues.push(metaIssue(e, unit));
  });
  return valid;
}

function metaIssue(explanation: Explanation, unit: number): SchemaIssue {
  const path = [...explanation.path];
  const subject = path.length > 0 ? `"${path[path.length - 1]}"` : 'the schema';
  return {
    ruleId: 'schema/invalid',
    severity: 'error',
    message: `not a valid schema: ${describeExplanation(explanation, subject)}`,
    unit,
    path,
    at: 'value',
  };
}

function compileWith(ajv: AjvCore, units: readonly CompileUnit[], issues: SchemaIssue[]): ValidateFunction | undefined {
  try {
    units.slice(1).forEach((u) => ajv.addSchema(u.schema as object, u.key));
    const root = units[0];
    if (root.key === undefined) return ajv.compile(root.schema as object);
    // A schema file is known by its key too, so a `$ref` from it back into itself by file name resolves.
    ajv.addSchema(root.schema as object, root.key);
    return ajv.getSchema(root.key);
  } catch (error) {
    issues.push(unavailableOr(error, compileErrorLocation(error, units)));
    return undefined;
  }
}

/** A missing `$ref` (one refs.ts did not catch, e.g. to an anchor) is located at its `$ref`; anything else at the root. */
function compileErrorLocation(
  error: unknown,
  units: readonly CompileUnit[],
): Pick<SchemaIssue, 'unit' | 'path' | 'message'> & { ruleId?: SchemaIssue['ruleId'] } {
  const missing = isRecord(error) && typeof error.missingRef === 'string' ? error.missingRef : undefined;
  const message = `schema does not compile: ${messageOf(error)}`;
  if (missing === undefined) return { unit: 0, path: [], message };
  const ref = String(isRecord(error) && typeof error.missingSchema === 'string' ? error.missingSchema : missing);
  const found = findInUnits(
    units,
    (node) =>
      typeof node.$ref === 'string' && (node.$ref === missing || missing.endsWith(node.$ref) || node.$ref.startsWith(ref)),
    '$ref',
  );
  return {
    ruleId: 'schema/unresolved-ref',
    ...(found ?? { unit: 0, path: [] }),
    message: `$ref cannot be resolved: ${show(missing, 120)}`,
  };
}

function unavailableOr(
  error: unknown,
  otherwise: Pick<SchemaIssue, 'unit' | 'path' | 'message'> & { ruleId?: SchemaIssue['ruleId'] },
): SchemaIssue {
  if (isEvalRefused(error)) return unavailable(error);
  return { ruleId: otherwise.ruleId ?? 'schema/invalid', severity: 'error', at: 'value', ...otherwise };
}

/** In hosts that refuse `new Function` (a web worker under a strict CSP) ajv cannot compile (docs/design/pitfalls.md P16). */
function isEvalRefused(error: unknown): boolean {
  return error instanceof EvalError || /unsafe-eval|Code generation from strings disallowed/i.test(messageOf(error));
}

function unavailable(error: unknown): SchemaIssue {
  return {
    ruleId: 'schema/invalid',
    severity: 'error',
    message: `schema validation is unavailable in this host: ${messageOf(error)}`,
    unit: 0,
    path: [],
    at: 'value',
  };
}

/** ajv's strict log lines; an unknown keyword is located at its key, and `x-*` keywords are tolerated silently. */
function strictIssue(finding: string, units: readonly CompileUnit[]): SchemaIssue {
  const keyword = /unknown keyword: "([^"]*)"/.exec(finding)?.[1];
  const located = keyword === undefined ? undefined : findInUnits(units, (node) => Object.hasOwn(node, keyword), keyword);
  const message = finding.replace(/^strict mode: /, '');
  return {
    ruleId: 'schema/invalid',
    severity: 'warning',
    message: keyword ? `unknown keyword "${keyword}" is ignored` : message,
    unit: 0,
    path: [],
    at: 'key',
    ...located,
  };
}

function fallbackIssue(pattern: string, problem: string | undefined, units: readonly CompileUnit[]): SchemaIssue {
  const located =
    findInUnits(units, (node) => node.pattern === pattern, 'pattern') ??
    findInUnits(
      units,
      (node) => isRecord(node.patternProperties) && Object.hasOwn(node.patternProperties, pattern),
      'patternProperties',
      pattern,
    );
  const message =
    problem === undefined
      ? `pattern ${show(pattern, 60)} uses look-around or back-references: it runs on a bounded backtracking matcher (${PATTERN_STEP_BUDGET.toLocaleString('en')} steps per completion), and a value it cannot decide in time is reported as not checked`
      : `pattern ${show(pattern, 60)} is not checked: the linear-time engine refuses it and the bounded matcher cannot run it (${problem})`;
  return {
    ruleId: 'schema/invalid',
    severity: 'warning',
    message,
    unit: 0,
    path: [],
    at: located && located.path[located.path.length - 2] === 'patternProperties' ? 'key' : 'value',
    ...located,
  };
}

/** The first subschema (over all units) matching `test`, as the path of its `keyword` (and `child`). */
export function findInUnits(
  units: readonly CompileUnit[],
  test: (node: Record<string, unknown>) => boolean,
  keyword: string,
  child?: string,
): { unit: number; path: SchemaPath } | undefined {
  for (let unit = 0; unit < units.length; unit++) {
    let found: SchemaPath | undefined;
    walkSchema(
      units[unit].schema,
      ({ schema, path }) => {
        if (!found && test(schema)) found = child === undefined ? [...path, keyword] : [...path, keyword, child];
      },
      MAX_SCHEMA_DEPTH,
    );
    if (found) return { unit, path: found };
  }
  return undefined;
}

/** cyrb53: a fast 53-bit string hash; with the length appended, collisions between edits of one schema are not a practical concern. */
function hashText(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}:${text.length}`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
