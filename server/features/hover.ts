// Hovers: model facts on the model value, our keys' docs, a section's token stats, a template variable's budget.
import { isMap, isScalar, isSeq } from 'yaml';
import type { Hover, Position } from 'vscode-languageserver';
import type { Frontmatter } from '../../core/document/types';
import type { Span } from '../../core/diagnostic';
import type { DocumentStats, SectionCount } from '../../core/stats';
import { isLinted, type DocumentSnapshot, type ParsedSnapshot } from '../snapshot';
import { lookupModel, MODEL_TABLE_VERSION, type ModelEntry, type ModelLookup } from '../../core/models';
import { alternatives, describe, schemasAt, type PathSegment } from './frontmatter-schema';
import { MARKDOWN } from './lsp';
import { findRule, RULE_IDS } from '../../core/rules/registry';
import { ruleMatches } from '../../core/suppression';
import { compact, contains, docsLink, grouped, percent, rangeOf, ruleLink, tokenCount } from './text';
import { modelName } from '../../core/rules/format';

/** On a version still being counted (a ParsedSnapshot), only what needs no counts: our keys' docs. */
export function hoverAt(snapshot: ParsedSnapshot, position: Position): Hover | null {
  const offset = snapshot.textDocument.offsetAt(position);
  const found = isLinted(snapshot)
    ? (modelHover(snapshot, offset) ??
      keyHover(snapshot, offset) ??
      sectionHover(snapshot, offset) ??
      variableHover(snapshot, offset) ??
      annotationHover(snapshot, offset))
    : keyHover(snapshot, offset);
  if (!found) return null;
  return { contents: { kind: MARKDOWN, value: found.markdown }, range: rangeOf(snapshot.textDocument, found.span) };
}

interface Found {
  markdown: string;
  span: Span;
}

// ---- model ----

function modelHover(snapshot: DocumentSnapshot, offset: number): Found | undefined {
  const declared = snapshot.result.document.interop.model;
  if (!declared || !contains(declared.span, offset)) return undefined;
  const stats = snapshot.result.stats;
  const lookup = stats.modelSource === 'document' ? stats.model : lookupModel(declared.value, snapshot.config.models);
  const lines = modelFacts(lookup, declared.key);
  const budget = stats.budget;
  const ours = [
    budget.context && budget.context.source !== 'model'
      ? `window ${grouped(budget.context.tokens)} (from \`${budget.context.source}\`)`
      : undefined,
    budget.output && budget.output.source !== 'model'
      ? `output reserve ${grouped(budget.output.tokens)} (from \`${budget.output.source}\`)`
      : undefined,
  ].filter((x): x is string => x !== undefined);
  if (ours.length > 0) lines.push('', `This prompt: ${ours.join(', ')}.`);
  if (stats.modelSource === 'override')
    lines.push(
      '',
      `Counts in the editor use **${stats.model.found ? stats.model.model.entry.id : stats.model.requested}**, picked in the status bar.`,
    );
  return { markdown: lines.join('\n'), span: declared.span };
}

/** The facts of a model as a hover shows them; `key` is where the id was read (`model`, `model.id`…). */
export function modelFacts(lookup: ModelLookup, key: string): string[] {
  if (!lookup.found) {
    const lines = [
      `**${lookup.requested}** — unknown model`,
      '',
      `Not in the model table (${MODEL_TABLE_VERSION}) or the configured \`models\`; counts use o200k_base and are approximate.`,
    ];
    if (lookup.suggestions.length > 0) lines.push('', `Did you mean ${lookup.suggestions.map((s) => `\`${s}\``).join(', ')}?`);
    lines.push('', `${ruleLink('model/unknown')} · ${docsLink('models.md', 'models')}`);
    return lines;
  }
  const { entry, requested, custom, matched } = lookup.model;
  const lines = [`**${entry.id}** (${entry.provider})`, ''];
  if (requested.trim() !== entry.id)
    lines.push(`\`${requested.trim()}\` resolves to \`${entry.id}\` (matched \`${matched}\`).`, '');
  lines.push(`| | |`, `|---|---|`, `| context window | ${grouped(entry.context)} tokens |`);
  if (entry.maxInput !== undefined) lines.push(`| max input | ${grouped(entry.maxInput)} tokens |`);
  lines.push(
    `| output | ${grouped(entry.output.default)} reserved by default · ${grouped(entry.output.max)} max |`,
    `| tokenizer | ${tokenizerFact(entry)} |`,
    `| chat overhead | ${entry.chat.perMessage} per message + ${entry.chat.perRequest} per request |`,
    `| from | ${custom ? 'the `models` of your configuration' : `the model table (${MODEL_TABLE_VERSION})`}, read from \`${key}\` |`,
  );
  if (entry.notes) lines.push('', entry.notes);
  lines.push('', docsLink('models.md', 'models') + ' · ' + docsLink('tokenizers.md', 'tokenizers'));
  return lines;
}

function tokenizerFact(entry: ModelEntry): string {
  if (entry.tokenizer === 'exact') return `exact: ${entry.encoding}`;
  const f = entry.factors;
  const factors = f ? ` × ${f.latin} (Latin) / ${f.cjk} (CJK) / ${f.other} (other scripts), rounded up` : '';
  return `≈ approximate: ${entry.encoding}${factors}`;
}

// ---- our keys ----

/** Rule pages and docs that explain a key, by its dotted path. */
const KEY_LINKS: Record<string, string[]> = {
  model: ['rule:model/unknown', 'page:models.md'],
  budget: ['rule:budget/context-window'],
  'budget.context': ['rule:budget/context-window'],
  'budget.output': ['rule:budget/context-window', 'rule:constraints/unsatisfiable'],
  'budget.prompt': ['rule:budget/prompt-limit'],
  'budget.warnAt': ['rule:budget/near-limit'],
  'budget.effective': ['rule:budget/effective-context'],
  'budget.variables': ['rule:template/undefined-variable', 'rule:template/unused-variable'],
  constraints: ['page:constraints.md', 'rule:sample/constraint'],
  'constraints.schema': ['page:constraints.md', 'rule:sample/schema', 'rule:schema/invalid'],
  'constraints.format': ['page:constraints.md', 'rule:sample/not-json'],
  'constraints.compat': ['page:ifeval.md'],
  'constraints.mode': ['page:ifeval.md'],
  samples: ['rule:sample/constraint', 'rule:sample/schema'],
  targets: ['rule:budget/context-window', 'rule:schema/provider-compat', 'page:models.md'],
  structuredOutput: ['rule:schema/provider-compat'],
  'structuredOutput.strict': ['rule:schema/provider-compat'],
};

/** The top-level keys promptbound owns (the host format's keys get no hover from us). */
const OUR_KEYS = new Set(['model', 'targets', 'structuredOutput', 'budget', 'constraints', 'samples']);

function keyHover(snapshot: ParsedSnapshot, offset: number): Found | undefined {
  const frontmatter = snapshot.result.document.frontmatter;
  if (!frontmatter || !contains(frontmatter.span, offset)) return undefined;
  const hit = keyAt(frontmatter, offset);
  if (!hit) return undefined;
  const names = hit.path.filter((s): s is string => typeof s === 'string');
  const top = names[0];
  if (!OUR_KEYS.has(top)) return undefined;
  const schemas = schemasAt(hit.path);
  if (schemas.length === 0) return undefined;
  const description = describe(schemas.flatMap((s) => alternatives(s)));
  const dotted = names.join('.');
  const links = linksFor(dotted, names);
  const lines = [`**${dotted}**`];
  if (description) lines.push('', description);
  if (names.length === 3 && names[0] === 'budget' && names[1] === 'variables') lines.push('', variableUse(snapshot, names[2]));
  if (links.length > 0) lines.push('', links.join(' · '));
  return { markdown: lines.join('\n'), span: hit.span };
}

/** How often the prompt uses a variable that `budget.variables` gives a fill. */
function variableUse(snapshot: ParsedSnapshot, name: string): string {
  const uses = snapshot.result.document.variables.filter((v) => v.name === name).length;
  if (uses === 0) return `\`{{${name}}}\` is not used in this prompt (${ruleLink('template/unused-variable')}).`;
  return `\`{{${name}}}\` is used ${uses === 1 ? 'once' : `${uses} times`} in this prompt; the budget counts its fill once.`;
}

function linksFor(dotted: string, names: readonly string[]): string[] {
  const refs =
    KEY_LINKS[dotted] ??
    (names[0] === 'constraints'
      ? ['page:constraints.md']
      : names[0] === 'budget' && names[1] === 'variables'
        ? KEY_LINKS['budget.variables']
        : []);
  return refs.map((ref) => (ref.startsWith('rule:') ? ruleLink(ref.slice(5)) : docsLink(ref.slice(5))));
}

/** The key (not value) under `offset`, with the path from the top of the YAML; block and flow mappings alike. */
function keyAt(frontmatter: Frontmatter, offset: number): { path: PathSegment[]; span: Span } | undefined {
  const relative = offset - frontmatter.span.offset;
  let node: unknown = frontmatter.yaml.contents;
  const path: PathSegment[] = [];
  for (let depth = 0; depth < 64; depth++) {
    if (isMap(node)) {
      let next: unknown;
      for (const pair of node.items) {
        const key = pair.key;
        if (!isScalar(key) || !key.range) continue;
        const name = String(key.value);
        if (relative >= key.range[0] && relative <= key.range[1]) {
          return {
            path: [...path, name],
            span: { offset: frontmatter.span.offset + key.range[0], length: key.range[1] - key.range[0] },
          };
        }
        const value = pair.value as { range?: [number, number, number] } | null;
        if (value?.range && relative >= value.range[0] && relative < value.range[1]) {
          path.push(name);
          next = value;
          break;
        }
      }
      if (next === undefined) return undefined;
      node = next;
    } else if (isSeq(node)) {
      const index = node.items.findIndex((item) => {
        const range = (item as { range?: [number, number, number] } | null)?.range;
        return range !== undefined && relative >= range[0] && relative < range[1];
      });
      if (index < 0) return undefined;
      path.push(index);
      node = node.items[index];
    } else {
      return undefined;
    }
  }
  return undefined;
}

// ---- sections ----

function sectionHover(snapshot: DocumentSnapshot, offset: number): Found | undefined {
  const stats = snapshot.result.stats;
  const count = stats.sections.find((s) => contains(s.section.header, offset));
  if (!count) return undefined;
  return { markdown: sectionStats(count, stats).join('\n'), span: count.section.header };
}

export function sectionStats(count: SectionCount, stats: DocumentStats): string[] {
  const { section } = count;
  const what = section.kind === 'role' ? `${section.title} message` : `section “${section.title}”`;
  const lines = [`**${tokenCount(count.tokens, count.approximate)}** in ${what}`, ''];
  const approx = count.approximate ? '≈' : '';
  if (section.budget) {
    const budget = section.budget.tokens;
    const over = count.tokens > budget;
    lines.push(
      `- budget: ${grouped(budget)} tokens — ${percent(count.tokens, budget)} used${over ? ` (**${approx}${grouped(count.tokens - budget)} over**)` : `, ${approx}${grouped(budget - count.tokens)} left`}`,
    );
  }
  if (stats.promptTokens > 0)
    lines.push(
      `- share of the prompt: ${percent(count.tokens, stats.promptTokens)} of ${tokenCount(stats.promptTokens, stats.approximate)}`,
    );
  const window = stats.budget.inputBudget;
  if (window !== undefined && window > 0)
    lines.push(`- share of the input budget: ${percent(count.tokens, window)} of ${compact(window)}`);
  const nested = section.kind === 'heading' ? '; subsections included' : '';
  lines.push(`- counted with ${modelName(stats)} (${stats.encoding}${count.approximate ? ', approximate' : ''})${nested}`);
  if (section.budget) lines.push('', ruleLink('budget/section-limit'));
  return lines;
}

// ---- variables ----

function variableHover(snapshot: DocumentSnapshot, offset: number): Found | undefined {
  const { document, stats } = snapshot.result;
  const use = document.variables.find((v) => contains(v.span, offset));
  if (!use) return undefined;
  const budget = stats.variables.find((v) => v.name === use.name);
  const declared = document.interop.declaredVariables.filter((d) => d.name === use.name);
  const lines = [`**{{${use.name}}}** — template variable`, ''];
  if (budget) {
    const from = budget.span ? '`budget.variables`' : 'the configuration’s `budget.variables`';
    lines.push(`Expected fill: **${grouped(budget.tokens)} tokens** (from ${from}), counted against the context window.`);
  } else {
    lines.push(`No expected fill: the budget counts it as 0 tokens. Declare one under \`budget.variables.${use.name}\`.`);
  }
  lines.push(...measuredFill(stats, use.name, budget?.tokens));
  const sources = [...new Set(declared.map((d) => d.source))].filter((s) => s !== 'budget.variables');
  if (sources.length > 0) lines.push('', `Declared in ${sources.map((s) => `\`${s}\``).join(', ')}.`);
  else if (!budget) lines.push('', `Not declared anywhere (${ruleLink('template/undefined-variable')}).`);
  if (stats.variablesTotal > 0) lines.push('', `All variables: ${grouped(stats.variablesTotal)} tokens expected.`);
  return { markdown: lines.join('\n'), span: use.span };
}

/** Declared vs measured: the largest value the prompt's own test inputs give the variable, per target. */
function measuredFill(stats: DocumentSnapshot['result']['stats'], name: string, declared: number | undefined): string[] {
  const rows = (stats.targets ?? [stats]).flatMap((target) => {
    const fill = target.fills.find((f) => f.name === name);
    return fill ? [{ target: target.target?.id, fill }] : [];
  });
  if (rows.length === 0) return [];
  const { fill } = rows[0];
  const of = fill.values > 1 ? ` (largest of ${fill.values} values)` : '';
  const figures = rows
    .map((r) => `${r.fill.approximate ? '≈' : ''}${grouped(r.fill.tokens)}${r.target ? ` ${r.target}` : ''}`)
    .join(', ');
  const over = declared !== undefined && rows.some((r) => r.fill.tokens > declared);
  return [
    '',
    `Measured fill: **${figures} tokens** in \`${fill.source}\`${of}${declared === undefined ? '' : ` — declared ${grouped(declared)}${over ? ` (${ruleLink('budget/variable-fill')})` : ''}`}.`,
  ];
}

// ---- annotations ----

const DIRECTIVE_SCOPE: Record<string, string> = {
  disable: 'from here until a matching `promptbound-enable`',
  enable: 'again from here',
  'disable-next-line': 'on the next line',
  'disable-file': 'in the whole file',
};

/** A section budget shows that section's use; a suppression comment names what it turns off, and where. */
function annotationHover(snapshot: DocumentSnapshot, offset: number): Found | undefined {
  const { document, stats } = snapshot.result;
  const annotation = document.annotations.find((a) => contains(a.span, offset));
  if (!annotation || annotation.kind === 'invalid') return undefined;
  if (annotation.kind === 'budget') {
    const count = stats.sections.find((c) => c.section.budget?.span.offset === annotation.span.offset);
    return count ? { markdown: sectionStats(count, stats).join('\n'), span: annotation.span } : undefined;
  }
  const verb = annotation.kind === 'enable' ? 'turns back on' : 'turns off';
  const lines = [
    `**promptbound-${annotation.kind}** — ${verb} ${annotation.rules.length === 0 ? 'every rule' : 'these rules'} ${DIRECTIVE_SCOPE[annotation.kind]}`,
  ];
  if (annotation.rules.length > 0) lines.push('');
  for (const { id } of annotation.rules) {
    const rule = findRule(id);
    const area = RULE_IDS.filter((r) => ruleMatches(id, r));
    if (rule) lines.push(`- ${ruleLink(id)}: ${rule.meta.description}`);
    else if (area.length > 0) lines.push(`- \`${id}\`: every rule of the area (${area.map((r) => ruleLink(r)).join(', ')})`);
    else lines.push(`- \`${id}\`: no such rule`);
  }
  return { markdown: lines.join('\n'), span: annotation.span };
}
