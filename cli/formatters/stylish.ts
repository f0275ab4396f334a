// Human output in the shape ESLint users know: the file underlined, aligned `line:col  severity  message  rule-id` rows, a summary.
import type { Severity } from '../../core/diagnostic';
import { displayWidth, padEnd, padStart, palette, type Palette } from '../color';
import { displayPath } from '../paths';
import { formatCompact, formatPercent, formatTokens, totalsOf, type FileReport, type Report, type Totals } from '../report';
import { plural } from '../../core/plain-data';

export { plural };

export interface StylishOptions {
  color: boolean;
}

export function formatStylish(report: Report, options: StylishOptions): string {
  const colors = palette(options.color);
  const blocks: string[] = [];
  for (const file of report.files) {
    if (file.messages.length > 0) blocks.push(fileBlock(file, report.cwd, colors));
  }
  if (report.showStats) blocks.push(statsTable(report, colors));
  const totals = totalsOf(report.files);
  if (totals.errors + totals.warnings + totals.infos > 0) blocks.push(summary(totals, colors));
  return blocks.length === 0 ? '' : `\n${blocks.join('\n\n')}\n`;
}

function fileBlock(file: FileReport, cwd: string, colors: Palette): string {
  const rows = file.messages.map((m) => ({
    position: `${m.line}:${m.column}`,
    severity: m.severity,
    // A message is one row; line breaks would break the alignment of every row below.
    message: m.message.replace(/\s*[\r\n]+\s*/g, ' '),
    rule: m.ruleId ?? '',
  }));
  const width = {
    position: Math.max(...rows.map((r) => r.position.length)),
    severity: Math.max(...rows.map((r) => r.severity.length)),
    message: Math.max(...rows.map((r) => displayWidth(r.message))),
  };
  const lines = rows.map((row) => {
    const cells = [
      colors.dim(padEnd(row.position, width.position)),
      severityColor(row.severity, colors)(padEnd(row.severity, width.severity)),
      row.rule ? padEnd(row.message, width.message) : row.message,
    ];
    if (row.rule) cells.push(colors.dim(row.rule));
    return `  ${cells.join('  ')}`.trimEnd();
  });
  return [colors.underline(displayPath(cwd, file.path)), ...lines].join('\n');
}

function severityColor(severity: Severity, colors: Palette): (text: string) => string {
  return severity === 'error' ? colors.red : severity === 'warning' ? colors.yellow : colors.blue;
}

function summary(totals: Totals, colors: Palette): string {
  const problems = totals.errors + totals.warnings + totals.infos;
  const color = totals.errors > 0 ? colors.red : totals.warnings > 0 ? colors.yellow : colors.blue;
  const text =
    `✖ ${plural(problems, 'problem')} ` +
    `(${plural(totals.errors, 'error')}, ${plural(totals.warnings, 'warning')}, ${plural(totals.infos, 'info')})`;
  const lines = [color(colors.bold(text))];
  if (totals.fixable > 0) {
    lines.push(color(colors.bold(`  ${plural(totals.fixable, 'problem')} potentially fixable with the \`--fix\` option.`)));
  }
  return lines.join('\n');
}

/**
 * `--stats`: one row per file, or per target for a prompt with several `targets` (the file named on its first row);
 * `≈` marks estimated counts, budget is input ÷ (context − output reserve).
 */
function statsTable(report: Report, colors: Palette): string {
  const header = ['file', 'tokens', 'model', 'budget', 'output', 'context'];
  const rows = report.files
    .filter((file) => file.stats)
    .flatMap((file) =>
      (file.stats!.targets ?? [file.stats!]).map((stats, i) => [
        i === 0 ? displayPath(report.cwd, file.path) : '',
        formatTokens(stats.tokens, stats.approximate),
        stats.model,
        formatPercent(stats.budgetUse),
        formatCompact(stats.output),
        formatCompact(stats.context),
      ]),
    );
  if (rows.length === 0) return colors.dim('no token statistics (no file could be counted)');
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  // File and model columns read left to right; numbers line up on the right.
  const align = (cells: string[]): string =>
    cells
      .map((cell, i) => (i === 0 || i === 2 ? padEnd(cell, widths[i]) : padStart(cell, widths[i])))
      .join('  ')
      .trimEnd();
  return [colors.dim(align(header)), ...rows.map(align)].join('\n');
}
