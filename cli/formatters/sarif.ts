// SARIF 2.1.0 output for code-scanning services: every rule described, repository-relative locations, UTF-16 columns.
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../core/diagnostic';
import type { RuleMeta } from '../../core/rules/types';
import { RULES, ruleDocsUrl } from '../../core/rules/registry';
import { INTERNAL_ERROR_RULE } from '../../core/engine';
import { relativeUri, rootRelative } from '../paths';
import type { FileReport, Report, ReportFix, ReportMessage } from '../report';
import { TOOL_INFORMATION_URI, TOOL_NAME, TOOL_VERSION } from '../meta';

export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** Locations are relative to this base so results match files wherever the repository is checked out. */
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';
const LEVEL: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

export function formatSarif(report: Report, rules: readonly RuleMeta[] = RULES.map((r) => r.meta)): string {
  const descriptors = ruleDescriptors(report, rules);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results = report.files.flatMap((file) =>
    file.messages.filter((m) => !m.fatal && m.ruleId).map((m) => result(file, m, report.root, index)),
  );
  const notifications = report.files.flatMap((file) =>
    file.messages.filter((m) => m.fatal).map((m) => notification(file, m, report.root)),
  );
  const log = {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            semanticVersion: TOOL_VERSION,
            informationUri: TOOL_INFORMATION_URI,
            rules: descriptors,
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(report.root) } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** Every registered rule (stable ids and order), plus any id a result carries that the registry does not (internal errors). */
function ruleDescriptors(report: Report, rules: readonly RuleMeta[]) {
  const metas = [...rules];
  const known = new Set(metas.map((m) => m.id));
  for (const file of report.files) {
    for (const message of file.messages) {
      if (!message.ruleId || known.has(message.ruleId)) continue;
      known.add(message.ruleId);
      metas.push(extraRule(message.ruleId));
    }
  }
  return metas.map((meta) => ({
    id: meta.id,
    name: meta.id,
    shortDescription: { text: meta.description },
    helpUri: ruleDocsUrl(meta.id),
    defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
    properties: { fixable: meta.fixable },
  }));
}

function extraRule(id: string): RuleMeta {
  const description = id === INTERNAL_ERROR_RULE ? 'A rule failed while checking this file.' : `Rule ${id}.`;
  return { id, description, defaultSeverity: 'error', fixable: false };
}

function result(file: FileReport, message: ReportMessage, root: string, index: Map<string, number>) {
  const location = artifactLocation(file.path, root);
  const fixes = message.fixes.map((fix) => sarifFix(fix, location));
  return {
    ruleId: message.ruleId!,
    ruleIndex: index.get(message.ruleId!)!,
    level: LEVEL[message.severity],
    message: { text: message.message },
    locations: [{ physicalLocation: { artifactLocation: location, region: region(message) } }],
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

function notification(file: FileReport, message: ReportMessage, root: string) {
  return {
    level: LEVEL[message.severity],
    message: { text: message.message },
    locations: [{ physicalLocation: { artifactLocation: artifactLocation(file.path, root) } }],
  };
}

function region(range: { line: number; column: number; endLine: number; endColumn: number }) {
  return { startLine: range.line, startColumn: range.column, endLine: range.endLine, endColumn: range.endColumn };
}

function sarifFix(fix: ReportFix, location: ArtifactLocation) {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: location,
        replacements: fix.edits.map((edit) => ({ deletedRegion: region(edit), insertedContent: { text: edit.newText } })),
      },
    ],
  };
}

/** Repository-relative under %SRCROOT%; a file outside the repository keeps an absolute file URI. */
function artifactLocation(file: string, root: string): ArtifactLocation {
  const relative = rootRelative(root, file);
  return relative !== undefined ? { uri: relativeUri(relative), uriBaseId: SRCROOT } : { uri: pathToFileURL(file).href };
}

/** SARIF requires base URIs to end with a slash. */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}
