// `promptbound check`: find the files, lint each with its folder's config, optionally fix, and report.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../core/diagnostic';
import type { ResolvedConfig } from '../core/config/types';
import { lintDocument, type EngineHost, type LintResult } from '../core/engine';
import { applyEdits } from '../core/edits';
import { RULE_IDS } from '../core/rules/registry';
import { lineStarts } from '../core/positions';
import { ConfigResolver } from '../node/config';
import { comparePaths, discoverFiles, readTextFile } from '../node/files';
import { mapLimit } from '../node/concurrency';
import type { CheckArgs } from './args';
import { UsageError } from './args';
import { useColor } from './color';
import { pickSafeEdits, replaceFileContent } from './fix';
import { formatReport } from './formatters';
import type { CliIo } from './io';
import { progress } from './progress';
import { displayPath, findRepositoryRoot, pathOfUri } from './paths';
import {
  fileProblem,
  fileReport,
  summarizeStats,
  toReportMessage,
  totalsOf,
  type Report,
  type ReportMessage,
  type StatsSummary,
} from './report';
import { createHost } from './host';
import { findOwners, namedFiles } from './owners';

/** Files linted at once: linting is CPU-bound, so this mostly overlaps reading one file with linting another. */
const LINT_CONCURRENCY = 8;

/** What linting one path produced, with positions already computed so the text can be dropped. */
interface LintedFile {
  path: string;
  messages: ReportMessage[];
  stats?: StatsSummary;
  /** Diagnostics pointing into other files (a config, a schema, a sample), by path. */
  elsewhere: Array<{ path: string; diagnostic: Diagnostic }>;
}

interface CheckContext {
  args: CheckArgs;
  io: CliIo;
  configs: ConfigResolver;
  host: EngineHost;
}

export async function runCheck(args: CheckArgs, io: CliIo): Promise<number> {
  const configs = configResolver(io, args.model, args.config);
  const discovery = await discoverFiles(args.targets, { cwd: io.cwd, selection: (dir) => configs.selectionFor(dir) });
  if (discovery.unmatched.length > 0) {
    throw new UsageError(`no such file or directory, and no files match: ${discovery.unmatched.map((t) => `'${t}'`).join(', ')}`);
  }
  for (const file of discovery.ignored) {
    io.stderr.write(`promptbound: ${displayPath(io.cwd, file)}: not linted (excluded by .gitignore or config 'ignore')\n`);
  }
  const context: CheckContext = { args, io, configs, host: createHost() };
  // A named sample or schema file is checked through the prompts that read it (docs/pre-commit.md).
  const found = new Set(discovery.files);
  const named = (await namedFiles(args.targets, io.cwd)).filter((file) => found.has(file));
  const { owners, owned } = await findOwners(named, findRepositoryRoot(io.cwd), configs, context.host);
  const files = [...new Set([...discovery.files.filter((file) => !owned.has(file)), ...owners])].sort(comparePaths);
  const meter = progress(io.stderr, io.stderrIsTTY ?? io.isTTY, files.length, 'linting');
  let linted: LintedFile[];
  try {
    linted = await mapLimit(files, LINT_CONCURRENCY, async (file) => {
      const result = await lintPath(file, context);
      meter.tick();
      return result;
    });
  } finally {
    meter.done();
  }
  const problems = discovery.problems.map((p) => ({ path: p.path, messages: [fileProblem(p.message)], elsewhere: [] }));
  const report = await buildReport([...linted, ...problems], context);
  await writeReport(report, context);
  return exitCode(report, args, io);
}

export function configResolver(io: CliIo, model: string | undefined, config: string | undefined): ConfigResolver {
  return new ConfigResolver({
    cwd: io.cwd,
    explicitFile: config,
    modelOverride: model,
    knownRuleIds: RULE_IDS,
    displayPath: (file) => displayPath(io.cwd, file),
    warn: (message) => io.stderr.write(`promptbound: warning: ${message}\n`),
  });
}

async function lintPath(file: string, context: CheckContext): Promise<LintedFile> {
  const read = await readTextFile(file);
  if (!read.ok) return { path: file, messages: [fileProblem(read.message)], elsewhere: [] };
  const config = await context.configs.configFor(path.dirname(file));
  let text = read.text;
  const samples = context.args.samples;
  let result = await lint(file, text, config, context.host, samples);
  if (context.args.fix) {
    const fixed = await fixFile(file, text, read.bom, result, context);
    if (fixed !== undefined) {
      text = fixed;
      result = await lint(file, text, config, context.host, samples);
    }
  }
  const starts = lineStarts(text);
  const own = result.diagnostics.filter((d) => isOwn(d, file));
  return {
    path: file,
    messages: own.map((d) => toReportMessage(d, text, starts)),
    stats: summarizeStats(result.stats),
    elsewhere: result.diagnostics.filter((d) => !isOwn(d, file)).map((d) => ({ path: pathOfUri(d.uri!, file), diagnostic: d })),
  };
}

function lint(file: string, text: string, config: ResolvedConfig, host: EngineHost, samples: boolean): Promise<LintResult> {
  return lintDocument({ uri: file, text, config, samples }, host);
}

function isOwn(diagnostic: Diagnostic, file: string): boolean {
  return diagnostic.uri === undefined || pathOfUri(diagnostic.uri, file) === file;
}

/** Returns the fixed text when the file was rewritten; undefined when there was nothing to fix or it changed meanwhile. */
async function fixFile(file: string, text: string, bom: boolean, result: LintResult, context: CheckContext): Promise<string | undefined> {
  const edits = pickSafeEdits(result.diagnostics);
  if (edits.length === 0) return undefined;
  const fixed = applyEdits(text, edits);
  if (fixed === undefined || fixed === text) return undefined;
  const prefix = bom ? '\ufeff' : '';
  try {
    const outcome = await replaceFileContent(file, prefix + text, prefix + fixed);
    if (outcome === 'written') return fixed;
    context.io.stderr.write(`promptbound: ${displayPath(context.io.cwd, file)}: changed while linting; not fixed\n`);
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    context.io.stderr.write(`promptbound: ${displayPath(context.io.cwd, file)}: could not write fixes (${code})\n`);
  }
  return undefined;
}

/** Groups messages by the file they point into, drops duplicates (two prompts sharing one broken schema), sorts. */
async function buildReport(linted: LintedFile[], context: CheckContext): Promise<Report> {
  const byPath = new Map<string, { messages: ReportMessage[]; stats?: StatsSummary }>();
  const entry = (file: string) => {
    let found = byPath.get(file);
    if (!found) byPath.set(file, (found = { messages: [] }));
    return found;
  };
  for (const file of linted) {
    const target = entry(file.path);
    target.messages.push(...file.messages);
    target.stats = file.stats;
  }
  const texts = new Map<string, Promise<string | undefined>>();
  for (const file of linted) {
    for (const { path: other, diagnostic } of file.elsewhere) {
      let text = texts.get(other);
      if (!text) texts.set(other, (text = readTextFile(other).then((r) => (r.ok ? r.text : undefined))));
      entry(other).messages.push(toReportMessage(diagnostic, (await text) ?? ''));
    }
  }
  const quiet = context.args.quiet;
  const files = [...byPath.entries()]
    .sort(([a], [b]) => comparePaths(a, b))
    .map(([file, { messages, stats }]) => fileReport(file, dedupe(quiet ? messages.filter((m) => m.severity === 'error') : messages), stats));
  return { files, cwd: context.io.cwd, root: findRepositoryRoot(context.io.cwd), showStats: context.args.stats };
}

function dedupe(messages: ReportMessage[]): ReportMessage[] {
  const seen = new Set<string>();
  return messages.filter((m) => {
    const key = JSON.stringify([m.ruleId, m.severity, m.line, m.column, m.endLine, m.endColumn, m.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

async function writeReport(report: Report, context: CheckContext): Promise<void> {
  const { args, io } = context;
  const toFile = args.output !== undefined;
  const color = toFile ? useColor(io.env, false) : useColor(io.env, io.isTTY);
  const text = formatReport(report, args.format, { color });
  if (!toFile) {
    io.stdout.write(text);
    return;
  }
  const target = path.resolve(io.cwd, args.output!);
  try {
    await fs.writeFile(target, text, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    throw new UsageError(`cannot write the report to ${args.output} (${code})`);
  }
}

function exitCode(report: Report, args: CheckArgs, io: CliIo): number {
  const totals = totalsOf(report.files);
  if (totals.errors > 0) return 1;
  if (args.maxWarnings !== undefined && totals.warnings > args.maxWarnings) {
    io.stderr.write(`promptbound: too many warnings: ${totals.warnings} (maximum: ${args.maxWarnings})\n`);
    return 1;
  }
  return 0;
}
