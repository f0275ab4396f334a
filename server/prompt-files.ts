// Which documents are prompts: the five prompt file kinds, the settings' `files` globs and the configs' `files` globs.
import picomatch from 'picomatch/posix';
import { promptExtensionOf } from '../core/formats';
import { normalizeGlob } from '../core/samples/discover';
import { baseName, relativeTo } from './uris';

export { PROMPT_EXTENSIONS } from '../core/formats';

/** A file of one of the prompt file kinds (core/formats.ts), by name. */
export function hasPromptName(uri: string): boolean {
  return promptExtensionOf(baseName(uri)) !== undefined;
}

/** True when `uri` lies under one of `bases` and matches one of its globs (relative to that base). */
export function matchesGlobs(uri: string, globs: ReadonlyArray<{ base: string; patterns: readonly string[] }>): boolean {
  for (const { base, patterns } of globs) {
    const relative = relativeTo(base, uri);
    if (relative === undefined || patterns.length === 0) continue;
    if (picomatch(patterns.map(normalizeGlob), { dot: false })(relative)) return true;
  }
  return false;
}
