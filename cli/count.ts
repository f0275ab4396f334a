// `promptbound count`: tokens per prompt like `wc` (one line per file, a total), or JSON with the breakdown.
import path from 'node:path';
import type { ResolvedConfig } from '../core/config/types';
import type { EngineHost } from '../core/engine';
import { countDocument } from '../core/count-document';
import { lookupModel } from '../core/models';
import { discoverFiles, readTextFile } from '../node/files';
import { mapLimit } from '../node/concurrency';
import type { CountArgs } from './args';
import { UsageError } from './args';
import { configResolver } from './config-resolver';
import { padEnd, padStart } from './color';
import { createHost } from './host';
import { readAll, type CliIo } from './io';
import { displayPath } from './paths';
import { formatTokens, summarizeStats, type StatsSummary } from './report';

/** Name shown for standard input, as `wc -` would. */
const STDIN = '-';

interface CountResult {
  file: string;
  model: string;
  encoding: string;
  tokens: number;
  approximate: boolean;
  overhead: number;
  messages: Array<{ role: string; tokens: number }>;
  sections: Array<{ title: string; tokens: number }>;
  /** With several `targets`: one count per target model, in declared order (the first is this result's own). */
  targets?: Array<Omit<CountResult, 'file' | 'targets'>>;
}

type Counted = { ok: true; result: CountResult } | { ok: false; file: string; message: string };

interface Source {
  /** Absolute path, or `-` for stdin. */
  file: string;
  label: string;
}

export async function runCount(args: CountArgs, io: CliIo): Promise<number> {
  const configs = configResolver(io, args.model, args.config);
  const sources = await countSources(args, io, (dir) => configs.selectionFor(dir));
  const host = createHost();
  const counted = await mapLimit(sources, 8, async (source): Promise<Counted> => {
    const text = source.file === STDIN ? { ok: true as const, text: await readAll(io.stdin) } : await readTextFile(source.file);
    if (!text.ok) return { ok: false, file: source.label, message: text.message };
    // Standard input has no folder of its own: the cwd's config applies, and it is a plain-text prompt.
    const config = await configs.configFor(source.file === STDIN ? io.cwd : path.dirname(source.file));
    const uri = source.file === STDIN ? 'stdin.txt' : source.file;
    return { ok: true, result: await countText(source.label, uri, text.text, config, host, args.raw) };
  });
  for (const failure of counted.filter((c) => !c.ok)) io.stderr.write(`promptbound: ${failure.file}: ${failure.message}\n`);
  const results = counted.flatMap((c) => (c.ok ? [c.result] : []));
  io.stdout.write(args.json ? `${JSON.stringify(results, null, 2)}\n` : wcTable(results));
  return counted.some((c) => !c.ok) ? 1 : 0;
}

/** `-` is stdin (once); everything else resolves like `check`'s targets. */
async function countSources(
  args: CountArgs,
  io: CliIo,
  selection: Parameters<typeof discoverFiles>[1]['selection'],
): Promise<Source[]> {
  const paths = args.targets.filter((t) => t !== STDIN);
  const sources: Source[] = args.targets.includes(STDIN) ? [{ file: STDIN, label: STDIN }] : [];
  if (paths.length === 0) return sources;
  const discovery = await discoverFiles(paths, { cwd: io.cwd, selection });
  if (discovery.unmatched.length > 0) {
    throw new UsageError(`no such file or directory, and no files match: ${discovery.unmatched.map((t) => `'${t}'`).join(', ')}`);
  }
  const problems = discovery.problems.map((problem) => `${displayPath(io.cwd, problem.path)}: ${problem.message}`);
  // Nothing left to count (a named pipe, a device): a usage error, not an empty success.
  if (sources.length === 0 && discovery.files.length === 0 && problems.length > 0)
    throw new UsageError(problems.join('\npromptbound: '));
  for (const problem of problems) io.stderr.write(`promptbound: ${problem}\n`);
  return [...sources, ...discovery.files.map((file) => ({ file, label: displayPath(io.cwd, file) }))];
}

async function countText(
  label: string,
  uri: string,
  text: string,
  config: ResolvedConfig,
  host: EngineHost,
  raw: boolean,
): Promise<CountResult> {
  const { stats } = await countDocument({ uri, text, config }, host);
  const summary = summarizeStats(stats);
  const row = (s: StatsSummary) => ({
    model: s.model,
    encoding: s.encoding,
    tokens: s.tokens,
    approximate: s.approximate,
    overhead: s.overhead,
    messages: s.messages,
    sections: s.sections,
  });
  const base: CountResult = { file: label, ...row(summary) };
  if (!raw) return summary.targets ? { ...base, targets: summary.targets.map(row) } : base;
  // --raw: the whole file as plain text with the same model's tokenizer, for comparison with other tools.
  const rawRow = async (s: StatsSummary) => {
    const lookup = lookupModel(s.model, config.models);
    const counter = await host.tokenizers.counterFor(
      lookup.found ? { encoding: lookup.model.entry.encoding, factors: lookup.model.entry.factors } : { encoding: 'o200k_base' },
    );
    const whole = counter.count(text);
    return {
      ...row(s),
      tokens: whole.tokens,
      approximate: whole.approximate || !lookup.found,
      overhead: 0,
      messages: [],
      sections: [],
    };
  };
  const own: CountResult = { file: label, ...(await rawRow(summary)) };
  if (!summary.targets) return own;
  const targets = [];
  for (const target of summary.targets) targets.push(await rawRow(target));
  return { ...own, targets };
}

/**
 * Right-aligned counts, then model, then path; a prompt with several targets gets a row per target. A total line
 * when more than one file was counted (each file's first target: adding one text's counts for two models means nothing).
 */
function wcTable(results: CountResult[]): string {
  const rows = results.flatMap((r) => (r.targets ?? [r]).map((t) => [formatTokens(t.tokens, t.approximate), t.model, r.file]));
  if (results.length > 1) {
    const total = results.reduce((sum, r) => sum + r.tokens, 0);
    rows.push([
      formatTokens(
        total,
        results.some((r) => r.approximate),
      ),
      '',
      'total',
    ]);
  }
  if (rows.length === 0) return '';
  const tokenWidth = Math.max(...rows.map((r) => r[0].length));
  const modelWidth = Math.max(...rows.map((r) => r[1].length));
  return rows.map(([tokens, model, file]) => `${padStart(tokens, tokenWidth)}  ${padEnd(model, modelWidth)}  ${file}\n`).join('');
}
