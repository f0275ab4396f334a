// The status bar's text and tooltip from a prompt's stats: pure string formatting, no vscode import, so it is unit-tested.
import type { BudgetState, CountTextResult, DocumentStatsPayload, TargetStat } from '../server/protocol';

/** `1,234` or `≈1,234`: an approximate count is never shown as if it were exact (as the CLI prints it). */
export function formatCount(tokens: number, approximate = false): string {
  return `${approximate ? '≈' : ''}${groupDigits(tokens)}`;
}

/** `1234567` → `1,234,567`, whatever the host's locale (the CLI prints en-US grouping too). */
/** `1 check`, `12,345 completions`. */
export function plural(count: number, word: string): string {
  return `${groupDigits(count)} ${word}${count === 1 ? '' : 's'}`;
}

export function groupDigits(n: number): string {
  const sign = n < 0 ? '-' : '';
  const digits = String(Math.round(Math.abs(n)));
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A context window in a few characters: `128k`, `1M`, `8.19k`, `1.05M`, `512` (three significant digits at most). */
export function formatWindow(tokens: number): string {
  if (tokens < 1000) return String(tokens);
  const [value, unit] = tokens < 999_500 ? [tokens / 1000, 'k'] : [tokens / 1_000_000, 'M'];
  return `${trimZeros(value.toPrecision(3))}${unit}`;
}

function trimZeros(fixed: string): string {
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

/**
 * `1,234 / 128k tokens · gpt-4o`, `≈1,234 / 200k tokens · claude-sonnet-4`, `1,234 tokens · my-model` (no known window);
 * with a selection: `sel 42 · 1,234 / 128k tokens · gpt-4o`. The count is what counts against the window — prompt,
 * chat overhead and expected variable fill (`promptbound check --stats` input) — so the colour and the number agree;
 * the tooltip breaks it down.
 */
export function statusText(stats: DocumentStatsPayload, selection?: CountTextResult): string {
  // Several targets: the tightest one's figures, and how many others there are (the tooltip lists them).
  const shown = tightestTarget(stats) ?? stats;
  const window = shown.context !== undefined ? ` / ${formatWindow(shown.context)}` : '';
  const others = stats.targets && stats.targets.length > 1 ? ` +${stats.targets.length - 1}` : '';
  const main = `${formatCount(shown.inputTokens, shown.approximate)}${window} tokens · ${shown.model}${others}`;
  return selection ? `sel ${formatCount(selection.tokens, selection.approximate)} · ${main}` : main;
}

const SEVERITY: Record<BudgetState, number> = { ok: 0, warning: 1, error: 2 };

/**
 * The target with the least room: the worst budget state first, then the largest share of its input budget used
 * (a target without a known window comes last). Undefined for a prompt with one model.
 */
export function tightestTarget(stats: DocumentStatsPayload): TargetStat | undefined {
  if (!stats.targets || stats.targets.length === 0) return undefined;
  const use = (t: TargetStat) => (t.inputBudget !== undefined && t.inputBudget > 0 ? t.inputTokens / t.inputBudget : -1);
  return stats.targets.reduce((best, t) =>
    SEVERITY[t.state] > SEVERITY[best.state] || (SEVERITY[t.state] === SEVERITY[best.state] && use(t) > use(best)) ? t : best,
  );
}

/** The state that colours the status bar: the tightest target's with several targets. */
export function displayState(stats: DocumentStatsPayload): BudgetState {
  return tightestTarget(stats)?.state ?? stats.state;
}

const SOURCE: Record<DocumentStatsPayload['modelSource'], string> = {
  override: 'picked in the editor',
  document: "the prompt's own model",
  config: 'from config / settings',
};

/** One row of the tooltip's breakdown table. */
interface Row {
  label: string;
  tokens: number | undefined;
  approximate?: boolean;
}

/** The tooltip, as Markdown: model line, the breakdown table, the budget verdict and the click hint. */
export function tooltipMarkdown(stats: DocumentStatsPayload, selection?: CountTextResult): string {
  const approx = stats.approximate;
  const tokenizer = `${stats.encoding}${approx ? ', approximate' : ''}`;
  const model = `${escapeMarkdown(stats.model)}${stats.modelKnown ? '' : ' (unknown model)'}`;
  const rows: Row[] = [
    { label: 'Prompt', tokens: stats.promptTokens, approximate: approx },
    { label: 'Chat overhead', tokens: stats.overhead, approximate: approx },
    ...variableRows(stats),
    { label: '**Input**', tokens: stats.inputTokens, approximate: approx },
    { label: 'Output reserve', tokens: stats.outputReserve },
    {
      label: remainingLabel(stats),
      tokens: stats.remaining === undefined ? undefined : Math.abs(stats.remaining),
      approximate: approx,
    },
    { label: 'Context window', tokens: stats.context },
  ];
  const table = [
    '| | tokens |',
    '|:--|--:|',
    ...rows.filter((r) => r.tokens !== undefined).map((r) => `| ${r.label} | ${formatCount(r.tokens!, r.approximate)} |`),
  ];
  const lines = [`**promptbound** · ${model} (${tokenizer}) — ${SOURCE[stats.modelSource]}`, '', ...table, '', verdict(stats)];
  if (stats.targets && stats.targets.length > 0) lines.push('', ...targetTable(stats));
  if (selection) lines.push('', `Selection: ${formatCount(selection.tokens, selection.approximate)} tokens`);
  lines.push('', 'Click to pick a model for this prompt.');
  return lines.join('\n');
}

/** Every target's input against its window; the tightest is marked, the table above is the first target's. */
function targetTable(stats: DocumentStatsPayload): string[] {
  const tightest = tightestTarget(stats);
  const mark: Record<BudgetState, string> = { ok: '', warning: '$(warning) ', error: '$(error) ' };
  const rows = (stats.targets ?? []).map((t) => {
    const use = t.inputBudget !== undefined && t.inputBudget > 0 ? `${Math.round((t.inputTokens / t.inputBudget) * 100)}%` : '–';
    const name = `${mark[t.state]}${escapeMarkdown(t.model)}${t.modelKnown ? '' : ' (unknown)'}${t === tightest ? ' (tightest)' : ''}`;
    return `| ${name} | ${formatCount(t.inputTokens, t.approximate)} | ${t.context !== undefined ? formatWindow(t.context) : '–'} | ${use} |`;
  });
  return [
    `**Targets** (the table above is ${escapeMarkdown(stats.model)}'s)`,
    '',
    '| target | input | window | budget used |',
    '|:--|--:|--:|--:|',
    ...rows,
  ];
}

/** Variables as one row, with each variable listed when there are a few. */
function variableRows(stats: DocumentStatsPayload): Row[] {
  if (stats.variables.length === 0) return [];
  const names =
    stats.variables.length <= 4
      ? `: ${stats.variables.map((v) => `\`${v.name}\` ${groupDigits(v.tokens)}`).join(', ')}`
      : ` (${stats.variables.length})`;
  return [{ label: `Variables${names}`, tokens: stats.variablesTotal }];
}

function remainingLabel(stats: DocumentStatsPayload): string {
  return stats.remaining !== undefined && stats.remaining < 0 ? '**Over the window by**' : 'Remaining of window';
}

function verdict(stats: DocumentStatsPayload): string {
  if (stats.inputBudget === undefined || stats.inputBudget <= 0)
    return stats.modelKnown ? 'No context window to budget against.' : 'Unknown model: no context window to budget against.';
  const percent = Math.round((stats.inputTokens / stats.inputBudget) * 100);
  const use = `Input uses ${percent}% of the ${groupDigits(stats.inputBudget)}-token input budget (window minus output reserve)`;
  if (stats.state === 'error') return `$(error) ${use}.`;
  if (stats.state === 'warning') return `$(warning) ${use}; warnAt is ${Math.round(stats.warnAt * 100)}%.`;
  return `${use}.`;
}

/** Model ids are user text: keep `*`, `_`, `|` and friends from turning into Markdown. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
