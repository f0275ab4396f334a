// What a short command loads (docs/tokenizers.md, "Start-up"). Speed itself is measured by `npm run bench`
// (bench/startup.ts); these tests fail when a heavy part is loaded eagerly again:
// - statically: the import graph of each command, as esbuild bundles it, with dynamic imports, require calls and the
//   modules built into dist/lazy (scripts/lazy-modules.mjs) counted as lazy edges;
// - at run time: the real binary, with a preloaded hook that records the files required (dist/lazy/*.js), the rank
//   tables read and any Intl.Segmenter made (ICU's data).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { BIN, REPO, tempTree } from './helpers';

interface LazyModule {
  name: string;
  filter: RegExp;
  importer?: RegExp;
}

type Graph = esbuild.Metafile['inputs'];

let graph: Graph;
let lazy: LazyModule[];

before(async () => {
  // An ES module without type declarations: required (Node 20.19+ loads ES modules through require).
  const list = require('../../scripts/lazy-modules.mjs') as { lazyModuleList(root: string): LazyModule[] };
  lazy = list.lazyModuleList(REPO);
  const result = await esbuild.build({
    entryPoints: [path.join(REPO, 'cli', 'main.ts')],
    absWorkingDir: REPO,
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'cjs',
    outfile: path.join(REPO, 'dist', 'startup-test.js'),
    packages: 'external',
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  });
  graph = result.metafile.inputs;
});

/** A static import that sets the imported module up with the importer (not one of the dist/lazy stubs). */
function eager(file: string, edge: esbuild.Metafile['inputs'][string]['imports'][number]): boolean {
  if (edge.kind !== 'import-statement') return false;
  const specifier = edge.original ?? edge.path;
  return !lazy.some((m) => m.filter.test(specifier) && (m.importer === undefined || m.importer.test(file)));
}

/** The modules set up as soon as `entry` is: static imports, not dynamic imports, require calls or dist/lazy stubs. */
function eagerClosure(entry: string): Set<string> {
  const seen = new Set([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.shift()!;
    for (const edge of graph[file]?.imports ?? []) {
      if (edge.external || !eager(file, edge)) continue;
      if (!seen.has(edge.path)) {
        seen.add(edge.path);
        queue.push(edge.path);
      }
    }
  }
  return seen;
}

/** External packages imported eagerly (node_modules are left out of the graph above). */
function eagerPackages(closure: Set<string>): Set<string> {
  const packages = new Set<string>();
  for (const file of closure) {
    for (const edge of graph[file]?.imports ?? []) {
      if (edge.external && eager(file, edge) && !edge.path.startsWith('node:')) packages.add(edge.path);
    }
  }
  return packages;
}

/** Modules no short command may set up at start-up: every rule, the lint engine, the prose detector. */
const LINT_ONLY = ['core/engine.ts', 'core/rules/registry.ts', 'core/instructions/detect.ts', 'core/config/frontmatter.ts'];

describe('start-up: the import graph', () => {
  it('the entry sets up no command: each is imported when it runs', () => {
    const closure = eagerClosure('cli/main.ts');
    for (const file of closure) {
      assert.doesNotMatch(file, /^core\//, `cli/main.ts imports ${file} eagerly`);
      assert.doesNotMatch(file, /^cli\/(check|count|validate|merge|models|init)\.ts$/, `cli/main.ts imports ${file} eagerly`);
    }
    assert.ok(closure.has('cli/args.ts'), 'the walk follows static imports');
    const edges = graph['cli/main.ts']!.imports.filter((e) => e.kind === 'dynamic-import').map((e) => e.path);
    for (const command of ['check', 'count', 'validate', 'merge', 'models', 'init']) {
      assert.ok(edges.includes(`cli/${command}.ts`), `cli/${command}.ts is imported on demand`);
    }
  });

  for (const command of ['validate', 'count']) {
    it(`${command} sets up neither the rules nor the lint engine`, () => {
      const closure = eagerClosure(`cli/${command}.ts`);
      assert.ok(closure.has('core/count-document.ts'), 'the walk reaches the parser and counter');
      for (const file of LINT_ONLY) assert.ok(!closure.has(file), `cli/${command}.ts sets up ${file} at start-up`);
      assert.ok(!closure.has('cli/check.ts'), `cli/${command}.ts imports the check command`);
      // Code of the language server's, the schema compiler's and the regex engine's packages (JSON data is fine).
      for (const name of [...eagerPackages(closure)].filter((n) => !n.endsWith('.json'))) {
        assert.doesNotMatch(name, /^(ajv|re2js|vscode-)/, `cli/${command}.ts imports ${name} eagerly`);
      }
    });
  }

  it('sees an eager import (the walk is not vacuous): check sets up the rules', () => {
    const closure = eagerClosure('cli/check.ts');
    assert.ok(closure.has('core/rules/registry.ts'));
    assert.ok(closure.has('core/engine.ts'));
  });
});

/** Preloaded into the CLI: at exit, writes what it saw as JSON to the file named by STARTUP_TRACE. */
const HOOK = `
const fs = require('node:fs');
const Module = require('node:module');
const seen = { required: [], read: [], intl: [] };
const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.apply(this, arguments);
  try { seen.required.push(Module._resolveFilename(request, parent, isMain)); } catch {}
  return loaded;
};
for (const name of ['readFileSync', 'openSync']) {
  const original = fs[name];
  fs[name] = function (file) { if (typeof file === 'string') seen.read.push(file); return original.apply(this, arguments); };
}
// Any Intl object loads ICU's data; count each construction (and Intl.Segmenter's apart).
for (const name of ['Segmenter', 'Collator', 'NumberFormat', 'DateTimeFormat', 'PluralRules', 'ListFormat']) {
  const Original = Intl[name];
  Intl[name] = class extends Original { constructor(...args) { super(...args); seen.intl.push(name); } };
}
for (const [proto, method] of [[String.prototype, 'localeCompare'], [Number.prototype, 'toLocaleString']]) {
  const original = proto[method];
  proto[method] = function () { seen.intl.push(method); return original.apply(this, arguments); };
}
process.on('exit', () => fs.writeFileSync(process.env.STARTUP_TRACE, JSON.stringify(seen)));
`;

interface Trace {
  required: string[];
  read: string[];
  /** Intl constructors and locale-sensitive methods called, in order. */
  intl: string[];
}

describe('start-up: what the binary loads', () => {
  const { dir, cleanup } = tempTree({
    'hook.js': HOOK,
    'length.prompt.md':
      '---\nmodel: gpt-4o\nconstraints:\n  words: "<=250"\n  sentences: ">=2"\n  paragraphs: "1..6"\n  characters: "<=2000"\n  endsWith: "Thank you."\n  format: text\n---\nAnswer briefly.\n',
    'tokens.prompt.md': '---\nmodel: gpt-4o\nconstraints:\n  tokens: "<=500"\n---\nAnswer briefly.\n',
    'language.prompt.md': '---\nmodel: gpt-4o\nconstraints:\n  language: en\n---\nAnswer briefly.\n',
    'schema.prompt.md': '---\nmodel: gpt-4o\nconstraints:\n  schema:\n    type: object\n    required: [status]\n---\nClassify.\n',
    'answer.txt': 'Your refund has been approved and will reach your card within five days. Keep the receipt.\n\nThank you.\n',
    'unicode.txt': 'Your refund — approved — will reach your card within five days. Keep the receipt.\n\nThank you.\n',
    'status.json': '{"status": "approved"}\n',
  });
  let counter = 0;
  after(cleanup);

  function trace(args: string[]): Trace & { status: number | null; stdout: string } {
    const file = path.join(dir, `trace-${counter++}.json`);
    const result = spawnSync(process.execPath, ['--require', path.join(dir, 'hook.js'), BIN, ...args], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, STARTUP_TRACE: file },
      timeout: 60_000,
    });
    assert.equal(result.status, 0, `${args.join(' ')}:\n${result.stdout}\n${result.stderr}`);
    const seen = JSON.parse(readFileSync(file, 'utf8')) as Trace;
    return { ...seen, status: result.status, stdout: result.stdout };
  }

  const lazyFiles = (t: Trace) =>
    [...new Set(t.required.filter((f) => /[\\/]dist[\\/]lazy[\\/]/.test(f)).map((f) => path.basename(f)))].sort();
  const rankReads = (t: Trace) => [...new Set(t.read.filter((f) => /[\\/]ranks[\\/]/.test(f)))];

  it('validate with length and format constraints loads no lazy module, no rank table and no ICU', () => {
    const t = trace(['validate', '--prompt', 'length.prompt.md', 'answer.txt']);
    assert.match(t.stdout, /1 completion passes/);
    assert.ok(
      t.required.some((f) => f.endsWith(path.join('dist', 'cli.js'))),
      'the hook sees the bundle being required',
    );
    assert.deepEqual(lazyFiles(t), []);
    assert.deepEqual(rankReads(t), []);
    assert.deepEqual(t.intl, [], 'no ICU: ASCII text is segmented without Intl.Segmenter, nothing else uses Intl');
  });

  it('a non-ASCII completion still goes through Intl.Segmenter', () => {
    const t = trace(['validate', '--prompt', 'length.prompt.md', 'unicode.txt']);
    assert.ok(t.intl.includes('Segmenter'), t.intl.join(', '));
    assert.deepEqual(lazyFiles(t), []);
  });

  it('validate loads the rank table for tokens, the profiles for language, ajv for a schema — each only then', () => {
    const tokens = trace(['validate', '--prompt', 'tokens.prompt.md', 'answer.txt']);
    assert.equal(rankReads(tokens).length, 1, 'one rank table');
    assert.match(rankReads(tokens)[0]!, /o200k_base\.bin$/);
    assert.deepEqual(lazyFiles(tokens), []);
    const language = trace(['validate', '--prompt', 'language.prompt.md', 'answer.txt']);
    assert.deepEqual(lazyFiles(language), ['langdetect-data.js']);
    assert.deepEqual(rankReads(language), []);
    const schema = trace(['validate', '--prompt', 'schema.prompt.md', 'status.json']);
    assert.deepEqual(lazyFiles(schema), ['ajv.js']);
    assert.deepEqual(rankReads(schema), []);
  });

  it('count reads its rank table and loads no lazy module; --version loads neither', () => {
    const count = trace(['count', 'length.prompt.md']);
    assert.deepEqual(lazyFiles(count), []);
    assert.equal(rankReads(count).length, 1);
    const version = trace(['--version']);
    assert.deepEqual(lazyFiles(version), []);
    assert.deepEqual(rankReads(version), []);
  });

  it('a config file loads its validator; one naming rules still has their ids checked', () => {
    writeFileSync(path.join(dir, '.promptbound.yaml'), 'model: gpt-4o\n');
    try {
      const plain = trace(['validate', '--prompt', 'length.prompt.md', 'answer.txt']);
      assert.deepEqual(lazyFiles(plain), ['config-validator.js']);
      writeFileSync(path.join(dir, '.promptbound.yaml'), 'rules:\n  budget/context-windo: off\n');
      const result = spawnSync(process.execPath, [BIN, 'validate', '--prompt', 'length.prompt.md', 'answer.txt'], {
        cwd: dir,
        encoding: 'utf8',
      });
      assert.equal(result.status, 2, result.stderr);
      assert.match(result.stderr, /'budget\/context-windo' is not a promptbound rule; did you mean budget\/context-window\?/);
    } finally {
      rmSync(path.join(dir, '.promptbound.yaml'), { force: true });
    }
  });
});

describe('start-up: the code cache folder', () => {
  it("is the user's own 0700 folder; one open to others is not used, and the command still runs", () => {
    const { dir: tmp, cleanup } = tempTree({});
    try {
      const env = { ...process.env, TMPDIR: tmp };
      const first = spawnSync(process.execPath, [BIN, '--version'], { env, encoding: 'utf8' });
      assert.equal(first.status, 0, first.stderr);
      const uid = process.getuid?.();
      const folder = path.join(tmp, `promptbound-cache-${uid}`);
      assert.equal(statSync(folder).mode & 0o777, 0o700);
      assert.ok(readdirSync(folder).some((name) => name.startsWith('cli.js-') && name.endsWith('.v8cache')));

      rmSync(folder, { recursive: true });
      mkdirSync(folder);
      chmodSync(folder, 0o777);
      const shared = spawnSync(process.execPath, [BIN, '--version'], { env, encoding: 'utf8' });
      assert.equal(shared.status, 0, shared.stderr);
      assert.equal(shared.stdout, first.stdout);
      assert.deepEqual(readdirSync(folder), [], 'nothing is written to a folder others can write');
    } finally {
      cleanup();
    }
  });
});
