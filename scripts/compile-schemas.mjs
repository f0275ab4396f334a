// Precompiles our own JSON Schemas (schemas/*.schema.json) into standalone ajv validators under core/generated/ (docs/design/pitfalls.md P16).
//
// Why a dereferenced copy: ajv reports errors inside a non-inlined `$ref` with schema paths relative to the
// referenced schema (`#/anyOf/1/...`), so two uses of one definition would be indistinguishable. Inlining every
// local `$ref` first gives each location its own schemaPath; `origins` maps an inlined location back to the
// definition it came from, so core can name it ("a count") in messages.
//
// Usage: `node scripts/compile-schemas.mjs` writes the files (only when they changed); `--check` exits 1 when
// they are missing or stale. esbuild.mjs runs it before bundling.
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'core', 'generated');

/** Schema file → generated module name. */
const SCHEMAS = [
  { source: 'schemas/frontmatter.schema.json', name: 'frontmatter-validator' },
  { source: 'schemas/config.schema.json', name: 'config-validator' },
];

/** Editor annotations (VS Code JSON/YAML language servers) that ajv must accept but never validates. */
const EDITOR_KEYWORDS = ['markdownDescription', 'defaultSnippets', 'markdownEnumDescriptions'];

/** Dropped from the runtime copy: core reads only the validation keywords (types, properties, bounds, enums). */
const ANNOTATIONS = new Set([...EDITOR_KEYWORDS, 'description', 'title', 'examples', 'default', '$comment', '$schema', '$id']);

/** RFC 6901 token escaping. */
function escapeToken(token) {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

function resolvePointer(schema, ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported in our schemas: ${ref}`);
  let node = schema;
  for (const token of ref.slice(2).split('/')) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node?.[key];
    if (node === undefined) throw new Error(`unresolved $ref ${ref}`);
  }
  return node;
}

/**
 * Inlines every local `$ref` (siblings such as `description` win over the target's), drops `definitions`, and
 * records where each inlined subtree came from: `origins[locationInCopy] = '#/definitions/<name>'`.
 */
export function dereference(schema) {
  const origins = {};
  const walk = (node, pointer, stack) => {
    if (Array.isArray(node)) return node.map((item, i) => walk(item, `${pointer}/${i}`, stack));
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') {
      const ref = node.$ref;
      if (stack.includes(ref)) throw new Error(`recursive $ref ${ref} cannot be inlined`);
      origins[pointer] = ref;
      const { $ref: _ignored, ...siblings } = node;
      const target = walk(resolvePointer(schema, ref), pointer, [...stack, ref]);
      return { ...target, ...walk(siblings, pointer, stack) };
    }
    const copy = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'definitions' && pointer === '#') continue;
      copy[key] = walk(value, `${pointer}/${escapeToken(key)}`, stack);
    }
    return copy;
  };
  return { schema: walk(schema, '#', []), origins };
}

/** The schema without annotations: what core walks to describe errors. */
function stripAnnotations(node, insideProperties = false) {
  if (Array.isArray(node)) return node.map((item) => stripAnnotations(item));
  if (node === null || typeof node !== 'object') return node;
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (!insideProperties && ANNOTATIONS.has(key)) continue;
    copy[key] = stripAnnotations(value, !insideProperties && key === 'properties');
  }
  return copy;
}

function newAjv() {
  const ajv = new Ajv({
    allErrors: true,
    // Core writes its own messages from keyword + params; ajv's would only add bytes to every error site.
    messages: false,
    strict: true,
    // `schema: {type: [object, boolean]}` (an inline schema) is a deliberate union type.
    allowUnionTypes: true,
    code: { source: true, esm: false },
  });
  ajv.addVocabulary(EDITOR_KEYWORDS);
  return ajv;
}

/** The generated module (CommonJS, which both esbuild and tsx load) and its declaration file. */
function generate({ source, name }) {
  const schema = JSON.parse(readFileSync(join(root, source), 'utf8'));
  const inlined = dereference(schema);
  const runtimeSchema = stripAnnotations(inlined.schema);
  // Compiling the annotated copy once checks the published file under strict mode (typos in keywords fail the build).
  newAjv().compile(inlined.schema);
  const ajv = newAjv();
  ajv.compile({ $id: schema.$id, ...runtimeSchema }); // standaloneCode emits the schemas ajv has compiled
  const header = `// GENERATED by scripts/compile-schemas.mjs from ${source}; do not edit. Rebuild with \`node esbuild.mjs\`.\n`;
  const code = standaloneCode(ajv, { validate: schema.$id });
  const js =
    `${header}/* eslint-disable */\n${code}\n` +
    `exports.schema = ${JSON.stringify(runtimeSchema)};\n` +
    `exports.origins = ${JSON.stringify(inlined.origins)};\n`;
  const dts =
    `${header}import type { ErrorObject } from 'ajv';\n\n` +
    `/** Validates a value against ${source} (all errors, ajv standalone code: no \`new Function\` at run time). */\n` +
    `export declare const validate: { (data: unknown): boolean; errors?: ErrorObject[] | null };\n` +
    `/** The schema the validator was compiled from: local \`$ref\`s inlined, annotations dropped; error schemaPaths point into it. */\n` +
    `export declare const schema: Readonly<Record<string, unknown>>;\n` +
    `/** Location in \`schema\` → the \`#/definitions/...\` of ${source} inlined there. */\n` +
    `export declare const origins: Readonly<Record<string, string>>;\n`;
  return [
    [join(outDir, `${name}.js`), js],
    [join(outDir, `${name}.d.ts`), dts],
  ];
}

/** Every generated file and its expected content. */
export function generatedFiles() {
  return new Map(SCHEMAS.flatMap(generate));
}

/** Writes what changed; unchanged files keep their mtime so watchers do not loop. */
export function writeValidators() {
  mkdirSync(outDir, { recursive: true });
  for (const [file, content] of generatedFiles()) {
    if (existsSync(file) && readFileSync(file, 'utf8') === content) continue;
    writeFileSync(file, content);
  }
}

/** Files that are missing or differ from what the schemas generate now. */
export function staleValidators() {
  return [...generatedFiles()]
    .filter(([file, content]) => !existsSync(file) || readFileSync(file, 'utf8') !== content)
    .map(([file]) => relative(root, file));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (process.argv.includes('--check')) {
    const stale = staleValidators();
    if (stale.length > 0) {
      console.error(`stale generated validators (run node esbuild.mjs): ${stale.join(', ')}`);
      process.exit(1);
    }
  } else {
    writeValidators();
  }
}
