// The rendered-preview page: one card per message with its count, values highlighted, text escaped, the set picker.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { previewHtml } from '../../client/preview-html';
import type { PreviewResult } from '../../server/protocol';

const RESULT: PreviewResult = {
  uri: 'file:///w/a.prompty',
  version: 3,
  model: 'gpt-4o',
  approximate: false,
  chat: true,
  sets: [
    { label: 'sample', source: 'sample' },
    { label: 'inputs (defaults)', source: 'inputs' },
  ],
  chosen: 1,
  messages: [
    { role: 'system', segments: [{ text: 'Be <brief> & kind.', kind: 'text' }], tokens: 7 },
    {
      role: 'user',
      segments: [
        { text: 'Hi ', kind: 'text' },
        { text: 'Ada', kind: 'value' },
        { text: ' {{ x | f }}', kind: 'literal' },
      ],
      tokens: 1234,
    },
  ],
  overhead: 9,
  total: 1250,
  missing: ['tone'],
  unevaluated: ['{{ x | f }}'],
  truncated: false,
};

describe('client/preview-html', () => {
  const html = previewHtml(RESULT, { cspSource: 'vscode-webview://x', nonce: 'abc123', title: 'a.prompty' });

  it('shows each message by role with its count, and the total with the chat overhead', () => {
    assert.match(html, /<span class="role">system<\/span> <span class="tokens">7 tokens<\/span>/);
    assert.match(html, /<span class="role">user<\/span> <span class="tokens">1,234 tokens<\/span>/);
    assert.match(html, /1,250 tokens \(1,241 tokens \+ 9 chat overhead\) · gpt-4o/);
  });

  it('escapes the prompt text and marks substituted values and tags not evaluated', () => {
    assert.ok(html.includes('Be &lt;brief&gt; &amp; kind.'));
    assert.ok(!html.includes('<brief>'));
    assert.match(html, /<span class="value"[^>]*>Ada<\/span>/);
    assert.match(html, /<span class="literal"[^>]*> \{\{ x \| f \}\}<\/span>/);
    assert.match(html, /No value for <code>tone<\/code>/);
  });

  it('lists the variable sets with the chosen one selected; scripts and styles only with the nonce', () => {
    assert.match(html, /<option value="0">sample<\/option><option value="1" selected>inputs \(defaults\)<\/option>/);
    assert.match(html, /script-src 'nonce-abc123'/);
    assert.equal((html.match(/<script/g) ?? []).length, (html.match(/<script nonce="abc123">/g) ?? []).length);
  });

  it('says where example variables come from when the prompt declares none', () => {
    const none = previewHtml({ ...RESULT, sets: [], chosen: -1 }, { cspSource: 'x', nonce: 'n', title: 't' });
    assert.match(none, /No example variables declared/);
    assert.ok(!none.includes('<select'));
  });
});
