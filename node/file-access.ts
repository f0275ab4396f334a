// The Node FileAccess the CLI and desktop server hand the engine: reads text files (symbolic links resolved before the
// root check, docs/security.md) and globs under one folder, never outside it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { FileAccess, FileRead, ReadScope } from '../core/files';
import { outsideMessage } from '../core/files';
import { readTextFile, toPosix, comparePaths } from './files';

/** Folders never walked. */
const SKIPPED = new Set(['.git', 'node_modules']);
/** A glob walk stops after this many directory entries or this depth, so `samples: ['**']` at a repository root stays cheap. */
const MAX_ENTRIES = 20_000;
const MAX_DEPTH = 16;

export function nodeFileAccess(): FileAccess {
  return {
    async readText(uri) {
      const read = await readTextFile(uri);
      return read.ok ? read.text : undefined;
    },
    read: readConfined,
    glob: globFiles,
  };
}

/**
 * Reads `file` when, after resolving symbolic links, it lies inside the scope's root or an allowed folder (each
 * resolved the same way); a link from inside the root to a file outside it is refused like a `../` path.
 */
export async function readConfined(file: string, scope?: ReadScope): Promise<FileRead> {
  if (scope && scope.allowed !== 'any') {
    let real: string;
    try {
      real = await fs.realpath(file);
    } catch (error) {
      return failure(error);
    }
    const folders = await Promise.all(
      [scope.root, ...scope.allowed].map((folder) => fs.realpath(folder).catch(() => path.resolve(folder))),
    );
    if (!folders.some((folder) => isInside(folder, real)))
      return { ok: false, reason: 'outside-root', message: outsideMessage(scope, real) };
  }
  const read = await readTextFile(file);
  if (read.ok) return { ok: true, text: read.text };
  if (read.code === 'EACCES' || read.code === 'EPERM') return { ok: false, reason: 'denied', message: 'permission denied' };
  if (read.code === 'ENOENT' || read.code === 'ENOTDIR') return { ok: false, reason: 'missing', message: 'not found' };
  return { ok: false, reason: 'unreadable', message: read.message.replace(/^(skipped|cannot read file): /, '') };
}

function failure(error: unknown): FileRead {
  const code = (error as { code?: unknown })?.code;
  if (code === 'EACCES' || code === 'EPERM') return { ok: false, reason: 'denied', message: 'permission denied' };
  if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, reason: 'missing', message: 'not found' };
  return { ok: false, reason: 'unreadable', message: typeof code === 'string' ? code : String(error) };
}

/** Files under `base` matching any pattern; each pattern is walked from its static prefix only. */
async function globFiles(base: string, patterns: readonly string[]): Promise<string[]> {
  const root = path.resolve(base);
  const found = new Set<string>();
  const budget = { entries: MAX_ENTRIES };
  for (const pattern of patterns) {
    const posix = toPosix(pattern);
    if (posix.startsWith('/') || posix.split('/').includes('..')) continue; // never leaves the base folder
    const { base: prefix, glob } = picomatch.scan(posix);
    const start = path.resolve(root, prefix);
    if (!isInside(root, start)) continue;
    const matcher = picomatch(posix, { dot: false });
    const recursive = glob.includes('/') || glob.includes('**');
    await walk(
      root,
      start,
      recursive ? MAX_DEPTH : 0,
      (file) => {
        if (matcher(toPosix(path.relative(root, file)))) found.add(file);
      },
      budget,
    );
  }
  return [...found].sort(comparePaths);
}

async function walk(
  root: string,
  dir: string,
  depth: number,
  visit: (file: string) => void,
  budget: { entries: number },
): Promise<void> {
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    if (--budget.entries < 0) return;
    const full = path.join(dir, entry.name);
    if (entry.isFile()) visit(full);
    else if (entry.isDirectory() && depth > 0 && !SKIPPED.has(entry.name)) await walk(root, full, depth - 1, visit, budget);
  }
}

function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}
