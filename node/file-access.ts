// The Node FileAccess the CLI and desktop server hand the engine: reads text files and globs under one folder, never outside it.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import type { FileAccess } from '../core/files';
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
    glob: globFiles,
  };
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
    await walk(root, start, recursive ? MAX_DEPTH : 0, (file) => {
      if (matcher(toPosix(path.relative(root, file)))) found.add(file);
    }, budget);
  }
  return [...found].sort(comparePaths);
}

async function walk(root: string, dir: string, depth: number, visit: (file: string) => void, budget: { entries: number }): Promise<void> {
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
