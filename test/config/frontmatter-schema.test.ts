// schemas/frontmatter.schema.json through checkFrontmatterSchema: what passes, what fails, where, with which words and fixes.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import { checkFrontmatterSchema, type SchemaProblem } from '../../core/config/frontmatter';
import { applyEdits } from '../../core/edits';
import { withCpuTime } from '../support/cpu-time';

/** Parses `yaml` as a Markdown prompt's frontmatter (or as a whole `.prompt.yml` file). */
function check(yaml: string, uri = 'support.prompt.md'): { text: string; problems: SchemaProblem[] } {
  const text = uri.endsWith('.prompt.yml') ? yaml : `---\n${yaml}---\nAnswer the question.\n`;
  const document = parseDocument(uri, text);
  assert.ok(document.frontmatter, 'has frontmatter');
  assert.deepEqual(document.frontmatter.errors, [], 'YAML parses');
  return { text, problems: checkFrontmatterSchema(document.frontmatter) };
}

/** Each problem as [the text under its span, its message]. */
function located(yaml: string, uri?: string): Array<[string, string]> {
  const { text, problems } = check(yaml, uri);
  return problems.map((p) => [text.slice(p.span.offset, p.span.offset + p.span.length), p.message]);
}

function assertValid(yaml: string, uri?: string): void {
  assert.deepEqual(located(yaml, uri), [], yaml);
}

describe('frontmatter schema: accepted', () => {
  it('accepts the docs/design/interop.md example', () => {
    assertValid(`model: gpt-4o
budget:
  context: 128000
  output: 1024
  prompt: 3000
  warnAt: 0.8
  effective: 0.5
  variables:
    document: 6000
    question: 200
constraints:
  words: {max: 120}
  sentences: {min: 3, max: 6}
  format: json
  schema: ./answer.schema.json
  include: [refund, policy]
  exclude: ["guarantee"]
  endsWith: "Is there anything else I can help with?"
samples: [./support.samples/*.json]
`);
  });

  it('accepts an empty frontmatter and one without our keys', () => {
    assertValid('');
    assertValid('title: Support\n');
  });

  for (const count of [
    '0',
    '120',
    '{min: 3}',
    '{max: 120}',
    '{min: 3, max: 6}',
    '{exactly: 100}',
    '{exactly: 100, tolerance: 5}',
    '{exactly: 100, tolerance: 10%}',
    '{exactly: 100, tolerance: "2.5%"}',
    '"<=100"',
    '"<100"',
    '">=3"',
    '">3"',
    '"100..150"',
    '"~100"',
    '" <= 100 "',
    '"100 .. 150"',
  ]) {
    it(`accepts the count ${count}`, () => assertValid(`constraints:\n  words: ${count}\n`));
  }

  it('accepts every key of the constraint vocabulary (docs/constraints.md)', () => {
    assertValid(`constraints:
  compat: ifeval
  mode: loose
  words: 120
  sentences: {min: 3, max: 6}
  paragraphs: {count: 3, separator: "***"}
  characters: "<=500"
  tokens: {max: 300}
  lines: 10
  bullets: {min: 2}
  highlights: ">=2"
  sections: {count: 3, marker: SECTION}
  placeholders: {min: 1}
  title: true
  postscript: P.P.S.
  format: markdown
  schema: {type: object, properties: {answer: {type: string}}}
  pattern: {regex: "^\\\\d+$", flags: im, fullMatch: true}
  startsWith: {text: Dear, caseSensitive: true}
  endsWith: Thanks.
  wrappedIn: '"'
  case: lower
  noCommas: true
  capitalWords: {max: 3}
  include: {words: [refund], wholeWord: true, caseSensitive: false}
  exclude: [guarantee, promise]
  frequency: [{word: refund, count: {min: 2}}, {word: sorry, count: 0}]
  letters: [{letter: q, count: ">=3"}]
  language: de
  responses: {count: 2, separator: "******"}
  repeatPrompt: true
  firstWord: {paragraph: 2, word: However}
`);
  });

  it('accepts the other forms of union-valued constraints', () => {
    assertValid(`constraints:
  paragraphs: "~4"
  sections: 2
  postscript: true
  pattern: "^Answer:"
  startsWith: "Q:"
  repeatPrompt: Repeat this request word for word
  schema: true
  title: false
`);
  });

  it('accepts a Prompty model object and its host keys, untouched', () => {
    assertValid(
      `name: Support
description: Answers support questions
authors: [someone]
model:
  api: chat
  configuration:
    type: azure_openai
    azure_deployment: gpt-35-turbo
  parameters:
    max_tokens: 128
    anything: {goes: here}
sample:
  firstName: Jane
inputs:
  firstName: {type: string}
outputs:
  answer: {type: string}
`,
      'support.prompty',
    );
  });

  it('accepts a Dotprompt frontmatter with its own keys', () => {
    assertValid(
      `model: googleai/gemini-1.5-pro
config:
  temperature: 0.7
  maxOutputTokens: 512
input:
  schema:
    topic: string
    style?: string
  default:
    style: casual
output:
  format: json
  schema:
    title: string
tools: [search]
budget:
  output: 512
`,
      'story.prompt',
    );
  });

  it('accepts a GitHub Models prompt file with its own keys', () => {
    assertValid(
      `name: Summarizer
model: openai/gpt-4o-mini
modelParameters:
  maxTokens: 500
  temperature: 0.2
messages:
  - role: system
    content: Summarize the text.
  - role: user
    content: "{{input}}"
testData:
  - input: hello
    expected: hi
evaluators:
  - name: short
    string: {contains: hi}
jsonSchema: '{"name": "x", "schema": {}}'
constraints:
  words: {max: 50}
`,
      'summarize.prompt.yml',
    );
  });

  it('accepts a Copilot prompt file with its own keys', () => {
    assertValid(`mode: agent
tools: ['codebase', 'fetch']
description: Generate a test plan
model: GPT-4o
`);
  });

  it('accepts an empty samples list (turns sample checking off)', () => {
    assertValid('samples: []\n');
    assertValid('samples: ./golden.json\n');
  });
});

describe('frontmatter schema: rejected, located and explained', () => {
  it('points at a misspelt budget key with a did-you-mean', () => {
    assert.deepEqual(located('budget:\n  output: 800\n  wranAt: 0.7\n'), [
      ['wranAt', 'budget.wranAt is not a budget key; did you mean warnAt?'],
    ]);
  });

  it('points at an out-of-range value and names what is allowed', () => {
    assert.deepEqual(located('budget:\n  warnAt: 80\n'), [
      ['80', 'budget.warnAt must be a number between 0 and 1 (exclusive of 0), e.g. 0.8; got 80'],
    ]);
    assert.deepEqual(located('budget:\n  effective: 0\n'), [
      ['0', 'budget.effective must be a number between 0 and 1 (exclusive of 0), e.g. 0.8; got 0'],
    ]);
    assert.deepEqual(located('budget:\n  output: 0\n  context: 1.5\n'), [
      ['0', 'budget.output must be a positive integer; got 0'],
      ['1.5', 'budget.context must be a positive integer; got 1.5'],
    ]);
  });

  it('collapses the count union into one message', () => {
    const count = 'a count: N, {min, max}, {exactly, tolerance}, or a string like "<=100", "100..150", "~100"';
    assert.deepEqual(
      located('constraints:\n  words: lots\n  sentences: -1\n  lines: "<= 100 words"\n  bullets: {}\n  tokens: true\n'),
      [
        ['lots', `constraints.words must be ${count}; got "lots"`],
        ['-1', `constraints.sentences must be ${count}; got -1`],
        ['"<= 100 words"', `constraints.lines must be ${count}; got "<= 100 words"`],
        ['{}', `constraints.bullets must be ${count}; got {}`],
        ['true', `constraints.tokens must be ${count}; got true`],
      ],
    );
  });

  it('reports inside a count object at the offending part', () => {
    assert.deepEqual(located('constraints:\n  words: {max: "many"}\n'), [
      ['"many"', 'constraints.words.max must be a non-negative integer; got "many"'],
    ]);
    assert.deepEqual(located('constraints:\n  words: {mx: 100}\n'), [
      ['mx', 'constraints.words.mx is not a key of a count; did you mean max?'],
    ]);
    assert.deepEqual(located('constraints:\n  words: {exactly: 100, tolerance: ten}\n'), [
      ['ten', 'constraints.words.tolerance must be a tolerance: a number such as 5, or a percentage such as "10%"; got "ten"'],
    ]);
  });

  it('suggests keys from every branch of a union (paragraphs: count or {count, separator})', () => {
    assert.deepEqual(located('constraints:\n  paragraphs: {cont: 3}\n'), [
      ['cont', 'constraints.paragraphs.cont is not a known key of constraints.paragraphs; did you mean count?'],
    ]);
    assert.deepEqual(located('constraints:\n  paragraphs: {count: 3, separatr: "***"}\n'), [
      ['separatr', 'constraints.paragraphs.separatr is not a known key of constraints.paragraphs; did you mean separator?'],
    ]);
    assert.deepEqual(located('constraints:\n  paragraphs: {count: lots}\n'), [
      [
        'lots',
        'constraints.paragraphs.count must be a count: N, {min, max}, {exactly, tolerance}, or a string like "<=100", "100..150", "~100"; got "lots"',
      ],
    ]);
  });

  it('names unknown constraints and lists what exists when nothing is close', () => {
    assert.deepEqual(located('constraints:\n  wrods: 5\n'), [
      ['wrods', 'constraints.wrods is not a constraint; did you mean words?'],
    ]);
    const [[at, message]] = located('constraints:\n  zzzz: 5\n');
    assert.equal(at, 'zzzz');
    assert.match(message, /^constraints\.zzzz is not a constraint \(known: compat, mode, words, .*, …\)$/);
  });

  it('suggests the nearest enum value', () => {
    const { text, problems } = check('constraints:\n  format: jsno\n');
    assert.equal(problems.length, 1);
    assert.equal(
      problems[0].message,
      'constraints.format must be one of "json", "markdown", "text"; got "jsno" (did you mean json?)',
    );
    assert.equal(applyEdits(text, problems[0].fixes?.[0]?.edits ?? []), text.replace('jsno', 'json'));
  });

  it('reports missing keys once per object, and not when an unknown key is their misspelling', () => {
    assert.deepEqual(located('constraints:\n  frequency: [{word: refund}]\n  firstWord: {}\n'), [
      ['{word: refund}', 'constraints.frequency[0] is missing required key count'],
      ['{}', 'constraints.firstWord is missing required keys paragraph, word'],
    ]);
    assert.deepEqual(located('constraints:\n  startsWith: {txt: Dear}\n'), [
      ['txt', 'constraints.startsWith.txt is not a known key of constraints.startsWith; did you mean text?'],
    ]);
  });

  it('explains other malformed constraint values', () => {
    assert.deepEqual(
      located(`constraints:
  language: English
  include: []
  exclude: [1]
  pattern: {regex: x, flags: g}
  postscript: 3
  case: Lower
  letters: [{letter: qq, count: 1}]
  firstWord: {paragraph: 0, word: However}
  compat: IFEval
`),
      [
        ['English', 'constraints.language must be an ISO 639-1 language code (two lower-case letters, e.g. en); got "English"'],
        ['[]', 'constraints.include must be a list of words, or {words, wholeWord, caseSensitive}; got []'],
        ['1', 'constraints.exclude[0] must be a non-empty string; got 1'],
        ['g', 'constraints.pattern.flags must be regex flags: any of i, m, s, u; got "g"'],
        ['3', 'constraints.postscript must be true, or the marker that starts the postscript (e.g. "P.S."); got 3'],
        ['Lower', 'constraints.case must be one of "lower", "upper"; got "Lower" (did you mean lower?)'],
        ['qq', 'constraints.letters[0].letter must be a single character; got "qq"'],
        ['0', 'constraints.firstWord.paragraph must be a positive integer; got 0'],
        ['IFEval', 'constraints.compat must be one of "ifeval", "ifbench"; got "IFEval" (did you mean ifeval?)'],
      ],
    );
  });

  it('checks the types of our top-level keys', () => {
    assert.deepEqual(located('model: 42\nbudget: 5000\nconstraints: [words]\nsamples: 5\n'), [
      ['42', 'model must be a model id (e.g. gpt-4o) or a Prompty model mapping; got 42'],
      ['5000', 'budget must be a mapping; got 5000'],
      ['[words]', 'constraints must be a mapping; got ["words"]'],
      ['5', 'samples must be a path or glob, or a list of them; got 5'],
    ]);
  });

  it('shows an empty value at its key', () => {
    assert.deepEqual(located('budget:\n  warnAt:\n'), [
      ['warnAt', 'budget.warnAt must be a number between 0 and 1 (exclusive of 0), e.g. 0.8; got null'],
    ]);
  });

  it('decodes ~1 and ~0 in instance paths', () => {
    const { text, problems } = check('budget:\n  variables:\n    "a/b~c": lots\n');
    assert.equal(problems.length, 1);
    assert.equal(text.slice(problems[0].span.offset, problems[0].span.offset + problems[0].span.length), 'lots');
    assert.equal(problems[0].message, 'budget.variables["a/b~c"] must be a non-negative integer; got "lots"');
    assert.equal(problems[0].data?.pointer, '/budget/variables/a~1b~0c');
  });

  it('points at an unknown key containing / and ~', () => {
    assert.deepEqual(located('constraints:\n  "word/s~": 3\n'), [
      ['"word/s~"', 'constraints["word/s~"] is not a constraint; did you mean words?'],
    ]);
  });

  it('follows aliases to the anchored value', () => {
    assert.deepEqual(located('limits: &limits {max: many}\nconstraints:\n  words: *limits\n'), [
      ['many', 'constraints.words.max must be a non-negative integer; got "many"'],
    ]);
  });

  it('reports one problem per span', () => {
    const { problems } = check('constraints:\n  words: {max: "many", mx: 3}\n');
    const spans = problems.map((p) => `${p.span.offset}:${p.span.length}`);
    assert.equal(new Set(spans).size, spans.length);
  });

  it('stays fast with thousands of unknown keys', () => {
    const keys = Array.from({ length: 3000 }, (_, i) => `  key${i}: ${i}\n`).join('');
    const { result, ms } = withCpuTime(() => check(`constraints:\n${keys}`));
    assert.equal(result.problems.length, 3000);
    assert.ok(ms < 3000, `took ${Math.round(ms)} ms of CPU`);
  });
});

describe('frontmatter schema: did-you-mean fixes', () => {
  const cases: Array<[string, string]> = [
    ['budget:\n  output: 800\n  wranAt: 0.7\n', 'budget:\n  output: 800\n  warnAt: 0.7\n'],
    ['budget: {"wranAt": 0.7}\n', 'budget: {"warnAt": 0.7}\n'],
    ["budget: {'WarnAt': 0.7}\n", "budget: {'warnAt': 0.7}\n"],
    ['constraints:\n  wrods: {max: 120}\n', 'constraints:\n  words: {max: 120}\n'],
    ['constraints:\n  words: {mx: 120}\n', 'constraints:\n  words: {max: 120}\n'],
    ['constraints:\n  paragraphs: {cont: 3, separator: "***"}\n', 'constraints:\n  paragraphs: {count: 3, separator: "***"}\n'],
    ['constraints:\n  endswith: Thanks.\n', 'constraints:\n  endsWith: Thanks.\n'],
    ['constraints:\n  format: "jsno"\n', 'constraints:\n  format: "json"\n'],
  ];
  for (const [before, after] of cases) {
    it(JSON.stringify(before), () => {
      const { text, problems } = check(before);
      assert.equal(problems.length, 1);
      const fix = problems[0].fixes?.[0];
      assert.ok(fix, 'offers a fix');
      const fixed = applyEdits(text, fix.edits);
      assert.equal(fixed, text.replace(before, after));
      assert.deepEqual(check(after).problems, [], 'the fixed frontmatter validates');
    });
  }

  it('marks only a change of case as safe to apply unattended', () => {
    assert.equal(check('budget: {WarnAt: 0.7}\n').problems[0].fixes?.[0]?.safe, true);
    assert.equal(check('budget: {wranAt: 0.7}\n').problems[0].fixes?.[0]?.safe, false);
  });

  it('never suggests renaming onto a key that is already there', () => {
    const { problems } = check('budget:\n  warnAt: 0.8\n  wranAt: 0.7\n');
    assert.equal(problems.length, 1);
    assert.equal(problems[0].fixes, undefined);
    assert.match(
      problems[0].message,
      /^budget\.wranAt is not a budget key \(known: context, output, prompt, warnAt, effective, variables\)$/,
    );
  });

  it('carries structured data for code actions', () => {
    const { problems } = check('budget:\n  wranAt: 0.7\n');
    assert.deepEqual(problems[0].data, {
      pointer: '/budget/wranAt',
      path: 'budget.wranAt',
      key: 'wranAt',
      candidates: ['warnAt'],
      allowed: ['context', 'output', 'prompt', 'warnAt', 'effective', 'variables'],
    });
  });
});
