// `check --cache`: a prompt is linted again only when something its result depends on changed — its text, its config,
// the tool version, or any file the lint read or globbed (schemas, samples). Like ESLint's cache, one JSON file; paths
// in it are relative to the repository root, so a CI cache directory restored into another checkout still hits.
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileAccess } from '../core/files';
import type { ResolvedConfig } from '../core/config/types';
import { RULE_IDS } from '../core/rules/registry';
import { readTextFile, toPosix } from '../node/files';
import { TOOL_VERSION } from './meta';
import type { ReportMessage, StatsSummary } from './report';

/** The file name used when `--cache-location` names a directory (or is not given: then it is in the current folder). */
export const CACHE_FILE_NAME = '.promptbound-cache';
const FORMAT = 1;

/** What linting one prompt produced, in the form the report needs (positions computed, text dropped). */
export interface CachedLint {
  messages: ReportMessage[];
  stats?: StatsSummary;
  /** Messages pointing into other files (a schema, a sample), with those files' paths. */
  elsewhere: Array<{ path: string; message: ReportMessage }>;
}

/** What one lint read through its FileAccess: each text's hash (null: missing), each glob's result. */
export interface Dependencies {
  reads: Array<[file: string, hash: string | null]>;
  globs: Array<[base: string, patterns: string[], found: string[]]>;
}

interface Entry {
  key: string;
  dependencies: Dependencies;
  result: CachedLint;
}

interface CacheFile {
  format: number;
  entries: Record<string, Entry>;
}

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('base64url');
}

/** Everything besides the files read that decides a lint's result. */
export function lintKey(text: string, config: ResolvedConfig, samples: boolean): string {
  return hashText(JSON.stringify([TOOL_VERSION, RULE_IDS, config, samples, hashText(text)]));
}

/** A FileAccess that records what goes through it, so the cache knows what a result depends on. */
export function recordingFileAccess(base: FileAccess): { files: FileAccess; dependencies: Dependencies } {
  const dependencies: Dependencies = { reads: [], globs: [] };
  const files: FileAccess = {
    async readText(uri) {
      const text = await base.readText(uri);
      dependencies.reads.push([uri, text === undefined ? null : hashText(text)]);
      return text;
    },
    async glob(baseUri, patterns) {
      const found = await base.glob(baseUri, patterns);
      dependencies.globs.push([baseUri, [...patterns], [...found]]);
      return found;
    },
  };
  return { files, dependencies };
}

export class LintCache {
  private entries: Record<string, Entry> = {};
  private hits = 0;
  private misses = 0;

  private constructor(
    readonly file: string,
    private readonly root: string,
    private readonly files: FileAccess,
  ) {}

  /** Opens the cache at `location` (a file, or a directory to hold one); a missing or unreadable cache starts empty. */
  static async open(
    location: string | undefined,
    cwd: string,
    root: string,
    files: FileAccess,
    warn: (message: string) => void,
  ): Promise<LintCache> {
    const cache = new LintCache(await cacheFilePath(location, cwd), root, files);
    let text: string;
    try {
      text = await fs.readFile(cache.file, 'utf8');
    } catch {
      return cache; // first run
    }
    try {
      const parsed = JSON.parse(text) as CacheFile;
      if (parsed?.format === FORMAT && typeof parsed.entries === 'object' && parsed.entries !== null)
        cache.entries = parsed.entries;
    } catch {
      warn(`the cache ${cache.file} is not valid JSON; starting a new one`);
    }
    return cache;
  }

  /** The cached result for this prompt, when its key matches and every file it read or globbed is unchanged. */
  async lookup(file: string, key: string): Promise<CachedLint | undefined> {
    const entry = this.entries[this.relative(file)];
    if (!entry || entry.key !== key || !(await this.unchanged(entry.dependencies))) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    return this.absoluteResult(entry.result);
  }

  store(file: string, key: string, dependencies: Dependencies, result: CachedLint): void {
    this.entries[this.relative(file)] = {
      key,
      dependencies: {
        reads: dependencies.reads.map(([read, hash]) => [this.relative(read), hash]),
        globs: dependencies.globs.map(([base, patterns, found]) => [
          this.relative(base),
          patterns,
          found.map((f) => this.relative(f)),
        ]),
      },
      result: {
        ...result,
        elsewhere: result.elsewhere.map((e) => ({ path: this.relative(e.path), message: e.message })),
      },
    };
  }

  /** Forgets prompts that no longer exist, then writes atomically (a temporary file renamed over the old one). */
  async save(): Promise<void> {
    for (const relative of Object.keys(this.entries)) {
      const exists = await fs.stat(this.absolute(relative)).then(
        (s) => s.isFile(),
        () => false,
      );
      if (!exists) delete this.entries[relative];
    }
    const sorted = Object.fromEntries(Object.entries(this.entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    const data: CacheFile = { format: FORMAT, entries: sorted };
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await fs.writeFile(temporary, JSON.stringify(data), 'utf8');
    await fs.rename(temporary, this.file);
  }

  get counts(): { hits: number; misses: number } {
    return { hits: this.hits, misses: this.misses };
  }

  private async unchanged(dependencies: Dependencies): Promise<boolean> {
    for (const [read, hash] of dependencies.reads) {
      const text = await this.files.readText(this.absolute(read));
      if ((text === undefined ? null : hashText(text)) !== hash) return false;
    }
    for (const [base, patterns, found] of dependencies.globs) {
      const now = await this.files.glob(this.absolute(base), patterns);
      if (now.length !== found.length || now.some((f, i) => this.relative(f) !== found[i])) return false;
    }
    return true;
  }

  private absoluteResult(result: CachedLint): CachedLint {
    return { ...result, elsewhere: result.elsewhere.map((e) => ({ path: this.absolute(e.path), message: e.message })) };
  }

  /** Inside the root: a posix path relative to it; outside: the absolute path as is. */
  private relative(file: string): string {
    const relative = path.relative(this.root, file);
    return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : toPosix(relative);
  }

  private absolute(stored: string): string {
    return path.isAbsolute(stored) ? stored : path.join(this.root, ...stored.split('/'));
  }
}

async function cacheFilePath(location: string | undefined, cwd: string): Promise<string> {
  if (location === undefined) return path.join(cwd, CACHE_FILE_NAME);
  const resolved = path.resolve(cwd, location);
  const isDirectory =
    /[\\/]$/.test(location) ||
    (await fs.stat(resolved).then(
      (s) => s.isDirectory(),
      () => false,
    ));
  return isDirectory ? path.join(resolved, CACHE_FILE_NAME) : resolved;
}

/** The text of a file the report needs (for an elsewhere diagnostic's line:column), recorded like the lint's own reads. */
export async function readRecorded(file: string, dependencies: Dependencies | undefined): Promise<string | undefined> {
  const read = await readTextFile(file);
  const text = read.ok ? read.text : undefined;
  dependencies?.reads.push([file, text === undefined ? null : hashText(text)]);
  return text;
}
