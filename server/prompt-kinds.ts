// Which open documents are prompts (by name, or by the settings' and configs' `files` globs), remembered until
// settings or a config change; and which prompt a sample file belongs to by the default naming.
import type { FileAccess } from '../core/files';
import type { EditorSettings } from './protocol';
import type { ConfigLookup } from './config';
import { hasPromptName, matchesGlobs, PROMPT_EXTENSIONS } from './prompt-files';
import { baseName, canonicalUri, joinUri, parentUri } from './uris';

export class PromptKinds {
  /** Whether an open document is a prompt, decided when it opens and after settings or config change. */
  private readonly kinds = new Map<string, boolean>();

  constructor(
    private readonly configs: ConfigLookup,
    private readonly settingsFor: (uri: string) => Promise<EditorSettings>,
    private readonly roots: () => readonly string[],
  ) {}

  /** A prompt by name, or by the settings' or a config's `files` globs. */
  async classify(uri: string): Promise<boolean> {
    const known = this.kinds.get(uri);
    if (known !== undefined) return known;
    let prompt = hasPromptName(uri);
    if (!prompt) {
      const settings = await this.settingsFor(uri);
      const { chain } = await this.configs.configFor(uri, settings, undefined);
      const globs = [
        ...this.roots().map((base) => ({ base, patterns: settings.files })),
        ...chain.map((c) => ({ base: c.folder, patterns: (c.config.files ?? []).filter((g) => typeof g === 'string') })),
      ];
      prompt = matchesGlobs(uri, globs);
    }
    this.kinds.set(uri, prompt);
    return prompt;
  }

  /** The answer given before, if any. */
  known(uri: string): boolean | undefined {
    return this.kinds.get(uri);
  }

  forget(uri: string): void {
    this.kinds.delete(uri);
  }

  clear(): void {
    this.kinds.clear();
  }

  get size(): number {
    return this.kinds.size;
  }
}

/**
 * The prompt a sample file belongs to by the default naming (`<stem>.sample.*`, `<stem>.samples/**`), when it
 * exists; samples matched only by a prompt's own `samples:` globs are found once that prompt is linted.
 */
export async function findOwner(
  uri: string,
  isKnownPrompt: (uri: string) => boolean,
  files: FileAccess,
): Promise<string | undefined> {
  const candidates: string[] = [];
  const name = baseName(uri);
  const folder = parentUri(uri);
  const sample = /^(.+)\.sample\.[^.]+$/.exec(name);
  if (sample && folder) for (const ext of PROMPT_EXTENSIONS) candidates.push(joinUri(folder, sample[1] + ext));
  for (let dir = folder; dir !== undefined; dir = parentUri(dir)) {
    const samples = /^(.+)\.samples$/.exec(baseName(dir));
    const parent = parentUri(dir);
    if (samples && parent) for (const ext of PROMPT_EXTENSIONS) candidates.push(joinUri(parent, samples[1] + ext));
    if (candidates.length > 20) break;
  }
  for (const candidate of candidates) {
    const key = canonicalUri(candidate);
    if (isKnownPrompt(key)) return key;
    if ((await files.readText(key)) !== undefined) return key;
  }
  return undefined;
}
