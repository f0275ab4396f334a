// How paths are shown: relative to the cwd for people, repository-relative posix URIs for SARIF and GitHub.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Relative to `cwd` when inside it (shorter, still clickable in terminals), else absolute. */
export function displayPath(cwd: string, file: string): string {
  const relative = path.relative(cwd, file);
  return relative === '' || relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}

/** Posix path of `file` relative to `root`, or undefined when the file lies outside it. */
export function rootRelative(root: string, file: string): string | undefined {
  const relative = path.relative(root, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}

/** The nearest folder at or above `start` that holds `.git`; `start` itself when there is none. */
export function findRepositoryRoot(start: string): string {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start);
  }
}

/** A relative posix path as a URI reference: each segment percent-encoded (spaces, `#`, `%`, non-ASCII). */
export function relativeUri(posixPath: string): string {
  return posixPath.split('/').map(encodeURIComponent).join('/');
}

/** The path a diagnostic's `uri` names: a file URI, an absolute path, or a path relative to the linted document's folder. */
export function pathOfUri(uri: string, documentPath: string): string {
  if (/^file:/i.test(uri)) return fileURLToPath(uri);
  return path.resolve(path.dirname(documentPath), uri);
}
