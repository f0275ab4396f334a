// The published JSON Schemas: they compile under ajv strict mode, document every property, agree with each other,
// match the words core uses about them, and the precompiled validators in core/generated/ are built from them.
import { CONSTRAINT_KEYS } from '../../core/constraints/registry';
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { FRONTMATTER_SCHEMA } from '../../core/config/frontmatter';
import { CONFIG_SCHEMA } from '../../core/config/load';

type Json = Record<string, unknown>;

const root = join(__dirname, '..', '..');
const files = {
  frontmatter: join(root, 'schemas', 'frontmatter.schema.json'),
  config: join(root, 'schemas', 'config.schema.json'),
};

function load(file: string): Json {
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

function at(schema: Json, pointer: string): unknown {
  let node: unknown = schema;
  for (const token of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    node = Array.isArray(node)
      ? node[Number(token)]
      : (node as Json | undefined)?.[token.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return node;
}

function strictAjv(): Ajv {
  const ajv = new Ajv({ strict: true, allErrors: true, allowUnionTypes: true });
  ajv.addVocabulary(['markdownDescription', 'defaultSnippets', 'markdownEnumDescriptions']);
  return ajv;
}

/** Every entry of every `properties` map, with its pointer. */
function propertiesOf(node: unknown, pointer = '#'): Array<[string, Json]> {
  if (Array.isArray(node)) return node.flatMap((item, i) => propertiesOf(item, `${pointer}/${i}`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node as Json).flatMap(([key, value]) => {
    const own: Array<[string, Json]> =
      key === 'properties' && value && typeof value === 'object'
        ? Object.entries(value as Json).map(([name, sub]) => [`${pointer}/properties/${name}`, sub as Json])
        : [];
    return [...own, ...propertiesOf(value, `${pointer}/${key}`)];
  });
}

for (const [name, file] of Object.entries(files)) {
  describe(`schemas/${name}.schema.json`, () => {
    const schema = load(file);

    it('is draft-07 with an $id and a title', () => {
      assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
      assert.match(String(schema.$id), /^https:\/\/.+\/schemas\/.+\.schema\.json$/);
      assert.equal(typeof schema.title, 'string');
    });

    it('compiles under ajv strict mode as published (with its $refs)', () => {
      strictAjv().compile(schema);
    });

    it('gives every property a description and a markdownDescription', () => {
      for (const [pointer, property] of propertiesOf(schema)) {
        const target = typeof property.$ref === 'string' ? (at(schema, property.$ref) as Json) : {};
        for (const key of ['description', 'markdownDescription']) {
          assert.equal(typeof (property[key] ?? target[key]), 'string', `${pointer} has no ${key}`);
        }
      }
    });

    it('has examples that validate against their own property', () => {
      const ajv = strictAjv();
      ajv.addSchema(schema);
      for (const [pointer, property] of propertiesOf(schema)) {
        if (!Array.isArray(property.examples)) continue;
        const validate = ajv.compile({ $ref: `${String(schema.$id)}${pointer}` });
        for (const example of property.examples) assert.ok(validate(example), `${pointer}: example ${JSON.stringify(example)}`);
      }
    });
  });
}

describe('schemas agree with each other and with core', () => {
  it('share one budget definition (frontmatter and config defaults take the same keys)', () => {
    const strip = ({ description: _d, markdownDescription: _m, ...rest }: Json) => rest;
    const frontmatter = at(load(files.frontmatter), '#/definitions/budget') as Json;
    const config = at(load(files.config), '#/definitions/budget') as Json;
    assert.deepEqual(strip(config), strip(frontmatter));
  });

  for (const [name, compiled] of [
    ['frontmatter', FRONTMATTER_SCHEMA],
    ['config', CONFIG_SCHEMA],
  ] as const) {
    it(`${name}: every label and noun names a place in the schema file`, () => {
      const schema = load(files[name]);
      for (const pointer of [...Object.keys(compiled.labels), ...Object.keys(compiled.nouns)]) {
        assert.ok(at(schema, pointer) !== undefined, `${pointer} does not exist in schemas/${name}.schema.json`);
      }
    });
  }

  it('covers the whole constraint vocabulary of docs/constraints.md', () => {
    const keys = Object.keys(at(load(files.frontmatter), '#/definitions/constraints/properties') as Json).sort();
    const spec = [
      'compat',
      'mode',
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
      'schema',
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
    ];
    for (const key of spec) assert.ok(keys.includes(key), `${key} is missing`);
    assert.deepEqual(keys, ['compat', 'mode', ...CONSTRAINT_KEYS].sort());
  });

  it('precompiled validators in core/generated/ are up to date (run `node esbuild.mjs` after editing a schema)', () => {
    execFileSync(process.execPath, [join(root, 'scripts', 'compile-schemas.mjs'), '--check'], { stdio: 'pipe' });
  });

  it('the generated validators need no code generation at run time', () => {
    for (const name of ['frontmatter-validator', 'config-validator']) {
      const code = readFileSync(join(root, 'core', 'generated', `${name}.js`), 'utf8');
      assert.doesNotMatch(code, /new Function|\beval\(/, name);
      const requires = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
      assert.ok(
        requires.every((r) => r.startsWith('ajv/dist/runtime/')),
        `${name} requires only ajv's small runtime helpers: ${requires}`,
      );
    }
  });
});
