// A sample or schema file named on the command line (a pre-commit hook passes the changed files) is checked through the
// prompts that use it: those prompts are linted, and the file's diagnostics come with them, at their place in the file.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileAccess } from '../core/files';
import { lintDocument, type EngineHost } from '../core/engine';
import type { ConfigResolver } from '../node/config';
import { discoverFiles, isPromptPath, readTextFile } from '../node/files';
import { mapLimit } from '../node/concurrency';

const CONCURRENCY = 8;

export interface Ownership {
  /** The prompts to lint instead of the named non-prompt files they read. */
  owners: string[];
  /** Named non-prompt files some prompt reads (replaced by `owners`). */
  owned: Set<string>;
}

/**
 * `named` are the existing files the command line names. Those that are not prompts (by name or config `files`) are
 * looked up among the prompts of the repository (`root`, walked as `check` walks a folder): every prompt that reads one
 * of them while being linted — a schema `$ref`, an output schema file, a sample by convention or by its `samples` globs —
 * owns it. A named file no prompt reads is left alone (it is linted as a plain-text prompt, as before).
 */
export async function findOwners(
  named: readonly string[],
  root: string,
  configs: ConfigResolver,
  host: EngineHost,
): Promise<Ownership> {
  const selection = (dir: string) => configs.selectionFor(dir);
  const candidates = new Set<string>();
  for (const file of named) if (!(await isPromptPath(file, selection))) candidates.add(path.resolve(file));
  if (candidates.size === 0) return { owners: [], owned: new Set() };
  // A broken config elsewhere in the repository must not stop the search; the file's own config errors are reported when linted.
  const tolerant = (dir: string) => configs.selectionFor(dir).catch(() => ({ include: [], ignore: [] }));
  const prompts = (await discoverFiles([root], { cwd: root, selection: tolerant })).files;
  const owners: string[] = [];
  const owned = new Set<string>();
  await mapLimit(prompts, CONCURRENCY, async (prompt) => {
    const read = await readTextFile(prompt);
    if (!read.ok) return;
    const touched = new Set<string>();
    const files = recording(host.files, touched);
    const config = await configs.configFor(path.dirname(prompt)).catch(() => undefined);
    if (!config) return;
    await lintDocument({ uri: prompt, text: read.text, config, samples: true }, { ...host, files }).catch(() => undefined);
    let owns = false;
    for (const file of touched) {
      if (candidates.has(file)) {
        owned.add(file);
        owns = true;
      }
    }
    if (owns) owners.push(prompt);
  });
  return { owners, owned };
}

/** The host's file access, noting every file it reads and every file a glob returns (resolved to absolute paths). */
function recording(files: FileAccess | undefined, touched: Set<string>): FileAccess | undefined {
  if (!files) return undefined;
  return {
    async readText(uri) {
      touched.add(path.resolve(uri));
      return files.readText(uri);
    },
    async glob(base, patterns) {
      const found = await files.glob(base, patterns);
      for (const uri of found) touched.add(path.resolve(uri));
      return found;
    },
  };
}

/** The command-line targets that name an existing file (not a folder or a glob), as absolute paths. */
export async function namedFiles(targets: readonly string[], cwd: string): Promise<string[]> {
  const files: string[] = [];
  for (const target of targets) {
    const absolute = path.resolve(cwd, target);
    const stat = await fs.stat(absolute).catch(() => undefined);
    if (stat?.isFile()) files.push(absolute);
  }
  return files;
}
