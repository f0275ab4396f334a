// `promptbound check`: find the files, lint each with its folder's config, optionally fix, and report.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { EngineHost } from '../core/engine';
import type { ConfigResolver } from '../node/config';
import { comparePaths, discoverFiles, readTextFile, toPosix } from '../node/files';
import { mapLimit } from '../node/concurrency';
import type { CheckArgs } from './args';
import { UsageError } from './args';
import { LintCache, lintKey, type CachedLint } from './cache';
import { useColor } from './color';
import { formatReport } from './formatters';
import type { CliIo } from './io';
import { lintFile, type LintOutcome, type LintTask } from './lint-file';
import { progress } from './progress';
import { displayPath, findRepositoryRoot, rootRelative } from './paths';
import { WorkerPool, workerScript } from './pool';
import { dedupeMessages, fileProblem, fileReport, totalsOf, type Report, type ReportMessage, type StatsSummary } from './report';
import { pathInShard } from './shard';
import { createHost } from './host';
import { configResolver } from './config-resolver';
import { findOwners, namedFiles } from './owners';

/** Files linted at once in-process: linting is CPU-bound, so this mostly overlaps reading one file with linting another. */
const LINT_CONCURRENCY = 8;
/** Below this many files to lint, worker threads cost more to start (bundle and rank tables each) than they save. */
const FILES_PER_WORKER = 150;

/** What linting one path produced, with positions already computed so the text can be dropped. */
interface LintedFile extends CachedLint {
  path: string;
}

interface CheckContext {
  args: CheckArgs;
  io: CliIo;
  configs: ConfigResolver;
  host: EngineHost;
  cache?: LintCache;
}

export async function runCheck(args: CheckArgs, io: CliIo): Promise<number> {
  const configs = configResolver(io, args.model, args.config);
  const discovery = await discoverFiles(args.targets, { cwd: io.cwd, selection: (dir) => configs.selectionFor(dir) });
  if (discovery.unmatched.length > 0) {
    throw new UsageError(`no such file or directory, and no files match: ${discovery.unmatched.map((t) => `'${t}'`).join(', ')}`);
  }
  const root = findRepositoryRoot(io.cwd);
  const inShard = (file: string) => pathInShard(rootRelative(root, file) ?? toPosix(file), args.shard);
  for (const file of discovery.ignored.filter(inShard)) {
    io.stderr.write(`promptbound: ${displayPath(io.cwd, file)}: not linted (excluded by .gitignore or config 'ignore')\n`);
  }
  const host = createHost();
  const warn = (message: string) => io.stderr.write(`promptbound: warning: ${message}\n`);
  const cache = args.cache ? await LintCache.open(args.cacheLocation, io.cwd, root, host.files!, warn) : undefined;
  const context: CheckContext = { args, io, configs, host, cache };
  // A named sample or schema file is checked through the prompts that read it (docs/pre-commit.md).
  const found = new Set(discovery.files);
  const named = (await namedFiles(args.targets, io.cwd)).filter((file) => found.has(file));
  const { owners, owned } = await findOwners(named, root, configs, host);
  const files = [...new Set([...discovery.files.filter((file) => !owned.has(file)), ...owners])]
    .sort(comparePaths)
    .filter(inShard);
  const meter = progress(io.stderr, io.stderrIsTTY ?? io.isTTY, files.length, 'linting');
  let linted: LintedFile[];
  try {
    linted = await lintAll(files, context, () => meter.tick());
  } finally {
    meter.done();
  }
  if (cache) {
    await cache
      .save()
      .catch((error) => warn(`could not write the cache ${cache.file} (${(error as { code?: string }).code ?? error})`));
    if (io.env.PROMPTBOUND_DEBUG?.split(',').includes('cache')) {
      io.stderr.write(`promptbound: cache: ${cache.counts.misses} linted, ${cache.counts.hits} from cache\n`);
    }
  }
  const problems = discovery.problems
    .filter((p) => inShard(p.path))
    .map((p) => ({ path: p.path, messages: [fileProblem(p.message)], elsewhere: [] }));
  const report = buildReport([...linted, ...problems], context);
  await writeReport(report, context);
  return exitCode(report, args, io);
}

/** Lints every file, in-process or on worker threads; results keep the order of `files`. */
async function lintAll(files: readonly string[], context: CheckContext, tick: () => void): Promise<LintedFile[]> {
  const tasks = await Promise.all(files.map((file) => taskFor(file, context)));
  const script = workerScript();
  const workers = Math.min(context.args.jobs, Math.floor(files.length / FILES_PER_WORKER));
  const pool = script && workers > 1 ? new WorkerPool<LintTask, LintOutcome>(script, workers, { kind: 'lint' }) : undefined;
  try {
    return await mapLimit(tasks, pool ? workers * 2 : LINT_CONCURRENCY, async (task) => {
      const linted = await lintCached(task, context, pool);
      tick();
      return linted;
    });
  } finally {
    await pool?.close();
  }
}

async function taskFor(file: string, context: CheckContext): Promise<LintTask> {
  const config = await context.configs.configFor(path.dirname(file));
  const { args, io } = context;
  return { file, config, samples: args.samples, fix: args.fix, cwd: io.cwd, record: context.cache !== undefined };
}

/** A cache hit needs the file's text (for the key); --fix always lints, since fixing writes files. */
async function lintCached(
  task: LintTask,
  context: CheckContext,
  pool: WorkerPool<LintTask, LintOutcome> | undefined,
): Promise<LintedFile> {
  const { cache } = context;
  if (cache && !task.fix) {
    const read = await readTextFile(task.file);
    if (read.ok) {
      const hit = await cache.lookup(task.file, lintKey(read.text, task.config, task.samples));
      if (hit) return { path: task.file, ...hit };
    }
  }
  const outcome = pool ? await pool.run(task) : await lintFile(task, context.host);
  for (const warning of outcome.warnings) context.io.stderr.write(`${warning}\n`);
  if (cache && outcome.text !== undefined && outcome.dependencies) {
    cache.store(task.file, lintKey(outcome.text, task.config, task.samples), outcome.dependencies, outcome.result);
  }
  return { path: task.file, ...outcome.result };
}

/** Groups messages by the file they point into, drops duplicates (two prompts sharing one broken schema), sorts. */
function buildReport(linted: LintedFile[], context: CheckContext): Report {
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
  for (const file of linted) {
    for (const { path: other, message } of file.elsewhere) entry(other).messages.push(message);
  }
  const quiet = context.args.quiet;
  const files = [...byPath.entries()]
    .sort(([a], [b]) => comparePaths(a, b))
    .map(([file, { messages, stats }]) =>
      fileReport(file, dedupeMessages(quiet ? messages.filter((m) => m.severity === 'error') : messages), stats),
    );
  return { files, cwd: context.io.cwd, root: findRepositoryRoot(context.io.cwd), showStats: context.args.stats };
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
