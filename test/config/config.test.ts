// Config files: parseConfigText (YAML and JSON, located problems), resolveConfig (precedence) and the starter config.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { CONFIG_FILE_NAMES, STARTER_CONFIG, parseConfigText, resolveConfig } from '../../core/config/load';
import { defaultConfig, type PromptboundConfig } from '../../core/config/types';
import { applyEdits } from '../../core/edits';

/** Rule ids from the docs tree (a test elsewhere keeps docs and the registry in step). */
function documentedRuleIds(): string[] {
  const root = join(__dirname, '..', '..', 'docs', 'rules');
  return readdirSync(root)
    .filter((area) => statSync(join(root, area)).isDirectory())
    .flatMap((area) =>
      readdirSync(join(root, area))
        .filter((f) => f.endsWith('.md'))
        .map((f) => `${area}/${f.slice(0, -3)}`),
    );
}

const RULE_IDS = ['budget/near-limit', 'budget/context-window', 'model/unknown', 'template/unused-variable'];

function parse(text: string, uri = '/repo/.promptbound.yaml') {
  return parseConfigText(uri, text, RULE_IDS);
}

/** Each problem as [rule, text under its span, message]. */
function located(text: string, uri?: string): Array<[string, string, string]> {
  return parse(text, uri).problems.map((p) => [p.ruleId, text.slice(p.offset, p.offset + p.length), p.message]);
}

describe('parseConfigText: YAML', () => {
  it('reads every key', () => {
    const text = `model: claude-sonnet-4
files: ["prompts/**/*.txt"]
ignore: [vendor/**]
rules:
  budget/near-limit: error
  model/unknown: off
models:
  - id: acme-support-v2
    encoding: o200k_base
    context: 32000
    output: {default: 1024, max: 4096}
    tokenizer: approximate
    factors: {latin: 1.2, cjk: 1.5}
  - id: acme-small
    encoding: cl100k_base
    context: 8192
    output: 512
budget:
  warnAt: 0.9
  output: 1024
  variables: {document: 6000}
stripHtmlComments: true
`;
    const { config, problems } = parse(text);
    assert.deepEqual(problems, []);
    assert.deepEqual(config, parseYaml(text));
  });

  it('treats an empty file (or only comments) as an empty config', () => {
    assert.deepEqual(parse(''), { config: {}, problems: [] });
    assert.deepEqual(parse('# nothing yet\n'), { config: {}, problems: [] });
  });

  it('reports syntax errors at their position, with the file uri', () => {
    const { config, problems } = parse('model: gpt-4o\nrules: [\n');
    assert.equal(config, undefined);
    assert.ok(problems.length > 0);
    for (const p of problems) {
      assert.equal(p.ruleId, 'config/syntax');
      assert.equal(p.severity, 'error');
      assert.equal(p.uri, '/repo/.promptbound.yaml');
      assert.ok(p.offset >= 'model: gpt-4o\n'.length, 'located in the broken line');
    }
  });

  it('reports duplicate keys as syntax errors', () => {
    const { problems } = parse('model: a\nmodel: b\n');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].ruleId, 'config/syntax');
    assert.equal(problems[0].offset, 'model: a\n'.length, 'at the second key');
  });

  it('reports a list used as a key, located, instead of stringifying it', () => {
    const text = 'rules:\n  ? [a, b]\n  : off\n';
    const { config, problems } = parse(text);
    assert.equal(config, undefined);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].ruleId, 'config/syntax');
    assert.match(problems[0].message, /not a list/);
    assert.equal(text.slice(problems[0].offset, problems[0].offset + problems[0].length), '[a, b]');
  });

  it('reports an alias bomb instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 12; i++)
      lines.push(
        `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10)
          .fill(`*${String.fromCharCode(96 + i)}`)
          .join(', ')}]`,
      );
    const { config, problems } = parse(lines.join('\n') + '\n');
    assert.equal(config, undefined);
    assert.equal(problems[0].ruleId, 'config/syntax');
  });

  it('reports schema errors at the key or value, with did-you-mean fixes', () => {
    assert.deepEqual(located('modle: gpt-4o\nbudget:\n  wranAt: 0.7\nstripHtmlComments: yes\n'), [
      ['config/schema', 'modle', 'modle is not a config key; did you mean model?'],
      ['config/schema', 'wranAt', 'budget.wranAt is not a budget key; did you mean warnAt?'],
      ['config/schema', 'yes', 'stripHtmlComments must be true or false; got "yes"'],
    ]);
  });

  it('explains custom model mistakes', () => {
    assert.deepEqual(
      located(`models:
  - id: mine
    encoding: o200k
    context: 0
    output: {default: 100}
  - encoding: cl100k_base
    contxt: 8000
`),
      [
        [
          'config/schema',
          'o200k',
          'models[0].encoding must be one of "o200k_base", "cl100k_base"; got "o200k" (did you mean o200k_base?)',
        ],
        ['config/schema', '0', 'models[0].context must be a positive integer; got 0'],
        ['config/schema', '{default: 100}', 'models[0].output is missing required key max'],
        ['config/schema', 'encoding: cl100k_base\n    contxt: 8000', 'models[1] is missing required key id'],
        ['config/schema', 'contxt', 'models[1].contxt is not a custom model key; did you mean context?'],
      ],
    );
  });

  it('reports rule severities that are not severities', () => {
    assert.deepEqual(located('rules:\n  budget/near-limit: warn\n'), [
      [
        'config/schema',
        'warn',
        'rules["budget/near-limit"] must be one of off, info, warning, error; got "warn" (did you mean warning?)',
      ],
    ]);
  });

  it('reports unknown rule ids at the key, with the nearest ids as fixes', () => {
    const text = 'rules:\n  budget/near-limt: error\n  nothing/like-it: off\n';
    const { config, problems } = parse(text);
    assert.deepEqual(
      problems.map((p) => [p.ruleId, text.slice(p.offset, p.offset + p.length), p.message]),
      [
        [
          'config/schema',
          'budget/near-limt',
          "rules: 'budget/near-limt' is not a promptbound rule; did you mean budget/near-limit?",
        ],
        ['config/schema', 'nothing/like-it', "rules: 'nothing/like-it' is not a promptbound rule"],
      ],
    );
    const fixed = applyEdits(text, problems[0].fixes?.[0]?.edits ?? []);
    assert.equal(fixed, 'rules:\n  budget/near-limit: error\n  nothing/like-it: off\n');
    // Unknown ids are harmless to the engine, so the rest of `rules` still applies.
    assert.deepEqual(config?.rules, { 'budget/near-limt': 'error', 'nothing/like-it': 'off' });
  });

  it('keeps the keys that validated when others did not', () => {
    const { config, problems } = parse('model: gpt-4o-mini\nbudget:\n  warnAt: 2\nrules:\n  model/unknown: off\n');
    assert.equal(problems.length, 1);
    assert.deepEqual(config, { model: 'gpt-4o-mini', rules: { 'model/unknown': 'off' } });
  });

  it('gives no config when the file is not a mapping', () => {
    const { config, problems } = parse('- model: gpt-4o\n');
    assert.equal(config, undefined);
    assert.deepEqual(
      problems.map((p) => p.message),
      ['the config must be a mapping; got [{model: "gpt-4o"}]'],
    );
  });

  it('applies fixes that produce a valid config', () => {
    const text = 'modle: gpt-4o\n';
    const fix = parse(text).problems[0].fixes?.[0];
    assert.ok(fix);
    const fixed = applyEdits(text, fix.edits) ?? '';
    assert.deepEqual(parse(fixed), { config: { model: 'gpt-4o' }, problems: [] });
  });
});

describe('parseConfigText: JSON', () => {
  const uri = '/repo/.promptbound.json';

  it('reads a JSON config (tabs and all)', () => {
    const text =
      '{\n\t"model": "gpt-4o",\n\t"rules": {"model/unknown": "off"},\n\t"budget": {"warnAt": 0.75, "variables": {"doc": 100}},\n\t"stripHtmlComments": false\n}\n';
    assert.deepEqual(parse(text, uri), { config: JSON.parse(text), problems: [] });
  });

  it('locates schema errors inside JSON, keeping quotes in fixes', () => {
    const text = '{\n  "budget": {"wranAt": 0.7}\n}\n';
    const { problems } = parse(text, uri);
    assert.deepEqual(
      problems.map((p) => [text.slice(p.offset, p.offset + p.length), p.message]),
      [['"wranAt"', 'budget.wranAt is not a budget key; did you mean warnAt?']],
    );
    const fixed = applyEdits(text, problems[0].fixes?.[0]?.edits ?? []) ?? '';
    assert.deepEqual(JSON.parse(fixed), { budget: { warnAt: 0.7 } });
    assert.deepEqual(parse(fixed, uri).problems, []);
  });

  it('reports JSON syntax errors with a position', () => {
    const text = '{\n  "model": "gpt-4o",\n  "rules": {\n}\n';
    const { config, problems } = parse(text, uri);
    assert.equal(config, undefined);
    assert.ok(problems.length > 0);
    assert.ok(problems.every((p) => p.ruleId === 'config/syntax'));
  });

  it('refuses YAML-only syntax in a .json file', () => {
    assert.deepEqual(located('model: gpt-4o\n', uri), [
      ['config/syntax', 'model: gpt-4o\n', 'Not valid JSON: use {"key": value} objects, not YAML block mappings.'],
    ]);
    assert.deepEqual(located('{"model": gpt-4o}\n', uri), [
      ['config/syntax', 'gpt-4o', 'Not valid JSON: strings and keys need double quotes.'],
    ]);
    assert.deepEqual(located('{\'model\': "gpt-4o"}\n', uri), [
      ['config/syntax', "'model'", 'Not valid JSON: strings and keys need double quotes.'],
    ]);
    // JSON literals are fine as syntax; here they are schema errors (files are strings).
    assert.deepEqual(
      located('{"files": [1, 2.5e3, true, null]}\n', uri).map((p) => p[0]),
      Array(4).fill('config/schema'),
    );
  });
});

describe('resolveConfig', () => {
  const outer: PromptboundConfig = {
    model: 'gpt-4o-mini',
    rules: { 'budget/near-limit': 'error', 'model/unknown': 'off' },
    budget: { warnAt: 0.7, output: 500, variables: { document: 6000 } },
    models: [
      { id: 'shared', encoding: 'o200k_base', context: 8000 },
      { id: 'outer-only', encoding: 'cl100k_base', context: 4000 },
    ],
    stripHtmlComments: true,
  };
  const inner: PromptboundConfig = {
    model: 'claude-sonnet-4',
    rules: { 'budget/near-limit': 'info' },
    budget: { output: 800, variables: { question: 200 } },
    models: [{ id: 'shared', encoding: 'cl100k_base', context: 16000, output: { default: 100, max: 200 } }],
  };

  it('gives the defaults for an empty chain', () => {
    assert.deepEqual(resolveConfig([]), defaultConfig());
  });

  it('lets the nearest config win key by key, merging rules and budget shallowly', () => {
    const resolved = resolveConfig([outer, inner]);
    assert.equal(resolved.model, 'claude-sonnet-4');
    assert.deepEqual(resolved.rules, { 'budget/near-limit': 'info', 'model/unknown': 'off' });
    assert.deepEqual(resolved.budget, { warnAt: 0.7, output: 800, variables: { question: 200 } });
    assert.equal(resolved.stripHtmlComments, true);
    assert.equal(resolved.modelOverride, undefined);
  });

  it('combines models nearest first, one per id', () => {
    const resolved = resolveConfig([outer, inner]);
    assert.deepEqual(
      resolved.models.map((m) => [m.id, m.context]),
      [
        ['shared', 16000],
        ['outer-only', 4000],
      ],
    );
  });

  it('applies --model and rule overrides last', () => {
    const resolved = resolveConfig([outer, inner], { model: 'gpt-4.1', rules: { 'model/unknown': 'error' } });
    assert.equal(resolved.model, 'claude-sonnet-4');
    assert.equal(resolved.modelOverride, 'gpt-4.1');
    assert.deepEqual(resolved.rules, { 'budget/near-limit': 'info', 'model/unknown': 'error' });
    assert.equal(resolveConfig([], { modelOverride: 'o3' }).modelOverride, 'o3');
  });

  it('does not share or modify its inputs', () => {
    const before = JSON.stringify([outer, inner]);
    const resolved = resolveConfig([outer, inner]);
    resolved.rules['x/y'] = 'off';
    resolved.budget.variables!.extra = 1;
    resolved.models[0].context = 1;
    assert.equal(JSON.stringify([outer, inner]), before);
  });
});

describe('config file names and the starter config', () => {
  it('looks for YAML first, then JSON', () => {
    assert.deepEqual(CONFIG_FILE_NAMES, ['.promptbound.yaml', '.promptbound.yml', '.promptbound.json']);
  });

  it('writes a starter config that validates against the real rule ids', () => {
    const ids = documentedRuleIds();
    assert.ok(ids.length > 5, 'found the rule docs');
    const { config, problems } = parseConfigText('.promptbound.yaml', STARTER_CONFIG, ids);
    assert.deepEqual(problems, []);
    assert.equal(config?.model, 'gpt-4o');
  });

  it('keeps its commented-out examples valid too', () => {
    const uncommented = STARTER_CONFIG.replace(/^(\s*)# (?=\s*(?:[\w/-]+:(?:\s|$)|- ))/gm, '$1');
    assert.match(uncommented, /^models:\n {2}- id: acme-support-v2\n/m, 'the examples were uncommented');
    const { problems } = parseConfigText('.promptbound.yaml', uncommented, documentedRuleIds());
    assert.deepEqual(problems, [], uncommented);
  });
});
