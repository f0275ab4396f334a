// Lints one prompt file for `check`, fixing it with --fix, and returns plain data (positions computed, text dropped), so
// the same function runs in the main thread and in a worker thread (cli/worker.ts) and its result can be cached.
import type { Diagnostic } from '../core/diagnostic';
import type { ResolvedConfig } from '../core/config/types';
import { lintDocument, type EngineHost, type LintResult } from '../core/engine';
import { applyEdits } from '../core/edits';
import { lineStarts } from '../core/positions';
import { readTextFile } from '../node/files';
import { readRecorded, recordingFileAccess, type CachedLint, type Dependencies } from './cache';
import { pickSafeEdits, replaceFileContent } from './fix';
import { displayPath, pathOfUri } from './paths';
import { fileProblem, summarizeStats, toReportMessage } from './report';

export interface LintTask {
  file: string;
  config: ResolvedConfig;
  samples: boolean;
  fix: boolean;
  /** For messages about files (paths shown relative to it). */
  cwd: string;
  /** Record what the lint reads, for the cache. */
  record: boolean;
}

export interface LintOutcome {
  result: CachedLint;
  /** The text that was linted (after fixes), for the cache key; undefined when the file could not be read. */
  text?: string;
  dependencies?: Dependencies;
  /** Lines for standard error (a fix that could not be written). */
  warnings: string[];
}

export async function lintFile(task: LintTask, host: EngineHost): Promise<LintOutcome> {
  const { file } = task;
  const warnings: string[] = [];
  const read = await readTextFile(file);
  if (!read.ok) return { result: { messages: [fileProblem(read.message)], elsewhere: [] }, warnings };
  const recorder = task.record && host.files ? recordingFileAccess(host.files) : undefined;
  const lintHost: EngineHost = recorder ? { ...host, files: recorder.files } : host;
  let text = read.text;
  let result = await lint(file, text, task, lintHost);
  if (task.fix) {
    const fixed = await fixFile(file, text, read.bom, result, task.cwd, warnings);
    if (fixed !== undefined) {
      text = fixed;
      if (recorder) recorder.dependencies.reads.length = recorder.dependencies.globs.length = 0;
      result = await lint(file, text, task, lintHost);
    }
  }
  const starts = lineStarts(text);
  const own = result.diagnostics.filter((d) => isOwn(d, file));
  const elsewhere: CachedLint['elsewhere'] = [];
  const texts = new Map<string, string | undefined>();
  for (const diagnostic of result.diagnostics.filter((d) => !isOwn(d, file))) {
    const other = pathOfUri(diagnostic.uri!, file);
    if (!texts.has(other)) texts.set(other, await readRecorded(other, recorder?.dependencies));
    elsewhere.push({ path: other, message: toReportMessage(diagnostic, texts.get(other) ?? '') });
  }
  return {
    result: { messages: own.map((d) => toReportMessage(d, text, starts)), stats: summarizeStats(result.stats), elsewhere },
    text,
    dependencies: recorder?.dependencies,
    warnings,
  };
}

function lint(file: string, text: string, task: LintTask, host: EngineHost): Promise<LintResult> {
  return lintDocument({ uri: file, text, config: task.config, samples: task.samples }, host);
}

function isOwn(diagnostic: Diagnostic, file: string): boolean {
  return diagnostic.uri === undefined || pathOfUri(diagnostic.uri, file) === file;
}

/** Returns the fixed text when the file was rewritten; undefined when there was nothing to fix or it changed meanwhile. */
async function fixFile(
  file: string,
  text: string,
  bom: boolean,
  result: LintResult,
  cwd: string,
  warnings: string[],
): Promise<string | undefined> {
  const edits = pickSafeEdits(result.diagnostics);
  if (edits.length === 0) return undefined;
  const fixed = applyEdits(text, edits);
  if (fixed === undefined || fixed === text) return undefined;
  const prefix = bom ? '\ufeff' : '';
  try {
    const outcome = await replaceFileContent(file, prefix + text, prefix + fixed);
    if (outcome === 'written') return fixed;
    warnings.push(`promptbound: ${displayPath(cwd, file)}: changed while linting; not fixed`);
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    warnings.push(`promptbound: ${displayPath(cwd, file)}: could not write fixes (${code})`);
  }
  return undefined;
}
