// Finds, reads and resolves `.promptbound.yaml|yml|json` for each folder (nearest config wins, ancestors merged), with per-folder caches.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { PromptboundConfig, ResolvedConfig } from '../core/config/types';
import { CONFIG_FILE_NAMES, parseConfigText, resolveConfig, type RuleIdList } from '../core/config/load';
import { lineColumnAt, lineStarts } from '../core/positions';
import type { FolderSelection, GlobSet } from './files';

import { ConfigError } from './config-error';

export { ConfigError };

interface LoadedConfig {
  file: string;
  /** The folder its `files`/`ignore` globs are relative to. */
  base: string;
  config: PromptboundConfig;
}

export interface ConfigResolverOptions {
  cwd: string;
  /** `--config FILE`: used for every file instead of discovery; its globs are relative to the cwd (as ESLint does). */
  explicitFile?: string;
  /** `--model ID`. */
  modelOverride?: string;
  /** The rule ids `rules` may name (a function: called only for a config with `rules`). */
  knownRuleIds: RuleIdList;
  /** Shown in messages instead of absolute paths. */
  displayPath?: (file: string) => string;
  /** Non-fatal config problems (warnings) are reported here. */
  warn?: (message: string) => void;
}

/** Resolves the config for any folder; every lookup is memoised per folder, so 5,000 files in 50 folders read each config once. */
export class ConfigResolver {
  private readonly ownConfig = new Map<string, Promise<LoadedConfig | undefined>>();
  private readonly chains = new Map<string, Promise<LoadedConfig[]>>();
  private readonly resolved = new Map<string, Promise<ResolvedConfig>>();
  private explicit?: Promise<LoadedConfig[]>;
  private readonly gitRoots = new Map<string, Promise<string | undefined>>();

  constructor(private readonly options: ConfigResolverOptions) {}

  /** The settings the engine uses for a file in `dir`, with its read root (docs/security.md). Rejects with ConfigError. */
  configFor(dir: string): Promise<ResolvedConfig> {
    let config = this.resolved.get(dir);
    if (!config) {
      config = this.chainFor(dir).then(async (chain) => {
        const resolved = resolveConfig(
          chain.map((c) => c.config),
          { modelOverride: this.options.modelOverride },
        );
        resolved.root = await this.rootFor(dir, chain);
        return resolved;
      });
      this.resolved.set(dir, config);
    }
    return config;
  }

  /**
   * The folder schemas, `$ref`s and samples of prompts in `dir` may be read from: the outermost folder holding a config
   * (within the git repository, when there is one), else the git root, else the folder checked (the cwd, or `dir`
   * itself when it lies outside the cwd).
   */
  async rootFor(dir: string, chain: readonly LoadedConfig[]): Promise<string> {
    const git = await gitRoot(dir, this.gitRoots);
    const explicit = this.options.explicitFile !== undefined;
    const configFolder = explicit ? undefined : chain.map((c) => c.base).find((base) => git === undefined || isInside(git, base));
    return configFolder ?? git ?? (isInside(this.options.cwd, dir) ? path.resolve(this.options.cwd) : dir);
  }

  /** Config `files`/`ignore` globs that apply in `dir`, each with the folder it is relative to. */
  async selectionFor(dir: string): Promise<FolderSelection> {
    const chain = await this.chainFor(dir);
    const include: GlobSet[] = [];
    const ignore: GlobSet[] = [];
    for (const { base, config } of chain) {
      const files = globsOf(config.files);
      const ignored = globsOf(config.ignore);
      if (files.length > 0) include.push({ base, patterns: files });
      if (ignored.length > 0) ignore.push({ base, patterns: ignored });
    }
    return { include, ignore };
  }

  /** Configs from the filesystem root down to `dir` (outermost first, so nearer settings win when merged). */
  chainFor(dir: string): Promise<LoadedConfig[]> {
    if (this.options.explicitFile !== undefined) {
      this.explicit ??= this.loadExplicit(this.options.explicitFile);
      return this.explicit;
    }
    let chain = this.chains.get(dir);
    if (!chain) {
      chain = this.buildChain(dir);
      this.chains.set(dir, chain);
    }
    return chain;
  }

  private async buildChain(dir: string): Promise<LoadedConfig[]> {
    const parent = path.dirname(dir);
    const inherited = parent === dir ? [] : await this.chainFor(parent);
    const own = await this.configIn(dir);
    return own ? [...inherited, own] : inherited;
  }

  private configIn(dir: string): Promise<LoadedConfig | undefined> {
    let own = this.ownConfig.get(dir);
    if (!own) {
      own = this.findConfigIn(dir);
      this.ownConfig.set(dir, own);
    }
    return own;
  }

  /** The first of CONFIG_FILE_NAMES present in `dir` (a folder with two config files uses the first and says so). */
  private async findConfigIn(dir: string): Promise<LoadedConfig | undefined> {
    const present: string[] = [];
    for (const name of CONFIG_FILE_NAMES) {
      const file = path.join(dir, name);
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat?.isFile()) present.push(file);
    }
    if (present.length === 0) return undefined;
    if (present.length > 1) {
      const shown = present.map((f) => this.display(f));
      this.options.warn?.(`${shown[0]}: used; ignoring ${shown.slice(1).join(', ')} in the same folder`);
    }
    return this.load(present[0], dir);
  }

  private async loadExplicit(file: string): Promise<LoadedConfig[]> {
    const absolute = path.resolve(this.options.cwd, file);
    return [await this.load(absolute, this.options.cwd)];
  }

  private async load(file: string, base: string): Promise<LoadedConfig> {
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (error) {
      const code = (error as { code?: string }).code ?? String(error);
      throw new ConfigError([`${this.display(file)}: cannot read config file (${code})`]);
    }
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const parsed = parseConfigText(file, text, this.options.knownRuleIds);
    const starts = lineStarts(text);
    const fatal: string[] = [];
    for (const problem of parsed.problems) {
      const { line, column } = lineColumnAt(starts, text, problem.offset);
      const message = `${this.display(file)}:${line}:${column}: ${problem.message}`;
      if (problem.severity === 'error' || !parsed.config) fatal.push(message);
      else this.options.warn?.(message);
    }
    if (fatal.length > 0 || !parsed.config) {
      throw new ConfigError(fatal.length > 0 ? fatal : [`${this.display(file)}:1:1: invalid config file`]);
    }
    return { file, base, config: withAbsoluteFolders(parsed.config, base) };
  }

  private display(file: string): string {
    return this.options.displayPath ? this.options.displayPath(file) : file;
  }
}

/** `allowOutsideRoot` folders are relative to the config's folder; the engine compares absolute paths. */
function withAbsoluteFolders(config: PromptboundConfig, base: string): PromptboundConfig {
  if (!Array.isArray(config.allowOutsideRoot)) return config;
  return { ...config, allowOutsideRoot: config.allowOutsideRoot.map((folder) => path.resolve(base, folder)) };
}

/** The nearest folder at or above `dir` holding `.git` (a folder, or a file in worktrees and submodules). */
function gitRoot(dir: string, gitRoots: Map<string, Promise<string | undefined>>): Promise<string | undefined> {
  let found = gitRoots.get(dir);
  if (!found) {
    found = fs.stat(path.join(dir, '.git')).then(
      () => dir,
      () => (path.dirname(dir) === dir ? undefined : gitRoot(path.dirname(dir), gitRoots)),
    );
    gitRoots.set(dir, found);
  }
  return found;
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The glob libraries throw on non-strings; the config schema reports such entries, discovery just skips them. */
function globsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string' && p.trim() !== '') : [];
}
