// Which documents the language server is told about: the four prompt languages, their file patterns, sample files, and the user's extra globs.
import type { DocumentFilter } from 'vscode-languageclient';

/** Language ids contributed in package.json, one per docs/design/interop.md file kind. `prompt` is the id VS Code and Copilot use for `*.prompt.md`. */
export const PROMPT_LANGUAGES = ['prompt', 'dotprompt', 'prompty', 'prompt-yaml'] as const;

/** The docs/design/interop.md file kinds as workspace globs (lint workspace). */
export const DEFAULT_PROMPT_GLOBS = ['**/*.prompt.md', '**/*.prompt', '**/*.prompty', '**/*.prompt.yml', '**/*.prompt.yaml'];

/** The docs/design/interop.md file patterns, matched even when another extension or `files.associations` gives the file another language. */
export const PROMPT_PATTERN = '**/*.{prompt.md,prompt,prompty,prompt.yml,prompt.yaml}';

/** Default sample locations (`<stem>.samples/**`, `<stem>.sample.*`): opened samples are linted as they are typed. */
export const SAMPLE_PATTERNS = ['**/*.samples/**/*.{json,jsonl,txt,md}', '**/*.sample.{json,jsonl,txt,md}'];

export interface FolderRef {
  uri: string;
}

/**
 * The client's document selector. Extra globs (`promptbound.files`, relative to a workspace folder) become
 * relative patterns on each folder; with no folder open they match anywhere (`**\/glob`).
 */
export function documentSelector(folders: readonly FolderRef[], extraGlobs: readonly string[]): DocumentFilter[] {
  const filters: DocumentFilter[] = [
    ...PROMPT_LANGUAGES.map((language) => ({ language })),
    { pattern: PROMPT_PATTERN },
    ...SAMPLE_PATTERNS.map((pattern) => ({ pattern })),
  ];
  for (const raw of extraGlobs) {
    const glob = raw.trim().replace(/\\/g, '/').replace(/^\.\//, '');
    if (glob === '') continue;
    if (folders.length === 0 || glob.startsWith('**/')) filters.push({ pattern: glob.startsWith('**/') ? glob : `**/${glob}` });
    else for (const folder of folders) filters.push({ pattern: { baseUri: folder.uri, pattern: glob } });
  }
  return filters;
}
