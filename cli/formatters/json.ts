// Machine-readable report (`--format json`), shaped like ESLint's so existing tooling reads it.
//
// An array with one object per linted file (plus files other diagnostics point into, e.g. a config file):
//   {
//     filePath: string,                 absolute path
//     messages: [{
//       ruleId: string | null,          null for a file that could not be linted (then fatal: true)
//       severity: "error" | "warning" | "info",
//       message: string,
//       line, column, endLine, endColumn: number,   1-based; columns count UTF-16 code units
//       fatal?: true,
//       fix?: { title, safe, edits: [{ offset, length, newText, line, column, endLine, endColumn }] },
//       suggestions?: [ same shape as fix ]          further fixes offered (editor quick fixes)
//       targets?: string[]              the target models a finding is about (prompts with several `targets`)
//     }],
//     errorCount, warningCount, infoCount, fixableCount: number,
//     stats?: StatsSummary              with --stats (see cli/report.ts); `stats.targets` holds one per target
//   }
// `fix` is the safe fix `--fix` would apply, else the first fix offered; offsets index the file's text without a BOM.
import type { FileReport, Report, ReportFix, ReportMessage } from '../report';

interface JsonMessage {
  ruleId: string | null;
  severity: ReportMessage['severity'];
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fatal?: true;
  fix?: ReportFix;
  suggestions?: ReportFix[];
  targets?: string[];
}

export function formatJson(report: Report): string {
  return `${JSON.stringify(report.files.map((file) => jsonFile(file, report.showStats)))}\n`;
}

function jsonFile(file: FileReport, showStats: boolean) {
  return {
    filePath: file.path,
    messages: file.messages.map(jsonMessage),
    errorCount: file.errorCount,
    warningCount: file.warningCount,
    infoCount: file.infoCount,
    fixableCount: file.messages.filter((m) => m.fixes.some((f) => f.safe)).length,
    ...(showStats && file.stats ? { stats: file.stats } : {}),
  };
}

function jsonMessage(message: ReportMessage): JsonMessage {
  const out: JsonMessage = {
    ruleId: message.ruleId,
    severity: message.severity,
    message: message.message,
    line: message.line,
    column: message.column,
    endLine: message.endLine,
    endColumn: message.endColumn,
  };
  if (message.fatal) out.fatal = true;
  const fix = message.fixes.find((f) => f.safe) ?? message.fixes[0];
  if (fix) out.fix = fix;
  const rest = message.fixes.filter((f) => f !== fix);
  if (rest.length > 0) out.suggestions = rest;
  if (message.targets) out.targets = message.targets;
  return out;
}
