// GitHub Actions workflow commands (`::error file=…::message`), which show as annotations on the pull request.
import type { Severity } from '../../core/diagnostic';
import { plural } from '../../core/plain-data';
import { displayPath, rootRelative } from '../paths';
import type { Report, ReportMessage } from '../report';

/** GitHub shows at most 10 annotations of each severity per step (docs/design/pitfalls.md P22); the rest would vanish silently. */
export const ANNOTATIONS_PER_SEVERITY = 10;

type Command = 'error' | 'warning' | 'notice';

const COMMAND: Record<Severity, Command> = { error: 'error', warning: 'warning', info: 'notice' };

interface Annotation {
  command: Command;
  file: string;
  message: ReportMessage;
}

export function formatGithub(report: Report): string {
  const annotations: Annotation[] = report.files.flatMap((file) =>
    file.messages.map((message) => ({
      command: COMMAND[message.severity],
      // The runner resolves paths against the checkout (the repository root), not the step's working directory.
      file: rootRelative(report.root, file.path) ?? displayPath(report.cwd, file.path),
      message,
    })),
  );
  const shown: string[] = [];
  const hidden: Record<Command, number> = { error: 0, warning: 0, notice: 0 };
  const anythingCut = (['error', 'warning', 'notice'] as const).some(
    (c) => annotations.filter((a) => a.command === c).length > ANNOTATIONS_PER_SEVERITY,
  );
  // The pointer is itself a notice, so it takes the last notice slot when anything is cut.
  const limits: Record<Command, number> = {
    error: ANNOTATIONS_PER_SEVERITY,
    warning: ANNOTATIONS_PER_SEVERITY,
    notice: anythingCut ? ANNOTATIONS_PER_SEVERITY - 1 : ANNOTATIONS_PER_SEVERITY,
  };
  const used: Record<Command, number> = { error: 0, warning: 0, notice: 0 };
  for (const annotation of annotations) {
    if (used[annotation.command] < limits[annotation.command]) {
      used[annotation.command]++;
      shown.push(workflowCommand(annotation));
    } else {
      hidden[annotation.command]++;
    }
  }
  const pointer = hiddenPointer(hidden);
  if (pointer) shown.push(`::notice title=promptbound::${escapeData(pointer)}`);
  return shown.length === 0 ? '' : `${shown.join('\n')}\n`;
}

function workflowCommand({ command, file, message }: Annotation): string {
  const properties = [
    `file=${escapeProperty(file)}`,
    `line=${message.line}`,
    `col=${message.column}`,
    `endLine=${message.endLine}`,
    `endColumn=${message.endColumn}`,
  ];
  if (message.ruleId) properties.push(`title=${escapeProperty(message.ruleId)}`);
  return `::${command} ${properties.join(',')}::${escapeData(message.message)}`;
}

function hiddenPointer(hidden: Record<Command, number>): string | undefined {
  const parts = [
    hidden.error > 0 ? plural(hidden.error, 'more error', 'more errors') : '',
    hidden.warning > 0 ? plural(hidden.warning, 'more warning', 'more warnings') : '',
    hidden.notice > 0 ? plural(hidden.notice, 'more info', 'more infos') : '',
  ].filter(Boolean);
  if (parts.length === 0) return undefined;
  return (
    `${parts.join(', ')} not shown: GitHub displays at most ${ANNOTATIONS_PER_SEVERITY} annotations per severity per step. ` +
    'Run promptbound with --format sarif (code scanning) or --format json for the full list.'
  );
}

/** Message text: `%`, CR and LF are encoded so one annotation stays one command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Property values additionally encode `:` and `,`, which delimit properties. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
