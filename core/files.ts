// The file access a front end hands the engine (docs/design/conventions.md C5): Node fs in the CLI and desktop server, the client's workspace on the web.

/** Why a read gave no text. */
export type ReadFailure = 'missing' | 'denied' | 'outside-root' | 'unreadable';

export type FileRead = { ok: true; text: string } | { ok: false; reason: ReadFailure; message: string };

/**
 * The folders reads may reach (docs/security.md): the root (the folder holding `.promptbound.yaml`, else the git root,
 * else the folder checked; the workspace folder in the editor) and the folders `allowOutsideRoot` lists, or anywhere
 * local when it is `true`. Paths or uris, in the same form as the files read.
 */
export interface ReadScope {
  root: string;
  allowed: readonly string[] | 'any';
}

export interface FileAccess {
  /** The file's text, or undefined when it does not exist or cannot be read as text. */
  readText(uri: string): Promise<string | undefined>;
  /**
   * The file's text or why not (permission denied, outside the scope). With a scope, a front end that has symbolic
   * links resolves them before checking that the file is inside it. Optional: without it, `readText` is used.
   */
  read?(uri: string, scope?: ReadScope): Promise<FileRead>;
  /**
   * Files under `baseUri` (a folder) matching any of the globs (`**`, `*`, `?`, `{a,b}`), relative to it,
   * returned as uris in a stable order. Never follows a glob outside `baseUri`.
   */
  glob(baseUri: string, patterns: readonly string[]): Promise<string[]>;
}

/** Resolves `relative` against the folder of `fromUri` ("/a/b/p.prompt.md" + "./s.json" → "/a/b/s.json"); uris use `/`. */
export function resolveRelative(fromUri: string, relative: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(relative) || relative.startsWith('/')) return relative;
  const slash = fromUri.lastIndexOf('/');
  const parts = (slash >= 0 ? fromUri.slice(0, slash) : '.').split('/');
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && parts.length > 1 && parts[parts.length - 1] !== '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

/** The folder part of a uri. */
export function folderOf(uri: string): string {
  const slash = uri.lastIndexOf('/');
  return slash >= 0 ? uri.slice(0, slash) : '.';
}

/** Reads `uri` within `scope` (when given): outside it the file is not read at all. Never throws. */
export async function readScoped(files: FileAccess, uri: string, scope: ReadScope | undefined): Promise<FileRead> {
  if (scope && !inScope(uri, scope)) return { ok: false, reason: 'outside-root', message: outsideMessage(scope) };
  try {
    if (files.read) return await files.read(uri, scope);
    const text = await files.readText(uri);
    return text === undefined ? { ok: false, reason: 'missing', message: 'not found' } : { ok: true, text };
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Lexically inside the root or an allowed folder (symbolic links are the front end's to resolve). */
export function inScope(uri: string, scope: ReadScope): boolean {
  if (scope.allowed === 'any') return true;
  return [scope.root, ...scope.allowed].some((folder) => isWithin(folder, uri));
}

export function isWithin(folder: string, target: string): boolean {
  const base = folder.replace(/\\/g, '/').replace(/\/+$/, '');
  const file = target.replace(/\\/g, '/');
  if (file.split('/').includes('..')) return false;
  return file === base || file.startsWith(`${base}/`);
}

export function outsideMessage(scope: ReadScope, resolved?: string): string {
  const via = resolved === undefined ? '' : ` (a symbolic link to ${resolved})`;
  return `is outside the root ${scope.root}${via} and is not read; list its folder under allowOutsideRoot in .promptbound.yaml to allow it`;
}
