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
