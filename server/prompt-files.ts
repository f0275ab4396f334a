// Which documents are prompts: the five prompt file kinds, the settings' `files` globs and the configs' `files` globs.
import picomatch from 'picomatch/posix';
import { baseName, relativeTo } from './uris';

/** The prompt file kinds of SPEC §2, by name. */
const PROMPT_NAME = /\.(?:prompt\.md|prompt|prompty|prompt\.ya?ml)$/i;

/** The extensions a prompt may have, in the order a sample's owner is looked for (`<stem>.sample.json` → `<stem>.prompt.md`, ...). */
export const PROMPT_EXTENSIONS: readonly string[] = ['.prompt.md', '.prompt', '.prompty', '.prompt.yml', '.prompt.yaml'];

export function hasPromptName(uri: string): boolean {
  return PROMPT_NAME.test(baseName(uri));
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

function normalizeGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/');
  while (g.startsWith('./')) g = g.slice(2);
  return g;
}
