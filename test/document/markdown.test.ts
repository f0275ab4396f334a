import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { assertWellFormed, at, sentText } from './helpers';

const SUPPORT = `---
model: GPT-4o
mode: agent
budget:
  output: 800
  variables:
    document: 6000
    question: 200
constraints:
  words: {max: 120}
  schema: ./answer.schema.json
---
# Support answer

You answer questions about 👩‍💻 a𐐀b 日本語 {{document}}.
<!-- promptbound-disable-next-line tokens/special-token -->
## Context <!-- promptbound budget: 300 -->
{{! promptbound-disable template/unused-variable, budget/near-limit -- legacy }}
Question: {{ question }} from \${input:audience:who is reading}

\`\`\`md
# not a heading
\`\`\`
### Details 👩‍💻 ###
more
## Answer
Reply.
`;

for (const [label, text] of [
  ['LF', SUPPORT],
  ['CRLF', SUPPORT.replace(/\n/g, '\r\n')],
] as const) {
  test(`markdown prompt file (${label}): sections, variables, comments, annotations, interop`, () => {
    const doc = parseDocument('file:///repo/prompts/support.prompt.md', text);
    assertWellFormed(doc);
    assert.equal(doc.format, 'markdown');
    assert.equal(doc.chat, false);
    assert.equal(at(text, doc.frontmatter?.blockSpan).startsWith('---'), true);
    assert.ok(at(text, doc.body).startsWith('# Support answer'));

    assert.deepEqual(
      doc.sections.map((s) => [s.title, s.level]),
      [
        ['Support answer', 1],
        ['Context', 2],
        ['Details 👩‍💻', 3],
        ['Answer', 2],
      ],
    );
    const [top, context, details, answer] = doc.sections;
    assert.equal(top.span.offset + top.span.length, text.length, 'a level-1 section runs to the end');
    assert.ok(at(text, context.span).endsWith('more' + (label === 'CRLF' ? '\r\n' : '\n')));
    assert.equal(context.span.offset + context.span.length, answer.span.offset);
    assert.equal(details.span.offset + details.span.length, answer.span.offset);
    assert.equal(at(text, context.header), '## Context <!-- promptbound budget: 300 -->');
    assert.equal(context.budget?.tokens, 300);
    assert.equal(at(text, context.budget?.span), '<!-- promptbound budget: 300 -->');

    assert.deepEqual(
      doc.variables.map((v) => [v.name, at(text, v.span), at(text, v.nameSpan)]),
      [
        ['document', '{{document}}', 'document'],
        ['question', '{{ question }}', 'question'],
        ['audience', '${input:audience:who is reading}', 'audience'],
      ],
    );

    assert.deepEqual(
      doc.comments.map((c) => [c.syntax, c.sent]),
      [
        ['html', true],
        ['html', true],
        ['handlebars', false],
      ],
    );
    const [disableNext, budget, disable] = doc.annotations;
    assert.equal(disableNext.kind, 'disable-next-line');
    assert.equal(budget.kind, 'budget');
    assert.equal(disable.kind, 'disable');
    if (disableNext.kind !== 'disable-next-line' || disable.kind !== 'disable') throw new Error('narrowing');
    assert.deepEqual(
      disableNext.rules.map((r) => [r.id, at(text, r.span)]),
      [['tokens/special-token', 'tokens/special-token']],
    );
    assert.deepEqual(
      disable.rules.map((r) => at(text, r.span)),
      ['template/unused-variable', 'budget/near-limit'],
    );
    assert.equal(at(text, disable.span).startsWith('{{! promptbound-disable'), true);

    // One user message: everything but the Handlebars comment is sent, HTML comments included.
    assert.deepEqual(
      doc.messages.map((m) => m.role),
      ['user'],
    );
    const body = at(text, doc.body);
    const handlebars = at(text, doc.comments[2].span);
    assert.equal(sentText(doc)[0], body.replace(handlebars, ''));

    const { model, outputReserve, schema, declaredVariables } = doc.interop;
    assert.deepEqual([model?.value, model?.key, at(text, model?.span)], ['GPT-4o', 'model', 'GPT-4o']);
    assert.deepEqual([outputReserve?.value, outputReserve?.key, at(text, outputReserve?.span)], [800, 'budget.output', '800']);
    assert.deepEqual([schema?.value, schema?.key], ['./answer.schema.json', 'constraints.schema']);
    assert.deepEqual(
      declaredVariables.map((d) => [d.name, d.source, at(text, d.span)]),
      [
        ['document', 'budget.variables', 'document'],
        ['question', 'budget.variables', 'question'],
        ['audience', 'template', 'audience'],
      ],
    );
  });
}

test('stripHtmlComments: HTML comments are not sent', () => {
  const text = 'Hello <!-- internal note --> world';
  const doc = parseDocument('a.prompt.md', text, { stripHtmlComments: true });
  assert.deepEqual(sentText(doc), ['Hello  world']);
  assert.equal(doc.comments[0].sent, false);
  assert.deepEqual(
    doc.messages[0].pieces.map((p) => at(text, p.span)),
    ['Hello ', ' world'],
  );
});

test('a file without frontmatter is one user message of the whole text', () => {
  const text = 'Summarise {{doc}}.\n';
  const doc = parseDocument('notes.md', text);
  assert.equal(doc.format, 'markdown');
  assert.equal(doc.frontmatter, undefined);
  assert.deepEqual(doc.body, { offset: 0, length: text.length });
  assert.deepEqual(sentText(doc), [text]);
  assert.deepEqual(doc.interop, { declaredVariables: [] });
});

test('headings: fences (``` and ~~~, longer closers), closing hashes, #hashtag and 7 hashes are handled', () => {
  const text = [
    '# One #',
    '~~~',
    '# in tilde fence',
    '```',
    '# still in tilde fence',
    '~~~~',
    '#hashtag',
    '####### seven',
    '    # indented code',
    '   ## Two',
    '````',
    '## in fence',
    '```',
    '````',
    '# Three',
    '',
  ].join('\n');
  const doc = parseDocument('a.prompt.md', text);
  assert.deepEqual(
    doc.sections.map((s) => [s.title, s.level]),
    [
      ['One', 1],
      ['Two', 2],
      ['Three', 1],
    ],
  );
  assert.equal(at(text, doc.sections[1].header), '   ## Two');
  assert.equal(doc.sections[0].span.offset + doc.sections[0].span.length, doc.sections[2].span.offset);
});

test('positions stay exact after surrogate pairs, ZWJ emoji and CJK on the same line', () => {
  const text = '# 日本語 👩‍💻 a𐐀b\r\n𐐀👩‍💻 {{ x }} 日本 {{y}}\r\n<!-- promptbound budget: 5 -->\r\n';
  const doc = parseDocument('a.prompt.md', text);
  assert.deepEqual(
    doc.variables.map((v) => at(text, v.span)),
    ['{{ x }}', '{{y}}'],
  );
  assert.deepEqual(
    doc.variables.map((v) => at(text, v.nameSpan)),
    ['x', 'y'],
  );
  assert.equal(doc.sections[0].title, '日本語 👩‍💻 a𐐀b');
  assert.equal(at(text, doc.sections[0].header), '# 日本語 👩‍💻 a𐐀b');
  assert.equal(at(text, doc.annotations[0].span), '<!-- promptbound budget: 5 -->');
});

test('plain text prompts: {{var}} only; ${input:x} is not Copilot syntax there', () => {
  const text = 'Use {{topic}} and ${input:x}.';
  const doc = parseDocument('prompts/a.txt', text);
  assert.equal(doc.format, 'text');
  assert.deepEqual(
    doc.variables.map((v) => v.name),
    ['topic'],
  );
});
