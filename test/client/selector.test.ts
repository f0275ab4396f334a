// Which documents the client hands the language server.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_PROMPT_GLOBS, PROMPT_LANGUAGES, PROMPT_PATTERN, SAMPLE_PATTERNS, documentSelector } from '../../client/selector';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROMPT_EXTENSIONS, PROMPT_FILE_KINDS, PROMPT_GLOBS } from '../../core/formats';

describe('client/selector', () => {
  it('selects the four languages, the docs/design/interop.md names whatever their language, and sample files', () => {
    assert.deepEqual(documentSelector([], []), [
      { language: 'prompt' },
      { language: 'dotprompt' },
      { language: 'prompty' },
      { language: 'prompt-yaml' },
      { pattern: '**/*.{prompt.md,prompt,prompty,prompt.yml,prompt.yaml}' },
      { pattern: '**/*.samples/**/*.{json,jsonl,txt,md}' },
      { pattern: '**/*.sample.{json,jsonl,txt,md}' },
    ]);
    assert.equal(PROMPT_PATTERN, `**/*.{${DEFAULT_PROMPT_GLOBS.map((g) => g.slice('**/*.'.length)).join(',')}}`);
    assert.equal(PROMPT_LANGUAGES.length, 4);
    assert.equal(SAMPLE_PATTERNS.length, 2);
  });

  it('makes promptbound.files globs relative to each workspace folder', () => {
    const folders = [{ uri: 'file:///a' }, { uri: 'vscode-test-web://mount/' }];
    assert.deepEqual(documentSelector(folders, ['prompts/**/*.txt', './more/*.txt', ' ', '**/x.txt']).slice(7), [
      { pattern: { baseUri: 'file:///a', pattern: 'prompts/**/*.txt' } },
      { pattern: { baseUri: 'vscode-test-web://mount/', pattern: 'prompts/**/*.txt' } },
      { pattern: { baseUri: 'file:///a', pattern: 'more/*.txt' } },
      { pattern: { baseUri: 'vscode-test-web://mount/', pattern: 'more/*.txt' } },
      { pattern: '**/x.txt' },
    ]);
  });

  it('matches extra globs anywhere when no folder is open', () => {
    assert.deepEqual(documentSelector([], ['prompts\\*.txt']).slice(7), [{ pattern: '**/prompts/*.txt' }]);
  });
});

describe('the client agrees with the one table of prompt file kinds (core/formats.ts)', () => {
  it('globs, pattern, language ids and package.json languages', () => {
    assert.deepEqual(DEFAULT_PROMPT_GLOBS, [...PROMPT_GLOBS]);
    assert.equal(PROMPT_PATTERN, `**/*.{${PROMPT_EXTENSIONS.map((e) => e.slice(1)).join(',')}}`);
    assert.deepEqual([...PROMPT_LANGUAGES], [...new Set(PROMPT_FILE_KINDS.map((k) => k.languageId))]);
    const manifest = JSON.parse(readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as {
      contributes: { languages: Array<{ id: string; extensions: string[] }> };
    };
    const contributed = manifest.contributes.languages.flatMap((l) =>
      l.extensions.map((extension) => ({ extension, languageId: l.id })),
    );
    assert.deepEqual(
      contributed.sort((a, b) => a.extension.localeCompare(b.extension)),
      PROMPT_FILE_KINDS.map(({ extension, languageId }) => ({ extension, languageId })).sort((a, b) =>
        a.extension.localeCompare(b.extension),
      ),
    );
  });
});
