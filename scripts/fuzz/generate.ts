// Seeded generators for the fuzzing benchmark: prompt files in the four formats, frontmatter, JSON Schemas ($ref graphs,
// patterns, every keyword), sample completions and editor edit sequences. One input is a small workspace; the same
// (seed, index) always gives the same input, so a finding can be replayed with `npm run fuzz -- --only N`.

import { mulberry32 } from '../../core/seeded-random';

/** The fuzzer's generator: the same (seed, index) always draws the same input. */
export const rng = mulberry32;

export function seedOf(seed: number, index: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ index, 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

export class Gen {
  constructor(readonly next: () => number) {}
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  times<T>(min: number, max: number, make: (i: number) => T): T[] {
    return Array.from({ length: this.int(min, max) }, (_, i) => make(i));
  }
}

export interface EditStep {
  /** Replace [offset, offset+length) of the current text (clamped) with `text`. */
  offset: number;
  length: number;
  text: string;
}

export interface FuzzInput {
  index: number;
  kind: string;
  root: string;
  /** Path → text: the prompt, its schemas and samples. */
  files: Record<string, string>;
  prompt: string;
  /** Completions to validate as `promptbound validate` would. */
  completions: string[];
  /** Editor edits applied to the prompt, one lint per step. */
  edits: EditStep[];
}

const ROOT = '/ws';

const WORDS = [
  'answer',
  'refund',
  'policy',
  'the',
  'JSON',
  'summary',
  'words',
  'Hello',
  '世界',
  'naïve',
  '😀',
  'e\u0301',
  '<|endoftext|>',
  '<|im_start|>',
  '{{name}}',
  '${input:x}',
  'P.S.',
  '***',
  '```json',
  '—',
  '\u200b',
  '\ud800',
];
const PATTERNS = [
  '^[a-z]+$',
  '\\d{3}-\\d{4}',
  '^(a+)+$',
  '(a|aa)+$',
  '^(?=a)(a+)+$',
  '(\\w+)\\s\\1',
  '(?<!x)y',
  '^(?:(?!bad).)*$',
  '(?<=\\$)\\d+',
  '^(?=.*[0-9])(?=.*[a-z]).{8,}$',
  '(a*)*b',
  '((a+)+)+c',
  '^(\\w+\\s?)*$',
  '\\p{Lu}\\p{Ll}+',
  '[😀-😂]+',
  '(?<y>\\d{4})-\\k<y>',
  '(',
  '[z-a]',
  'a{2,1}',
  '(?i)abc',
  'a(?>bc)',
  'a++',
  '\\',
  '^$',
  '.*',
  '(?:)',
  'a{1000}',
  '(a{1000}){1000}',
  '(?=(?=(?=a)))a',
  '(a?){30}a{30}',
  '^(([a-z])+.)+[A-Z]([a-z])+$',
];
const FORMATS = ['email', 'date-time', 'uri', 'uuid', 'ipv4', 'regex', 'made-up', 'date'];
const MODELS = ['gpt-4o', 'gpt-4o-mini', 'claude-sonnet-4', 'gemini-1.5-pro', 'llama-3', 'unknown-model-x', '', 'gpt-4.1', 'o1'];
const DRAFTS = [
  'http://json-schema.org/draft-04/schema#',
  'http://json-schema.org/draft-06/schema#',
  'http://json-schema.org/draft-07/schema#',
  'https://json-schema.org/draft/2019-09/schema',
  'https://json-schema.org/draft/2020-12/schema',
  'https://example.com/odd',
];
const NUMBERS = [0, 1, -1, 3, 120, Number('1e400'), Number('-1e400'), 0.5, 2 ** 53, NaN, Number('1e-400')];

function word(g: Gen): string {
  return g.pick(WORDS);
}

function text(g: Gen, max = 40): string {
  const parts = g.times(0, max, () => word(g));
  // Long unbroken runs are rare (they are slow to count by design) but present.
  if (g.chance(0.003)) parts.push('x'.repeat(g.int(1000, 60_000)));
  if (g.chance(0.02)) parts.push('a'.repeat(g.int(20, 40)) + '!');
  return parts.join(g.pick([' ', ' ', '\n', ', ', '. ', '\r\n']));
}

function number(g: Gen): number {
  return g.chance(0.1) ? g.pick(NUMBERS) : g.int(-5, 500);
}

/** A JSON value for samples and `enum`/`const`: sometimes deep, sometimes wide, sometimes strings that fight patterns. */
function value(g: Gen, depth = 0): unknown {
  const roll = g.next();
  if (depth > 6 || roll < 0.35) return g.pick<unknown>([text(g, 4), number(g), true, null, `${'a'.repeat(g.int(5, 35))}!`, '']);
  if (roll < 0.65) return g.times(0, 5, () => value(g, depth + 1));
  const object: Record<string, unknown> = {};
  for (const key of g.times(0, 5, () =>
    g.pick(['a', 'b', 'name', 'status', 'items', '__proto__', 'constructor', '', 'x-y', 'ü']),
  ))
    object[key] = value(g, depth + 1);
  return object;
}

/** A subschema using any keyword, with refs into `definitions` and to the other schema files. */
function schema(g: Gen, depth: number, refs: readonly string[]): Record<string, unknown> | boolean {
  if (depth > 3 || g.chance(0.05)) return g.chance(0.5);
  const s: Record<string, unknown> = {};
  const keywords = g.times(1, 5, () =>
    g.pick([
      'type',
      'properties',
      'items',
      'pattern',
      'enum',
      'const',
      'anyOf',
      'oneOf',
      'allOf',
      'not',
      'if',
      '$ref',
      'format',
      'minimum',
      'maximum',
      'minLength',
      'maxLength',
      'required',
      'additionalProperties',
      'patternProperties',
      'prefixItems',
      'contains',
      'dependentSchemas',
      'unevaluatedProperties',
      'x-order',
      'unknownKeyword',
      '$id',
      '$anchor',
      'multipleOf',
      'uniqueItems',
      'propertyNames',
    ]),
  );
  for (const k of keywords) {
    switch (k) {
      case 'type':
        s.type = g.chance(0.2)
          ? g.times(1, 3, () => g.pick(['string', 'number', 'integer', 'object', 'array', 'boolean', 'null']))
          : g.pick(['string', 'number', 'integer', 'object', 'array', 'boolean', 'null', 'strnig']);
        break;
      case 'properties':
        s.properties = Object.fromEntries(
          g.times(0, 4, () => [
            g.pick(['a', 'b', 'name', 'status', 'items', '__proto__', 'x/y', 'a~b']),
            schema(g, depth + 1, refs),
          ]),
        );
        break;
      case 'items':
      case 'not':
      case 'contains':
      case 'additionalProperties':
      case 'unevaluatedProperties':
      case 'propertyNames':
        s[k] = schema(g, depth + 1, refs);
        break;
      case 'if':
        s.if = schema(g, depth + 1, refs);
        s.then = schema(g, depth + 1, refs);
        if (g.chance(0.5)) s.else = schema(g, depth + 1, refs);
        break;
      case 'anyOf':
      case 'oneOf':
      case 'allOf':
      case 'prefixItems':
        s[k] = g.times(g.chance(0.1) ? 0 : 1, 4, () => schema(g, depth + 1, refs));
        break;
      case 'dependentSchemas':
        s[k] = { a: schema(g, depth + 1, refs) };
        break;
      case 'pattern':
        s.pattern = g.chance(0.8) ? g.pick(PATTERNS) : randomRegex(g);
        break;
      case 'patternProperties':
        s.patternProperties = { [g.pick(PATTERNS)]: schema(g, depth + 1, refs) };
        break;
      case 'enum':
        s.enum = g.times(0, 5, () => value(g, 4));
        break;
      case 'const':
        s.const = value(g, 4);
        break;
      case '$ref':
        s.$ref = g.pick([
          ...refs,
          '#',
          '#/definitions/a',
          '#/definitions/b',
          '#/$defs/x',
          '#/properties/a',
          '#nope',
          'https://example.com/s.json',
          '../outside.json',
          '/etc/passwd',
          'http://json-schema.org/draft-07/schema#',
          'urn:thing',
          '#/definitions/a%20b',
          '#/definitions/~2',
        ]);
        break;
      case 'format':
        s.format = g.pick(FORMATS);
        break;
      case 'required':
        s.required = g.times(0, 3, () => g.pick(['a', 'b', 'name', 'status']));
        break;
      case '$id':
        s.$id = g.pick(['https://example.com/a.json', 'urn:thing', '#frag', 'relative.json']);
        break;
      case '$anchor':
        s.$anchor = g.pick(['nope', 'a']);
        break;
      case 'uniqueItems':
        s.uniqueItems = g.chance(0.5);
        break;
      default:
        s[k] = g.chance(0.9) ? number(g) : g.pick<unknown>(['3', null, [], {}]);
    }
  }
  if (depth === 0 && g.chance(0.6)) {
    s.definitions = { a: schema(g, depth + 2, refs), b: schema(g, depth + 2, refs) };
    if (g.chance(0.3)) s.$defs = { x: schema(g, depth + 2, refs) };
    if (g.chance(0.3)) s.$schema = g.pick(DRAFTS);
  }
  return s;
}

/** A random regex from pieces, including look-around, back-references and nested quantifiers. */
function randomRegex(g: Gen): string {
  const atoms = [
    'a',
    '.',
    '\\d',
    '\\w',
    '[a-z]',
    '[^x]',
    '(a|b)',
    '(?:ab)',
    '\\1',
    '(?=a)',
    '(?!b)',
    '(?<=a)',
    '(?<!c)',
    '\\b',
    '^',
    '$',
    '😀',
    '\\p{L}',
    '(a+)',
    '(?<n>a)',
    '\\k<n>',
  ];
  const quants = ['', '', '*', '+', '?', '{2}', '{1,3}', '*?', '+?', '{0,}'];
  return g.times(1, 8, () => g.pick(atoms) + g.pick(quants)).join(g.chance(0.2) ? '|' : '');
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

/** Frontmatter (as YAML text) with our keys, other formats' keys, and now and then broken YAML. */
function frontmatter(g: Gen, format: string, schemaRef: string | undefined, inlineSchema: unknown): string {
  const lines: string[] = [];
  if (g.chance(0.8)) lines.push(`model: ${g.pick(MODELS)}`);
  if (g.chance(0.5)) {
    lines.push('budget:');
    for (const key of g.times(1, 4, () => g.pick(['context', 'output', 'prompt', 'warnAt', 'effective', 'outptu'])))
      lines.push(`  ${key}: ${g.chance(0.9) ? number(g) : yamlString(text(g, 2))}`);
    if (g.chance(0.3)) lines.push('  variables:', `    name: ${number(g)}`, `    document: ${number(g)}`);
  }
  if (g.chance(0.85)) {
    lines.push('constraints:');
    const keys = g.times(1, 6, () =>
      g.pick([
        'words',
        'sentences',
        'paragraphs',
        'characters',
        'tokens',
        'lines',
        'bullets',
        'highlights',
        'sections',
        'placeholders',
        'title',
        'postscript',
        'format',
        'pattern',
        'startsWith',
        'endsWith',
        'wrappedIn',
        'case',
        'noCommas',
        'capitalWords',
        'include',
        'exclude',
        'frequency',
        'letters',
        'language',
        'responses',
        'repeatPrompt',
        'firstWord',
        'compat',
        'mode',
        'wrods',
      ]),
    );
    for (const key of new Set(keys)) lines.push(`  ${key}: ${constraintValue(g, key)}`);
    if (schemaRef !== undefined) lines.push(`  schema: ${schemaRef}`);
    else if (inlineSchema !== undefined) lines.push(`  schema: ${JSON.stringify(inlineSchema, replacer)}`);
  }
  if (g.chance(0.3))
    lines.push(`samples: ${g.pick(['[]', '["*.json"]', '["./s/*.json"]', '"../x/*.json"', '["/etc/*"]', '["**"]', '3'])}`);
  if (format === 'dotprompt' && g.chance(0.5))
    lines.push(
      'output:',
      '  format: json',
      `  schema: ${g.chance(0.5) ? '{name: string, age?: integer, tags(array): string}' : JSON.stringify(inlineSchema ?? {}, replacer)}`,
      'input:',
      '  schema: {name: string}',
    );
  if (format === 'prompty' && g.chance(0.5))
    lines.push('outputs:', '  answer: {type: string}', '  score: {type: numbr}', 'inputs:', '  name: {type: string}');
  if (g.chance(0.03)) lines.push(`x: ${'['.repeat(g.int(100, 3000))}`);
  if (g.chance(0.03)) lines.push('a: &a [*a, *a]', 'b: *a');
  if (g.chance(0.05)) lines.push(text(g, 6));
  return lines.join('\n');
}

/** Infinity and NaN would vanish in JSON; written as YAML numbers they reach the parser as the user typed them. */
function replacer(_key: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? (Number.isNaN(v) ? 0 : v > 0 ? 1e308 : -1e308) : v;
}

function constraintValue(g: Gen, key: string): string {
  const roll = g.next();
  if (roll < 0.1) return yamlString(text(g, 3));
  if (roll < 0.15) return g.pick(['null', '[]', '{}', '-1', '1e400', '"100..50"', '"~"', '{min: 5, max: 2}', '"<=0"']);
  switch (key) {
    case 'pattern':
      return g.chance(0.5)
        ? yamlString(g.chance(0.7) ? g.pick(PATTERNS) : randomRegex(g))
        : `{regex: ${yamlString(g.pick(PATTERNS))}, flags: ${g.pick(['i', 'm', 's', 'u', 'imsu', 'x'])}, fullMatch: ${g.chance(0.5)}}`;
    case 'format':
      return g.pick(['json', 'markdown', 'text', 'xml']);
    case 'case':
      return g.pick(['lower', 'upper', 'title']);
    case 'include':
    case 'exclude':
      return g.chance(0.5)
        ? `[${g.times(0, 3, () => yamlString(word(g))).join(', ')}]`
        : `{words: [${yamlString(word(g))}], wholeWord: ${g.chance(0.5)}, caseSensitive: ${g.chance(0.5)}}`;
    case 'frequency':
      return `[{word: ${yamlString(word(g))}, count: ${number(g)}}]`;
    case 'letters':
      return `[{letter: ${yamlString(g.pick(['a', 'é', '😀', 'ab']))}, count: ${number(g)}}]`;
    case 'startsWith':
    case 'endsWith':
    case 'wrappedIn':
    case 'postscript':
      return yamlString(g.pick(['Bye.', '"', 'P.S.', '', '😀', text(g, 2)]));
    case 'title':
    case 'noCommas':
    case 'repeatPrompt':
      return String(g.chance(0.8));
    case 'language':
      return g.pick(['en', 'de', 'zz', 'english']);
    case 'responses':
      return `{count: ${number(g)}, separator: "******"}`;
    case 'firstWord':
      return `{paragraph: ${number(g)}, word: ${yamlString(word(g))}}`;
    case 'sections':
    case 'paragraphs':
      return g.chance(0.5)
        ? String(number(g))
        : `{count: ${number(g)}, ${key === 'sections' ? 'marker: SECTION' : 'separator: "***"'}}`;
    case 'compat':
      return g.pick(['ifeval', 'none']);
    case 'mode':
      return g.pick(['loose', 'strict', 'lose']);
    default:
      return g.pick([
        String(number(g)),
        `{min: ${number(g)}}`,
        `{max: ${number(g)}}`,
        `{min: ${number(g)}, max: ${number(g)}}`,
        '"<=100"',
        '">=3"',
        '"100..150"',
        '"~100"',
        `{count: 5, tolerance: "10%"}`,
      ]);
  }
}

function body(g: Gen, format: string): string {
  const parts: string[] = [];
  for (let i = g.int(0, 8); i > 0; i--) {
    const roll = g.next();
    if (format === 'prompty' && roll < 0.2) parts.push(`${g.pick(['system', 'user', 'assistant', 'tool'])}:`);
    else if (format === 'dotprompt' && roll < 0.2)
      parts.push(
        g.pick([
          '{{role "system"}}',
          '{{#if x}}',
          '{{/if}}',
          '{{! comment }}',
          '{{>partial}}',
          '{{#each items}}{{this}}{{/each}}',
        ]),
      );
    else if (roll < 0.35) parts.push(`${'#'.repeat(g.int(1, 7))} ${text(g, 4)}`);
    else if (roll < 0.45)
      parts.push(
        g.pick([
          '<!-- promptbound budget: 5 -->',
          '<!-- promptbound-disable budget -->',
          '<!-- promptbound-disable-next-line tokens/special-token -->',
          '{# promptbound-enable #}',
          '<!-- promptbound-disable-file -->',
          '<!--',
        ]),
      );
    else if (roll < 0.55)
      parts.push(
        g.pick([
          'Answer in under 100 words.',
          'Respond in JSON.',
          'Use at most 3 sentences.',
          'Do not use any commas.',
          'End your reply with "Bye."',
          'Write in all lowercase letters.',
          'Keep it between 50 and 20 words.',
        ]),
      );
    else if (roll < 0.6) parts.push('```\n' + text(g, 10) + '\n```');
    else parts.push(text(g, 30));
  }
  return parts.join('\n\n');
}

function githubModels(g: Gen, inlineSchema: unknown): string {
  const lines = [`name: ${yamlString(text(g, 3))}`, `model: ${g.pick(MODELS)}`];
  if (g.chance(0.5)) lines.push('modelParameters:', `  maxTokens: ${number(g)}`);
  lines.push('messages:');
  for (let i = g.int(0, 4); i > 0; i--)
    lines.push(`  - role: ${g.pick(['system', 'user', 'assistant', 'robot'])}`, `    content: ${yamlString(body(g, 'md'))}`);
  if (g.chance(0.4))
    lines.push(
      `responseFormat: ${g.pick(['json_schema', 'json_object', 'text'])}`,
      `jsonSchema: ${yamlString(JSON.stringify({ name: 'x', schema: inlineSchema ?? {} }, replacer))}`,
    );
  if (g.chance(0.3)) lines.push('testData:', '  - name: a', '    document: b');
  if (g.chance(0.2)) lines.push(text(g, 3));
  return lines.join('\n') + '\n';
}

/** A completion: JSON (valid, broken, deep, huge), prose, or a JSON Lines file. */
function completion(g: Gen): string {
  const roll = g.next();
  if (roll < 0.4) return JSON.stringify(value(g), replacer, g.chance(0.5) ? 2 : undefined) ?? 'null';
  if (roll < 0.47) return `${'['.repeat(g.int(200, 6000))}${g.chance(0.5) ? ']'.repeat(g.int(0, 6000)) : ''}`;
  if (roll < 0.5) return `${'{"a":'.repeat(g.int(100, 3000))}1${'}'.repeat(g.int(0, 3000))}`;
  if (roll < 0.55) return `${'[1,'.repeat(g.int(10, 600))}1${']'.repeat(g.int(0, 600))}`;
  if (roll < 0.6) return '```json\n' + JSON.stringify(value(g)) + '\n```';
  if (roll < 0.7) return JSON.stringify(value(g)).slice(0, g.int(0, 30));
  if (roll < 0.75) return `{"n": ${g.pick(['1e400', '-0', '01', 'NaN', '1e-400', '9007199254740993'])}}`;
  return text(g, 60);
}

export function generateInput(seed: number, index: number): FuzzInput {
  const g = new Gen(rng(seedOf(seed, index)));
  const format = g.pick(['md', 'dotprompt', 'prompty', 'github']);
  const ext = { md: '.prompt.md', dotprompt: '.prompt', prompty: '.prompty', github: '.prompt.yml' }[format]!;
  const files: Record<string, string> = {};
  const dir = `${ROOT}/${g.pick(['p', 'a/b', 'deep/er/still'])}`;
  const prompt = `${dir}/x${ext}`;
  // Schema files whose $refs may point at each other (cycles included) and outside the root.
  const schemaFiles = g.chance(0.4) ? g.times(1, 3, (i) => `${dir}/s${i}.json`) : [];
  const refs = schemaFiles.map((f) => `./${f.slice(dir.length + 1)}${g.chance(0.3) ? '#/definitions/a' : ''}`);
  for (const file of schemaFiles) {
    const s = schema(g, 0, refs);
    const roll = g.next();
    files[file] =
      roll < 0.05
        ? '{"a": '
        : roll < 0.08
          ? `${'['.repeat(g.int(100, 2000))}`
          : roll < 0.1
            ? '{"type": "number", "maximum": 1e400}'
            : JSON.stringify(s, replacer);
  }
  if (g.chance(0.1)) files[`${ROOT}/../outside.json`] = '{"token": "secret"}';
  const inline = g.chance(0.3) ? schema(g, 0, refs) : undefined;
  const schemaRef =
    schemaFiles.length > 0 && g.chance(0.6)
      ? g.pick([...refs, './missing.json', '../../../etc/passwd', 'https://example.com/s.json', '/abs/s.json'])
      : undefined;
  const completions = g.times(0, 4, () => completion(g));
  completions.forEach((c, i) => {
    files[`${dir}/x.sample${i === 0 ? '' : i}.${g.pick(['json', 'txt', 'md', 'json'])}`] = c;
  });
  if (g.chance(0.2))
    files[`${dir}/x.samples/runs.jsonl`] = completions
      .map((c) => (g.chance(0.5) ? JSON.stringify(c) : c.replace(/\n/g, ' ')))
      .join('\n');
  const text =
    format === 'github'
      ? githubModels(g, inline)
      : g.chance(0.9)
        ? `---\n${frontmatter(g, format, schemaRef, inline)}\n---\n${body(g, format)}\n`
        : body(g, format);
  files[prompt] = text;
  const edits = g.chance(0.12)
    ? g.times(1, 3, () => ({
        offset: g.int(0, text.length),
        length: g.int(0, 12),
        text: g.chance(0.5)
          ? word(g)
          : g.pick(['\n', '---', ': ', '{{', '}}', 'pattern: "(a+)+$"', '  schema: ./s0.json', '\r\n', '']),
      }))
    : [];
  const kind = `${format}${schemaFiles.length > 0 ? '+files' : ''}${inline ? '+inline' : ''}${edits.length > 0 ? '+edits' : ''}`;
  return { index, kind, root: ROOT, files, prompt, completions, edits };
}
