// Reads `.promptbound.yaml|yml|json` text into a config with located problems, and merges a folder chain of configs.
import { isMap, isScalar, parseDocument, Scalar, visit } from 'yaml';
import type { Document as YamlDocument, Node as YamlNode } from 'yaml';
import { collectionKeyErrors } from '../document/frontmatter';
import type { Diagnostic, SeveritySetting, Span } from '../diagnostic';
import type { CustomModel } from '../models/types';
import { closestMatches } from '../did-you-mean';
import { validate, schema, origins } from '../generated/config-validator';
import { defaultConfig, type BudgetDefaults, type PromptboundConfig, type ResolvedConfig } from './types';
import { decodePointer, encodePointer } from '../plain-data';
import { schemaProblems } from './schema-problems';
import type { CompiledSchema, SchemaProblem } from './schema-problems';
import { nodeSpan, replacementFixes, type YamlSource } from './yaml-locate';

/** Looked for in this order in each folder; the first one present is used. */
export const CONFIG_FILE_NAMES: readonly string[] = ['.promptbound.yaml', '.promptbound.yml', '.promptbound.json'];

export const CONFIG_SYNTAX_RULE = 'config/syntax';
export const CONFIG_SCHEMA_RULE = 'config/schema';

/** yaml's own default, stated because it is what stops alias bombs in `toJS`. */
const MAX_ALIAS_COUNT = 100;

/** The generated validator is read on first use (getters): a run without a config file never loads it. */
export const CONFIG_SCHEMA: CompiledSchema = {
  get validate() {
    return validate;
  },
  get schema() {
    return schema;
  },
  get origins() {
    return origins;
  },
  labels: {
    '#/definitions/fraction': 'a number between 0 and 1 (exclusive of 0), e.g. 0.8',
    '#/definitions/customModel/properties/output': 'a number of tokens, or {default, max}',
    '#/properties/rules/additionalProperties': 'one of off, info, warning, error',
  },
  nouns: {
    '#': 'config key',
    '#/definitions/budget': 'budget key',
    '#/definitions/customModel': 'custom model key',
  },
  rootName: 'the config',
};

export interface ParsedConfig {
  /**
   * Every top-level key that validated. Keys with problems are left out, so one typo does not discard the rest
   * (an editor keeps working); callers that must not run on a broken config check `problems`.
   * Absent when the text is not YAML/JSON or not a mapping.
   */
  config?: PromptboundConfig;
  /** `config/syntax` and `config/schema` errors, located in this file (`uri` set). */
  problems: Diagnostic[];
}

/**
 * The rule ids a config's `rules` may name, or a function giving them: called only when the config has `rules`, so
 * a front end can leave the rules unloaded for configs that name none.
 */
export type RuleIdList = readonly string[] | (() => readonly string[]);

/** Parses a config file's text: YAML for `.yaml`/`.yml`, JSON for `.json` (read with the YAML parser too, to keep ranges). */
export function parseConfigText(uri: string, text: string, knownRuleIds: RuleIdList): ParsedConfig {
  const diagnostic = (ruleId: string, span: Span, message: string, extra: Partial<Diagnostic> = {}): Diagnostic => ({
    ruleId,
    severity: 'error',
    message,
    uri,
    ...span,
    ...extra,
  });
  const parsed = parseYaml(text);
  if ('error' in parsed) return { problems: [diagnostic(CONFIG_SYNTAX_RULE, parsed.error.span, parsed.error.message)] };
  const { doc } = parsed;
  const syntax = [...doc.errors, ...(isJsonName(uri) ? jsonSyntaxErrors(doc, text) : [])];
  if (syntax.length === 0) syntax.push(...collectionKeyErrors(doc));
  if (syntax.length > 0) {
    return { problems: syntax.map((e) => diagnostic(CONFIG_SYNTAX_RULE, spanOf(e.pos, text), e.message)) };
  }
  const value = plainValue(doc);
  if ('error' in value) return { problems: [diagnostic(CONFIG_SYNTAX_RULE, { offset: 0, length: 0 }, value.error)] };
  const source: YamlSource = { doc, offset: 0 };
  const schemaErrors = schemaProblems(CONFIG_SCHEMA, value.value, source);
  const problems = [
    ...schemaErrors.map((p) => diagnostic(CONFIG_SCHEMA_RULE, p.span, p.message, { fixes: p.fixes, data: p.data })),
    ...unknownRuleIds(source, knownRuleIds).map(({ span, message, fixes, data }) =>
      diagnostic(CONFIG_SCHEMA_RULE, span, message, { fixes, data }),
    ),
  ];
  return { config: validKeys(value.value, schemaErrors), problems };
}

function parseYaml(text: string): { doc: YamlDocument.Parsed } | { error: { message: string; span: Span } } {
  try {
    // `logLevel: 'error'`: no stderr warning for list or mapping keys; collectionKeyErrors reports them.
    return { doc: parseDocument(text, { prettyErrors: false, uniqueKeys: true, logLevel: 'error' }) };
  } catch (error) {
    // yaml recurses on nesting; a pathological file can overflow the stack.
    return { error: { message: `The config could not be parsed: ${messageOf(error)}`, span: { offset: 0, length: 0 } } };
  }
}

function plainValue(doc: YamlDocument.Parsed): { value: unknown } | { error: string } {
  try {
    const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    // An empty file (or only comments) is an empty config: all defaults.
    return { value: value ?? {} };
  } catch (error) {
    return { error: `The config could not be read: ${messageOf(error)}` };
  }
}

function isJsonName(uri: string): boolean {
  return /\.json$/i.test(uri.replace(/[?#].*$/s, ''));
}

const JSON_LITERAL = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)$/;

/**
 * JSON is YAML 1.2, but not the other way round: in a `.json` file, YAML-only syntax (block collections,
 * unquoted or single-quoted strings, anchors) would read fine here and break every other JSON tool.
 */
function jsonSyntaxErrors(doc: YamlDocument.Parsed, text: string): Array<{ message: string; pos: [number, number] }> {
  const errors: Array<{ message: string; pos: [number, number] }> = [];
  const report = (node: YamlNode, what: string) => {
    if (errors.length === 0 && node.range)
      errors.push({ message: `Not valid JSON: ${what}.`, pos: [node.range[0], node.range[1]] });
  };
  visit(doc, {
    Map: (_key, node) => (node.flow ? undefined : report(node, 'use {"key": value} objects, not YAML block mappings')),
    Seq: (_key, node) => (node.flow ? undefined : report(node, 'use [...] arrays, not YAML "- item" lists')),
    Alias: (_key, node) => report(node, 'YAML aliases are not JSON'),
    Scalar: (_key, node) => {
      if (node.type === Scalar.QUOTE_DOUBLE || !node.range) return;
      const raw = text.slice(node.range[0], node.range[1]);
      if (node.type !== Scalar.PLAIN || !JSON_LITERAL.test(raw)) report(node, 'strings and keys need double quotes');
    },
  });
  return errors;
}

/** Rule ids in `rules` that no rule has; reported at the key with the nearest ids as fixes. */
function unknownRuleIds(source: YamlSource, ruleIds: RuleIdList): SchemaProblem[] {
  const rules = source.doc.get('rules', true);
  if (!isMap(rules) || rules.items.length === 0) return [];
  const knownRuleIds = typeof ruleIds === 'function' ? ruleIds() : ruleIds;
  const problems: SchemaProblem[] = [];
  for (const pair of rules.items) {
    if (!isScalar(pair.key)) continue;
    const id = String(pair.key.value);
    if (knownRuleIds.includes(id)) continue;
    const candidates = closestMatches(id, knownRuleIds);
    const hint = candidates.length > 0 ? `; did you mean ${candidates[0]}?` : '';
    problems.push({
      message: `rules: '${id}' is not a promptbound rule${hint}`,
      span: nodeSpan(source, pair.key),
      fixes: replacementFixes(source, pair.key, id, candidates),
      data: { pointer: encodePointer(['rules', id]), rule: id, candidates },
    });
  }
  return problems;
}

/** The config without the top-level keys that have schema problems; nothing when the root itself is wrong. */
function validKeys(value: unknown, problems: ReadonlyArray<{ data?: Record<string, unknown> }>): PromptboundConfig | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const pointers = problems.map((p) => decodePointer(String(p.data?.pointer ?? '')));
  if (pointers.some((path) => path.length === 0)) return undefined;
  const broken = new Set(pointers.map((path) => path[0]));
  const entries = Object.entries(value).filter(([key]) => !broken.has(key));
  // Validated against schemas/config.schema.json, which mirrors PromptboundConfig.
  return Object.fromEntries(entries) as PromptboundConfig;
}

function spanOf(pos: readonly [number, number], text: string): Span {
  const start = Math.max(0, Math.min(pos[0], text.length));
  return { offset: start, length: Math.max(0, Math.min(pos[1], text.length) - start) };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

// ---------------------------------------------------------------------------------------------------------------
// Resolution

export interface ConfigOverrides {
  /** `--model` on the command line or the editor's picked model; becomes `modelOverride`. */
  model?: string;
  /** The same as `model`, under ResolvedConfig's name for it. */
  modelOverride?: string;
  /** Severities from the editor's settings or the command line; win over every file. */
  rules?: Record<string, SeveritySetting>;
}

/**
 * Merges configs ordered from the outermost folder to the nearest: the nearest wins key by key, `rules` and
 * `budget` merge shallowly (a nearer `budget.variables` replaces an outer one), `models` are combined nearest
 * first (one entry per id), and defaults fill the rest. Inputs are not modified.
 */
export function resolveConfig(chain: readonly PromptboundConfig[], overrides: ConfigOverrides = {}): ResolvedConfig {
  const resolved = defaultConfig();
  for (const config of chain) {
    if (config.model !== undefined) resolved.model = config.model;
    if (config.rules) resolved.rules = { ...resolved.rules, ...config.rules };
    if (config.budget) resolved.budget = { ...resolved.budget, ...copyBudget(config.budget) };
    if (config.models) resolved.models = [...config.models.map(copyModel), ...resolved.models];
    if (config.stripHtmlComments !== undefined) resolved.stripHtmlComments = config.stripHtmlComments;
    if (config.allowOutsideRoot === true) resolved.allowOutsideRoot = true;
    else if (Array.isArray(config.allowOutsideRoot) && resolved.allowOutsideRoot !== true) {
      resolved.allowOutsideRoot = [...(resolved.allowOutsideRoot ?? []), ...config.allowOutsideRoot];
    }
    if (config.targets !== undefined) resolved.targets = [...config.targets];
    if (config.structuredOutput?.strict !== undefined) resolved.structuredOutput = { strict: config.structuredOutput.strict };
    if (config.placement?.minTokens !== undefined) resolved.placement = { minTokens: config.placement.minTokens };
  }
  resolved.models = resolved.models.filter((model, i, all) => all.findIndex((m) => m.id === model.id) === i);
  const modelOverride = overrides.model ?? overrides.modelOverride;
  if (modelOverride !== undefined) resolved.modelOverride = modelOverride;
  if (overrides.rules) resolved.rules = { ...resolved.rules, ...overrides.rules };
  return resolved;
}

function copyBudget(budget: BudgetDefaults): BudgetDefaults {
  return budget.variables ? { ...budget, variables: { ...budget.variables } } : { ...budget };
}

function copyModel(model: CustomModel): CustomModel {
  const copy: CustomModel = { ...model };
  if (typeof model.output === 'object') copy.output = { ...model.output };
  if (model.factors) copy.factors = { ...model.factors };
  return copy;
}

// ---------------------------------------------------------------------------------------------------------------
// `promptbound init`

/** The commented `.promptbound.yaml` that `promptbound init` writes; a test checks that it validates. */
export const STARTER_CONFIG = `# promptbound configuration. Every key is optional; nearer .promptbound.yaml files win over outer ones.
# JSON Schema: https://raw.githubusercontent.com/promptbound/promptbound/main/schemas/config.schema.json

# Model for prompts that name none (a prompt's own \`model:\` wins; \`--model\` wins over both).
model: gpt-4o

# Extra prompt files, beyond *.prompt.md, *.prompt, *.prompty and *.prompt.yml (globs relative to this folder).
# files:
#   - prompts/**/*.txt

# Never lint these (.gitignore is honoured as well).
# ignore:
#   - vendor/**

# Budget defaults for every prompt; a prompt's own \`budget:\` wins key by key.
budget:
  warnAt: 0.8           # warn when 80% of the input budget is used
  # output: 1024        # tokens reserved for the completion (default: the prompt's max-tokens key, else the model's)
  # effective: 0.5      # note prompts that use more than half the window

# Severity per rule: off | info | warning | error.
rules:
  budget/near-limit: warning
  # template/unused-variable: off

# Models the built-in table does not know (fine-tunes, self-hosted models).
# models:
#   - id: acme-support-v2
#     encoding: o200k_base   # or cl100k_base
#     context: 32000
#     output: 2048

# Set to true if your runtime strips <!-- HTML comments --> from Markdown prompts before sending them.
stripHtmlComments: false
`;
