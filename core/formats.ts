// The prompt file kinds promptbound reads, in one table: extension, format and the editor's language id. Discovery
// globs, sample stems, the server's prompt test and the CLI's help derive from it (docs/design/interop.md); the VS Code
// client, which may not import core, keeps a copy that test/client/selector.test.ts compares with this table.
import type { PromptFormat } from './document/types';

export interface PromptFileKind {
  /** Lower-case, with the leading dot. */
  extension: string;
  format: Exclude<PromptFormat, 'text'>;
  /** The language id package.json contributes for it. */
  languageId: 'prompt' | 'dotprompt' | 'prompty' | 'prompt-yaml';
}

export const PROMPT_FILE_KINDS: readonly PromptFileKind[] = [
  { extension: '.prompt.md', format: 'markdown', languageId: 'prompt' },
  { extension: '.prompt', format: 'dotprompt', languageId: 'dotprompt' },
  { extension: '.prompty', format: 'prompty', languageId: 'prompty' },
  { extension: '.prompt.yml', format: 'github-models', languageId: 'prompt-yaml' },
  { extension: '.prompt.yaml', format: 'github-models', languageId: 'prompt-yaml' },
];

/** In table order: the order a sample's owner is looked for (`<stem>.sample.json` → `<stem>.prompt.md`, …). */
export const PROMPT_EXTENSIONS: readonly string[] = PROMPT_FILE_KINDS.map((kind) => kind.extension);

/** `**\/*.prompt.md`, …: what a directory is searched for when config adds no `files` globs. */
export const PROMPT_GLOBS: readonly string[] = PROMPT_EXTENSIONS.map((extension) => `**/*${extension}`);

/** Longest first, so `x.prompt.md` loses `.prompt.md`, not `.md`. */
const BY_LENGTH = [...PROMPT_EXTENSIONS].sort((a, b) => b.length - a.length);

/** The prompt extension a file name ends with (case-insensitive), if any. */
export function promptExtensionOf(name: string): string | undefined {
  const lower = name.toLowerCase();
  return BY_LENGTH.find((extension) => lower.endsWith(extension) && lower.length > extension.length);
}
