// The preview's template renderer: substitution and the documented helpers as Handlebars, Mustache and Jinja2
// render them (expected outputs worked out from those engines' documented semantics), and nothing else evaluated.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_OUTPUT, renderTemplate } from '../../server/features/render';

const text = (
  source: string,
  language: Parameters<typeof renderTemplate>[1],
  values: Record<string, unknown>,
  partials?: Record<string, string>,
) =>
  renderTemplate(source, language, values, partials)
    .segments.map((s) => s.text)
    .join('');

describe('render: Handlebars (Dotprompt)', () => {
  it('each with this, @index, @first and a parent lookup; standalone block lines leave no blank line', () => {
    const source =
      'Items for {{who}}:\n{{#each items}}\n{{@index}}. {{this}}{{#if @first}} (first){{/if}} for {{../who}}\n{{/each}}\nEnd\n';
    assert.equal(
      text(source, 'handlebars', { who: 'Ada', items: ['a', 'b'] }),
      'Items for Ada:\n0. a (first) for Ada\n1. b for Ada\nEnd\n',
    );
  });

  it('if/else, unless, with, each … as |item i|, json, ifEquals', () => {
    assert.equal(text('{{#if x}}yes{{else}}no{{/if}}', 'handlebars', { x: [] }), 'no'); // Handlebars: [] is falsy
    assert.equal(text('{{#unless x}}none{{/unless}}', 'handlebars', {}), 'none');
    assert.equal(text('{{#with user}}{{name}}{{/with}}', 'handlebars', { user: { name: 'Bo' } }), 'Bo');
    assert.equal(text('{{#each xs as |x i|}}{{i}}={{x}};{{/each}}', 'handlebars', { xs: ['p', 'q'] }), '0=p;1=q;');
    assert.equal(text('{{json o}}', 'handlebars', { o: { a: [1, 2] } }), '{"a":[1,2]}');
    assert.equal(text('{{#ifEquals kind "bug"}}B{{else}}O{{/ifEquals}}', 'handlebars', { kind: 'bug' }), 'B');
  });

  it('whitespace control with ~ and partials inlined in the same scope', () => {
    assert.equal(text('a  {{~x~}}  b', 'handlebars', { x: 1 }), 'a1b');
    assert.equal(text('Hi\n{{> sig}}\nBye', 'handlebars', { name: 'Ada' }, { sig: '-- {{name}}\n' }), 'Hi\n-- Ada\nBye');
  });

  it('a partial that includes itself stops', () => {
    const result = renderTemplate('{{> loop}}', 'handlebars', {}, { loop: 'x{{> loop}}' });
    assert.equal(result.segments.map((s) => s.text).join(''), `${'x'.repeat(8)}{{> loop}}`);
    assert.deepEqual(result.unevaluated, ['{{> loop}}']);
  });

  it('unknown helpers and runtime-only helpers are shown as written', () => {
    const result = renderTemplate('{{shout name}} {{history}} {{#custom}}x{{/custom}}', 'handlebars', { name: 'a' });
    assert.equal(result.segments.map((s) => s.text).join(''), '{{shout name}} {{history}} {{#custom}}x{{/custom}}');
    assert.deepEqual(result.unevaluated, ['{{shout name}}', '{{history}}', '{{#custom}}x{{/custom}}']);
  });
});

describe('render: Mustache (.prompt.md)', () => {
  it('sections repeat over lists, render once for a truthy value, inverted sections for missing ones', () => {
    const source = '{{#items}}- {{name}}\n{{/items}}{{^notes}}No notes.{{/notes}}';
    assert.equal(text(source, 'mustache', { items: [{ name: 'a' }, { name: 'b' }] }), '- a\n- b\nNo notes.');
  });

  it('${input:name} and ${input:name:placeholder} take the value; a missing one is kept and listed', () => {
    const result = renderTemplate('Topic ${input:topic:Pick one}, ${input:tone}', 'mustache', { topic: 'tides' });
    assert.equal(result.segments.map((s) => s.text).join(''), 'Topic tides, ${input:tone}');
    assert.deepEqual(result.missing, ['tone']);
  });
});

describe('render: Jinja2 (Prompty)', () => {
  it('for with loop.index, if/elif/else, set, filters', () => {
    const source =
      '{% set sep = ", " %}{% for x in xs %}{{ loop.index }}:{{ x | upper }}{% if not loop.last %}{{ sep }}{% endif %}{% endfor %}' +
      ' | {% if n == 1 %}one{% elif n == 2 %}two{% else %}many{% endif %} | {{ xs | join("+") }} | {{ y | default("none") }} | {{ xs | length }}';
    assert.equal(text(source, 'jinja', { xs: ['a', 'b'], n: 2 }), '1:A, 2:B | two | a+b | none | 2');
  });

  it('keeps the newline after a block tag (no trim_blocks) unless `-` trims it', () => {
    assert.equal(text('{% for x in xs %}\n{{ x }}\n{% endfor %}\n', 'jinja', { xs: [1, 2] }), '\n1\n\n2\n\n');
    assert.equal(text('{% for x in xs -%}\n{{ x }}\n{%- endfor %}', 'jinja', { xs: [1, 2] }), '12');
  });

  it('expressions and unknown filters are not evaluated', () => {
    const result = renderTemplate('{{ 6 * 7 }} {{ x | reverse }} {% if x > 1 %}big{% endif %} {{ x.__class__ }}', 'jinja', {
      x: 5,
    });
    assert.equal(
      result.segments.map((s) => s.text).join(''),
      '{{ 6 * 7 }} {{ x | reverse }} {% if x > 1 %}big{% endif %} {{ x.__class__ }}',
    );
    assert.equal(result.unevaluated.length, 3);
    assert.deepEqual(result.missing, ['x.__class__']);
  });
});

describe('render: bounded', () => {
  it('nested loops over large lists stop at the output limit', () => {
    const big = Array.from({ length: 3000 }, () => 'xxxxxxxxxx');
    const result = renderTemplate('{{#each a}}{{#each this}}{{this}}{{/each}}{{/each}}', 'handlebars', {
      a: [
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
        big,
      ],
    });
    assert.equal(result.truncated, true);
    assert.equal(result.segments.map((s) => s.text).join('').length, MAX_OUTPUT);
  });

  it('nested loops that print nothing stop too', () => {
    const list = Array.from({ length: 5000 }, (_, i) => i);
    const result = renderTemplate('{% for a in l %}{% for b in l %}{% endfor %}{% endfor %}', 'jinja', { l: list });
    assert.equal(result.truncated, true);
  });
});
