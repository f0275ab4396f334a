import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { assertWellFormed, at } from './helpers';

const SUMMARIZER = `name: Summarizer
model: openai/gpt-4o-mini
modelParameters:
  maxTokens: 500
messages:
  - role: system
    content: You summarise text for {{audience}} 👩‍💻.
  - role: user
    content: |
      Summarise this (日本語 a𐐀b): {{input}}
      Keep it under 50 words.
  - role: assistant
    content: "Sure: {{ input }}"
  - role: user
    content: "Tab\\there {{input}}"
testData:
  - input: hello
    audience: kids
    expected: hi
  - input: bye
    audience: adults
evaluators:
  - name: matches
    string:
      contains: '{{expected}}'
jsonSchema: '{"name": "summary", "schema": {"type": "object"}}'
`;

for (const [label, text] of [
  ['LF', SUMMARIZER],
  ['CRLF', SUMMARIZER.replace(/\n/g, '\r\n')],
] as const) {
  test(`github models (${label}): messages from YAML, variables mapped into the file, interop`, () => {
    const doc = parseDocument('prompts/summarize.prompt.yml', text);
    assertWellFormed(doc);
    assert.equal(doc.format, 'github-models');
    assert.equal(doc.chat, true);
    assert.deepEqual(doc.body, { offset: text.length, length: 0 });
    assert.deepEqual(doc.frontmatter?.errors, []);

    assert.deepEqual(
      doc.messages.map((m) => m.role),
      ['system', 'user', 'assistant', 'user'],
    );
    assert.equal(at(text, doc.messages[0].marker), 'role: system');
    const [system, user, assistant, escaped] = doc.messages.map((m) => m.pieces[0]);
    assert.equal(system.verbatim, true);
    assert.equal(at(text, system.span), 'You summarise text for {{audience}} 👩‍💻.');
    assert.equal(user.verbatim, false);
    assert.equal(user.text, 'Summarise this (日本語 a𐐀b): {{input}}\nKeep it under 50 words.\n');
    assert.ok(at(text, user.span).startsWith('|'));
    assert.equal(assistant.verbatim, true);
    assert.equal(at(text, assistant.span), 'Sure: {{ input }}');
    assert.equal(escaped.verbatim, false);
    assert.equal(escaped.text, 'Tab\there {{input}}');

    assert.deepEqual(
      doc.variables.map((v) => [v.name, at(text, v.span), at(text, v.nameSpan)]),
      [
        ['audience', '{{audience}}', 'audience'],
        ['input', '{{input}}', 'input'],
        ['input', '{{ input }}', 'input'],
        ['input', '{{input}}', 'input'],
      ],
    );
    assert.deepEqual(
      doc.sections.map((s) => [s.kind, s.title, s.level]),
      [
        ['role', 'system', 0],
        ['role', 'user', 0],
        ['role', 'assistant', 0],
        ['role', 'user', 0],
      ],
    );
    assert.ok(at(text, doc.sections[1].span).startsWith('role: user'));

    const { model, outputReserve, schema, declaredVariables } = doc.interop;
    assert.deepEqual([model?.value, at(text, model?.span)], ['openai/gpt-4o-mini', 'openai/gpt-4o-mini']);
    assert.deepEqual(
      [outputReserve?.value, outputReserve?.key, at(text, outputReserve?.span)],
      [500, 'modelParameters.maxTokens', '500'],
    );
    assert.equal(schema?.key, 'jsonSchema');
    assert.equal(typeof schema?.value, 'string');
    // Every test-data column is declared; `expected` is read by the evaluators, so it counts as used.
    assert.deepEqual(
      declaredVariables.map((d) => [d.name, d.source, at(text, d.span)]),
      [
        ['input', 'testData', 'input'],
        ['audience', 'testData', 'audience'],
        ['expected', 'testData', 'expected'],
      ],
    );
    assert.deepEqual(doc.interop.readOutsideTemplate, ['expected']);
  });
}

test('github models: broken YAML is located; a BOM is not YAML', () => {
  const text = '\uFEFFmodel: gpt-4o\nmessages:\n  - role: user\n    content: "unclosed\n';
  const doc = parseDocument('a.prompt.yaml', text);
  assert.equal(doc.format, 'github-models');
  assert.equal(doc.frontmatter?.span.offset, 1);
  assert.ok((doc.frontmatter?.errors.length ?? 0) > 0);
  assert.equal(doc.frontmatter?.value, undefined);
  assert.equal(doc.interop.model?.value, 'gpt-4o');
  assertWellFormed(doc);
});
