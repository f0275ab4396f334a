// Uri helpers for the server: one canonical spelling per file (open documents, core's resolved paths and glob results must meet).
import { URI, Utils } from 'vscode-uri';

/**
 * The spelling every map in the server is keyed by. Core builds uris by joining strings
 * (`file:///a/my dir/s.json`) while editors send them encoded (`file:///a/my%20dir/s.json`);
 * a parse and print makes both the same. Text that is not a uri is kept as it is.
 */
export function canonicalUri(uri: string): string {
  try {
    return URI.parse(uri).toString();
  } catch {
    return uri;
  }
}

/** The folder holding `uri`, as a uri; undefined at the root. */
export function parentUri(uri: string): string | undefined {
  const parsed = URI.parse(uri);
  const parent = Utils.dirname(parsed);
  return parent.path === parsed.path ? undefined : parent.toString();
}

export function joinUri(folder: string, name: string): string {
  return Utils.joinPath(URI.parse(folder), name).toString();
}

export function baseName(uri: string): string {
  return Utils.basename(URI.parse(uri));
}

/** `uri`'s path relative to `folder` ('a/b.txt'), or undefined when it is not inside it. */
export function relativeTo(folder: string, uri: string): string | undefined {
  const base = URI.parse(folder);
  const target = URI.parse(uri);
  if (base.scheme !== target.scheme || base.authority !== target.authority) return undefined;
  const prefix = base.path.endsWith('/') ? base.path : `${base.path}/`;
  return target.path.startsWith(prefix) ? target.path.slice(prefix.length) : undefined;
}

export function isFileUri(uri: string): boolean {
  return /^file:/i.test(uri);
}
