import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { assertWellFormed, at, sentText } from './helpers';

const ARTICLE = `---
model: googleai/gemini-2.0-flash
config:
  maxOutputTokens: 400
  temperature: 0.2
input:
  schema:
    topic: string
    style?: string, the writing style
    tags(array, keywords): string
  default:
    style: plain
output:
  format: json
  schema:
    title: string
    body: string
---
{{! promptbound-disable-file model/unknown }}
{{role "system"}}
{{! promptbound budget: 200 }}
You write short articles. 👩‍💻
{{role 'user'}}
# Brief
Topic: {{topic}} in a {{style}} style.
{{#if tags}}Tags: {{#each tags as |tag|}}{{tag}} {{@index}} {{/each}}{{/if}}
{{#each items}}{{name}} {{@root.topic}} {{../style}}{{/each}}
{{json meta}} {{media url=photoUrl}}
{{history}}
{{!-- a long
comment with }} inside --}}
`;

test('dotprompt: role blocks, messages without markers or comments, Handlebars variables, interop', () => {
  const text = ARTICLE;
  const doc = parseDocument('prompts/article.prompt', text);
  assertWellFormed(doc);
  assert.equal(doc.format, 'dotprompt');
  assert.equal(doc.chat, true);

  // The blank text before the first marker (only a template comment) is no message.
  assert.deepEqual(
    doc.messages.map((m) => m.role),
    ['system', 'user'],
  );
  assert.equal(at(text, doc.messages[0].marker), '{{role "system"}}');
  assert.equal(at(text, doc.messages[1].marker), "{{role 'user'}}");
  assert.equal(sentText(doc)[0], '\n\nYou write short articles. 👩‍💻\n');
  assert.ok(!sentText(doc)[1].includes('{{!'));
  assert.ok(!sentText(doc)[1].includes('inside'));
  assert.ok(sentText(doc)[1].includes('{{history}}'));

  assert.deepEqual(
    doc.sections.map((s) => [s.kind, s.title, s.level]),
    [
      ['role', 'system', 0],
      ['role', 'user', 0],
      ['heading', 'Brief', 1],
    ],
  );
  assert.equal(doc.sections[0].budget?.tokens, 200);
  assert.equal(at(text, doc.sections[0].budget?.span), '{{! promptbound budget: 200 }}');
  assert.equal(doc.sections[2].span.offset + doc.sections[2].span.length, text.length);

  assert.deepEqual(
    doc.variables.map((v) => [v.name, at(text, v.nameSpan)]),
    [
      ['topic', 'topic'],
      ['style', 'style'],
      ['tags', 'tags'],
      ['tags', 'tags'],
      ['tag', 'tag'],
      ['items', 'items'],
      // `{{name}}` inside `{{#each items}}` is a field of each item, not an input.
      ['topic', 'topic'],
      ['style', 'style'],
      ['meta', 'meta'],
      ['photoUrl', 'photoUrl'],
    ],
  );
  assert.equal(at(text, doc.variables[6].span), '{{@root.topic}}');
  assert.equal(at(text, doc.variables[7].span), '{{../style}}');

  assert.deepEqual(
    doc.annotations.map((a) => a.kind),
    ['disable-file', 'budget'],
  );

  const { model, outputReserve, schema, declaredVariables } = doc.interop;
  assert.deepEqual([model?.value, at(text, model?.span)], ['googleai/gemini-2.0-flash', 'googleai/gemini-2.0-flash']);
  assert.deepEqual(
    [outputReserve?.value, outputReserve?.key, at(text, outputReserve?.span)],
    [400, 'config.maxOutputTokens', '400'],
  );
  assert.deepEqual([schema?.key, schema?.value], ['output.schema', { title: 'string', body: 'string' }]);
  assert.deepEqual(
    declaredVariables.map((d) => [d.name, d.source, at(text, d.span)]),
    [
      ['topic', 'input.schema', 'topic'],
      ['style', 'input.schema', 'style'],
      ['tags', 'input.schema', 'tags'],
      ['style', 'input.default', 'style'],
      ['tag', 'template', 'tag'],
    ],
  );
});

test('dotprompt: text before the first role marker is a user message; JSON Schema input properties', () => {
  const text = `---
input:
  schema:
    type: object
    properties:
      question: {type: string}
---
Context first.
{{role "system"}}Be terse.
`;
  const doc = parseDocument('q.prompt', text);
  assert.deepEqual(
    doc.messages.map((m) => [m.role, sentText(doc)[doc.messages.indexOf(m)]]),
    [
      ['user', 'Context first.\n'],
      ['system', 'Be terse.\n'],
    ],
  );
  assert.deepEqual(
    doc.interop.declaredVariables.map((d) => [d.name, at(text, d.span)]),
    [['question', 'question']],
  );
});

test('handlebars: comments, escapes, partials and unbalanced braces', () => {
  const text = '{{!-- }} --}}\\{{notAVar}} {{> header title=pageTitle}} {{ oops {{real}} {{{raw}}} {{~trimmed~}} {{else}}';
  const doc = parseDocument('x.prompt', text);
  assert.deepEqual(
    doc.comments.map((c) => at(text, c.span)),
    ['{{!-- }} --}}'],
  );
  assert.deepEqual(
    doc.variables.map((v) => [v.name, at(text, v.span)]),
    [
      ['pageTitle', '{{> header title=pageTitle}}'],
      ['real', '{{real}}'],
      ['raw', '{{{raw}}}'],
      ['trimmed', '{{~trimmed~}}'],
    ],
  );
});
