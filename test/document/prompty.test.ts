import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { assertWellFormed, at, sentText } from './helpers';

const SUPPORT = `---
name: Support
model:
  api: chat
  configuration:
    type: azure_openai
    azure_deployment: gpt-4o-mini
  parameters:
    max_tokens: 300
inputs:
  question:
    type: string
  customer:
    type: object
sample:
  question: Where is my order?
  customer: {name: Ana}
outputs:
  answer: {type: string}
---
You are a helpful agent.
{# promptbound budget: 100 #}

system:
{# promptbound budget: 250 #}
# Policy
Be brief. 日本語 a𐐀b 👩‍💻
{% for item in customer.orders if item.open %}
- {{ item.id | upper }} {{ loop.index }}
{% endfor %}
{% set greeting = "Hi " ~ customer.name %}
{% raw %}{{ not_a_var }}{% endraw %}

USER:  
{{ greeting }}, {{ question | default(fallback, boolean=true) }}
{{- question is not defined -}}
`;

for (const [label, text] of [
  ['LF', SUPPORT],
  ['CRLF', SUPPORT.replace(/\n/g, '\r\n')],
] as const) {
  test(`prompty (${label}): role lines, Jinja variables and declarations, interop`, () => {
    const doc = parseDocument('support.prompty', text);
    assertWellFormed(doc);
    assert.equal(doc.format, 'prompty');
    assert.equal(doc.chat, true);

    // Leading text without a role is Prompty's system message.
    assert.deepEqual(
      doc.messages.map((m) => m.role),
      ['system', 'system', 'user'],
    );
    assert.equal(doc.messages[0].marker, undefined);
    assert.equal(at(text, doc.messages[1].marker), 'system:');
    assert.equal(at(text, doc.messages[2].marker), 'USER:');
    const sent = sentText(doc);
    assert.ok(sent[0].startsWith('You are a helpful agent.'));
    assert.ok(!sent.join('').includes('system:') && !sent.join('').includes('USER:'));
    assert.ok(!sent.join('').includes('promptbound'));
    assert.ok(sent[2].startsWith('{{ greeting }}'));

    assert.deepEqual(
      doc.sections.map((s) => [s.kind, s.title]),
      [
        ['role', 'system'],
        ['heading', 'Policy'],
        ['role', 'user'],
      ],
    );
    const [system, policy, user] = doc.sections;
    assert.equal(system.budget?.tokens, 250);
    assert.equal(policy.span.offset + policy.span.length, user.span.offset, 'a heading ends at the next role marker');
    // The 100-token budget follows no heading or marker: it stays unattached for the annotation rule to report.
    assert.deepEqual(
      doc.annotations.map((a) => (a.kind === 'budget' ? a.tokens : a.kind)),
      [100, 250],
    );

    assert.deepEqual(
      doc.variables.map((v) => [v.name, at(text, v.nameSpan)]),
      [
        ['customer', 'customer'],
        ['item', 'item'],
        ['item', 'item'],
        ['customer', 'customer'],
        ['greeting', 'greeting'],
        ['question', 'question'],
        ['fallback', 'fallback'],
        ['question', 'question'],
      ],
    );
    assert.equal(at(text, doc.variables[2].span), '{{ item.id | upper }}');
    assert.equal(at(text, doc.variables[0].span), '{% for item in customer.orders if item.open %}');

    const { model, outputReserve, schema, declaredVariables } = doc.interop;
    assert.deepEqual(
      [model?.value, model?.key, at(text, model?.span)],
      ['gpt-4o-mini', 'model.configuration.azure_deployment', 'gpt-4o-mini'],
    );
    assert.deepEqual(
      [outputReserve?.value, outputReserve?.key, at(text, outputReserve?.span)],
      [300, 'model.parameters.max_tokens', '300'],
    );
    assert.deepEqual([schema?.key, schema?.value], ['outputs', { answer: { type: 'string' } }]);
    assert.deepEqual(
      declaredVariables.map((d) => [d.name, d.source, at(text, d.span)]),
      [
        ['question', 'inputs', 'question'],
        ['customer', 'inputs', 'customer'],
        ['question', 'sample', 'question'],
        ['customer', 'sample', 'customer'],
        ['item', 'template', 'item'],
        ['greeting', 'template', 'greeting'],
      ],
    );
  });
}

test('prompty: model.id and options.maxOutputTokens (Prompty 2), inputs as a list, budget.output wins', () => {
  const text = `---
model:
  id: gpt-4.1
  options:
    maxOutputTokens: 2000
budget:
  output: 512
inputs:
  - name: question
    kind: string
sample: ./sample.json
---
user:
{{question}}
`;
  const doc = parseDocument('a.prompty', text);
  assert.deepEqual([doc.interop.model?.value, doc.interop.model?.key], ['gpt-4.1', 'model.id']);
  assert.deepEqual([doc.interop.outputReserve?.value, doc.interop.outputReserve?.key], [512, 'budget.output']);
  assert.deepEqual(
    doc.interop.declaredVariables.map((d) => [d.name, d.source, at(text, d.span)]),
    [['question', 'inputs', 'question']],
  );
  assert.deepEqual(
    doc.messages.map((m) => m.role),
    ['user'],
  );
});

test('jinja: comments hide role lines and tags; with/macro/import declare names', () => {
  const text = `{#
system:
{{ hidden }}
#}{% with a = x %}{{ a }}{% endwith %}{% macro card(title, size=default_size) %}{{ title }}{% endmacro %}{% from 'm' import f as g %}{% set ns.total = 1 %}`;
  const doc = parseDocument('a.prompty', text);
  assert.deepEqual(
    doc.messages.map((m) => m.role),
    ['system'],
  );
  assert.deepEqual(
    doc.variables.map((v) => v.name),
    ['x', 'a', 'default_size', 'title', 'ns'],
  );
  assert.deepEqual(
    doc.interop.declaredVariables.map((d) => d.name),
    ['a', 'card', 'title', 'size', 'g'],
  );
});

test('prompty: role lines with attributes and the developer role start messages', () => {
  const text =
    '---\nname: x\n---\nsystem:\nRules.\nuser[name="Alice", id=7]:\nHello\nDeveloper:\nBe brief.\nassistant[ name = "Bot" ]:\nHi\nuser[name="unclosed:\nstill user text\n';
  const doc = parseDocument('a.prompty', text);
  assertWellFormed(doc);
  assert.deepEqual(
    doc.messages.map((m) => [m.role, at(text, m.marker), m.pieces.map((p) => p.text).join('')]),
    [
      ['system', 'system:', 'Rules.\n'],
      ['user', 'user[name="Alice", id=7]:', 'Hello\n'],
      ['developer', 'Developer:', 'Be brief.\n'],
      ['assistant', 'assistant[ name = "Bot" ]:', 'Hi\nuser[name="unclosed:\nstill user text\n'],
    ],
  );
});

test("prompty: the Jinja syntax errors Prompty's own tests expect are template problems", () => {
  // The templates Prompty's jinja_subset tests expect TemplateSyntaxError for, and where each is reported.
  const cases: Array<[string, string]> = [
    ['{% if a %}no endif', '{% if a %}'],
    ['{% for x in xs %}no endfor', '{% for x in xs %}'],
    ['{{ unclosed ', '{{'],
    ['{% endif %}', '{% endif %}'],
    ['{% for bad %}{% endfor %}', '{% for bad %}'],
  ];
  for (const [template, reported] of cases) {
    const text = `---\nname: x\n---\nuser:\n${template}\n`;
    const doc = parseDocument('a.prompty', text);
    assert.deepEqual(
      doc.templateProblems.map((p) => at(text, p.span)),
      [reported],
      template,
    );
  }
  const valid = parseDocument('a.prompty', '---\nname: x\n---\nuser:\n{% for x in xs %}{{ x }}{% endfor %}\n');
  assert.deepEqual(valid.templateProblems, []);
});
