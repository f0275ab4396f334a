// The stats payload of a prompt with several targets: the first target's figures on top, every target's in `targets`, each coloured by its own findings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import { statsPayload } from '../../server/stats';
import { snapshotOf } from './harness';

const enc = new Tiktoken(o200k);
const BODY = "Read the customer's message and reply with a short, friendly answer that names the next step they should take.\n";

describe('stats payload: several targets', () => {
  it('has one entry per target with its own window use and budget state', async () => {
    // 21 o200k tokens. gpt-4o: 21 + 175 = 196 ≤ 200, 21 of 25 = 84% < 95%: ok. claude: ≈28 + 175 > 200: error.
    assert.equal(enc.encode(BODY, [], []).length, 21);
    const text = `---\ntargets: [gpt-4o, claude-sonnet-4-5]\nbudget:\n  context: 200\n  output: 175\n  warnAt: 0.95\n---\n${BODY}`;
    const s = await snapshotOf('/w/t.prompt.md', text);
    const payload = statsPayload('/w/t.prompt.md', s.textDocument, s.result);
    assert.equal(payload.model, 'gpt-4o');
    assert.equal(payload.inputTokens, 21);
    assert.equal(payload.state, 'error'); // the document as a whole has an error (about claude)
    assert.deepEqual(
      payload.targets?.map((t) => [t.model, t.inputTokens, t.inputBudget, t.state]),
      [
        ['gpt-4o', 21, 25, 'ok'],
        ['claude-sonnet-4-5', 28, 25, 'error'],
      ],
    );
  });

  it('has no targets list for a prompt with one model', async () => {
    const s = await snapshotOf('/w/one.prompt.md', `---\nmodel: gpt-4o\n---\n${BODY}`);
    assert.equal(statsPayload('/w/one.prompt.md', s.textDocument, s.result).targets, undefined);
  });
});
