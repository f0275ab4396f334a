// Guards and helpers for plain JSON-like data (parsed YAML, JSON, settings), shared across core and its front ends.

/** A plain object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `3 words`, `1 word`, `2 matches` (with `pluralForm` for irregular nouns). */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : pluralForm}`;
}

/** RFC 6901: `/a~1b/c~0d` → [`a/b`, `c~d`] (`~1` is `/`, `~0` is `~`, in that order). */
export function decodePointer(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((token) => token.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One segment of an RFC 6901 pointer. */
export function encodePointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** RFC 6901: [`a/b`, `c~d`] → `/a~1b/c~0d`. */
export function encodePointer(path: ReadonlyArray<string | number>): string {
  return path.map((segment) => `/${encodePointerSegment(segment)}`).join('');
}

/** The node at `path` (object keys, array indexes), or undefined; inherited properties are not followed. */
export function nodeAtPath(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let node = root;
  for (const segment of path) {
    if (Array.isArray(node)) node = node[Number(segment)];
    else if (isRecord(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return undefined;
  }
  return node;
}

/** The node an RFC 6901 pointer (`/a/0/b~1c`) names, or undefined. */
export function nodeAtPointer(root: unknown, pointer: string): unknown {
  if (pointer !== '' && !pointer.startsWith('/')) return undefined;
  return nodeAtPath(root, decodePointer(pointer));
}

/** The node a local `$ref` (`#/$defs/a%20b`) names in `root`, or undefined (also for a malformed escape). */
export function nodeAtLocalRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let pointer: string;
  try {
    pointer = decodeURIComponent(ref.slice(1));
  } catch {
    return undefined;
  }
  return nodeAtPointer(root, pointer);
}
