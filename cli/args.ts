// Command-line parsing (node:util parseArgs) into one typed shape per command; every mistake is a UsageError (exit 2).
import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** `--shard i/n` (1-based). */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(value: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    throw new UsageError(`--shard needs i/n with 1 ≤ i ≤ n (e.g. 2/4), got '${value}'`);
  }
  return { index, count };
}

/** `--jobs`: by default every core the process may use. */
export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

export const FORMATS = ['stylish', 'json', 'sarif', 'github', 'junit'] as const;
export type FormatName = (typeof FORMATS)[number];

export interface CheckArgs {
  command: 'check';
  targets: string[];
  format: FormatName;
  model?: string;
  config?: string;
  maxWarnings?: number;
  quiet: boolean;
  fix: boolean;
  stats: boolean;
  /** False with `--no-samples`: sample completions are not checked. */
  samples: boolean;
  output?: string;
  /** `--shard i/n`: lint only this share of the files. */
  shard?: Shard;
  /** `--cache`: reuse results of unchanged files from the last run. */
  cache: boolean;
  cacheLocation?: string;
  /** `--jobs N`: worker threads for large runs (default: every core). */
  jobs: number;
}

export const VALIDATE_FORMATS = ['stylish', 'json'] as const;
export type ValidateFormatName = (typeof VALIDATE_FORMATS)[number];

export interface ValidateArgs {
  command: 'validate';
  prompt: string;
  /** Completion files; `-` is standard input; empty means standard input. */
  completions: string[];
  jsonl: boolean;
  format: ValidateFormatName;
  model?: string;
  config?: string;
  /** `--shard i/n`: check only every n-th completion, starting at the i-th. */
  shard?: Shard;
  jobs: number;
  output?: string;
}

export const MERGE_FORMATS = FORMATS;
export type MergeFormatName = (typeof MERGE_FORMATS)[number];

/** `promptbound merge`: combines the outputs of sharded runs into one report. */
export interface MergeArgs {
  command: 'merge';
  inputs: string[];
  /** Output format; by default the inputs' own (json for check shards, validate's json lines for validate shards). */
  format?: MergeFormatName;
  /** SARIF inputs: `merged` (one run, as an unsharded check writes) or `runs` (one run per shard). */
  sarifRuns: 'merged' | 'runs';
  maxWarnings?: number;
  output?: string;
}

export interface CountArgs {
  command: 'count';
  targets: string[];
  model?: string;
  config?: string;
  json: boolean;
  raw: boolean;
}

export interface ModelsArgs {
  command: 'models';
  json: boolean;
}

export interface InitArgs {
  command: 'init';
  force: boolean;
}

/** `promptbound lsp --stdio`: the language server for any LSP editor (stdio is the only transport offered). */
export interface LspArgs {
  command: 'lsp';
  transport: 'stdio';
}

export type CommandArgs =
  | CheckArgs
  | CountArgs
  | ValidateArgs
  | MergeArgs
  | ModelsArgs
  | InitArgs
  | LspArgs
  | { command: 'help'; topic?: string }
  | { command: 'version' };

const COMMANDS = new Set(['check', 'count', 'validate', 'merge', 'models', 'init', 'lsp', 'help']);

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON: Options = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
};

const CHECK_OPTIONS: Options = {
  ...COMMON,
  format: { type: 'string', short: 'f' },
  model: { type: 'string', short: 'm' },
  config: { type: 'string', short: 'c' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  fix: { type: 'boolean' },
  stats: { type: 'boolean' },
  'no-samples': { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  shard: { type: 'string' },
  cache: { type: 'boolean' },
  'cache-location': { type: 'string' },
  jobs: { type: 'string', short: 'j' },
};

const VALIDATE_OPTIONS: Options = {
  ...COMMON,
  prompt: { type: 'string', short: 'p' },
  jsonl: { type: 'boolean' },
  format: { type: 'string', short: 'f' },
  model: { type: 'string', short: 'm' },
  config: { type: 'string', short: 'c' },
  shard: { type: 'string' },
  jobs: { type: 'string', short: 'j' },
  output: { type: 'string', short: 'o' },
};

const MERGE_OPTIONS: Options = {
  ...COMMON,
  format: { type: 'string', short: 'f' },
  'sarif-runs': { type: 'string' },
  'max-warnings': { type: 'string' },
  output: { type: 'string', short: 'o' },
};

const COUNT_OPTIONS: Options = {
  ...COMMON,
  model: { type: 'string', short: 'm' },
  config: { type: 'string', short: 'c' },
  json: { type: 'boolean' },
  raw: { type: 'boolean' },
};

const MODELS_OPTIONS: Options = { ...COMMON, json: { type: 'boolean' } };
const INIT_OPTIONS: Options = { ...COMMON, force: { type: 'boolean' } };
// `--clientProcessId` is passed by some clients (vscode-languageclient's stdio transport); the server reads it itself.
const LSP_OPTIONS: Options = { ...COMMON, stdio: { type: 'boolean' }, clientProcessId: { type: 'string' } };

/**
 * The first argument picks the command when it is one; otherwise everything is `check`'s (paths and globs).
 * A file literally named \`count\` is still linted with \`promptbound ./count\` or \`promptbound check count\`.
 */
export function parseCommandLine(argv: readonly string[]): CommandArgs {
  const [first, ...rest] = argv;
  const command = first !== undefined && COMMANDS.has(first) ? first : 'check';
  const args = command === 'check' && first !== 'check' ? [...argv] : rest;
  switch (command) {
    case 'help':
      return { command: 'help', topic: rest[0] };
    case 'count':
      return parseCount(args);
    case 'validate':
      return parseValidate(args);
    case 'merge':
      return parseMerge(args);
    case 'models':
      return withMeta(args, MODELS_OPTIONS, 'models', (values) => ({ command: 'models', json: values.json === true }));
    case 'init':
      return withMeta(args, INIT_OPTIONS, 'init', (values) => ({ command: 'init', force: values.force === true }));
    case 'lsp':
      return withMeta(args, LSP_OPTIONS, 'lsp', (values) => {
        if (values.stdio !== true)
          throw new UsageError('lsp needs --stdio (the server talks LSP over standard input and output)');
        return { command: 'lsp', transport: 'stdio' };
      });
    default:
      // Plain \`promptbound --help\` shows the overview; \`promptbound check --help\` just check's options.
      return parseCheck(args, first === 'check' ? 'check' : undefined);
  }
}

type Values = Record<string, string | boolean | undefined>;

interface Parsed {
  values: Values;
  positionals: string[];
}

function parse(args: readonly string[], options: Options, allowPositionals: boolean): Parsed {
  try {
    const { values, positionals } = parseArgs({ args: [...args], options, allowPositionals, strict: true });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError(describeParseError(error));
  }
}

/** parseArgs messages are long and suggest `--`; keep the first sentence, which names the option. */
function describeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  // parseArgs quotes options as '-m, --model <value>'; the long name is what the user recognises.
  const quoted = /'(-[^']*)'/.exec(message)?.[1];
  const option = quoted && (/--[\w-]+/.exec(quoted)?.[0] ?? quoted);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option '${option}'`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument: ${/'([^']*)'/.exec(message)?.[1] ?? message}`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) return `option '${option}' needs a value`;
  return message.split('. ')[0];
}

/** --help and --version are accepted by every command. */
function withMeta<T extends CommandArgs>(
  args: readonly string[],
  options: Options,
  topic: string | undefined,
  build: (values: Values, positionals: string[]) => T,
): CommandArgs {
  const { values, positionals } = parse(
    args,
    options,
    topic === undefined || topic === 'check' || topic === 'count' || topic === 'validate' || topic === 'merge',
  );
  if (values.help) return { command: 'help', topic };
  if (values.version) return { command: 'version' };
  return build(values, positionals);
}

function parseCheck(args: readonly string[], topic: 'check' | undefined): CommandArgs {
  return withMeta(args, CHECK_OPTIONS, topic, (values, positionals) => ({
    command: 'check',
    targets: positionals.length > 0 ? positionals : ['.'],
    format: parseFormat(values.format),
    model: nonEmpty(values.model, '--model'),
    config: nonEmpty(values.config, '--config'),
    maxWarnings: parseMaxWarnings(values['max-warnings']),
    quiet: values.quiet === true,
    fix: values.fix === true,
    stats: values.stats === true,
    samples: values['no-samples'] !== true,
    output: nonEmpty(values.output, '--output'),
    shard: values.shard === undefined ? undefined : parseShard(String(values.shard)),
    cache: values.cache === true || values['cache-location'] !== undefined,
    cacheLocation: nonEmpty(values['cache-location'], '--cache-location'),
    jobs: parseJobs(values.jobs),
  }));
}

function parseMerge(args: readonly string[]): CommandArgs {
  return withMeta(args, MERGE_OPTIONS, 'merge', (values, positionals) => {
    if (positionals.length === 0) throw new UsageError('merge needs the output files of the shards (e.g. shard-*.json)');
    const format = values.format === undefined ? undefined : MERGE_FORMATS.find((f) => f === values.format);
    if (values.format !== undefined && !format) {
      throw new UsageError(`unknown format '${String(values.format)}' for merge (expected ${MERGE_FORMATS.join(', ')})`);
    }
    const sarifRuns = values['sarif-runs'] ?? 'merged';
    if (sarifRuns !== 'merged' && sarifRuns !== 'runs')
      throw new UsageError(`--sarif-runs takes merged or runs, got '${String(sarifRuns)}'`);
    return {
      command: 'merge',
      inputs: positionals,
      format,
      sarifRuns,
      maxWarnings: parseMaxWarnings(values['max-warnings']),
      output: nonEmpty(values.output, '--output'),
    };
  });
}

function parseJobs(value: string | boolean | undefined): number {
  if (value === undefined) return defaultJobs();
  const text = String(value);
  if (!/^[1-9]\d*$/.test(text)) throw new UsageError(`--jobs needs a whole number of at least 1, got '${text}'`);
  return Number(text);
}

function parseValidate(args: readonly string[]): CommandArgs {
  return withMeta(args, VALIDATE_OPTIONS, 'validate', (values, positionals) => {
    const prompt = nonEmpty(values.prompt, '--prompt');
    if (prompt === undefined)
      throw new UsageError('validate needs --prompt FILE (the prompt whose constraints and schema apply)');
    const format = VALIDATE_FORMATS.find((f) => f === (values.format ?? 'stylish'));
    if (!format)
      throw new UsageError(`unknown format '${String(values.format)}' for validate (expected ${VALIDATE_FORMATS.join(', ')})`);
    return {
      command: 'validate',
      prompt,
      completions: positionals.length > 0 ? positionals : ['-'],
      jsonl: values.jsonl === true,
      format,
      model: nonEmpty(values.model, '--model'),
      config: nonEmpty(values.config, '--config'),
      shard: values.shard === undefined ? undefined : parseShard(String(values.shard)),
      jobs: parseJobs(values.jobs),
      output: nonEmpty(values.output, '--output'),
    };
  });
}

function parseCount(args: readonly string[]): CommandArgs {
  return withMeta(args, COUNT_OPTIONS, 'count', (values, positionals) => ({
    command: 'count',
    targets: positionals.length > 0 ? positionals : ['.'],
    model: nonEmpty(values.model, '--model'),
    config: nonEmpty(values.config, '--config'),
    json: values.json === true,
    raw: values.raw === true,
  }));
}

function parseFormat(value: string | boolean | undefined): FormatName {
  if (value === undefined) return 'stylish';
  const format = FORMATS.find((f) => f === value);
  if (!format) throw new UsageError(`unknown format '${String(value)}' (expected ${FORMATS.join(', ')})`);
  return format;
}

function parseMaxWarnings(value: string | boolean | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^(?:\d+|-1)$/.test(text)) throw new UsageError(`--max-warnings needs a whole number, got '${text}'`);
  // -1 means "no limit", as in ESLint, so scripts can pass a variable through.
  return text === '-1' ? undefined : Number(text);
}

function nonEmpty(value: string | boolean | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`${flag} needs a value`);
  return value;
}
