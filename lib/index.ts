// The library entry (`require('promptbound')`, `import ... from 'promptbound'`): the engine for Node programs, with no
// editor and no `vscode` module. Every public type is declared in this file, so the published dist/index.d.ts needs no
// other declaration file. docs/api.md documents it with an example.
import path from 'node:path';
import type { ResolvedConfig } from '../core/config/types';
import { defaultConfig } from '../core/config/types';
import type { FileAccess } from '../core/files';
import { countDocument, lintDocument, type EngineHost } from '../core/engine';
import { lookupModel, MODELS } from '../core/models';
import { lineColumnAt, lineStarts } from '../core/positions';
import { RULES, ruleDocsUrl } from '../core/rules/registry';
import { checkSample, declaredConstraints, expectsJson, failedKeys } from '../core/samples/check';
import { completionRequirements } from '../core/samples/context';
import { parseSampleFile } from '../core/samples/parse';
import { TokenizerPool } from '../core/tokens/pool';
import { ConfigError, ConfigResolver } from '../node/config';
import { nodeFileAccess } from '../node/file-access';
import { nodeRankLoader } from '../node/ranks';
import { summarizeStats, toReportMessage } from '../cli/report';
import { TOOL_VERSION } from '../cli/meta';

export type Severity = 'error' | 'warning' | 'info';

/** One replacement, by UTF-16 offsets into the linted text and by 1-based line:column. */
export interface Edit {
  offset: number;
  length: number;
  newText: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Fix {
  title: string;
  /** True when `promptbound check --fix` applies it unattended. */
  safe: boolean;
  edits: Edit[];
}

/** A finding. Positions are 1-based; columns count UTF-16 code units, as editors do; the end is exclusive. */
export interface Problem {
  ruleId: string;
  severity: Severity;
  message: string;
  /** The file it points into: the prompt's `path`, or a sample or schema file the prompt names. */
  file: string | undefined;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes: Fix[];
}

/** The token figures of one prompt (what `promptbound check --stats` prints). */
export interface PromptStats {
  /** The model id as written (prompt, config or the `model` option). */
  model: string;
  /** The table (or custom) model it resolved to; null for an unknown model. */
  resolvedModel: string | null;
  encoding: string;
  /** True when the counts are estimates (a model without a local tokenizer). */
  approximate: boolean;
  /** Tokens of the text the model receives (no frontmatter, no template comments). */
  tokens: number;
  /** Chat-format overhead (per message and per request). */
  overhead: number;
  /** Expected fill of template variables (`budget.variables`). */
  variables: number;
  /** tokens + overhead + variables. */
  input: number;
  /** Context window minus the output reserve; null for an unknown model. */
  inputBudget: number | null;
  /** input ÷ inputBudget; null for an unknown model. */
  budgetUse: number | null;
  output: number | null;
  context: number | null;
  messages: Array<{ role: string; tokens: number }>;
  sections: Array<{ title: string; tokens: number }>;
  /** With several `targets`: this row's target id. */
  target?: string;
  /** With several `targets`: one summary per target, in declared order (the first is this summary's own figures). */
  targets?: PromptStats[];
}

export interface LintOptions {
  /**
   * The prompt's file name. It picks the format (`.prompt.md`, `.prompt`, `.prompty`, `.prompt.yml`; anything else is
   * plain text) and, when given, the folder whose `.promptbound.yaml` applies and against which schema and sample
   * files are read from disk. Without it the text is linted as `untitled.prompt.md` with the default config and no
   * file access (inline schemas still apply; schema files and samples are not read).
   */
  path?: string;
  /** Overrides the prompt's own model, as `--model` does. */
  model?: string;
  /**
   * A config file to use instead of searching for `.promptbound.yaml` (relative to the current folder), also without
   * `path`; false: the defaults. Without it, the config is searched from `path`'s folder (none without `path`).
   */
  config?: string | false;
  /** False skips sample completions (`--no-samples`). Default true. */
  samples?: boolean;
}

export interface LintResult {
  problems: Problem[];
  stats: PromptStats;
}

export interface CountOptions {
  /** The model whose tokenizer counts; default gpt-4o. */
  model?: string;
}

export interface TokenCount {
  tokens: number;
  /** True for models without a local tokenizer (o200k_base times a safety factor) and for unknown models. */
  approximate: boolean;
  /** The model id as given. */
  model: string;
  /** The table entry it resolved to; null when the model is unknown (counted with o200k_base). */
  resolvedModel: string | null;
  encoding: string;
}

export interface ValidateOptions {
  /** The prompt's file name, as for `lint` (format, config, schema files relative to it). */
  path?: string;
  model?: string;
  config?: string | false;
  /** Treat the completion as JSON Lines (one completion per line), as `validate --jsonl`. */
  jsonl?: boolean;
}

export interface ConstraintOutcome {
  /** The constraint key (`words`, `json`, `schema`, `pattern`, ...). */
  key: string;
  pass: boolean;
  /** What was measured in the completion (a count, a flag, a text). */
  measured: unknown;
  /** What the prompt declares. */
  required: unknown;
  message: string;
}

export interface CompletionOutcome {
  /** 1-based line of the completion in the input (always 1 unless `jsonl`). */
  line: number;
  pass: boolean;
  /** Every declared constraint, passing ones too. */
  results: ConstraintOutcome[];
  /** Output-schema failures with 1-based line:column in the input. */
  schema: Array<{ message: string; pointer: string; line: number; column: number }>;
  /** Set when JSON was expected and the completion does not parse. */
  notJson?: { message: string; line: number; column: number };
}

export interface ValidationResult {
  /** True when every completion passes. */
  pass: boolean;
  completions: CompletionOutcome[];
}

export interface RuleInfo {
  id: string;
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
  docs: string;
}

export interface ModelInfo {
  id: string;
  provider: string;
  encoding: string;
  tokenizer: 'exact' | 'approximate';
  context: number;
  output: { default: number; max: number };
}

/** A prompt or config promptbound cannot use (a config file with errors, a prompt that declares nothing to validate). */
export class PromptboundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PromptboundError';
  }
}

export const version: string = TOOL_VERSION;

const UNTITLED = 'untitled.prompt.md';

let sharedTokenizers: TokenizerPool | undefined;
function tokenizers(): TokenizerPool {
  return (sharedTokenizers ??= new TokenizerPool(nodeRankLoader));
}

/** No file exists: schema files and samples are not read when the prompt has no path. */
const NO_FILES: FileAccess = { readText: async () => undefined, glob: async () => [] };

interface Setup {
  uri: string;
  config: ResolvedConfig;
  host: EngineHost & { files: FileAccess };
}

async function setup(options: { path?: string; model?: string; config?: string | false }): Promise<Setup> {
  const cwd = process.cwd();
  const file = options.path === undefined ? undefined : path.resolve(cwd, options.path);
  const host = { tokenizers: tokenizers(), files: file === undefined ? NO_FILES : nodeFileAccess() };
  const uri = file ?? path.join(cwd, UNTITLED);
  if (options.config === false || (file === undefined && options.config === undefined)) {
    const config = defaultConfig();
    if (options.model !== undefined) config.modelOverride = options.model;
    return { uri, config, host };
  }
  const resolver = new ConfigResolver({
    cwd,
    explicitFile: options.config,
    modelOverride: options.model,
    knownRuleIds: RULES.map((r) => r.meta.id),
  });
  try {
    return { uri, config: await resolver.configFor(path.dirname(uri)), host };
  } catch (error) {
    if (error instanceof ConfigError) throw new PromptboundError(error.messages.join('\n'));
    throw error;
  }
}

/**
 * Lints a prompt's text: every rule `promptbound check` runs, with the same messages, severities and positions.
 * Problems in sample or schema files the prompt names carry that `file`; their positions are in that file.
 */
export async function lint(text: string, options: LintOptions = {}): Promise<LintResult> {
  const { uri, config, host } = await setup(options);
  const result = await lintDocument({ uri, text, config, samples: options.samples !== false }, host);
  const starts = lineStarts(text);
  const others = new Map<string, Promise<string>>();
  const problems: Problem[] = [];
  for (const diagnostic of result.diagnostics) {
    const elsewhere = diagnostic.uri !== undefined && diagnostic.uri !== uri;
    let message;
    if (elsewhere) {
      let other = others.get(diagnostic.uri!);
      if (!other) others.set(diagnostic.uri!, (other = host.files.readText(diagnostic.uri!).then((t) => t ?? '')));
      message = toReportMessage(diagnostic, await other);
    } else {
      message = toReportMessage(diagnostic, text, starts);
    }
    problems.push({
      ruleId: diagnostic.ruleId,
      severity: message.severity,
      message: message.message,
      file: elsewhere ? diagnostic.uri : options.path === undefined ? undefined : uri,
      line: message.line,
      column: message.column,
      endLine: message.endLine,
      endColumn: message.endColumn,
      fixes: message.fixes.map((fix) => ({ title: fix.title, safe: fix.safe, edits: fix.edits.map((edit) => ({ ...edit })) })),
    });
  }
  return { problems, stats: summarizeStats(result.stats) };
}

/** Counts a prompt as `promptbound count` does: the text the model receives, plus chat overhead and sections. */
export async function countPrompt(text: string, options: Omit<LintOptions, 'samples'> = {}): Promise<PromptStats> {
  const { uri, config, host } = await setup(options);
  const { stats } = await countDocument({ uri, text, config }, host);
  return summarizeStats(stats);
}

/** Counts plain text with a model's tokenizer (`promptbound count --raw`): no frontmatter or template handling. */
export async function countTokens(text: string, options: CountOptions = {}): Promise<TokenCount> {
  const model = options.model ?? defaultConfig().model;
  const lookup = lookupModel(model);
  const counter = await tokenizers().counterFor(
    lookup.found ? { encoding: lookup.model.entry.encoding, factors: lookup.model.entry.factors } : { encoding: 'o200k_base' },
  );
  const counted = counter.count(text);
  return {
    tokens: counted.tokens,
    approximate: counted.approximate || !lookup.found,
    model,
    resolvedModel: lookup.found ? lookup.model.entry.id : null,
    encoding: lookup.found ? lookup.model.entry.encoding : 'o200k_base',
  };
}

/**
 * Checks a completion against a prompt's declared `constraints` and output schema, as `promptbound validate` does.
 * Throws PromptboundError when the prompt declares nothing to check or its output schema cannot be used.
 */
export async function validateCompletion(
  completion: string,
  promptText: string,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const { uri, config, host } = await setup(options);
  const { document, stats } = await countDocument({ uri, text: promptText, config }, host);
  if (Object.keys(declaredConstraints(document)).length === 0 && !expectsJson(document)) {
    throw new PromptboundError('the prompt declares no constraints and no output schema; nothing to validate against');
  }
  const { requirements, schemaProblems } = await completionRequirements(document, stats, {
    files: host.files,
    tokenizers: host.tokenizers,
  });
  const errors = schemaProblems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    throw new PromptboundError(`the prompt's output schema cannot be used: ${errors.map((p) => p.message).join('; ')}`);
  }
  const input = completion.charCodeAt(0) === 0xfeff ? completion.slice(1) : completion;
  const inputUri = `${uri}#completion`;
  const starts = lineStarts(input);
  const at = (offset: number) => lineColumnAt(starts, input, offset);
  const parsed = parseSampleFile(inputUri, input, { jsonl: options.jsonl === true });
  const outcomes: Array<CompletionOutcome & { offset: number }> = parsed.problems.map((problem) => ({
    offset: problem.span.offset,
    line: at(problem.span.offset).line,
    pass: false,
    results: [],
    schema: [],
    notJson: { message: problem.message, ...at(problem.span.offset) },
  }));
  for (const sample of parsed.completions) {
    const report = checkSample(sample, requirements);
    outcomes.push({
      offset: sample.span.offset,
      line: at(sample.span.offset).line,
      pass: failedKeys(report).length === 0,
      results: report.results.map(({ key, pass, measured, required, message }) => ({ key, pass, measured, required, message })),
      schema: report.schemaFailures.map((f) => ({ message: f.message, pointer: f.pointer, ...at(f.span.offset) })),
      ...(report.notJson ? { notJson: { message: report.notJson.message, ...at(report.notJson.span.offset) } } : {}),
    });
  }
  const completions = outcomes.sort((a, b) => a.offset - b.offset).map(({ offset: _offset, ...rest }) => rest);
  return { pass: completions.length > 0 && completions.every((c) => c.pass), completions };
}

/** Every rule, in the registry's order. */
export function rules(): RuleInfo[] {
  return RULES.map(({ meta }) => ({
    id: meta.id,
    description: meta.description,
    defaultSeverity: meta.defaultSeverity,
    fixable: meta.fixable,
    docs: ruleDocsUrl(meta.id),
  }));
}

/** The built-in model table. */
export function models(): ModelInfo[] {
  return MODELS.map((m) => ({
    id: m.id,
    provider: m.provider,
    encoding: m.encoding,
    tokenizer: m.tokenizer,
    context: m.context,
    output: { ...m.output },
  }));
}
