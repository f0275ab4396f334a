// How the client answers the web server's file requests, over an abstract directory tree: no vscode import, so it is unit-tested.
import picomatch from 'picomatch';

/** Files larger than this are not handed to the engine (as in the Node FileAccess). */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;
/** Like git: a NUL byte in the first 8,000 bytes means binary. */
const BINARY_PROBE_BYTES = 8000;

/**
 * A file's bytes as text the way the desktop server reads them: strictly UTF-8 (a replaced byte would let a
 * fix corrupt the file), BOM dropped, null for binary, non-UTF-8 or oversized files.
 */
export function decodeText(bytes: Uint8Array): string | null {
  if (bytes.length > MAX_FILE_BYTES) return null;
  if (bytes.subarray(0, BINARY_PROBE_BYTES).includes(0)) return null;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export type EntryKind = 'file' | 'directory' | 'other';

/** The little a glob walk needs from a file system: list a folder, name a child. `D` is the host's handle (a vscode.Uri). */
export interface DirectoryTree<D> {
  list(dir: D): Promise<Array<[name: string, kind: EntryKind]>>;
  child(dir: D, name: string): D;
}

export interface WalkLimits {
  /** Directory entries looked at in all, across patterns. */
  entries: number;
  /** Folders descended below a pattern's static prefix. */
  depth: number;
}

/** The Node FileAccess's bounds, so the web server sees what the desktop server sees. */
export const DEFAULT_WALK_LIMITS: WalkLimits = { entries: 20_000, depth: 16 };

/** Folders never walked. */
const SKIPPED = new Set(['.git', 'node_modules']);

/**
 * Files under `root` matching any of the relative globs, in path order. Each pattern is walked from its
 * static prefix only; absolute patterns and `..` are ignored (never outside the base, like the Node FileAccess).
 */
export async function globFiles<D>(
  tree: DirectoryTree<D>,
  root: D,
  patterns: readonly string[],
  limits: WalkLimits = DEFAULT_WALK_LIMITS,
): Promise<D[]> {
  const found = new Map<string, D>();
  const budget = { entries: limits.entries };
  for (const raw of patterns) {
    const pattern = raw.replace(/\\/g, '/').replace(/^\.\//, '');
    if (pattern === '' || pattern.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(pattern) || pattern.split('/').includes('..'))
      continue;
    const { base, glob } = picomatch.scan(pattern);
    const matches = picomatch(pattern, { dot: false, windows: false });
    const prefix = base === '' ? [] : base.split('/').filter((part) => part !== '' && part !== '.');
    const start = prefix.reduce((dir, name) => tree.child(dir, name), root);
    const recursive = glob.includes('/') || glob.includes('**');
    await walk(tree, start, prefix.join('/'), recursive ? limits.depth : 0, budget, (path, handle) => {
      if (matches(path)) found.set(path, handle);
    });
  }
  return [...found.keys()].sort(comparePaths).map((path) => found.get(path)!);
}

async function walk<D>(
  tree: DirectoryTree<D>,
  dir: D,
  path: string,
  depth: number,
  budget: { entries: number },
  visit: (path: string, handle: D) => void,
): Promise<void> {
  const entries = await tree.list(dir).catch(() => []);
  for (const [name, kind] of [...entries].sort((a, b) => comparePaths(a[0], b[0]))) {
    if (--budget.entries < 0) return;
    const childPath = path === '' ? name : `${path}/${name}`;
    if (kind === 'file') visit(childPath, tree.child(dir, name));
    else if (kind === 'directory' && depth > 0 && !SKIPPED.has(name))
      await walk(tree, tree.child(dir, name), childPath, depth - 1, budget, visit);
  }
}

function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rank files are `dist/ranks/<encoding>.json`; anything but a plain encoding name is refused (no path tricks). */
export function rankFileName(encoding: string): string | undefined {
  return /^[a-z0-9_]+$/i.test(encoding) ? `${encoding}.json` : undefined;
}
