// package.json as a VS Code extension manifest: settings match EditorSettings, every command is contributed,
// every grammar, snippet and language-configuration file exists and parses, and the languages match docs/design/interop.md.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Commands, DEFAULT_SETTINGS, type EditorSettings } from '../../server/protocol';
import { PROMPT_LANGUAGES } from '../../client/selector';

const ROOT = path.resolve(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const contributes = manifest.contributes;
const readJson = (relative: string) => JSON.parse(readFileSync(path.join(ROOT, relative), 'utf8'));

describe('manifest: entry points and capabilities', () => {
  it('has desktop and web entries built by esbuild.mjs', () => {
    assert.equal(manifest.main, './dist/client-node.js');
    assert.equal(manifest.browser, './dist/client-browser.js');
    const build = readFileSync(path.join(ROOT, 'esbuild.mjs'), 'utf8');
    assert.match(build, /'client-node': join\(root, 'client', 'node\.ts'\)/);
    assert.match(build, /'client-browser': join\(root, 'client', 'browser\.ts'\)/);
  });

  it('keeps the npm package intact (bin, files, engines)', () => {
    assert.equal(manifest.bin.promptbound, 'bin/promptbound.js');
    for (const shipped of [
      'bin/',
      'dist/cli.js',
      'dist/cli-worker.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/ranks/*.bin',
      'dist/lazy/*.js',
    ])
      assert.ok(manifest.files.includes(shipped), shipped);
    assert.equal(manifest.dependencies, undefined, 'the bundles need no runtime dependency');
    assert.equal(manifest.engines.vscode, '^1.91.0');
    assert.equal(manifest.devDependencies['@types/vscode'], '1.91.0', '@types/vscode must not be newer than engines.vscode');
  });

  it('declares untrusted and virtual workspace support', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, true);
    assert.equal(manifest.capabilities.virtualWorkspaces, true);
  });

  it('activates on each language and on a config file', () => {
    for (const id of PROMPT_LANGUAGES) assert.ok(manifest.activationEvents.includes(`onLanguage:${id}`), id);
    assert.ok(manifest.activationEvents.some((e: string) => e.startsWith('workspaceContains:') && e.includes('.promptbound.')));
    // A sample opened before any prompt is linted too: the workspace's prompt files activate the extension.
    assert.ok(manifest.activationEvents.includes('workspaceContains:**/*.{prompt.md,prompt,prompty,prompt.yml,prompt.yaml}'));
  });

  it('has what vsce needs to package', () => {
    assert.ok(manifest.publisher);
    assert.match(manifest.repository.url, /^https:\/\//);
    for (const file of ['README.md', 'CHANGELOG.md', 'LICENSE', '.vscodeignore', 'package.nls.json', manifest.icon])
      assert.ok(existsSync(path.join(ROOT, file)), file);
    assert.deepEqual(
      [...readFileSync(path.join(ROOT, manifest.icon)).subarray(1, 4)],
      [0x50, 0x4e, 0x47],
      'the icon is a PNG (vsce refuses SVG icons)',
    );
  });
});

describe('manifest: languages (docs/design/interop.md)', () => {
  const expected: Record<string, string[]> = {
    prompt: ['.prompt.md'],
    dotprompt: ['.prompt'],
    prompty: ['.prompty'],
    'prompt-yaml': ['.prompt.yml', '.prompt.yaml'],
  };

  it('contributes one language per file kind with its extensions', () => {
    const languages = Object.fromEntries(
      contributes.languages.map((l: { id: string; extensions: string[] }) => [l.id, l.extensions]),
    );
    assert.deepEqual(languages, expected);
    assert.deepEqual(Object.keys(expected).sort(), [...PROMPT_LANGUAGES].sort());
  });

  it('each extension appears in docs/design/interop.md as documented in the README table', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const ext of Object.values(expected).flat()) assert.ok(readme.includes(`\`*${ext}\``), `README lists *${ext}`);
  });

  it('each language has a configuration file that parses and declares its comment syntax', () => {
    const comments: Record<string, unknown> = {
      prompt: { blockComment: ['<!--', '-->'] },
      dotprompt: { blockComment: ['{{!', '}}'] },
      prompty: { blockComment: ['{#', '#}'] },
      'prompt-yaml': { lineComment: '#' },
    };
    for (const language of contributes.languages) {
      const config = readJson(language.configuration);
      assert.deepEqual(config.comments, comments[language.id], language.id);
    }
  });
});

describe('manifest: grammars and snippets', () => {
  it('one grammar per language; each file parses and names the scope the manifest gives it', () => {
    assert.deepEqual(contributes.grammars.map((g: { language: string }) => g.language).sort(), [...PROMPT_LANGUAGES].sort());
    for (const grammar of contributes.grammars) {
      const file = readJson(grammar.path);
      assert.equal(file.scopeName, grammar.scopeName, grammar.path);
      assert.ok(Array.isArray(file.patterns) && file.patterns.length > 0, grammar.path);
    }
  });

  it('embeds the frontmatter as YAML where there is one', () => {
    for (const grammar of contributes.grammars.filter((g: { language: string }) => g.language !== 'prompt-yaml')) {
      assert.equal(grammar.embeddedLanguages['meta.embedded.block.frontmatter'], 'yaml', grammar.language);
      const text = readFileSync(path.join(ROOT, grammar.path), 'utf8');
      assert.match(text, /"contentName": "meta\.embedded\.block\.frontmatter"/);
      assert.match(text, /"include": "source\.yaml"/);
    }
  });

  it('every include of another grammar names one VS Code ships (YAML, Markdown) or a local rule', () => {
    for (const grammar of contributes.grammars) {
      const text = readFileSync(path.join(ROOT, grammar.path), 'utf8');
      const file = JSON.parse(text);
      for (const [, include] of text.matchAll(/"include": "([^"]+)"/g)) {
        if (include!.startsWith('#')) assert.ok(include!.slice(1) in file.repository, `${grammar.path}: ${include}`);
        else assert.ok(['source.yaml', 'text.html.markdown'].includes(include!), `${grammar.path}: ${include}`);
      }
    }
  });

  it('one snippet file per language; each parses and every snippet has a prefix, body and description', () => {
    assert.deepEqual(contributes.snippets.map((s: { language: string }) => s.language).sort(), [...PROMPT_LANGUAGES].sort());
    for (const entry of contributes.snippets) {
      const snippets = readJson(entry.path);
      assert.ok(Object.keys(snippets).length >= 3, entry.path);
      for (const [name, snippet] of Object.entries<{ prefix: unknown; body: unknown; description: unknown }>(snippets)) {
        assert.ok(
          snippet.prefix && Array.isArray(snippet.body) && typeof snippet.description === 'string',
          `${entry.path}: ${name}`,
        );
      }
    }
  });

  it('the snippets cover frontmatter, budget, constraint blocks and disable comments', () => {
    const all = (file: string) =>
      Object.values<{ body: string[] }>(readJson(file))
        .map((s) => s.body.join('\n'))
        .join('\n');
    const markdown = all('snippets/prompt-markdown.json');
    assert.match(markdown, /^---\nmodel: /m);
    assert.match(markdown, /^budget:\n {2}output:/m);
    assert.match(markdown, /^constraints:\n {2}words:/m);
    assert.match(markdown, /<!-- promptbound-disable-next-line /);
    assert.match(markdown, /<!-- promptbound budget: \$\{1:300\} -->/);
    assert.match(all('snippets/dotprompt.json'), /\{\{! promptbound-disable-next-line /);
    assert.match(all('snippets/prompty.json'), /\{# promptbound-disable-next-line /);
  });
});

describe('manifest: commands', () => {
  it('contributes every command id of server/protocol.ts, titled, in the promptbound category', () => {
    const contributed = new Map(
      contributes.commands.map((c: { command: string; title: string; category: string }) => [c.command, c]),
    );
    for (const id of Object.values(Commands)) {
      const command = contributed.get(id) as { title: string; category: string } | undefined;
      assert.ok(command, `${id} is contributed`);
      assert.ok(command.title.length > 0);
      assert.equal(command.category, 'promptbound');
    }
    assert.equal(contributed.size, Object.values(Commands).length);
  });

  it('every menu entry names a contributed command', () => {
    const ids = new Set(contributes.commands.map((c: { command: string }) => c.command));
    for (const entries of Object.values<Array<{ command: string }>>(contributes.menus))
      for (const entry of entries) assert.ok(ids.has(entry.command), entry.command);
  });
});

describe('manifest: settings', () => {
  const properties = contributes.configuration.properties as Record<
    string,
    { default: unknown; type?: string; enum?: unknown[]; markdownDescription?: string; description?: string }
  >;

  it('declares exactly the EditorSettings keys plus trace.server', () => {
    const keys = Object.keys(DEFAULT_SETTINGS).map((k) => `promptbound.${k}`);
    assert.deepEqual(Object.keys(properties).sort(), [...keys, 'promptbound.trace.server'].sort());
  });

  it('defaults equal DEFAULT_SETTINGS', () => {
    for (const [key, value] of Object.entries(DEFAULT_SETTINGS))
      assert.deepEqual(properties[`promptbound.${key}`]!.default, value, key);
    assert.equal(properties['promptbound.trace.server']!.default, 'off');
  });

  it('types match EditorSettings', () => {
    const types: Record<keyof EditorSettings, string> = {
      defaultModel: 'string',
      files: 'array',
      models: 'array',
      rules: 'object',
      debounce: 'integer',
      sectionCounts: 'string',
    };
    for (const [key, type] of Object.entries(types)) assert.equal(properties[`promptbound.${key}`]!.type, type, key);
    const sectionCounts: EditorSettings['sectionCounts'][] = ['codelens', 'inlayHints', 'off'];
    assert.deepEqual(properties['promptbound.sectionCounts']!.enum, sectionCounts);
  });

  it('every setting has a description', () => {
    for (const [key, property] of Object.entries(properties))
      assert.ok((property.markdownDescription ?? property.description ?? '').length > 20, key);
  });

  it('custom models and rule severities use the config schema vocabulary', () => {
    const schema = readJson('schemas/config.schema.json');
    const model = (
      properties['promptbound.models'] as unknown as {
        items: { properties: Record<string, { enum?: string[] }>; required: string[] };
      }
    ).items;
    assert.deepEqual(model.properties.encoding!.enum, schema.definitions.customModel.properties.encoding.enum);
    assert.deepEqual(model.required, schema.definitions.customModel.required);
    const rules = properties['promptbound.rules'] as unknown as { additionalProperties: { enum: string[] } };
    assert.deepEqual(rules.additionalProperties.enum, schema.properties.rules.additionalProperties.enum);
  });
});

describe('manifest: schema validation of config files', () => {
  it('validates .promptbound.json and .promptbound.yaml with schemas/config.schema.json', () => {
    assert.deepEqual(contributes.jsonValidation, [{ fileMatch: ['.promptbound.json'], url: './schemas/config.schema.json' }]);
    assert.deepEqual(contributes.yamlValidation, [
      { fileMatch: ['.promptbound.yaml', '.promptbound.yml'], url: './schemas/config.schema.json' },
    ]);
    assert.ok(existsSync(path.join(ROOT, 'schemas/config.schema.json')));
  });
});
