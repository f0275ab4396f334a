// Reads what a prompt's own format already declares (SPEC §2 interop table) next to our keys: model, output reserve, schema, inputs.
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
  const model = firstValue(frontmatter, [['model'], ...(MODEL_KEYS[format] ?? [])], asModelId);
  const outputReserve = firstValue(frontmatter, [['budget', 'output'], ...(OUTPUT_KEYS[format] ?? [])], asTokenCount);
  const schema = firstValue(frontmatter, [['constraints', 'schema'], ...(SCHEMA_KEYS[format] ?? [])], (node) =>
    plainData(frontmatter, node),
  );
  if (model) interop.model = model;
  if (outputReserve) interop.outputReserve = outputReserve;
  if (schema) interop.schema = schema;
  return interop;
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
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

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
    const forEvaluators = evaluatorVariables(text, frontmatter);
    if (isSeq(rows)) {
      for (const row of rows.items) add(mapEntries(frontmatter, row).filter((e) => !forEvaluators.has(e.key)), 'testData');
    }
  }
  return dedupe(declared);
}

/**
 * Names the GitHub Models `evaluators` read (`{{expected}}`, `{{completion}}`): test-data columns for grading,
 * not prompt inputs, so they are not declared (they would all be "unused").
 */
function evaluatorVariables(text: string, frontmatter: Frontmatter): Set<string> {
  const location = findKey(frontmatter, ['evaluators']);
  const names = new Set<string>();
  if (!location) return names;
  const source = text.slice(location.valueSpan.offset, location.valueSpan.offset + location.valueSpan.length);
  for (const match of source.matchAll(/\{\{\s*([\w.-]+)\s*\}\}/g)) names.add(match[1]);
  return names;
}

const JSON_SCHEMA_KEYWORDS = new Set(['type', 'properties', 'required', '$ref', '$schema', 'allOf', 'anyOf', 'oneOf', 'items']);

/** `input.schema`: JSON Schema `properties`, or Picoschema keys (`name?: string`, `tags(array, tags): string`). */
function inputSchemaVariables(text: string, frontmatter: Frontmatter): DeclaredVariable[] {
  const schema = findKey(frontmatter, ['input', 'schema'])?.value;
  const entries = mapEntries(frontmatter, schema);
  if (entries.some((e) => JSON_SCHEMA_KEYWORDS.has(e.key))) {
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
