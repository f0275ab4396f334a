// Checks a JSON Schema against one provider's structured-output subset (core/providers/structured-outputs.json); pure, located by schema path.
import table from '../../providers/structured-outputs.json';
import { walkSchema, isRecord, type SchemaPath } from '../../schema/walk';
import { encodePointer } from '../../plain-data';

export type ProviderId = 'openai' | 'google' | 'anthropic';

export interface ProviderSubset {
  name: string;
  source: string;
  /** True when the provider rejects the request; false when it ignores what it does not support (Gemini). */
  rejects: boolean;
  rootMustBeObject: boolean;
  rootAnyOf: boolean;
  allRequired: boolean;
  additionalPropertiesFalse: boolean;
  unsupportedKeywords?: string[];
  supportedKeywords?: string[];
  formats: string[];
  minItemsAllowed?: number[];
  recursion?: boolean;
  enumPrimitivesOnly?: boolean;
  allOfWithRef?: boolean;
  patternUnsupported?: string[];
  limits: {
    objectProperties: number | null;
    nesting: number | null;
    totalStringLength: number | null;
    enumValues: number | null;
    largeEnum?: { values: number; totalStringLength: number };
  };
}

export const STRUCTURED_OUTPUTS_VERSION: string = table.version;
const PROVIDERS = table.providers as unknown as Record<ProviderId, ProviderSubset>;

export function providerSubset(provider: string): ProviderSubset | undefined {
  return provider === 'openai' || provider === 'google' || provider === 'anthropic' ? PROVIDERS[provider] : undefined;
}

/** A safe quick fix the rule can turn into edits. */
export type CompatFix = { kind: 'additionalProperties' } | { kind: 'required'; property: string };

export interface CompatFinding {
  /** Stable code for data and docs: `root-not-object`, `not-required`, `additional-properties`, ... */
  code: string;
  message: string;
  /** Path of the schema node (or keyword) the finding is about. */
  path: SchemaPath;
  at: 'key' | 'value';
  fix?: CompatFix;
}

/** Findings per schema are capped: a 5,000-property schema missing `required` everywhere needs one message per object, not a flood. */
const MAX_FINDINGS = 200;

export function checkProviderSubset(root: unknown, subset: ProviderSubset): CompatFinding[] {
  const findings: CompatFinding[] = [];
  const add = (finding: CompatFinding) => {
    if (findings.length < MAX_FINDINGS) findings.push(finding);
  };
  if (!isRecord(root)) {
    if (subset.rootMustBeObject)
      add({ code: 'root-not-object', message: `${subset.name} needs an object schema at the root`, path: [], at: 'value' });
    return findings;
  }
  const rootUnion = !subset.rootAnyOf && Array.isArray(root.anyOf);
  if (subset.rootMustBeObject && !rootUnion && !typesOf(root).includes('object')) {
    add({
      code: 'root-not-object',
      message: `${subset.name}: the root schema must be \`type: object\``,
      path: typesOf(root).length > 0 ? ['type'] : [],
      at: 'value',
    });
  }
  if (rootUnion) {
    add({
      code: 'root-any-of',
      message: `${subset.name}: the root schema must not be \`anyOf\`; wrap the union in a property of an object`,
      path: ['anyOf'],
      at: 'key',
    });
  }
  const totals = { properties: 0, strings: 0, enumValues: 0 };
  let deepest: { path: SchemaPath; level: number } | undefined;
  walkSchema(root, ({ schema, path }) => {
    checkNode(schema, path, subset, add);
    const props = isRecord(schema.properties) ? Object.keys(schema.properties) : [];
    totals.properties += props.length;
    totals.strings += props.reduce((sum, name) => sum + name.length, 0);
    for (const defs of ['$defs', 'definitions']) {
      if (isRecord(schema[defs]))
        totals.strings += Object.keys(schema[defs] as object).reduce((sum, name) => sum + name.length, 0);
    }
    if (Array.isArray(schema.enum)) {
      totals.enumValues += schema.enum.length;
      totals.strings += schema.enum.reduce<number>((sum, v) => sum + (typeof v === 'string' ? v.length : 0), 0);
      checkLargeEnum(schema.enum, path, subset, add);
    }
    if (typeof schema.const === 'string') totals.strings += schema.const.length;
    const level = objectLevel(path, root);
    if (isObjectSchema(schema) && (!deepest || level > deepest.level)) deepest = { path, level };
  });
  const { limits } = subset;
  if (limits.objectProperties !== null && totals.properties > limits.objectProperties) {
    add({
      code: 'too-many-properties',
      message: `${subset.name}: ${totals.properties.toLocaleString('en-US')} object properties in the schema; at most ${limits.objectProperties.toLocaleString('en-US')} are allowed`,
      path: [],
      at: 'value',
    });
  }
  if (limits.nesting !== null && deepest && deepest.level > limits.nesting) {
    add({
      code: 'too-deep',
      message: `${subset.name}: objects nest ${deepest.level} levels deep here; at most ${limits.nesting} levels are allowed`,
      path: deepest.path,
      at: 'key',
    });
  }
  if (limits.totalStringLength !== null && totals.strings > limits.totalStringLength) {
    add({
      code: 'too-much-text',
      message: `${subset.name}: property names, definition names, enum and const values total ${totals.strings.toLocaleString('en-US')} characters; at most ${limits.totalStringLength.toLocaleString('en-US')} are allowed`,
      path: [],
      at: 'value',
    });
  }
  if (limits.enumValues !== null && totals.enumValues > limits.enumValues) {
    add({
      code: 'too-many-enum-values',
      message: `${subset.name}: ${totals.enumValues.toLocaleString('en-US')} enum values in the schema; at most ${limits.enumValues.toLocaleString('en-US')} are allowed`,
      path: [],
      at: 'value',
    });
  }
  if (subset.recursion === false)
    for (const path of recursiveRefs(root))
      add({
        code: 'recursive',
        message: `${subset.name} does not support recursive schemas; this $ref leads back to a schema that contains it`,
        path,
        at: 'value',
      });
  return findings;
}

function checkNode(
  schema: Record<string, unknown>,
  path: SchemaPath,
  subset: ProviderSubset,
  add: (f: CompatFinding) => void,
): void {
  const name = subset.name;
  for (const keyword of subset.unsupportedKeywords ?? []) {
    if (keyword in schema)
      add({
        code: 'unsupported-keyword',
        message: `${name} does not support \`${keyword}\``,
        path: [...path, keyword],
        at: 'key',
      });
  }
  if (subset.supportedKeywords) {
    for (const keyword of Object.keys(schema)) {
      if (subset.supportedKeywords.includes(keyword)) continue;
      add({
        code: 'ignored-keyword',
        message: `${name} ignores \`${keyword}\`: completions are not constrained by it`,
        path: [...path, keyword],
        at: 'key',
      });
    }
  }
  if (typeof schema.format === 'string' && !subset.formats.includes(schema.format)) {
    const verb = subset.rejects ? 'does not support' : 'ignores';
    add({
      code: 'unsupported-format',
      message: `${name} ${verb} format \`${schema.format}\` (supported: ${subset.formats.join(', ')})`,
      path: [...path, 'format'],
      at: 'value',
    });
  }
  if (subset.minItemsAllowed && typeof schema.minItems === 'number' && !subset.minItemsAllowed.includes(schema.minItems)) {
    add({
      code: 'unsupported-keyword',
      message: `${name} supports \`minItems\` only as ${subset.minItemsAllowed.join(' or ')}`,
      path: [...path, 'minItems'],
      at: 'value',
    });
  }
  if (subset.enumPrimitivesOnly && Array.isArray(schema.enum) && schema.enum.some((v) => typeof v === 'object' && v !== null)) {
    add({
      code: 'complex-enum',
      message: `${name} supports only strings, numbers, booleans and null in \`enum\``,
      path: [...path, 'enum'],
      at: 'value',
    });
  }
  if (
    subset.allOfWithRef === false &&
    Array.isArray(schema.allOf) &&
    schema.allOf.some((s) => isRecord(s) && typeof s.$ref === 'string')
  ) {
    add({ code: 'all-of-ref', message: `${name} does not support \`allOf\` with \`$ref\``, path: [...path, 'allOf'], at: 'key' });
  }
  if (subset.patternUnsupported && typeof schema.pattern === 'string') {
    const feature = unsupportedRegexFeature(schema.pattern);
    if (feature)
      add({
        code: 'unsupported-pattern',
        message: `${name} does not support ${feature} in \`pattern\``,
        path: [...path, 'pattern'],
        at: 'value',
      });
  }
  if (isObjectSchema(schema)) checkObject(schema, path, subset, add);
}

function checkObject(
  schema: Record<string, unknown>,
  path: SchemaPath,
  subset: ProviderSubset,
  add: (f: CompatFinding) => void,
): void {
  const name = subset.name;
  if (subset.additionalPropertiesFalse && schema.additionalProperties !== false) {
    const missing = schema.additionalProperties === undefined;
    add({
      code: 'additional-properties',
      message: missing
        ? `${name} needs \`additionalProperties: false\` on every object; this object does not set it`
        : `${name} needs \`additionalProperties: false\`; other values are not supported`,
      path: missing ? path : [...path, 'additionalProperties'],
      at: missing ? 'key' : 'value',
      ...(missing ? { fix: { kind: 'additionalProperties' as const } } : {}),
    });
  }
  if (subset.allRequired && isRecord(schema.properties)) {
    const required = Array.isArray(schema.required) ? schema.required : [];
    for (const property of Object.keys(schema.properties)) {
      if (required.includes(property)) continue;
      add({
        code: 'not-required',
        message: `${name} needs every property in \`required\`; \`${property}\` is not (make it nullable to keep it optional)`,
        path: [...path, 'properties', property],
        at: 'key',
        fix: { kind: 'required', property },
      });
    }
  }
}

function checkLargeEnum(values: unknown[], path: SchemaPath, subset: ProviderSubset, add: (f: CompatFinding) => void): void {
  const large = subset.limits.largeEnum;
  if (!large || values.length <= large.values) return;
  const strings = values.filter((v): v is string => typeof v === 'string');
  const length = strings.reduce((sum, v) => sum + v.length, 0);
  if (strings.length > large.values && length > large.totalStringLength) {
    add({
      code: 'large-enum',
      message: `${subset.name}: a string enum with more than ${large.values} values may total at most ${large.totalStringLength.toLocaleString('en-US')} characters; this one has ${strings.length} values, ${length.toLocaleString('en-US')} characters`,
      path: [...path, 'enum'],
      at: 'key',
    });
  }
}

export function typesOf(schema: Record<string, unknown>): string[] {
  if (typeof schema.type === 'string') return [schema.type];
  if (Array.isArray(schema.type)) return schema.type.filter((t): t is string => typeof t === 'string');
  return [];
}

function isObjectSchema(schema: Record<string, unknown>): boolean {
  const types = typesOf(schema);
  return types.includes('object') || (types.length === 0 && isRecord(schema.properties));
}

/** Keywords whose value holds subschemas by name or index: stepping onto the container itself is not a level. */
const CONTAINERS = new Set([
  'properties',
  '$defs',
  'definitions',
  'patternProperties',
  'dependentSchemas',
  'anyOf',
  'oneOf',
  'allOf',
  'prefixItems',
]);

/** Objects on the way from the root to this node, the node included when it is one (the root object is level 1). */
function objectLevel(path: SchemaPath, root: Record<string, unknown>): number {
  let node: unknown = root;
  let level = isObjectSchema(root) ? 1 : 0;
  for (const segment of path) {
    node = isRecord(node) || Array.isArray(node) ? (node as Record<string | number, unknown>)[segment] : undefined;
    if (isRecord(node) && !CONTAINERS.has(String(segment)) && isObjectSchema(node)) level++;
  }
  return level;
}

/** Backreferences, lookaround, word boundaries: the regex features Anthropic lists as unsupported. */
function unsupportedRegexFeature(pattern: string): string | undefined {
  if (/\\[1-9]|\\k</.test(pattern)) return 'backreferences';
  if (/\(\?<?[=!]/.test(pattern)) return 'lookahead/lookbehind';
  if (/\\[bB]/.test(pattern.replace(/\\\\/g, ''))) return 'word boundaries (\\b, \\B)';
  return undefined;
}

/** Paths of `$ref`s that close a cycle among local refs (`#`, `#/$defs/x`, `#/definitions/x`). */
function recursiveRefs(root: Record<string, unknown>): SchemaPath[] {
  const refs: Array<{ path: SchemaPath; target: string }> = [];
  walkSchema(root, ({ schema, path }) => {
    if (typeof schema.$ref === 'string' && schema.$ref.startsWith('#'))
      refs.push({ path: [...path, '$ref'], target: schema.$ref.slice(1) });
  });
  // A ref is recursive when its target contains it, or the target reaches (through refs) a schema containing it.
  const within = (pointer: string, target: string) => pointer === target || pointer.startsWith(`${target}/`) || target === '';
  const contains = (target: string, path: SchemaPath) => within(encodePointer(path.slice(0, -1)), target);
  const reaches = (from: string, path: SchemaPath, seen: Set<string>): boolean => {
    if (contains(from, path)) return true;
    if (seen.has(from)) return false;
    seen.add(from);
    return refs.some((r) => within(encodePointer(r.path), from) && reaches(r.target, path, seen));
  };
  return refs.filter((ref) => reaches(ref.target, ref.path, new Set())).map((r) => r.path);
}
