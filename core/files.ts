// The file access a front end hands the engine (STYLE 5): Node fs in the CLI and desktop server, the client's workspace on the web.

export interface FileAccess {
  /** The file's text, or undefined when it does not exist or cannot be read as text. */
  readText(uri: string): Promise<string | undefined>;
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
