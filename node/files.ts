// Finds the files a command line names (files, directories walked recursively, globs) and reads them safely.
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { limiter } from './concurrency';
import { PROMPT_GLOBS } from '../core/formats';

/** Prompt files found in directories when config adds no `files` globs (docs/design/interop.md). */
export const DEFAULT_PROMPT_PATTERNS: readonly string[] = PROMPT_GLOBS;

/** Folders never walked, whatever .gitignore says. */
const ALWAYS_SKIPPED = new Set(['.git', 'node_modules']);
/** Directory reads in flight at once: enough to hide latency, few enough to stay under any fd limit. */
const READDIR_CONCURRENCY = 32;
/** Files larger than this are reported and skipped rather than read (the engine bounds time, but reading 1 GB still hurts). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Like git: a NUL byte in the first 8,000 bytes means binary. */
const BINARY_PROBE_BYTES = 8000;

/** Globs from one config file, relative to `base` (the config's folder, or the cwd for `--config`). */
export interface GlobSet {
  base: string;
  patterns: readonly string[];
}

/** What the config that applies to a folder adds to (`files`) and removes from (`ignore`) the prompt files. */
export interface FolderSelection {
  include: readonly GlobSet[];
  ignore: readonly GlobSet[];
}

export type SelectionLookup = (dir: string) => Promise<FolderSelection>;

/** A path that could not be walked or read: reported as a one-line error for that path. */
export interface FileProblem {
  path: string;
  message: string;
}

export interface Discovery {
  /** Absolute paths, deduplicated, in a deterministic order. */
  files: string[];
  /** Command-line targets that name no existing path and match no file. */
  unmatched: string[];
  /** Explicitly named files left out because .gitignore or config `ignore` excludes them. */
  ignored: string[];
  problems: FileProblem[];
}

export interface DiscoveryOptions {
  cwd: string;
  selection: SelectionLookup;
}

/** Resolves each target: an existing file is taken as is, a directory is walked for prompt files, anything else is a glob. */
export async function discoverFiles(targets: readonly string[], options: DiscoveryOptions): Promise<Discovery> {
  const context = new DiscoveryContext(options);
  const result: Discovery = { files: [], unmatched: [], ignored: [], problems: context.problems };
  const found = new Set<string>();
  for (const target of targets) {
    const before = found.size;
    const matched = await resolveTarget(target, context, found, result);
    if (!matched && found.size === before) result.unmatched.push(target);
  }
  result.files = [...found].sort(comparePaths);
  result.problems.sort((a, b) => comparePaths(a.path, b.path));
  return result;
}

/** Returns true when the target named something (even if all of it was ignored). */
async function resolveTarget(target: string, context: DiscoveryContext, found: Set<string>, result: Discovery): Promise<boolean> {
  const absolute = path.resolve(context.cwd, target);
  const stat = await fs.stat(absolute).catch(() => undefined);
  if (stat?.isFile()) {
    if (await context.isExcluded(absolute, false)) result.ignored.push(absolute);
    else found.add(absolute);
    return true;
  }
  if (stat?.isDirectory()) {
    await context.walk(absolute, found, (file) => context.isPromptFile(file));
    return true;
  }
  if (stat) {
    // A FIFO or a device (or a link to /dev/zero) would block or never end: named, it is reported, never read.
    result.problems.push({ path: absolute, message: `not read: ${specialKind(stat)}, not a regular file` });
    return true;
  }
  const scan = picomatch.scan(toPosix(target));
  if (!scan.isGlob) return false;
  const base = path.resolve(context.cwd, scan.base || '.');
  const matches = picomatch(scan.glob, { dot: true });
  await context.walk(base, found, async (file) => matches(toPosix(path.relative(base, file))));
  return false;
}

/** What a path that is neither a file nor a folder is, for the message. */
function specialKind(stat: {
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  return 'a special file';
}

type Accept = (file: string) => Promise<boolean> | boolean;

const defaultPromptName = picomatch([...DEFAULT_PROMPT_PATTERNS], { dot: true });

/** True when a directory walk would take `file` as a prompt: a prompt file name, or a `files` glob of the config that applies. */
export async function isPromptPath(file: string, selection: SelectionLookup): Promise<boolean> {
  if (defaultPromptName(path.basename(file))) return true;
  const { include } = await selection(path.dirname(file));
  return include.some((set) => compiledInclude(set)(file));
}

/** Caches shared by every target of one run: .gitignore chains, compiled config globs. */
class DiscoveryContext {
  readonly cwd: string;
  readonly problems: FileProblem[] = [];
  private readonly selection: SelectionLookup;
  private readonly gitignores = new GitignoreTree();
  private readonly limit = limiter(READDIR_CONCURRENCY);
  private readonly defaults = picomatch([...DEFAULT_PROMPT_PATTERNS], { dot: true });

  constructor(options: DiscoveryOptions) {
    this.cwd = options.cwd;
    this.selection = options.selection;
  }

  /** Default prompt patterns, or a `files` glob of the config that applies to the file's folder. */
  async isPromptFile(file: string): Promise<boolean> {
    if (this.defaults(path.basename(file))) return true;
    const { include } = await this.selection(path.dirname(file));
    return include.some((set) => compiledInclude(set)(file));
  }

  /** Excluded by a .gitignore on the way down from the repository root, or by config `ignore`. */
  async isExcluded(target: string, isDir: boolean): Promise<boolean> {
    if (await this.gitignores.isIgnored(target, isDir)) return true;
    const { ignore: sets } = await this.selection(path.dirname(target));
    return sets.some((set) => compiledIgnore(set)(target, isDir));
  }

  /** Walks `root`; a fresh visited set per walk so two targets over one folder each apply their own filter. */
  async walk(root: string, found: Set<string>, accept: Accept): Promise<void> {
    const visited = new Set<string>();
    await this.walkDir(root, found, accept, visited);
  }

  private async walkDir(dir: string, found: Set<string>, accept: Accept, visited: Set<string>): Promise<void> {
    // Real paths, so a symlink pointing at an ancestor is entered once and loops end.
    const real = await fs.realpath(dir).catch(() => undefined);
    if (real === undefined || visited.has(real)) return;
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = await this.limit(() => fs.readdir(dir, { withFileTypes: true }));
    } catch (error) {
      this.problems.push({ path: dir, message: `cannot read directory: ${errorCode(error)}` });
      return;
    }
    await Promise.all(entries.map((entry) => this.visitEntry(dir, entry, found, accept, visited)));
  }

  private async visitEntry(dir: string, entry: Dirent, found: Set<string>, accept: Accept, visited: Set<string>): Promise<void> {
    const full = path.join(dir, entry.name);
    const kind = await entryKind(full, entry);
    if (kind === 'dir') {
      if (ALWAYS_SKIPPED.has(entry.name) || (await this.isExcluded(full, true))) return;
      await this.walkDir(full, found, accept, visited);
    } else if (kind === 'file') {
      if (found.has(full) || !(await accept(full)) || (await this.isExcluded(full, false))) return;
      found.add(full);
    }
  }
}

/** Follows symlinks to learn what they point at; broken links and sockets are neither. */
async function entryKind(full: string, entry: Dirent): Promise<'file' | 'dir' | 'other'> {
  if (entry.isFile()) return 'file';
  if (entry.isDirectory()) return 'dir';
  if (!entry.isSymbolicLink()) return 'other';
  const stat = await fs.stat(full).catch(() => undefined);
  if (stat?.isFile()) return 'file';
  if (stat?.isDirectory()) return 'dir';
  return 'other';
}

interface IgnoreLevel {
  dir: string;
  rules: Ignore;
}

/** The .gitignore files that apply to a folder: its own and its ancestors' up to the repository root (the folder holding `.git`). */
class GitignoreTree {
  private readonly chains = new Map<string, Promise<IgnoreLevel[]>>();

  async isIgnored(target: string, isDir: boolean): Promise<boolean> {
    const chain = await this.chainFor(path.dirname(target));
    return ignoredByChain(chain, target, isDir);
  }

  chainFor(dir: string): Promise<IgnoreLevel[]> {
    let chain = this.chains.get(dir);
    if (!chain) {
      chain = this.buildChain(dir);
      this.chains.set(dir, chain);
    }
    return chain;
  }

  private async buildChain(dir: string): Promise<IgnoreLevel[]> {
    const parent = path.dirname(dir);
    const top = parent === dir || (await exists(path.join(dir, '.git')));
    const inherited = top ? [] : await this.chainFor(parent);
    const text = await fs.readFile(path.join(dir, '.gitignore'), 'utf8').catch(() => undefined);
    return text === undefined ? inherited : [...inherited, { dir, rules: ignore().add(text) }];
  }
}

/** Outer files first, so a deeper `!pattern` can re-include what an outer one excluded (as git does). */
function ignoredByChain(chain: readonly IgnoreLevel[], target: string, isDir: boolean): boolean {
  let ignored = false;
  for (const level of chain) {
    const relative = relativeInside(level.dir, target);
    if (relative === undefined) continue;
    const verdict = level.rules.test(isDir ? `${relative}/` : relative);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

const includeCache = new Map<string, (file: string) => boolean>();
const ignoreCache = new Map<string, (target: string, isDir: boolean) => boolean>();

/** Config `files` globs; a pattern without `/` matches the file name at any depth. */
function compiledInclude(set: GlobSet): (file: string) => boolean {
  const key = `${set.base}\0${set.patterns.join('\0')}`;
  let compiled = includeCache.get(key);
  if (!compiled) {
    // picomatch's `basename` option also applies to patterns with a slash (and then never matches), so split them.
    const patterns = set.patterns.map(stripDotSlash);
    const anywhere = patterns.filter((p) => !p.includes('/'));
    const rooted = patterns.filter((p) => p.includes('/'));
    const byName = anywhere.length > 0 ? picomatch(anywhere, { dot: true, basename: true }) : () => false;
    const byPath = rooted.length > 0 ? picomatch(rooted, { dot: true }) : () => false;
    const matches = (relative: string): boolean => byName(relative) || byPath(relative);
    compiled = (file) => {
      const relative = relativeInside(set.base, file);
      return relative !== undefined && matches(relative);
    };
    includeCache.set(key, compiled);
  }
  return compiled;
}

/** Config `ignore` entries use .gitignore syntax (a trailing `/` means folders, `!` re-includes). */
function compiledIgnore(set: GlobSet): (target: string, isDir: boolean) => boolean {
  const key = `${set.base}\0${set.patterns.join('\0')}`;
  let compiled = ignoreCache.get(key);
  if (!compiled) {
    const rules = ignore().add([...set.patterns].map(stripDotSlash));
    compiled = (target, isDir) => {
      const relative = relativeInside(set.base, target);
      return relative !== undefined && rules.ignores(isDir ? `${relative}/` : relative);
    };
    ignoreCache.set(key, compiled);
  }
  return compiled;
}

/** Posix path of `target` inside `base`, or undefined when it is not strictly inside. */
function relativeInside(base: string, target: string): string | undefined {
  const relative = path.relative(base, target);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return toPosix(relative);
}

function stripDotSlash(pattern: string): string {
  return pattern.startsWith('./') ? pattern.slice(2) : pattern;
}

export function toPosix(p: string): string {
  return path.sep === '\\' ? p.replace(/\\/g, '/') : p;
}

/** Segment-wise code-unit order: a folder's files stay together and the order never depends on the locale. */
export function comparePaths(a: string, b: string): number {
  const left = a.split(/[\\/]/);
  const right = b.split(/[\\/]/);
  for (let i = 0; i < Math.min(left.length, right.length); i++) {
    if (left[i] !== right[i]) return left[i] < right[i] ? -1 : 1;
  }
  return left.length - right.length;
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(
    () => true,
    () => false,
  );
}

function errorCode(error: unknown): string {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

/** An fs error code in words: EACCES is "permission denied", not "not found". */
export function describeFsError(error: unknown): string {
  const code = errorCode(error);
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'not found';
  if (code === 'ELOOP') return 'too many levels of symbolic links';
  if (code === 'EISDIR') return 'is a folder';
  return code;
}

/** A file's text as the engine should see it, or why it was not read (`code`: the fs error code, when there was one). */
export type ReadResult = { ok: true; text: string; bom: boolean } | { ok: false; message: string; code?: string };

/**
 * Reads a prompt file for linting. Never throws: binary, oversized, non-UTF-8 and unreadable files
 * become a one-line message. The BOM is removed (editors do not count it as a column) and remembered for --fix.
 */
export async function readTextFile(file: string): Promise<ReadResult> {
  let buffer: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile()) return { ok: false, message: 'skipped: not a regular file' };
    if (stat.size > MAX_FILE_BYTES) return { ok: false, message: 'skipped: larger than 10 MB' };
    buffer = await fs.readFile(file);
  } catch (error) {
    return { ok: false, message: `cannot read file: ${describeFsError(error)}`, code: errorCode(error) };
  }
  // The size can change between stat and read (a growing log file); check what was actually read.
  if (buffer.length > MAX_FILE_BYTES) return { ok: false, message: 'skipped: larger than 10 MB' };
  if (buffer.subarray(0, BINARY_PROBE_BYTES).includes(0)) return { ok: false, message: 'skipped: binary file' };
  let text: string;
  try {
    // Fatal decoding: replacing bad bytes with U+FFFD would let --fix silently corrupt the file.
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(buffer);
  } catch {
    return { ok: false, message: 'skipped: not UTF-8 text' };
  }
  const bom = text.charCodeAt(0) === 0xfeff;
  return { ok: true, text: bom ? text.slice(1) : text, bom };
}
