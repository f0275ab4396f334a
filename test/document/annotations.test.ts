import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import type { Annotation } from '../../core/document';
import { at } from './helpers';

function annotationsOf(uri: string, text: string): Array<[string, string, string[]]> {
  return parseDocument(uri, text).annotations.map((a: Annotation) => [
    a.kind,
    at(text, a.span),
    'rules' in a ? a.rules.map((r) => at(text, r.span)) : a.kind === 'budget' ? [String(a.tokens)] : [a.message],
  ]);
}

test('suppression comments in all three comment syntaxes; no ids = all rules; commas, spaces and a reason', () => {
  const text = [
    '<!-- promptbound-disable -->',
    '{{! promptbound-enable budget/near-limit,template/undefined-variable }}',
    '{{!-- promptbound-disable-next-line tokens/special-token -- the example shows the token --}}',
    '<!--promptbound-disable-file budget-->',
  ].join('\n');
  assert.deepEqual(annotationsOf('a.prompt.md', text), [
    ['disable', '<!-- promptbound-disable -->', []],
    ['enable', text.split('\n')[1], ['budget/near-limit', 'template/undefined-variable']],
    ['disable-next-line', text.split('\n')[2], ['tokens/special-token']],
    ['disable-file', '<!--promptbound-disable-file budget-->', ['budget']],
  ]);
  const jinja = '{# promptbound-disable-next-line tokens/special-token #}';
  assert.deepEqual(annotationsOf('a.prompty', jinja), [['disable-next-line', jinja, ['tokens/special-token']]]);
});

test('unreadable annotations are invalid, located at what is wrong', () => {
  const text = [
    '# A',
    '<!-- promptbound budget: lots -->',
    '# B',
    '{{! promptbound-disable-nxt-line x }}',
    '<!-- promptbound budget: 10 20 -->',
    '<!-- promptbound budget -->',
    '<!-- promptbound disable x -->',
    '<!-- promptbound-budget: 5 -->',
  ].join('\n');
  const doc = parseDocument('a.prompt.md', text);
  const invalid = doc.annotations.map((a) => (a.kind === 'invalid' ? at(text, a.span) : a.kind));
  assert.deepEqual(invalid, [
    'lots',
    'promptbound-disable-nxt-line',
    '20',
    'promptbound budget',
    'promptbound disable',
    'promptbound-budget',
  ]);
  const last = doc.annotations.at(-1);
  assert.match(last?.kind === 'invalid' ? last.message : '', /promptbound budget: N/);
});

test('prose that mentions promptbound is not an annotation', () => {
  const text = '<!-- This file is linted by promptbound. --> <!-- see promptbound-disable docs --> <!-- promptboundary -->';
  assert.deepEqual(parseDocument('a.prompt.md', text).annotations, []);
});

test('section budgets: on the heading line, on the next non-blank line, first in a role block; "tokens" allowed', () => {
  const text = [
    '# A <!-- promptbound budget: 100 -->',
    '## B',
    '',
    '   {{! promptbound budget: 20 tokens }}',
    'text',
    '<!-- promptbound budget: 7 -->',
    '## C',
    'not first <!-- promptbound budget: 9 -->',
  ].join('\n');
  const doc = parseDocument('a.prompt.md', text);
  assert.deepEqual(
    doc.sections.map((s) => [s.title, s.budget?.tokens]),
    [
      ['A', 100],
      ['B', 20],
      ['C', undefined],
    ],
  );
  assert.deepEqual(
    doc.annotations.map((a) => (a.kind === 'budget' ? a.tokens : 0)),
    [100, 20, 7, 9],
  );
  assert.equal(doc.sections[0].title, 'A');
});

test('nested heading spans: each runs to the next heading of the same or higher level', () => {
  const text = '# H1\na\n## H2a\nb\n### H3\nc\n## H2b\nd\n# H1b\n';
  const doc = parseDocument('a.prompt.md', text);
  assert.deepEqual(
    doc.sections.map((s) => [s.title, at(text, s.span)]),
    [
      ['H1', '# H1\na\n## H2a\nb\n### H3\nc\n## H2b\nd\n'],
      ['H2a', '## H2a\nb\n### H3\nc\n'],
      ['H3', '### H3\nc\n'],
      ['H2b', '## H2b\nd\n'],
      ['H1b', '# H1b\n'],
    ],
  );
});

test('lines inside comments are not headings', () => {
  const text = '<!--\n# hidden html\n-->\n{{!--\n# hidden template\n--}}\n# Shown\n';
  const doc = parseDocument('a.prompt.md', text);
  assert.deepEqual(
    doc.sections.map((s) => s.title),
    ['Shown'],
  );
});
