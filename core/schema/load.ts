// Loads the output schema a prompt declares (ours, Dotprompt, Prompty or GitHub Models), follows its relative `$ref`s, compiles it, and locates every problem.
import type { Span } from '../diagnostic';
import type { PromptDocument } from '../document/types';
import type { FileAccess, ReadScope } from '../files';
import { inScope, outsideMessage, readScoped, resolveRelative } from '../files';
import type { SchemaProblem, SchemaValidation } from './types';
import type { SchemaIssue } from './issues';
import { findKey } from '../document/frontmatter';
import { compileUnits } from './compile';
import { schemaValidation } from './locate';
import { picoschemaToJsonSchema } from './picoschema';
import { promptyOutputsToJsonSchema } from './prompty';
import { MAX_SCHEMA_TEXT, parseSchemaFile, refKey, resolveRefs, type LoadedUnit } from './refs';
import { wholeSource, yamlSource, type SchemaSource } from './sources';
import { isRecord, NON_FINITE_MESSAGE, nonFiniteNumberPath } from './walk';

export interface LoadOptions {
  /** The schema path and `$ref`s may only reach files in this scope; default: any local path, never a URL. */
  scope?: ReadScope;
}

export interface LoadedSchema {
  validation?: SchemaValidation;
  problems: SchemaProblem[];
  /** The declared root schema as written (before refs are rewritten) and where it lives, for schema/provider-compat. */
  root?: DeclaredSchema;
}

export interface DeclaredSchema {
  schema: unknown;
  source: SchemaSource;
}

/** The root schema document, or the problems that stop us from having one. */
type Root =
  { unit: LoadedUnit; issues: Array<Omit<SchemaIssue, 'unit'>>; issueSource: SchemaSource } | { problems: SchemaProblem[] };

export async function loadOutputSchema(
  document: PromptDocument,
  files: FileAccess,
  options: LoadOptions = {},
): Promise<LoadedSchema> {
  const declared = document.interop.schema;
  if (!declared) return { problems: [] };
  const root = await rootUnit(document, declared, files, options);
  if ('problems' in root) return { problems: root.problems };
  const declaredRoot: DeclaredSchema = {
    schema: JSON.parse(JSON.stringify(root.unit.schema) ?? 'null') as unknown,
    source: root.unit.source,
  };
  const issues: SchemaIssue[] = [];
  const units = await resolveRefs(root.unit, { files, scope: options.scope }, issues);
  const outcome = compileUnits(units);
  const problems = [
    ...root.issues.map((i) => locate(i, root.issueSource)),
    ...[...issues, ...outcome.issues].map((i) => locate(i, units[i.unit]?.source ?? units[0].source)),
  ];
  const validation = outcome.validate ? schemaValidation(outcome.validate, units[0].schema, outcome.patterns) : undefined;
  return validation
    ? { validation, problems: dedupe(problems), root: declaredRoot }
    : { problems: dedupe(problems), root: declaredRoot };
}

function locate(issue: Omit<SchemaIssue, 'unit'>, source: SchemaSource): SchemaProblem {
  return {
    ruleId: issue.ruleId,
    severity: issue.severity,
    message: issue.message,
    uri: source.uri,
    span: source.locate(issue.path, issue.at),
  };
}

type Declared = NonNullable<PromptDocument['interop']['schema']>;

async function rootUnit(document: PromptDocument, declared: Declared, files: FileAccess, options: LoadOptions): Promise<Root> {
  switch (declared.key) {
    case 'output.schema':
      return dotpromptRoot(document, declared);
    case 'outputs':
      return promptyRoot(document, declared);
    case 'jsonSchema':
      return githubModelsRoot(document, declared);
    default:
      return typeof declared.value === 'string'
        ? fileRoot(document, declared, files, options)
        : inlineRoot(document, declared, ['constraints', 'schema']);
  }
}

/** `constraints.schema: ./answer.schema.json`: read through FileAccess, relative to the prompt. */
async function fileRoot(document: PromptDocument, declared: Declared, files: FileAccess, options: LoadOptions): Promise<Root> {
  const path = String(declared.value).trim();
  const here = (ruleId: SchemaProblem['ruleId'], message: string): Root => ({
    problems: [{ ruleId, severity: 'error', message, uri: document.uri, span: declared.span }],
  });
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path) && !path.startsWith('file://')) {
    return here(
      'schema/unresolved-ref',
      `remote schema ${path} is not fetched (promptbound never uses the network); keep the schema next to the prompt`,
    );
  }
  const target = resolveRelative(document.uri, path.replace(/^file:\/\//, ''));
  if (options.scope !== undefined && !inScope(target, options.scope))
    return here('schema/unresolved-ref', `schema ${path} ${outsideMessage(options.scope)}`);
  const read = await readScoped(files, target, options.scope);
  if (!read.ok) {
    if (read.reason === 'missing') return here('schema/unresolved-ref', `schema file ${path} not found (looked for ${target})`);
    if (read.reason === 'denied') return here('schema/unresolved-ref', `schema file ${path} cannot be read: permission denied`);
    if (read.reason === 'outside-root') return here('schema/unresolved-ref', `schema ${path} ${read.message}`);
    return here('schema/unresolved-ref', `schema file ${path} cannot be read (${read.message})`);
  }
  const text = read.text;
  const parsed = parseSchemaFile(target, text);
  if (parsed.schema === undefined) return { problems: parsed.errors.map((e) => locate(e, parsed.source)) };
  return {
    unit: { key: refKey(target), schema: parsed.schema, source: parsed.source },
    issues: parsed.errors,
    issueSource: parsed.source,
  };
}

/** An inline schema in the frontmatter, located through the YAML nodes. */
function inlineRoot(
  document: PromptDocument,
  declared: Declared,
  base: readonly string[],
  value: unknown = declared.value,
): Root {
  const source = document.frontmatter
    ? yamlSource(document.uri, document.frontmatter, base, declared.span)
    : wholeSource(document.uri, declared.span);
  return inlineUnit(value, source, declared.span, document.uri);
}

function inlineUnit(value: unknown, source: SchemaSource, span: Span, uri: string): Root {
  const infinite = nonFiniteNumberPath(value);
  if (infinite)
    return {
      problems: [
        { ruleId: 'schema/invalid', severity: 'error', message: NON_FINITE_MESSAGE, uri, span: source.locate(infinite, 'value') },
      ],
    };
  const text = JSON.stringify(value) ?? 'null';
  if (text.length > MAX_SCHEMA_TEXT) {
    return {
      problems: [
        {
          ruleId: 'schema/invalid',
          severity: 'error',
          message: `schema larger than ${MAX_SCHEMA_TEXT.toLocaleString('en')} characters is not compiled`,
          uri,
          span,
        },
      ],
    };
  }
  if (!isRecord(value) && typeof value !== 'boolean') {
    return {
      problems: [
        {
          ruleId: 'schema/invalid',
          severity: 'error',
          message: 'a JSON Schema is an object (or true/false), or a path to a schema file',
          uri,
          span,
        },
      ],
    };
  }
  return { unit: { schema: JSON.parse(text) as unknown, source }, issues: [], issueSource: source };
}

/** Dotprompt `output.schema`: Picoschema (converted) or JSON Schema (passed through, located in the YAML). */
function dotpromptRoot(document: PromptDocument, declared: Declared): Root {
  const converted = picoschemaToJsonSchema(declared.value);
  const picoSource = document.frontmatter
    ? yamlSource(document.uri, document.frontmatter, ['output', 'schema'], declared.span)
    : wholeSource(document.uri, declared.span);
  const issues = converted.problems.map((p) => ({
    ruleId: 'schema/invalid' as const,
    severity: 'error' as const,
    message: `Picoschema: ${p.message}`,
    path: p.path,
    at: 'key' as const,
  }));
  if (converted.schema === undefined)
    return issues.length > 0 ? { problems: issues.map((i) => locate(i, picoSource)) } : { problems: [] };
  if (converted.schema === declared.value) return inlineRoot(document, declared, ['output', 'schema']);
  const root = inlineUnit(converted.schema, wholeSource(document.uri, declared.span), declared.span, document.uri);
  return 'unit' in root ? { ...root, issues, issueSource: picoSource } : root;
}

/** Prompty `outputs`, converted to an object schema; conversion problems are located at the output's key. */
function promptyRoot(document: PromptDocument, declared: Declared): Root {
  const converted = promptyOutputsToJsonSchema(declared.value);
  const source = document.frontmatter
    ? yamlSource(document.uri, document.frontmatter, ['outputs'], declared.span)
    : wholeSource(document.uri, declared.span);
  const issues = converted.problems.map((p) => ({
    ruleId: 'schema/invalid' as const,
    severity: 'warning' as const,
    message: p.message,
    path: p.path,
    at: 'value' as const,
  }));
  if (!converted.schema) return { problems: issues.map((i) => locate({ ...i, severity: 'error' }, source)) };
  const root = inlineUnit(converted.schema, wholeSource(document.uri, declared.span), declared.span, document.uri);
  return 'unit' in root ? { ...root, issues, issueSource: source } : root;
}

/**
 * GitHub Models `jsonSchema`: a JSON string holding `{name, strict?, schema}`. Positions inside a YAML string
 * are not the file's, so problems point at the whole value; a YAML mapping written instead is accepted too.
 */
function githubModelsRoot(document: PromptDocument, declared: Declared): Root {
  const problem = (message: string): Root => ({
    problems: [{ ruleId: 'schema/invalid', severity: 'error', message, uri: document.uri, span: declared.span }],
  });
  if (isRecord(declared.value) || Array.isArray(declared.value)) {
    // `gh models` reads only a string here ("jsonSchema must be a JSON string"): the file would not load.
    const key = document.frontmatter ? findKey(document.frontmatter, ['jsonSchema'])?.keySpan : undefined;
    return {
      problems: [
        {
          ruleId: 'schema/invalid',
          severity: 'error',
          message:
            'jsonSchema is written as YAML, but `gh models` only accepts a JSON string here (it fails with "jsonSchema must be a JSON string"): write it as jsonSchema: \'{"name": …, "schema": {…}}\' or a |- block holding the JSON.',
          uri: document.uri,
          span: key ?? declared.span,
        },
      ],
    };
  }
  if (typeof declared.value !== 'string') return problem('jsonSchema: expected a JSON string holding {name, schema}');
  const parsed = parseSchemaJsonString(declared.value);
  if (typeof parsed === 'string') return problem(parsed);
  return inlineUnit(parsed, wholeSource(document.uri, declared.span), declared.span, document.uri);
}

/** The `schema` inside a GitHub Models `jsonSchema` string, or a message saying what is wrong with it. */
function parseSchemaJsonString(text: string): unknown {
  if (text.length > MAX_SCHEMA_TEXT)
    return `jsonSchema larger than ${MAX_SCHEMA_TEXT.toLocaleString('en')} characters is not compiled`;
  const source = parseSchemaFile('', text);
  if (source.errors.length > 0 || !isRecord(source.schema)) {
    const reason = source.errors[0]?.message ?? 'not a JSON object';
    return `jsonSchema is not valid JSON holding {name, schema}: ${reason}`;
  }
  const wrapper = source.schema;
  if (!isRecord(wrapper.schema) && typeof wrapper.schema !== 'boolean')
    return 'jsonSchema: expected {name, schema} with `schema` an object';
  return wrapper.schema;
}

function dedupe(problems: SchemaProblem[]): SchemaProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.uri}:${p.span.offset}:${p.span.length}:${p.ruleId}:${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
