// Reads what a prompt's own format already declares (docs/design/interop.md interop table) next to our keys: model, output reserve, schema, inputs.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Span } from '../diagnostic';
import type { DeclaredVariable, Frontmatter, Interop, LocatedValue, PromptFormat, VariableSource } from './types';
import { entriesAt, findKey, mapEntries, nodeSpan, scalarValue, type KeyEntry } from './frontmatter';

type KeyPath = readonly string[];

/** Model keys, first match wins. Prompty's `configuration.name` is the model; `azure_deployment` is only a deployment name. */
const MODEL_KEYS: Partial<Record<PromptFormat, KeyPath[]>> = {
  prompty: [
    ['model', 'id'],
    ['model', 'configuration', 'name'],
    ['model', 'configuration', 'model'],
    ['model', 'configuration', 'azure_deployment'],
  ],
};

/** Output-token keys of each host format, after our `budget.output`. */
const OUTPUT_KEYS: Partial<Record<PromptFormat, KeyPath[]>> = {
  dotprompt: [['config', 'maxOutputTokens']],
  prompty: [
    ['model', 'options', 'maxOutputTokens'],
    ['model', 'parameters', 'max_completion_tokens'],
    ['model', 'parameters', 'max_tokens'],
  ],
  'github-models': [
    ['modelParameters', 'maxTokens'],
    ['modelParameters', 'maxCompletionTokens'],
    ['modelParameters', 'max_tokens'],
    ['modelParameters', 'max_completion_tokens'],
  ],
};

const SCHEMA_KEYS: Partial<Record<PromptFormat, KeyPath[]>> = {
  dotprompt: [['output', 'schema']],
  prompty: [['outputs']],
  'github-models': [['jsonSchema']],
};

/** yaml's default alias limit, for converting a schema node to plain data. */
const MAX_ALIAS_COUNT = 100;

/**
 * Interop facts, read from the YAML nodes so each carries its location. Read even when the YAML has
 * errors: yaml recovers well, and the editor still wants the model while a later key is half typed.
 */
export function readInterop(
  text: string,
  format: PromptFormat,
  frontmatter: Frontmatter | undefined,
  templateDeclared: readonly DeclaredVariable[],
): Interop {
  const template = dedupe(templateDeclared);
  if (!frontmatter) return { declaredVariables: template };
  const interop: Interop = { declaredVariables: [...declaredInFrontmatter(text, format, frontmatter), ...template] };
  if (inputsUnknown(format, frontmatter)) interop.inputsUnknown = true;
  if (format === 'github-models') interop.readOutsideTemplate = [...evaluatorVariables(text, frontmatter)];
  if (format === 'prompty') interop.readOutsideTemplate = toolBindingInputs(frontmatter);
  const model = firstValue(frontmatter, [['model'], ...(MODEL_KEYS[format] ?? [])], asModelId);
  const outputReserve = firstValue(frontmatter, [['budget', 'output'], ...(OUTPUT_KEYS[format] ?? [])], asTokenCount);
  const schema = firstValue(frontmatter, [['constraints', 'schema'], ...(SCHEMA_KEYS[format] ?? [])], (node) =>
    plainData(frontmatter, node),
  );
  if (model) interop.model = narrowToValue(text, model);
  if (outputReserve) interop.outputReserve = outputReserve;
  if (schema) interop.schema = schema;
  return interop;
}

/** A value read from inside its scalar (the default of `${env:MODEL:gpt-4o}`) is located there, so a fix edits only it. */
function narrowToValue(text: string, located: LocatedValue<string>): LocatedValue<string> {
  const source = text.slice(located.span.offset, located.span.offset + located.span.length);
  const at = source.indexOf(located.value);
  if (at <= 0 || (!source.startsWith('${') && !source.slice(1).startsWith('${'))) return located;
  return { ...located, span: { offset: located.span.offset + at, length: located.value.length } };
}

/** The first key path whose value `read` accepts. */
function firstValue<T>(
  frontmatter: Frontmatter,
  paths: readonly KeyPath[],
  read: (node: unknown, frontmatter: Frontmatter) => T | undefined,
): LocatedValue<T> | undefined {
  for (const path of paths) {
    const location = findKey(frontmatter, path);
    if (!location) continue;
    const value = read(location.value, frontmatter);
    if (value !== undefined) return { value, span: location.valueSpan, key: path.join('.') };
  }
  return undefined;
}

function asModelId(node: unknown, frontmatter: Frontmatter): string | undefined {
  const value = scalarValue(frontmatter, node);
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const reference = RUNTIME_REFERENCE.exec(value.trim());
  // Known only at run time (Prompty `${env:AZURE_DEPLOYMENT}`, `${file:…}`): not a model id; its default is.
  if (reference) return reference[1].toLowerCase() === 'env' && reference[3]?.trim() ? reference[3].trim() : undefined;
  // A placeholder to fill in (`<your-deployment>`) or Copilot's "Auto" pick: no model is named.
  if (PLACEHOLDER_MODEL.test(value.trim())) return undefined;
  return value;
}

const PLACEHOLDER_MODEL = /^(?:<[^<>]*>|auto(?:\s*\(copilot\))?)$/i;

/** Prompty's `${env:NAME}`, `${env:NAME:default}` and `${file:path}` references, resolved by its loader at run time. */
const RUNTIME_REFERENCE = /^\$\{(env|file):([^:}]*)(?::([^}]*))?\}$/i;

function asTokenCount(node: unknown, frontmatter: Frontmatter): number | undefined {
  const value = scalarValue(frontmatter, node);
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/** A schema as plain data: a path or JSON string stays a string, an inline mapping becomes an object. */
function plainData(frontmatter: Frontmatter, node: unknown): unknown {
  if (isScalar(node)) return node.value ?? undefined;
  if (!isMap(node) && !isSeq(node)) return scalarValue(frontmatter, node) ?? undefined;
  try {
    return node.toJS(frontmatter.yaml, { maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // An alias bomb or a cycle: frontmatter/syntax reports it; the schema is simply not read.
    return undefined;
  }
}

function declaredInFrontmatter(text: string, format: PromptFormat, frontmatter: Frontmatter): DeclaredVariable[] {
  const declared: DeclaredVariable[] = [];
  const add = (entries: KeyEntry[], source: VariableSource) => {
    for (const entry of entries) declared.push({ name: entry.key, source, span: entry.keySpan });
  };
  add(entriesAt(frontmatter, ['budget', 'variables']), 'budget.variables');
  if (format === 'dotprompt') {
    declared.push(...inputSchemaVariables(text, frontmatter));
    add(entriesAt(frontmatter, ['input', 'default']), 'input.default');
  } else if (format === 'prompty') {
    declared.push(...promptyInputs(frontmatter));
    add(entriesAt(frontmatter, ['sample']), 'sample');
  } else if (format === 'github-models') {
    const rows = findKey(frontmatter, ['testData'])?.value;
    if (isSeq(rows)) {
      for (const row of rows.items) add(mapEntries(frontmatter, row), 'testData');
    }
  }
  return dedupe(declared);
}

/** Prompty 2 `tools[].bindings.<parameter>.input`: the tool call's parameter is filled from that input. */
function toolBindingInputs(frontmatter: Frontmatter): string[] {
  const tools = findKey(frontmatter, ['tools'])?.value;
  const names: string[] = [];
  if (!isSeq(tools)) return names;
  for (const tool of tools.items) {
    const bindings = mapEntries(frontmatter, tool).find((e) => e.key === 'bindings')?.value;
    for (const binding of mapEntries(frontmatter, bindings)) {
      const input = scalarValue(frontmatter, mapEntries(frontmatter, binding.value).find((e) => e.key === 'input')?.value);
      if (typeof input === 'string') names.push(input);
    }
  }
  return names;
}

/** What the built-in evaluators of `gh models eval` (`uses: github/<name>`) read from a test-data row. */
const BUILTIN_EVALUATOR_INPUTS: Record<string, readonly string[]> = {
  similarity: ['input', 'expected'],
  coherence: ['input'],
  fluency: [],
  relevance: ['input'],
  groundedness: ['input', 'expected'],
};

/**
 * Test-data columns the GitHub Models `evaluators` read (`{{expected}}` in a string or LLM evaluator, `expected`
 * for the built-in similarity and groundedness evaluators): used for grading, so never "unused".
 */
export function evaluatorVariables(text: string, frontmatter: Frontmatter): Set<string> {
  const location = findKey(frontmatter, ['evaluators']);
  const names = new Set<string>();
  if (!location) return names;
  const source = text.slice(location.valueSpan.offset, location.valueSpan.offset + location.valueSpan.length);
  for (const match of source.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)) names.add(match[1]);
  if (isSeq(location.value)) {
    for (const item of location.value.items) {
      const uses = scalarValue(frontmatter, mapEntries(frontmatter, item).find((e) => e.key === 'uses')?.value);
      const builtin = typeof uses === 'string' ? /^github\/(\w+)$/.exec(uses.trim())?.[1] : undefined;
      for (const name of (builtin && BUILTIN_EVALUATOR_INPUTS[builtin]) || []) names.add(name);
    }
  }
  return names;
}

/** Dotprompt's test for "this is JSON Schema, not Picoschema": a JSON type at the top, or a `properties` mapping. */
const JSON_SCHEMA_TYPES = new Set(['string', 'boolean', 'null', 'number', 'integer', 'any', 'object', 'array']);

function isJsonSchema(frontmatter: Frontmatter, entries: KeyEntry[]): boolean {
  const type = entries.find((e) => e.key === 'type');
  if (type && JSON_SCHEMA_TYPES.has(String(scalarValue(frontmatter, type.value)))) return true;
  return entries.some((e) => e.key === 'properties' && isMap(e.value));
}

/**
 * The prompt's inputs cannot be known here: a named input schema registered in code (`schema: RecipeRequest`),
 * or frontmatter that does not parse. Then no variable is reported undeclared.
 */
export function inputsUnknown(format: PromptFormat, frontmatter: Frontmatter | undefined): boolean {
  if (!frontmatter) return false;
  if (frontmatter.errors.length > 0) return true;
  if (format !== 'dotprompt') return false;
  const schema = scalarValue(frontmatter, findKey(frontmatter, ['input', 'schema'])?.value);
  return typeof schema === 'string' && !JSON_SCHEMA_TYPES.has(schema.split(',')[0].trim());
}

/** `input.schema`: JSON Schema `properties`, or Picoschema keys (`name?: string`, `tags(array, tags): string`). */
function inputSchemaVariables(text: string, frontmatter: Frontmatter): DeclaredVariable[] {
  const schema = findKey(frontmatter, ['input', 'schema'])?.value;
  const entries = mapEntries(frontmatter, schema);
  if (isJsonSchema(frontmatter, entries)) {
    const properties = entries.find((e) => e.key === 'properties');
    return mapEntries(frontmatter, properties?.value).map((e) => ({ name: e.key, source: 'input.schema', span: e.keySpan }));
  }
  const declared: DeclaredVariable[] = [];
  for (const entry of entries) {
    const name = entry.key.replace(/[?(].*$/s, '').trim();
    if (name === '') continue;
    declared.push({ name, source: 'input.schema', span: namePart(text, entry.keySpan, name) });
  }
  return declared;
}

/** The span of `name` inside a key such as `name?` or `"name(string)"`. */
function namePart(text: string, keySpan: Span, name: string): Span {
  const at = text.slice(keySpan.offset, keySpan.offset + keySpan.length).indexOf(name);
  return at === -1 ? keySpan : { offset: keySpan.offset + at, length: name.length };
}

/** Prompty `inputs`: a mapping of names, or (Prompty 2) a list of `{name: …}` entries. */
function promptyInputs(frontmatter: Frontmatter): DeclaredVariable[] {
  const inputs = findKey(frontmatter, ['inputs'])?.value;
  if (!isSeq(inputs)) {
    return mapEntries(frontmatter, inputs).map((e) => ({ name: e.key, source: 'inputs', span: e.keySpan }));
  }
  const declared: DeclaredVariable[] = [];
  for (const item of inputs.items) {
    const nameEntry = mapEntries(frontmatter, item).find((e) => e.key === 'name');
    const name = scalarValue(frontmatter, nameEntry?.value);
    if (nameEntry && typeof name === 'string') {
      declared.push({ name, source: 'inputs', span: nodeSpan(frontmatter, nameEntry.value) });
    }
  }
  return declared;
}

/** One declaration per name and source (the first), e.g. a `testData` key repeated in every row. */
function dedupe(declared: readonly DeclaredVariable[]): DeclaredVariable[] {
  const seen = new Set<string>();
  return declared.filter((d) => {
    const key = `${d.source}\u0000${d.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
