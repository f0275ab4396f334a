// The model table's own invariants: what every entry of core/models/models.json must satisfy.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MODEL_TABLE_VERSION, MODELS, lookupModel, normalizeModelId } from '../../core/models';
import type { ModelEntry } from '../../core/models';

const ENCODINGS = new Set(['o200k_base', 'cl100k_base']);
const positiveInteger = (n: number): boolean => Number.isInteger(n) && n > 0;
const prefixesOf = (entry: ModelEntry): string[] => [entry.id, ...(entry.aliases ?? [])];

describe('model table', () => {
  it('has a dated version and at least 30 entries', () => {
    assert.match(MODEL_TABLE_VERSION, /^\d{4}-\d{2}-\d{2}$/);
    assert.ok(MODELS.length >= 30, `${MODELS.length} entries`);
  });

  it('has unique ids and aliases across all entries', () => {
    const seen = new Map<string, string>();
    for (const entry of MODELS) {
      for (const prefix of prefixesOf(entry)) {
        assert.ok(!seen.has(prefix), `'${prefix}' is used by ${seen.get(prefix)} and ${entry.id}`);
        seen.set(prefix, entry.id);
      }
    }
  });

  it('writes every id and alias in normalised form (otherwise it could never match)', () => {
    for (const entry of MODELS) {
      for (const prefix of prefixesOf(entry)) assert.equal(normalizeModelId(prefix), prefix, `${entry.id}: '${prefix}'`);
    }
  });

  it('resolves every id and alias to its own entry (no entry shadows another)', () => {
    for (const entry of MODELS) {
      for (const prefix of prefixesOf(entry)) {
        const result = lookupModel(prefix);
        assert.ok(result.found, prefix);
        assert.equal(result.model.entry.id, entry.id, prefix);
      }
    }
  });

  it('uses a known encoding and tokenizer kind', () => {
    for (const entry of MODELS) {
      assert.ok(ENCODINGS.has(entry.encoding), `${entry.id}: ${entry.encoding}`);
      assert.ok(entry.tokenizer === 'exact' || entry.tokenizer === 'approximate', entry.id);
      assert.ok(entry.provider.length > 0, entry.id);
    }
  });

  it('has factors exactly when the tokenizer is approximate, each ≥ 1', () => {
    for (const entry of MODELS) {
      assert.equal(entry.factors !== undefined, entry.tokenizer === 'approximate', entry.id);
      if (!entry.factors) continue;
      for (const [script, factor] of Object.entries(entry.factors)) {
        assert.ok(Number.isFinite(factor) && factor >= 1, `${entry.id}.${script} = ${factor}`);
      }
      // Scripts the proxy encoding handles worse than Latin never get a smaller margin.
      assert.ok(entry.factors.cjk >= entry.factors.latin && entry.factors.other >= entry.factors.latin, entry.id);
    }
  });

  it('keeps output limits inside the window: default ≤ max ≤ context', () => {
    for (const entry of MODELS) {
      assert.ok(positiveInteger(entry.context), entry.id);
      assert.ok(positiveInteger(entry.output.default) && positiveInteger(entry.output.max), entry.id);
      assert.ok(entry.output.default <= entry.output.max, `${entry.id}: default > max`);
      assert.ok(entry.output.max <= entry.context, `${entry.id}: max output > context`);
      if (entry.maxInput !== undefined) {
        assert.ok(positiveInteger(entry.maxInput) && entry.maxInput <= entry.context, entry.id);
        // The default reservation must keep a default budget inside the input cap.
        assert.ok(entry.context - entry.output.default <= entry.maxInput, `${entry.id}: default reserve exceeds the input cap`);
      }
    }
  });

  it('has non-negative integer chat overheads', () => {
    for (const entry of MODELS) {
      const { perMessage, perRequest } = entry.chat;
      assert.ok(Number.isInteger(perMessage) && perMessage >= 0, entry.id);
      assert.ok(Number.isInteger(perRequest) && perRequest >= 0, entry.id);
    }
  });

  it('counts every OpenAI model exactly, with the OpenAI chat overhead', () => {
    const openai = MODELS.filter((m) => m.provider === 'openai');
    assert.ok(openai.length >= 20);
    for (const entry of openai) {
      assert.equal(entry.tokenizer, 'exact', entry.id);
      // Embedding models take one input, not a chat: no message overhead.
      const chat = entry.id.startsWith('text-embedding-') ? { perMessage: 0, perRequest: 0 } : { perMessage: 3, perRequest: 3 };
      if (entry.id !== 'gpt-3.5-turbo-instruct') assert.deepEqual({ ...entry.chat }, chat, entry.id);
    }
  });

  it('uses cl100k_base only for the GPT-4 / GPT-3.5 generation and o200k_base for the rest', () => {
    const cl100k = MODELS.filter((m) => m.encoding === 'cl100k_base')
      .map((m) => m.id)
      .sort();
    assert.deepEqual(cl100k, [
      'gpt-3.5-turbo',
      'gpt-3.5-turbo-16k',
      'gpt-3.5-turbo-instruct',
      'gpt-4',
      'gpt-4-32k',
      'gpt-4-turbo',
      'text-embedding-3-large',
      'text-embedding-3-small',
      'text-embedding-ada',
    ]);
  });

  it('counts other vendors approximately with the o200k_base proxy', () => {
    for (const entry of MODELS.filter((m) => m.provider !== 'openai')) {
      assert.equal(entry.tokenizer, 'approximate', entry.id);
      assert.equal(entry.encoding, 'o200k_base', entry.id);
    }
  });

  it('explains every entry in a note', () => {
    for (const entry of MODELS) assert.ok((entry.notes ?? '').length > 0, entry.id);
  });

  it('is frozen, so no caller can change a shared entry', () => {
    const entry = MODELS[0];
    assert.ok(Object.isFrozen(MODELS) && Object.isFrozen(entry) && Object.isFrozen(entry.output));
  });
});
