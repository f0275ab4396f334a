// SARIF 2.1.0 output for code-scanning services: every rule described (name, full description, help in Markdown from its
// docs page, a help link pinned to this version), repository-relative locations, UTF-16 columns, and fingerprints that
// survive lines moving, so code scanning tracks an alert across commits (docs/sarif.md).
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../core/diagnostic';
import type { RuleMeta } from '../../core/rules/types';
import { RULES, ruleDocsPath } from '../../core/rules/registry';
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

/** Reads a rule's docs page (repository-relative path) as Markdown; undefined when there is none. */
export type DocsReader = (docsPath: string) => string | undefined;

/** The key of our fingerprint in `partialFingerprints`; the `/v1` changes if the way it is computed ever changes. */
export const FINGERPRINT_KEY = 'promptbound/v1';

export function formatSarif(
  report: Report,
  rules: readonly RuleMeta[] = RULES.map((r) => r.meta),
  readDocs: DocsReader = readShippedDocs,
  readSource: (file: string) => string | undefined = readSourceFile,
): string {
  const descriptors = ruleDescriptors(report, rules, readDocs);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));
  const results = report.files.flatMap((file) => {
    const lines = readSource(file.path)?.split(/\r\n|\r|\n/);
    const fingerprints = fingerprinter(file, report.root, lines);
    return file.messages
      .filter((m) => !m.fatal && m.ruleId)
      .map((m) => result(file, m, report.root, index, fingerprints(m), lines));
  });
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
function ruleDescriptors(report: Report, rules: readonly RuleMeta[], readDocs: DocsReader) {
  const metas = [...rules];
  const known = new Set(metas.map((m) => m.id));
  for (const file of report.files) {
    for (const message of file.messages) {
      if (!message.ruleId || known.has(message.ruleId)) continue;
      known.add(message.ruleId);
      metas.push(extraRule(message.ruleId));
    }
  }
  return metas.map((meta) => {
    const page = readDocs(ruleDocsPath(meta.id));
    const helpUri = pinnedDocsUrl(meta.id);
    const full = (page && whenItTriggers(page)) || meta.description;
    return {
      id: meta.id,
      name: ruleName(meta.id),
      shortDescription: { text: meta.description },
      fullDescription: { text: full },
      help: {
        text: `${full}\n\n${helpUri}`,
        markdown: page ? helpMarkdown(page, helpUri) : `${meta.description}\n\n[Rule documentation](${helpUri})`,
      },
      helpUri,
      defaultConfiguration: { level: LEVEL[meta.defaultSeverity] },
      properties: { fixable: meta.fixable },
    };
  });
}

/** SARIF wants `name` to be a readable identifier distinct from the opaque `id`: `budget/near-limit` → `BudgetNearLimit`. */
export function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/** The docs page of this very version (a tag), so a code-scanning alert's link keeps describing the rule that raised it. */
export function pinnedDocsUrl(id: string): string {
  return `${TOOL_INFORMATION_URI}/blob/v${TOOL_VERSION}/${ruleDocsPath(id)}`;
}

/** The page's "When it triggers" section as one paragraph of plain text (the full description). */
export function whenItTriggers(page: string): string | undefined {
  const section = /^## When it triggers[ \t]*\r?\n([\s\S]*?)(?=^## |(?![\s\S]))/m.exec(page);
  if (!section) return undefined;
  const text = section[1]!
    .trim()
    .split(/\r?\n\s*\r?\n/)[0]!
    .replace(/\s*\r?\n\s*/g, ' ')
    .trim();
  return text === '' ? undefined : text;
}

/** The page without its title line (code scanning shows the rule's name above the help), plus a link to the page. */
function helpMarkdown(page: string, helpUri: string): string {
  const body = page.replace(/^\uFEFF?# [^\n]*\n+/, '').trimEnd();
  return `${body}\n\n[Rule documentation](${helpUri})`;
}

/**
 * Rule docs beside the bundle: the npm package and a clone ship docs/ next to dist/ (dist/cli.js → ../docs); from source
 * (cli/formatters/sarif.ts under tsx) the repository's docs/ is two folders up.
 */
function readShippedDocs(docsPath: string): string | undefined {
  for (const base of [path.join(__dirname, '..'), path.join(__dirname, '..', '..')]) {
    try {
      return readFileSync(path.join(base, docsPath), 'utf8');
    } catch {
      // not here; try the next base
    }
  }
  return undefined;
}

function readSourceFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/**
 * `partialFingerprints` for the results of one file: a hash of the rule, the repository-relative path and the text of
 * the flagged lines with whitespace collapsed — not the line number, so an alert keeps its identity when lines are added
 * above it — plus `:n` counting identical keys in the file (two equal findings stay two alerts).
 */
function fingerprinter(file: FileReport, root: string, lines: readonly string[] | undefined) {
  const where = rootRelative(root, file.path) ?? file.path;
  const seen = new Map<string, number>();
  return (message: ReportMessage): Record<string, string> => {
    const flagged = lines ? lines.slice(message.line - 1, Math.max(message.line, message.endLine)).join('\n') : message.message;
    const hash = createHash('sha256')
      .update(`${message.ruleId}\0${where}\0${flagged.replace(/\s+/g, ' ').trim()}`)
      .digest('hex')
      .slice(0, 32);
    const count = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, count);
    return { [FINGERPRINT_KEY]: `${hash}:${count}` };
  };
}

function extraRule(id: string): RuleMeta {
  const description = id === INTERNAL_ERROR_RULE ? 'A rule failed while checking this file.' : `Rule ${id}.`;
  return { id, description, defaultSeverity: 'error', fixable: false };
}

function result(
  file: FileReport,
  message: ReportMessage,
  root: string,
  index: Map<string, number>,
  partialFingerprints: Record<string, string>,
  lines: readonly string[] | undefined,
) {
  const location = artifactLocation(file.path, root);
  const fixes = message.fixes.map((fix) => sarifFix(fix, location));
  return {
    ruleId: message.ruleId!,
    ruleIndex: index.get(message.ruleId!)!,
    level: LEVEL[message.severity],
    message: { text: message.message },
    locations: [{ physicalLocation: { artifactLocation: location, ...withSnippets(message, lines) } }],
    partialFingerprints,
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

/** The region with the flagged text as its snippet, and a context region of a line either side (when the file is readable). */
function withSnippets(message: ReportMessage, lines: readonly string[] | undefined) {
  const flagged = region(message);
  if (!lines || message.line > lines.length) return { region: flagged };
  const last = Math.min(Math.max(message.line, message.endLine), lines.length);
  const span = lines.slice(message.line - 1, last);
  // Columns are 1-based UTF-16 code units, and JavaScript strings index UTF-16 code units: slicing is exact.
  const text =
    message.endLine === message.line
      ? span[0]!.slice(message.column - 1, message.endColumn - 1)
      : [
          span[0]!.slice(message.column - 1),
          ...span.slice(1, -1),
          (span[span.length - 1] ?? '').slice(0, message.endColumn - 1),
        ].join('\n');
  const contextStart = Math.max(1, message.line - 1);
  const contextEnd = Math.min(lines.length, last + 1);
  return {
    region: text === '' ? flagged : { ...flagged, snippet: { text } },
    contextRegion: {
      startLine: contextStart,
      endLine: contextEnd,
      snippet: { text: lines.slice(contextStart - 1, contextEnd).join('\n') },
    },
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
