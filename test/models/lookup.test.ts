// Model lookup: normalisation, the prefix traps of docs/design/pitfalls.md P5, custom models and suggestions for unknown ids.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { customModelEntry, lookupModel, normalizeModelId } from '../../core/models';
import type { CustomModel, ModelLookup, ResolvedModel } from '../../core/models';
import { withCpuTime } from '../support/cpu-time';

function resolved(id: string, custom: CustomModel[] = []): ResolvedModel {
  const result = lookupModel(id, custom);
  assert.ok(result.found, `'${id}' should resolve (normalised '${result.found ? '' : result.normalized}')`);
  return result.model;
}

function unknown(id: string, custom: CustomModel[] = []): Extract<ModelLookup, { found: false }> {
  const result = lookupModel(id, custom);
  assert.ok(!result.found, `'${id}' should be unknown, got ${result.found ? result.model.entry.id : ''}`);
  return result;
}

describe('normalizeModelId', () => {
  const cases: [string, string][] = [
    ['  GPT-4O  ', 'gpt-4o'],
    ['openai/gpt-4.1', 'gpt-4.1'],
    ['azure/gpt-4o', 'gpt-4o'],
    ['azure_openai/gpt-35-turbo', 'gpt-35-turbo'],
    ['anthropic/claude-3.7-sonnet', 'claude-3.7-sonnet'],
    ['models/gemini-1.5-flash', 'gemini-1.5-flash'],
    ['projects/p/locations/us-central1/publishers/google/models/gemini-2.5-pro', 'gemini-2.5-pro'],
    ['meta-llama/Llama-3.3-70B-Instruct', 'llama-3.3-70b-instruct'],
    ['mistralai/Mistral-Large-Instruct-2411', 'mistral-large-instruct'],
    ['ft:gpt-4o-mini-2024-07-18:org::id', 'gpt-4o-mini'],
    ['ft:gpt-3.5-turbo-0125:my-org:custom:abc123', 'gpt-3.5-turbo'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['gpt-4-0613', 'gpt-4'],
    ['gpt-4-1106-preview', 'gpt-4-1106-preview'],
    ['claude-3-5-sonnet@20240620', 'claude-3-5-sonnet'],
    ['claude-3-5-sonnet-latest', 'claude-3-5-sonnet'],
    ['gemini-2.5-pro-preview-06-05', 'gemini-2.5-pro-preview'],
    ['gemini-2.5-flash-preview-09-2025', 'gemini-2.5-flash-preview'],
    ['gemini-2.0-flash-001', 'gemini-2.0-flash'],
    ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'claude-3-5-sonnet'],
    ['us.anthropic.claude-sonnet-4-20250514-v1:0', 'claude-sonnet-4'],
    ['anthropic.claude-3-haiku-20240307-v1:0:200k', 'claude-3-haiku'],
    ['arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0', 'claude-3-5-haiku'],
    ['Claude Sonnet 4 (copilot)', 'claude-sonnet-4'],
    ['Gemini 2.5 Pro', 'gemini-2.5-pro'],
    ['deepseek-v3', 'deepseek-v3'],
    ['', ''],
    ['   ', ''],
  ];
  for (const [input, expected] of cases) {
    it(`${JSON.stringify(input)} → ${JSON.stringify(expected)}`, () => assert.equal(normalizeModelId(input), expected));
  }

  it('stays fast and bounded on a huge hostile id', () => {
    const hostile = 'gpt-4o-' + '('.repeat(2_000_000) + '-'.repeat(1_000_000);
    const {
      result: [normalized, result],
      ms,
    } = withCpuTime(() => [normalizeModelId(hostile), lookupModel(hostile)] as const);
    assert.ok(normalized.length <= 256);
    assert.ok(ms < 500, `took ${Math.round(ms)} ms of CPU`);
    // Anything after a known id and a boundary is a variant of it: prefix semantics, not a crash.
    assert.equal(result.found && result.model.entry.id, 'gpt-4o');
  });
});

describe('lookupModel: prefix traps (docs/design/pitfalls.md P5)', () => {
  const cases: [string, string][] = [
    ['gpt-4.1', 'gpt-4.1'],
    ['gpt-4.1-mini-2025-04-14', 'gpt-4.1-mini'],
    ['gpt-4.1-nano', 'gpt-4.1-nano'],
    ['ft:gpt-4o-mini-2024-07-18:org::id', 'gpt-4o-mini'],
    ['gpt-4o-mini', 'gpt-4o-mini'],
    ['gpt-4o', 'gpt-4o'],
    ['gpt-4o-2024-08-06', 'gpt-4o'],
    ['GPT-4O', 'gpt-4o'],
    ['openai/gpt-4o', 'gpt-4o'],
    ['chatgpt-4o-latest', 'gpt-4o'],
    ['gpt-4.5-preview', 'gpt-4.5-preview'],
    ['gpt-4-turbo-2024-04-09', 'gpt-4-turbo'],
    ['gpt-4-0125-preview', 'gpt-4-turbo'],
    ['gpt-4', 'gpt-4'],
    ['gpt-4-0613', 'gpt-4'],
    ['gpt-4-32k', 'gpt-4-32k'],
    ['gpt-35-turbo', 'gpt-3.5-turbo'],
    ['gpt-35-turbo-16k', 'gpt-3.5-turbo-16k'],
    ['gpt-3.5-turbo-0125', 'gpt-3.5-turbo'],
    ['gpt-3.5-turbo-instruct', 'gpt-3.5-turbo-instruct'],
    ['gpt-5', 'gpt-5'],
    ['gpt-5-2025-08-07', 'gpt-5'],
    ['gpt-5-mini', 'gpt-5-mini'],
    ['gpt-5-nano-2025-08-07', 'gpt-5-nano'],
    ['gpt-5-chat-latest', 'gpt-5-chat'],
    ['gpt-5-codex', 'gpt-5'],
    ['o1', 'o1'],
    ['o1-2024-12-17', 'o1'],
    ['o1-mini', 'o1-mini'],
    ['o1-pro', 'o1-pro'],
    ['o3', 'o3'],
    ['o3-mini', 'o3-mini'],
    ['o3-mini-2025-01-31', 'o3-mini'],
    ['o3-pro', 'o3-pro'],
    ['o4-mini', 'o4-mini'],
    ['o4-mini-2025-04-16', 'o4-mini'],
    ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-5'],
    ['claude-sonnet-4-20250514', 'claude-sonnet-4'],
    ['claude-sonnet-4-0', 'claude-sonnet-4'],
    ['claude-opus-4-1-20250805', 'claude-opus-4-1'],
    ['claude-haiku-4-5', 'claude-haiku-4-5'],
    ['anthropic/claude-3.7-sonnet', 'claude-3-7-sonnet'],
    ['claude-3-5-sonnet-v2@20241022', 'claude-3-5-sonnet'],
    ['anthropic.claude-3-5-sonnet-20241022-v2:0', 'claude-3-5-sonnet'],
    ['Claude Sonnet 4.5 (copilot)', 'claude-sonnet-4-5'],
    ['gemini-2.5-pro-preview-06-05', 'gemini-2.5-pro'],
    ['models/gemini-1.5-flash', 'gemini-1.5-flash'],
    ['gemini-2.5-flash-lite', 'gemini-2.5-flash-lite'],
    ['gemini-2.0-flash-lite', 'gemini-2.0-flash'],
    ['meta-llama/Llama-3.1-8B-Instruct', 'llama-3.1-8b'],
    ['Meta-Llama-3.1-405B-Instruct', 'llama-3.1-405b'],
    ['meta.llama3-3-70b-instruct-v1:0', 'llama-3.3-70b'],
    ['llama3.1:70b', 'llama-3.1-70b'],
    ['meta/Llama-4-Scout-17B-16E-Instruct', 'llama-4-scout'],
    ['mistral-large-latest', 'mistral-large'],
    ['mistral.mistral-large-2407-v1:0', 'mistral-large'],
    ['mistralai/Mistral-Small-3.1-24B-Instruct-2503', 'mistral-small'],
    ['ministral-8b-latest', 'ministral'],
    ['codestral-2501', 'codestral'],
    ['deepseek-chat', 'deepseek-chat'],
    ['deepseek/DeepSeek-R1', 'deepseek-reasoner'],
    ['googleai/gemini-3-flash-preview', 'gemini-3-flash'],
    ['vertexai/gemini-3-pro-preview', 'gemini-3-pro'],
    ['text-embedding-3-small', 'text-embedding-3-small'],
    ['azure/text-embedding-ada-002', 'text-embedding-ada'],
    ['Meta-Llama-3-8B-Instruct', 'llama-3-8b'],
    ['GPT-5.1-Codex (Preview) (copilot)', 'gpt-5.1'],
    ['googleai/gemini-pro-latest', 'gemini-2.5-pro'],
    ['googleai/gemini-pro', 'gemini-1.0-pro'],
  ];
  for (const [input, expected] of cases) {
    it(`${input} → ${expected}`, () => assert.equal(resolved(input).entry.id, expected));
  }

  it('drops every trailing display suffix of a Copilot model name', () => {
    assert.equal(normalizeModelId('GPT-5.1-Codex (Preview) (copilot)'), 'gpt-5.1-codex');
  });

  it('never lets a dotted version fall back to its major version', () => {
    for (const id of ['gpt-4.2', 'gpt-5.5', 'gpt-5.9', 'o3.5']) unknown(id);
  });

  it('never lets a new minor version fall back to an older model', () => {
    for (const id of ['claude-opus-4-6', 'claude-sonnet-4-6-20260101', 'gpt-5-1', 'gpt-4-5', 'o4', 'mistral-large-3'])
      unknown(id);
  });

  it('gives gpt-4 cl100k_base and gpt-4o / gpt-4.1 / gpt-5 / o-series o200k_base', () => {
    assert.equal(resolved('gpt-4').entry.encoding, 'cl100k_base');
    assert.equal(resolved('gpt-3.5-turbo').entry.encoding, 'cl100k_base');
    for (const id of ['gpt-4o', 'gpt-4.1', 'gpt-5', 'o1', 'o3-mini', 'o4-mini'])
      assert.equal(resolved(id).entry.encoding, 'o200k_base', id);
  });

  it('marks Claude approximate, with factors', () => {
    const claude = resolved('claude-sonnet-4-5-20250929').entry;
    assert.equal(claude.tokenizer, 'approximate');
    assert.ok(claude.factors && claude.factors.latin > 1);
  });

  it('reports what was requested, its normalised form and the prefix that matched', () => {
    const model = resolved('azure_openai/gpt-35-turbo-0613');
    assert.deepEqual(
      { requested: model.requested, normalized: model.normalized, matched: model.matched, custom: model.custom },
      { requested: 'azure_openai/gpt-35-turbo-0613', normalized: 'gpt-35-turbo', matched: 'gpt-35-turbo', custom: false },
    );
  });
});

describe('lookupModel: unknown ids', () => {
  it('suggests nearby canonical ids for gpt-7', () => {
    const result = unknown('gpt-7');
    assert.equal(result.normalized, 'gpt-7');
    assert.ok(result.suggestions.length > 0 && result.suggestions.length <= 3);
    assert.ok(result.suggestions.includes('gpt-5') && result.suggestions.includes('gpt-4'), String(result.suggestions));
  });

  it('suggests nothing for text that resembles no model', () => {
    assert.deepEqual(unknown('foo').suggestions, []);
  });

  it('is not found, with no suggestions, for an empty or blank id', () => {
    for (const id of ['', '   ', 'openai/']) assert.deepEqual(unknown(id).suggestions, []);
  });

  it('suggests the newest sibling first for an unreleased version', () => {
    assert.equal(unknown('claude-opus-4-6').suggestions[0], 'claude-opus-4-5');
  });

  it('suggests the longer model a short form stands for', () => {
    assert.equal(unknown('o4').suggestions[0], 'o4-mini');
    assert.equal(unknown('gpt4o').suggestions[0], 'gpt-4o');
  });

  it('suggests only canonical ids, never aliases', () => {
    const result = unknown('gpt35-turbo'); // one edit from the alias gpt-35-turbo, two from the id
    assert.ok(result.suggestions.includes('gpt-3.5-turbo'), String(result.suggestions));
    for (const id of result.suggestions) assert.equal(resolved(id).matched, id);
  });
});

describe('lookupModel: custom models', () => {
  const inHouse: CustomModel = { id: 'acme-llm', encoding: 'cl100k_base', context: 32000, output: 2000 };

  it('resolves a declared model, with its date suffix, as custom', () => {
    const model = resolved('acme-llm-2025-01-01', [inHouse]);
    assert.equal(model.custom, true);
    assert.equal(model.entry.id, 'acme-llm');
    assert.equal(model.entry.tokenizer, 'exact');
    assert.deepEqual({ ...model.entry.output }, { default: 2000, max: 2000 });
  });

  it('overrides a table entry with the same id', () => {
    const model = resolved('gpt-4o-2024-08-06', [{ id: 'gpt-4o', encoding: 'o200k_base', context: 64000 }]);
    assert.equal(model.custom, true);
    assert.equal(model.entry.context, 64000);
  });

  it('does not capture a longer table id (custom gpt-4o leaves gpt-4o-mini alone)', () => {
    const model = resolved('gpt-4o-mini', [{ id: 'gpt-4o', encoding: 'o200k_base', context: 64000 }]);
    assert.equal(model.custom, false);
    assert.equal(model.entry.id, 'gpt-4o-mini');
  });

  it('declares a model the table does not know', () => {
    const model = resolved('openai/gpt-5.1', [
      { id: 'gpt-5.1', encoding: 'o200k_base', context: 400000, output: { default: 128000, max: 128000 } },
    ]);
    assert.equal(model.entry.id, 'gpt-5.1');
    assert.equal(model.custom, true);
  });

  it('appears in suggestions for a near miss', () => {
    assert.deepEqual(unknown('acme-lm', [inHouse]).suggestions.slice(0, 1), ['acme-llm']);
  });

  it('skips a custom model whose id is blank', () => {
    assert.equal(resolved('gpt-4o', [{ id: '  ', encoding: 'o200k_base', context: 1000 }]).custom, false);
  });
});

describe('customModelEntry', () => {
  it('is exact with an encoding and no factors, with the OpenAI chat overhead', () => {
    const entry = customModelEntry({ id: 'x', encoding: 'o200k_base', context: 100000 });
    assert.equal(entry.tokenizer, 'exact');
    assert.equal(entry.factors, undefined);
    assert.deepEqual(entry.chat, { perMessage: 3, perRequest: 3 });
    assert.deepEqual(entry.output, { default: 4096, max: 100000 });
    assert.equal(entry.provider, 'custom');
  });

  it('reserves a quarter of a small window when no output is given', () => {
    assert.deepEqual(customModelEntry({ id: 'x', encoding: 'o200k_base', context: 8000 }).output, { default: 2000, max: 8000 });
  });

  it('is approximate when factors are given, filling the rest conservatively and never scaling down', () => {
    const entry = customModelEntry({ id: 'x', encoding: 'o200k_base', context: 100000, factors: { latin: 1.2, cjk: 0.5 } });
    assert.equal(entry.tokenizer, 'approximate');
    assert.deepEqual(entry.factors, { latin: 1.2, cjk: 1, other: 2.5 });
    assert.deepEqual(entry.chat, { perMessage: 5, perRequest: 5 });
  });

  it('uses default factors for a declared approximate model without any', () => {
    const entry = customModelEntry({ id: 'x', encoding: 'o200k_base', context: 100000, tokenizer: 'approximate' });
    assert.deepEqual(entry.factors, { latin: 1.3, cjk: 1.8, other: 2.5 });
  });

  it('drops factors when the model is declared exact', () => {
    const entry = customModelEntry({
      id: 'x',
      encoding: 'o200k_base',
      context: 100000,
      tokenizer: 'exact',
      factors: { latin: 2 },
    });
    assert.equal(entry.tokenizer, 'exact');
    assert.equal(entry.factors, undefined);
  });
});

describe('lookupModel: typos of a longer sibling are unknown, not silent variants', () => {
  for (const [typo, meant] of [
    ['gpt-4o-mni', 'gpt-4o-mini'],
    ['gpt-4o-min', 'gpt-4o-mini'],
    ['gpt-4-o', 'gpt-4o'],
    ['claude-sonnet-4-55', 'claude-sonnet-4-5'],
  ] as const) {
    it(`${typo} is unknown and suggests ${meant} first`, () => {
      assert.equal(unknown(typo).suggestions[0], meant);
    });
  }
  for (const [variant, base] of [
    ['gpt-4o-audio-preview', 'gpt-4o'],
    ['gpt-4o-mini-tts', 'gpt-4o-mini'],
    ['gemini-2.0-flash-lite', 'gemini-2.0-flash'],
  ] as const) {
    it(`${variant} still resolves to ${base}`, () => {
      assert.equal(resolved(variant).entry.id, base);
    });
  }
});
