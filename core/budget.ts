// Counts a parsed prompt with its model's tokenizer (once per target model) and measures it against the declared budget.
import { isScalar, isMap, isPair, isSeq, type Node as YamlNode } from 'yaml';
import type { Span } from './diagnostic';
import type { ResolvedConfig } from './config/types';
import type { PromptDocument } from './document/types';
import type { ModelLookup } from './models/types';
import type { BudgetFigure, BudgetReport, DocumentStats, TargetRef, VariableBudget } from './stats';
import type { CounterSource } from './tokens/types';
import type { Checkpoint } from './tokens/incremental';
import type { DocumentSession } from './analysis/session';
import { tallyingCounter } from './tokens/chunks';
import { countSentText } from './stats';
import { lookupModel } from './models';
import { measureFills } from './fills';
import { middleInstructions } from './layout';

export const DEFAULT_WARN_AT = 0.8;
/** placement/lost-in-the-middle looks at prompts from this many rendered tokens (docs/rules/placement/lost-in-the-middle.md). */
export const DEFAULT_PLACEMENT_MIN_TOKENS = 4000;
/** A prompt may name at most this many targets (the schema says so too); more are ignored. */
const MAX_TARGETS = 16;

/** Where counting may keep work between versions (the editor's session) and yield while it runs. */
export interface CountOptions {
  session?: DocumentSession;
  checkpoint?: Checkpoint;
}

interface ModelChoice {
  id: string;
  source: DocumentStats['modelSource'];
  span?: Span;
  target?: TargetRef;
}

/**
 * One model: its figures. Several targets (`targets:` in the prompt, else in config; `--model` replaces them):
 * the first target's figures with `targets` holding every target's, in declared order.
 */
export async function computeStats(
  document: PromptDocument,
  config: ResolvedConfig,
  pool: CounterSource,
  options: CountOptions = {},
): Promise<DocumentStats> {
  const targets = chooseTargets(document, config);
  if (targets.length === 0) return statsFor(document, config, pool, chooseModel(document, config), true, options);
  const all: DocumentStats[] = [];
  for (const [i, choice] of targets.entries()) all.push(await statsFor(document, config, pool, choice, i === 0, options));
  return { ...all[0], targets: all };
}

async function statsFor(
  document: PromptDocument,
  config: ResolvedConfig,
  pool: CounterSource,
  choice: ModelChoice,
  primary: boolean,
  options: CountOptions,
): Promise<DocumentStats> {
  const { id, source, span: modelSpan } = choice;
  const model = lookupModel(id, config.models);
  const counter = await pool.counterFor(
    model.found ? { encoding: model.model.entry.encoding, factors: model.model.entry.factors } : { encoding: 'o200k_base' },
  );
  const { session, checkpoint } = options;
  session?.keepMessages(document.messages.length);
  const counted = await countSentText(
    document,
    counter,
    tallyingCounter(counter),
    session ? (c, i) => session.talliesFor(c, i) : undefined,
    checkpoint,
  );
  const { messages, sections, estimated } = counted;
  const approximate = counter.approximate || !model.found || counted.approximate;
  const promptTokens = messages.reduce((sum, m) => sum + m.tokens, 0);
  const overhead = chatOverhead(document, model);
  const variables = variableBudgets(document, config);
  const variablesTotal = variables.reduce((sum, v) => sum + v.tokens, 0);
  const budget = budgetReport(document, config, model, promptTokens + overhead + variablesTotal);
  const fills = measureFills(document, counter);
  const minTokens = config.placement?.minTokens ?? DEFAULT_PLACEMENT_MIN_TOKENS;
  // Placement is about the text, not the tokenizer: laid out once, with the primary target's counts.
  const layout =
    primary && budget.input >= minTokens
      ? await middleInstructions(document, counter, variables, promptTokens, { memo: session?.paragraphs, checkpoint })
      : undefined;
  const stats: DocumentStats = {
    model,
    modelSource: source,
    modelSpan,
    encoding: counter.encoding,
    approximate,
    promptTokens,
    overhead,
    messages,
    sections,
    variables,
    variablesTotal,
    estimated,
    budget,
    fills,
  };
  if (layout) stats.layout = layout;
  if (choice.target) stats.target = choice.target;
  return stats;
}

/** The prompt's `targets` (each item located), else the config's; none when `--model` or the editor's pick decides. */
function chooseTargets(document: PromptDocument, config: ResolvedConfig): ModelChoice[] {
  if (config.modelOverride) return [];
  const node = frontmatterNode(document, ['targets']);
  if (node && isSeq(node)) {
    const choices: ModelChoice[] = [];
    for (const item of node.items) {
      if (!isScalar(item) || typeof item.value !== 'string' || item.value.trim() === '') continue;
      const id = item.value.trim();
      if (choices.some((c) => c.id === id)) continue;
      const span = spanOf(document, item as YamlNode);
      choices.push({
        id,
        source: 'document',
        span,
        target: span ? { id, span, source: 'document' } : { id, source: 'document' },
      });
    }
    if (choices.length > 0) return choices.slice(0, MAX_TARGETS);
  }
  const configured = [...new Set((config.targets ?? []).map((t) => t.trim()).filter((t) => t !== ''))];
  return configured.slice(0, MAX_TARGETS).map((id) => ({ id, source: 'config', target: { id, source: 'config' } }));
}

/** `--model` / the editor's pick beats the prompt's own model, which beats the configured default. */
function chooseModel(
  document: PromptDocument,
  config: ResolvedConfig,
): { id: string; source: DocumentStats['modelSource']; span?: Span } {
  if (config.modelOverride) return { id: config.modelOverride, source: 'override' };
  const declared = document.interop.model;
  if (declared) return { id: declared.value, source: 'document', span: declared.span };
  return { id: config.model, source: 'config' };
}

function chatOverhead(document: PromptDocument, model: ModelLookup): number {
  if (!document.chat || !model.found) return 0;
  const { perMessage, perRequest } = model.model.entry.chat;
  return perMessage * Math.max(1, document.messages.length) + perRequest;
}

/** Expected fill per variable: the prompt's `budget.variables` over the config's defaults. */
function variableBudgets(document: PromptDocument, config: ResolvedConfig): VariableBudget[] {
  const byName = new Map<string, VariableBudget>();
  for (const [name, tokens] of Object.entries(config.budget.variables ?? {})) byName.set(name, { name, tokens });
  const node = frontmatterNode(document, ['budget', 'variables']);
  if (node && isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item) || !isScalar(item.key)) continue;
      const tokens = item.value && isScalar(item.value) ? item.value.value : undefined;
      if (typeof tokens !== 'number' || !Number.isFinite(tokens) || tokens < 0) continue;
      const name = String(item.key.value);
      byName.set(name, { name, tokens, span: spanOf(document, item.value as YamlNode) });
    }
  }
  return [...byName.values()];
}

function budgetReport(document: PromptDocument, config: ResolvedConfig, model: ModelLookup, input: number): BudgetReport {
  const entry = model.found ? model.model.entry : undefined;
  const context =
    numberFigure(document, ['budget', 'context'], config.budget.context) ??
    (entry ? { tokens: entry.context, source: 'model' } : undefined);
  const reserve = document.interop.outputReserve;
  const output: BudgetFigure | undefined = reserve
    ? { tokens: reserve.value, source: reserve.key, span: reserve.span }
    : config.budget.output !== undefined
      ? { tokens: config.budget.output, source: 'config' }
      : entry
        ? { tokens: entry.output.default, source: 'model' }
        : undefined;
  const prompt = numberFigure(document, ['budget', 'prompt'], config.budget.prompt);
  const warnAt = fraction(document, ['budget', 'warnAt'], config.budget.warnAt) ?? { fraction: DEFAULT_WARN_AT };
  const effective = fraction(document, ['budget', 'effective'], config.budget.effective);
  const outputTokens = output?.tokens ?? 0;
  return {
    context,
    output,
    prompt,
    warnAt,
    effective,
    input,
    inputBudget: context ? context.tokens - outputTokens : undefined,
    total: input + outputTokens,
  };
}

function numberFigure(document: PromptDocument, path: string[], fallback: number | undefined): BudgetFigure | undefined {
  const node = frontmatterNode(document, path);
  if (node && isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value) && node.value > 0) {
    return { tokens: node.value, source: path.join('.'), span: spanOf(document, node) };
  }
  return fallback !== undefined ? { tokens: fallback, source: 'config' } : undefined;
}

function fraction(
  document: PromptDocument,
  path: string[],
  fallback: number | undefined,
): { fraction: number; span?: Span } | undefined {
  const node = frontmatterNode(document, path);
  if (node && isScalar(node) && typeof node.value === 'number' && node.value > 0 && node.value <= 1) {
    return { fraction: node.value, span: spanOf(document, node) };
  }
  return fallback !== undefined ? { fraction: fallback } : undefined;
}

/** Values of ours that the schema rejects are ignored here; `frontmatter/schema` reports them. */
function frontmatterNode(document: PromptDocument, path: string[]): YamlNode | undefined {
  const frontmatter = document.frontmatter;
  if (!frontmatter || frontmatter.errors.length > 0) return undefined;
  const node = frontmatter.yaml.getIn(path, true);
  return node && typeof node === 'object' && 'range' in node ? (node as YamlNode) : undefined;
}

function spanOf(document: PromptDocument, node: YamlNode): Span | undefined {
  const range = node.range;
  const base = document.frontmatter?.span.offset ?? 0;
  return range ? { offset: base + range[0], length: range[1] - range[0] } : undefined;
}
