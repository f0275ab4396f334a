// Finds a prompt's sample completions (docs/design/interop.md): its `samples:` globs, or `<stem>.samples/**` and `<stem>.sample.*` beside it.
import type { PromptDocument } from '../document/types';
import { folderOf, type FileAccess } from '../files';
import { promptExtensionOf } from '../formats';

/** The file kinds a sample can be; other files in a samples folder (notes, images) are left alone. */
export const SAMPLE_EXTENSIONS: readonly string[] = ['.json', '.jsonl', '.txt', '.md'];

/** `support.prompt.md` → `support`; a name without a prompt extension loses its last extension (`x.txt` → `x`). */
export function promptStem(uri: string): string {
  const name = uri.slice(uri.lastIndexOf('/') + 1);
  const known = promptExtensionOf(name);
  if (known) return name.slice(0, -known.length);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(0, dot) : name;
}

/**
 * The `samples` globs as declared: undefined when the key is absent (defaults apply), `[]` when it is `[]`
 * (checking disabled) or holds nothing usable.
 */
export function declaredSampleGlobs(document: PromptDocument): string[] | undefined {
  const value = document.frontmatter?.value;
  if (!value || !('samples' in value)) return undefined;
  const samples = value.samples;
  if (typeof samples === 'string') return samples.trim() === '' ? [] : [samples];
  if (Array.isArray(samples)) return samples.filter((s): s is string => typeof s === 'string' && s.trim() !== '');
  return [];
}

/** Default globs: `<stem>.samples/**` and `<stem>.sample.*`, glob characters in the stem escaped. */
export function defaultSampleGlobs(uri: string): string[] {
  const stem = escapeGlob(promptStem(uri));
  return [`${stem}.samples/**`, `${stem}.sample.*`];
}

/** Sample file uris for a prompt, in the stable order FileAccess.glob returns, filtered to sample file kinds. */
export async function discoverSamples(document: PromptDocument, files: FileAccess): Promise<string[]> {
  const declared = declaredSampleGlobs(document);
  const globs = declared ? declared.map(normalizeGlob) : defaultSampleGlobs(document.uri);
  if (globs.length === 0) return [];
  const found = await files.glob(folderOf(document.uri), globs);
  return found.filter((uri) => uri !== document.uri && SAMPLE_EXTENSIONS.some((ext) => uri.toLowerCase().endsWith(ext)));
}

/** `./x/*.json` → `x/*.json`: globs are relative to the prompt's folder (or the config's, for `files`). */
export function normalizeGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/');
  while (g.startsWith('./')) g = g.slice(2);
  return g;
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]{}()!+@\\]/g, (c) => `\\${c}`);
}
