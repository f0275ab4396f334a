// `promptbound merge`: combines the outputs of sharded runs (`--shard i/n`) into the report one unsharded run would write.
//   - `check --format json` shards: the lint report is rebuilt and printed in any format (json, stylish, sarif, github,
//     junit), byte for byte what `check` prints for the whole tree.
//   - `check --format sarif` shards: one run, merged (default), or one run per shard (--sarif-runs runs), each with its own
//     automationDetails id so code scanning keeps them apart.
//   - `validate --format json` shards: results put back in input order and the summary recomputed.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { comparePaths } from '../node/files';
import type { FormatName, MergeArgs } from './args';
import { UsageError } from './args';
import { palette, useColor } from './color';
import { formatReport } from './formatters';
import type { CliIo } from './io';
import { findRepositoryRoot } from './paths';
import {
  compareMessages,
  dedupeMessages,
  fileReport,
  totalsOf,
  type FileReport,
  type ReportFix,
  type ReportMessage,
  type StatsSummary,
} from './report';
import { SummaryTally, stylishBlock, stylishSummary, summaryLine, type ValidateResult } from './validate-result';

type Input =
  | { kind: 'check'; name: string; files: JsonFile[] }
  | { kind: 'sarif'; name: string; log: SarifLog }
  | { kind: 'validate'; name: string; results: ValidateResult[] };

interface JsonFile {
  filePath: string;
  messages: Array<Omit<ReportMessage, 'fixes'> & { fix?: ReportFix; suggestions?: ReportFix[] }>;
  stats?: StatsSummary;
}

interface SarifRun {
  tool: { driver: { rules?: Array<{ id: string }> } & Record<string, unknown> };
  results?: SarifResult[];
  invocations?: Array<{ toolExecutionNotifications?: SarifNotification[] } & Record<string, unknown>>;
  originalUriBaseIds?: Record<string, { uri: string }>;
  automationDetails?: { id?: string };
  [key: string]: unknown;
}
interface SarifLog {
  runs: SarifRun[];
  [key: string]: unknown;
}
interface SarifLocation {
  physicalLocation?: {
    artifactLocation?: { uri: string; uriBaseId?: string };
    region?: { startLine?: number; startColumn?: number; endLine?: number; endColumn?: number };
  };
}
interface SarifResult {
  ruleId?: string;
  ruleIndex?: number;
  level?: string;
  message: { text: string };
  locations?: SarifLocation[];
  [key: string]: unknown;
}
interface SarifNotification {
  level?: string;
  message: { text: string };
  locations?: SarifLocation[];
}

export async function runMerge(args: MergeArgs, io: CliIo): Promise<number> {
  const inputs = await Promise.all(args.inputs.map((name) => readInput(name, io)));
  const kinds = new Set(inputs.map((i) => i.kind));
  if (kinds.size > 1)
    throw new UsageError(`the inputs mix report kinds (${[...kinds].join(', ')}); merge shards of one command and format`);
  const kind = inputs[0]!.kind;
  let text: string;
  let exit: number;
  if (kind === 'validate') ({ text, exit } = mergeValidate(inputs as Extract<Input, { kind: 'validate' }>[], args, io));
  else if (kind === 'sarif') ({ text, exit } = mergeSarif(inputs as Extract<Input, { kind: 'sarif' }>[], args, io));
  else ({ text, exit } = mergeCheck(inputs as Extract<Input, { kind: 'check' }>[], args, io));
  if (args.output === undefined) io.stdout.write(text);
  else {
    try {
      await fs.writeFile(path.resolve(io.cwd, args.output), text, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot write the report to ${args.output} (${(error as { code?: string }).code ?? String(error)})`);
    }
  }
  return exit;
}

async function readInput(name: string, io: CliIo): Promise<Input> {
  let text: string;
  try {
    text = await fs.readFile(path.resolve(io.cwd, name), 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `cannot read ${name}: ${code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code)}`,
    );
  }
  const trimmed = text.trim();
  const unusable = (why: string) => new UsageError(`${name} is not the output of a sharded run (${why})`);
  if (trimmed.startsWith('[')) {
    const files = parseJson(trimmed, name);
    if (!Array.isArray(files) || !files.every((f) => typeof f?.filePath === 'string' && Array.isArray(f?.messages))) {
      throw unusable("expected 'check --format json' output");
    }
    return { kind: 'check', name, files: files as JsonFile[] };
  }
  const lines = trimmed === '' ? [] : trimmed.split('\n');
  if (lines.length === 1 || (lines.length > 0 && !lines[0]!.trim().endsWith('}'))) {
    const whole = parseJson(trimmed, name) as Partial<SarifLog> & { summary?: unknown };
    if (Array.isArray(whole?.runs)) return { kind: 'sarif', name, log: whole as SarifLog };
    if (whole && typeof whole === 'object' && 'summary' in whole) return { kind: 'validate', name, results: [] };
    throw unusable("expected 'check --format json' or 'sarif', or 'validate --format json' output");
  }
  const results: ValidateResult[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const value = parseJson(line, `${name}:${i + 1}`) as Partial<ValidateResult> & { summary?: unknown };
    if ('summary' in value) return;
    if (typeof value.index !== 'number' || typeof value.completion !== 'string')
      throw unusable(`line ${i + 1} is not a validate result`);
    results.push(value as ValidateResult);
  });
  return { kind: 'validate', name, results };
}

function parseJson(text: string, name: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${name} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

// ---- check ----------------------------------------------------------------------------------------------------

function mergeCheck(
  inputs: Array<Extract<Input, { kind: 'check' }>>,
  args: MergeArgs,
  io: CliIo,
): { text: string; exit: number } {
  const byPath = new Map<string, { messages: ReportMessage[]; stats?: StatsSummary }>();
  for (const input of inputs) {
    for (const file of input.files) {
      let entry = byPath.get(file.filePath);
      if (!entry) byPath.set(file.filePath, (entry = { messages: [] }));
      entry.messages.push(...file.messages.map(toReportMessage));
      if (file.stats) entry.stats = file.stats;
    }
  }
  const files: FileReport[] = [...byPath.entries()]
    .sort(([a], [b]) => comparePaths(a, b))
    .map(([file, { messages, stats }]) => fileReport(file, dedupeMessages(messages), stats));
  const showStats = files.some((f) => f.stats !== undefined);
  const report = { files, cwd: io.cwd, root: findRepositoryRoot(io.cwd), showStats };
  const format: FormatName = args.format ?? 'json';
  const text = formatReport(report, format, { color: args.output === undefined && useColor(io.env, io.isTTY) });
  return { text, exit: exitCode(files, args, io) };
}

/** JSON keeps the fix `--fix` applies as `fix` and the rest as `suggestions`; fixes are ordered safe first, so this is their order. */
function toReportMessage(message: JsonFile['messages'][number]): ReportMessage {
  const { fix, suggestions, ...rest } = message;
  const fixes = [...(fix ? [fix] : []), ...(suggestions ?? [])];
  return { ...rest, fixes };
}

function exitCode(files: readonly FileReport[], args: MergeArgs, io: CliIo): number {
  const totals = totalsOf(files);
  if (totals.errors > 0) return 1;
  if (args.maxWarnings !== undefined && totals.warnings > args.maxWarnings) {
    io.stderr.write(`promptbound: too many warnings: ${totals.warnings} (maximum: ${args.maxWarnings})\n`);
    return 1;
  }
  return 0;
}

// ---- SARIF ----------------------------------------------------------------------------------------------------

function mergeSarif(
  inputs: Array<Extract<Input, { kind: 'sarif' }>>,
  args: MergeArgs,
  io: CliIo,
): { text: string; exit: number } {
  if (args.format !== undefined && args.format !== 'sarif') {
    throw new UsageError(`SARIF shards merge into SARIF only; to get ${args.format}, run the shards with --format json`);
  }
  const runs = inputs.flatMap((input) => input.log.runs);
  const template = inputs[0]!.log;
  const log =
    args.sarifRuns === 'runs'
      ? {
          ...template,
          runs: runs.map((run, i) => ({
            ...run,
            automationDetails: { ...run.automationDetails, id: `promptbound/shard-${i + 1}-of-${runs.length}/` },
          })),
        }
      : { ...template, runs: [mergeRuns(runs)] };
  const results = log.runs.flatMap((run) => run.results ?? []);
  const errors = results.filter((r) => r.level === 'error').length;
  const warnings = results.filter((r) => r.level === 'warning').length;
  let exit = errors > 0 ? 1 : 0;
  if (exit === 0 && args.maxWarnings !== undefined && warnings > args.maxWarnings) {
    io.stderr.write(`promptbound: too many warnings: ${warnings} (maximum: ${args.maxWarnings})\n`);
    exit = 1;
  }
  return { text: `${JSON.stringify(log, null, 2)}\n`, exit };
}

/** One run as an unsharded check writes it: its rules, results sorted by file then position, duplicates dropped. */
function mergeRuns(runs: SarifRun[]): SarifRun {
  const first = runs[0]!;
  const root = baseDirectory(first);
  const rules: Array<{ id: string }> = [...(first.tool.driver.rules ?? [])];
  const known = new Set(rules.map((r) => r.id));
  const sortKey = (location: SarifLocation | undefined, level: string | undefined, text: string, ruleId: string | undefined) => ({
    file: absolutePath(location, root),
    message: sortableMessage(location, level, text, ruleId),
  });
  const compare = (a: ReturnType<typeof sortKey>, b: ReturnType<typeof sortKey>) =>
    comparePaths(a.file, b.file) || compareMessages(a.message, b.message);
  const results = uniqueBy(
    runs.flatMap((run) => (run.results ?? []).map((result) => ({ result, run }))),
    ({ result }) => JSON.stringify([result.ruleId, result.level, result.message.text, result.locations]),
  )
    .map(({ result, run }) => ({
      result,
      run,
      key: sortKey(result.locations?.[0], result.level, result.message.text, result.ruleId),
    }))
    .sort((a, b) => compare(a.key, b.key));
  for (const { result, run } of results) {
    if (result.ruleId === undefined || known.has(result.ruleId)) continue;
    known.add(result.ruleId);
    const rule = run.tool.driver.rules?.find((r) => r.id === result.ruleId);
    if (rule) rules.push(rule);
  }
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const notifications = uniqueBy(
    runs.flatMap((run) => run.invocations?.flatMap((i) => i.toolExecutionNotifications ?? []) ?? []),
    (n) => JSON.stringify(n),
  )
    .map((n) => ({ n, key: sortKey(n.locations?.[0], n.level, n.message.text, undefined) }))
    .sort((a, b) => compare(a.key, b.key))
    .map(({ n }) => n);
  return {
    ...first,
    tool: { ...first.tool, driver: { ...first.tool.driver, rules } },
    ...(first.invocations ? { invocations: [{ ...first.invocations[0], toolExecutionNotifications: notifications }] } : {}),
    results: results.map(({ result }) =>
      result.ruleId !== undefined && result.ruleIndex !== undefined ? { ...result, ruleIndex: index.get(result.ruleId) } : result,
    ),
  };
}

function uniqueBy<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function baseDirectory(run: SarifRun): string | undefined {
  const base = Object.values(run.originalUriBaseIds ?? {})[0]?.uri;
  return base?.startsWith('file:') ? fileURLToPath(base) : undefined;
}

function absolutePath(location: SarifLocation | undefined, root: string | undefined): string {
  const artifact = location?.physicalLocation?.artifactLocation;
  if (!artifact) return '';
  if (artifact.uri.startsWith('file:')) return fileURLToPath(artifact.uri);
  const relative = artifact.uri.split('/').map(decodeURIComponent).join('/');
  return root ? path.join(root, relative) : relative;
}

function sortableMessage(
  location: SarifLocation | undefined,
  level: string | undefined,
  text: string,
  ruleId: string | undefined,
): ReportMessage {
  const region = location?.physicalLocation?.region ?? {};
  return {
    ruleId: ruleId ?? null,
    severity: level === 'note' ? 'info' : level === 'warning' ? 'warning' : 'error',
    message: text,
    line: region.startLine ?? 1,
    column: region.startColumn ?? 1,
    endLine: region.endLine ?? 1,
    endColumn: region.endColumn ?? 1,
    fixes: [],
  };
}

// ---- validate -------------------------------------------------------------------------------------------------

function mergeValidate(
  inputs: Array<Extract<Input, { kind: 'validate' }>>,
  args: MergeArgs,
  io: CliIo,
): { text: string; exit: number } {
  if (args.format !== undefined && args.format !== 'json' && args.format !== 'stylish') {
    throw new UsageError(`validate shards merge into json or stylish, not ${args.format}`);
  }
  const results = uniqueBy(
    inputs.flatMap((i) => i.results),
    (r) => String(r.index),
  ).sort((a, b) => a.index - b.index);
  const tally = new SummaryTally();
  const colors = palette(args.output === undefined && useColor(io.env, io.isTTY));
  const json = (args.format ?? 'json') === 'json';
  const parts: string[] = [];
  for (const result of results) {
    tally.add(result);
    parts.push(json ? `${JSON.stringify(result)}\n` : stylishBlock(result, colors));
  }
  const summary = tally.summary();
  parts.push(json ? summaryLine(summary) : stylishSummary(summary, colors));
  return { text: parts.join(''), exit: summary.failed === 0 ? 0 : 1 };
}
