// The token-breakdown chart as an SVG picture inside a webview page: pure (no vscode import), so it is unit-tested.
import type { DocumentStatsPayload, SectionStat } from '../server/protocol';
import { formatCount, formatWindow, groupDigits } from './format';

export const CHART_WIDTH = 640;
/** Left column for section titles; bars run from BAR_X to BAR_END, their counts after it. */
export const BAR_X = 190;
export const BAR_END = CHART_WIDTH - 110;
const BAR_SPAN = BAR_END - BAR_X;
const WINDOW_BAR_Y = 48;
const WINDOW_BAR_HEIGHT = 30;
const ROW_HEIGHT = 26;
const SECTION_BAR_HEIGHT = 16;
const TITLE_CHARS = 25;

/** One slice of the window bar. */
export interface WindowSegment {
  key: 'prompt' | 'variables' | 'output' | 'remaining';
  label: string;
  tokens: number;
  x: number;
  width: number;
}

export interface WindowBar {
  /** Tokens the bar's full width stands for: the window, or more when the prompt overflows it. */
  scale: number;
  segments: WindowSegment[];
  /** Where the window ends, when it is known. */
  windowX?: number;
  /** Tokens past the window (input + output reserve − window), when over. */
  overflow: number;
}

/** Prompt, variables, output reserve and what is left, laid end to end against the context window. */
export function windowBar(stats: DocumentStatsPayload): WindowBar {
  const output = stats.outputReserve ?? 0;
  const used = stats.promptTokens + stats.overhead + stats.variablesTotal + output;
  const context = stats.context;
  const remaining = context === undefined ? 0 : Math.max(0, context - used);
  const scale = Math.max(context ?? 0, used, 1);
  const parts: Array<Omit<WindowSegment, 'x' | 'width'>> = [
    { key: 'prompt', label: 'Prompt + chat overhead', tokens: stats.promptTokens + stats.overhead },
    { key: 'variables', label: 'Variables', tokens: stats.variablesTotal },
    { key: 'output', label: 'Output reserve', tokens: output },
    { key: 'remaining', label: 'Remaining', tokens: remaining },
  ];
  let x = BAR_X;
  const segments = parts.map((part) => {
    const width = (part.tokens / scale) * BAR_SPAN;
    const segment = { ...part, x, width };
    x += width;
    return segment;
  });
  return {
    scale,
    segments,
    windowX: context === undefined ? undefined : BAR_X + (context / scale) * BAR_SPAN,
    overflow: context === undefined ? 0 : Math.max(0, used - context),
  };
}

export interface SectionBar {
  section: SectionStat;
  y: number;
  width: number;
  /** x of the budget marker, when the section has an annotated budget. */
  budgetX?: number;
  over: boolean;
}

/** One bar per section on a common scale that fits the largest count or budget. */
export function sectionBars(sections: readonly SectionStat[], top: number): { scale: number; bars: SectionBar[] } {
  const scale = Math.max(1, ...sections.map((s) => Math.max(s.tokens, s.budget ?? 0)));
  const bars = sections.map((section, i) => ({
    section,
    y: top + i * ROW_HEIGHT,
    width: (section.tokens / scale) * BAR_SPAN,
    budgetX: section.budget === undefined ? undefined : BAR_X + (section.budget / scale) * BAR_SPAN,
    over: section.budget !== undefined && section.tokens > section.budget,
  }));
  return { scale, bars };
}

/** The chart: the window bar with its legend, then the sections against their budgets. */
export function breakdownSvg(stats: DocumentStatsPayload): string {
  const bar = windowBar(stats);
  const approx = stats.approximate;
  const parts: string[] = [];
  const windowText = stats.context === undefined ? 'no known context window' : `${formatWindow(stats.context)} context window`;
  parts.push(text(8, 22, `${stats.model} · ${windowText}${approx ? ' · approximate counts' : ''}`, 'heading'));

  parts.push(`<g class="window-bar" data-scale="${bar.scale}">`);
  parts.push(rect(BAR_X, WINDOW_BAR_Y, BAR_SPAN, WINDOW_BAR_HEIGHT, 'track'));
  for (const segment of bar.segments) {
    if (segment.width <= 0) continue;
    const tip = `${segment.label}: ${formatCount(segment.tokens, approx && segment.key !== 'output')} tokens`;
    parts.push(
      `<rect class="segment ${segment.key}" data-tokens="${segment.tokens}" x="${n(segment.x)}" y="${WINDOW_BAR_Y}" width="${n(segment.width)}" height="${WINDOW_BAR_HEIGHT}"><title>${escapeXml(tip)}</title></rect>`,
    );
  }
  if (bar.windowX !== undefined && bar.overflow > 0) {
    parts.push(
      `<rect class="overflow" data-tokens="${bar.overflow}" x="${n(bar.windowX)}" y="${WINDOW_BAR_Y}" width="${n(BAR_END - bar.windowX)}" height="${WINDOW_BAR_HEIGHT}"><title>${escapeXml(`Over the window by ${groupDigits(bar.overflow)} tokens`)}</title></rect>`,
    );
  }
  if (bar.windowX !== undefined) {
    parts.push(
      `<line class="window-end" x1="${n(bar.windowX)}" x2="${n(bar.windowX)}" y1="${WINDOW_BAR_Y - 6}" y2="${WINDOW_BAR_Y + WINDOW_BAR_HEIGHT + 6}"/>`,
    );
  }
  parts.push(text(8, WINDOW_BAR_Y + 20, 'Context window', 'label'));
  const used = stats.inputTokens + (stats.outputReserve ?? 0);
  parts.push(
    text(
      BAR_END + 8,
      WINDOW_BAR_Y + 20,
      stats.context === undefined ? formatCount(used, approx) : `${formatCount(used, approx)} / ${formatWindow(stats.context)}`,
      bar.overflow > 0 ? 'count over' : 'count',
    ),
  );
  parts.push('</g>');

  // Legend: a swatch and the count for each slice, in bar order.
  let legendX = BAR_X;
  const legendY = WINDOW_BAR_Y + WINDOW_BAR_HEIGHT + 22;
  for (const segment of bar.segments) {
    if (segment.key === 'remaining' && (stats.context === undefined || bar.overflow > 0)) continue;
    const label = `${segment.key === 'prompt' ? 'Prompt' : segment.label} ${formatCount(segment.tokens, approx && segment.key !== 'output')}`;
    parts.push(`<rect class="segment ${segment.key}" x="${legendX}" y="${legendY - 10}" width="10" height="10"/>`);
    parts.push(text(legendX + 14, legendY, label, 'legend'));
    legendX += 14 + label.length * 6.6 + 16;
  }
  if (bar.overflow > 0)
    parts.push(text(BAR_X, legendY + 20, `Over the window by ${groupDigits(bar.overflow)} tokens`, 'legend over'));

  const sectionsTop = legendY + (bar.overflow > 0 ? 64 : 44);
  parts.push(text(8, sectionsTop - 12, 'Sections', 'heading'));
  const { scale, bars } = sectionBars(stats.sections, sectionsTop + 8);
  if (bars.length === 0) parts.push(text(8, sectionsTop + 20, 'No headings or role blocks in this prompt.', 'label'));
  for (const b of bars) parts.push(sectionRow(b, approx));
  const height = (bars.length === 0 ? sectionsTop + 36 : sectionsTop + 8 + bars.length * ROW_HEIGHT) + 12;

  const summary = `Token breakdown of ${stats.model}: ${formatCount(stats.inputTokens, approx)} input tokens, ${stats.sections.length} sections`;
  return [
    `<svg id="token-breakdown" xmlns="http://www.w3.org/2000/svg" role="img" width="100%" viewBox="0 0 ${CHART_WIDTH} ${height}" preserveAspectRatio="xMinYMin meet" data-section-scale="${scale}" aria-label="${escapeXml(summary)}">`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function sectionRow(bar: SectionBar, approx: boolean): string {
  const { section } = bar;
  const indent = Math.min(Math.max(section.level - 1, 0), 4) * 10;
  const title = section.kind === 'role' ? `${section.title} (role)` : section.title;
  const budget = section.budget === undefined ? '' : ` / ${groupDigits(section.budget)}`;
  const tip =
    section.budget === undefined
      ? `${section.title}: ${formatCount(section.tokens, approx)} tokens`
      : `${section.title}: ${formatCount(section.tokens, approx)} tokens, budget ${groupDigits(section.budget)}${bar.over ? ` (over by ${groupDigits(section.tokens - section.budget)})` : ''}`;
  const rows = [
    `<g class="section${bar.over ? ' over' : ''}" data-title="${escapeXml(section.title)}" data-tokens="${section.tokens}"${section.budget === undefined ? '' : ` data-budget="${section.budget}"`}>`,
    `<title>${escapeXml(tip)}</title>`,
    text(8 + indent, bar.y + 12, truncate(title, TITLE_CHARS - indent / 10), 'label'),
    rect(BAR_X, bar.y, BAR_SPAN, SECTION_BAR_HEIGHT, 'track'),
    rect(BAR_X, bar.y, Math.max(bar.width, section.tokens > 0 ? 1 : 0), SECTION_BAR_HEIGHT, bar.over ? 'bar over' : 'bar'),
  ];
  if (bar.budgetX !== undefined) {
    rows.push(
      `<line class="budget" x1="${n(bar.budgetX)}" x2="${n(bar.budgetX)}" y1="${bar.y - 4}" y2="${bar.y + SECTION_BAR_HEIGHT + 4}"/>`,
    );
  }
  rows.push(text(BAR_END + 8, bar.y + 12, `${formatCount(section.tokens, approx)}${budget}`, bar.over ? 'count over' : 'count'));
  rows.push('</g>');
  return rows.join('');
}

export interface PageOptions {
  /** The webview's `cspSource` (styles and images may come from the extension only). */
  cspSource: string;
  /** A fresh random value per render: the one inline `<style>` carries it. No scripts run in the page. */
  nonce: string;
  /** The file name, for the page heading. */
  title: string;
}

/** The whole webview page: a strict CSP (no scripts at all), theme colours, the chart. */
export function breakdownHtml(stats: DocumentStatsPayload, options: PageOptions): string {
  const csp = `default-src 'none'; img-src ${options.cspSource} data:; style-src ${options.cspSource} 'nonce-${options.nonce}';`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp.replace(/"/g, '&quot;')}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeXml(`Token breakdown: ${options.title}`)}</title>
<style nonce="${escapeXml(options.nonce)}">${STYLE}</style>
</head>
<body>
<h1>${escapeXml(options.title)}</h1>
${breakdownSvg(stats)}
</body>
</html>
`;
}

const STYLE = `
body { color: var(--vscode-foreground); font-family: var(--vscode-font-family); padding: 8px 16px; }
h1 { font-size: 1.2em; font-weight: 600; margin: 4px 0 8px; }
svg#token-breakdown { display: block; max-width: ${CHART_WIDTH * 1.5}px; height: auto; }
svg text { fill: var(--vscode-foreground); font-size: 12px; font-family: var(--vscode-font-family); }
svg text.heading { font-weight: 600; font-size: 13px; }
svg text.count, svg text.legend { font-variant-numeric: tabular-nums; }
svg text.over { fill: var(--vscode-charts-red, #f14c4c); font-weight: 600; }
.track { fill: var(--vscode-editorWidget-background, rgba(128,128,128,0.12)); stroke: var(--vscode-charts-lines, rgba(128,128,128,0.45)); stroke-width: 1; }
.segment.prompt { fill: var(--vscode-charts-blue, #3794ff); }
.segment.variables { fill: var(--vscode-charts-purple, #b180d7); }
.segment.output { fill: var(--vscode-charts-yellow, #cca700); }
.segment.remaining { fill: var(--vscode-charts-green, #89d185); opacity: 0.45; }
.overflow { fill: var(--vscode-charts-red, #f14c4c); opacity: 0.35; }
.window-end { stroke: var(--vscode-foreground); stroke-width: 2; }
.bar { fill: var(--vscode-charts-blue, #3794ff); }
.bar.over { fill: var(--vscode-charts-red, #f14c4c); }
.budget { stroke: var(--vscode-foreground); stroke-width: 2; stroke-dasharray: 3 2; }
`;

function rect(x: number, y: number, width: number, height: number, cls: string): string {
  return `<rect class="${cls}" x="${n(x)}" y="${y}" width="${n(width)}" height="${height}"/>`;
}

function text(x: number, y: number, content: string, cls: string): string {
  return `<text class="${cls}" x="${n(x)}" y="${y}">${escapeXml(content)}</text>`;
}

/** Coordinates to two decimals: stable strings for tests, no `1e-7` in attributes. */
function n(value: number): string {
  return String(Math.round(value * 100) / 100);
}

function truncate(title: string, chars: number): string {
  const glyphs = [...title];
  return glyphs.length <= chars ? title : `${glyphs.slice(0, chars - 1).join('')}…`;
}

/** Headings and model ids are user text: escaped for XML text and attribute values. */
export function escapeXml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}
