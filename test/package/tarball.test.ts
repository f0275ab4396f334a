// The npm package as a user gets it: `npm pack` of the built repository, installed globally and into a project with
// `--offline` and an empty cache (so nothing may come from a registry), then the CLI (check, count, validate) and the
// library (require, import, TypeScript types) used from the install. `npm test` builds dist/ before this runs.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { getEncoding } from 'js-tiktoken';

const REPO = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8'));
const work = mkdtempSync(path.join(tmpdir(), 'promptbound-package-'));
const NPM_CLI = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath) ? process.env.npm_execpath : undefined;

/** npm with an empty cache of its own and no registry access. */
function npm(args: string[], cwd: string): string {
  const command = NPM_CLI ? process.execPath : 'npm';
  const full = [
    ...(NPM_CLI ? [NPM_CLI] : []),
    ...args,
    '--offline',
    '--cache',
    path.join(work, 'empty-cache'),
    '--no-audit',
    '--no-fund',
    '--loglevel',
    'error',
  ];
  const result = spawnSync(command, full, {
    cwd,
    encoding: 'utf8',
    timeout: 180_000,
    env: { ...process.env, npm_config_registry: 'http://127.0.0.1:9/' },
  });
  assert.equal(result.status, 0, `npm ${args.join(' ')}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

let tarball = '';
let packed: { size: number; unpackedSize: number; files: Array<{ path: string }> };

before(() => {
  for (const file of ['dist/cli.js', 'dist/index.js', 'dist/index.d.ts']) {
    assert.ok(existsSync(path.join(REPO, file)), `${file} is built (node esbuild.mjs)`);
  }
  // --ignore-scripts: pack what `npm test` built instead of rebuilding dist/ under the other running tests.
  const out = execFileSync(
    NPM_CLI ? process.execPath : 'npm',
    [...(NPM_CLI ? [NPM_CLI] : []), 'pack', '--ignore-scripts', '--json', '--pack-destination', work],
    {
      cwd: REPO,
      encoding: 'utf8',
    },
  );
  [packed] = JSON.parse(out);
  tarball = path.join(work, `promptbound-${manifest.version}.tgz`);
  assert.ok(existsSync(tarball));
});

after(() => rmSync(work, { recursive: true, force: true, maxRetries: 3 }));

describe('the packed tarball', () => {
  it('has no runtime dependencies and ships only what runs (no sources, no source maps, no extension bundles)', () => {
    assert.equal(manifest.dependencies, undefined);
    const paths = packed.files.map((f) => f.path).sort();
    for (const needed of [
      'bin/promptbound.js',
      'dist/cli.js',
      'dist/cli-worker.js',
      'dist/index.js',
      'dist/index.d.ts',
      'dist/ranks/o200k_base.bin',
      'dist/ranks/cl100k_base.bin',
      'dist/lazy/ajv.js',
      'schemas/frontmatter.schema.json',
      'docs/rules/budget/context-window.md',
      'package.json',
      'README.md',
      'LICENSE',
    ]) {
      assert.ok(paths.includes(needed), `${needed} is shipped`);
    }
    for (const p of paths) {
      // The JSON rank files are the web extension's; Node reads the binary tables.
      assert.doesNotMatch(
        p,
        /\.map$|\.ts$(?<!\.d\.ts)|^(core|cli|server|client|node|lib|test|scripts)\/|client-|server-|ranks\/.*\.json$/,
        `${p} is not shipped`,
      );
    }
    // The README reports these figures; keep them honest within a margin (they change with every rule added).
    assert.ok(packed.size < 12_000_000, `packed ${packed.size} bytes`);
    assert.ok(packed.unpackedSize < 35_500_000, `unpacked ${packed.unpackedSize} bytes`);
  });
});

describe('npm install -g ./promptbound-<version>.tgz --offline, empty cache', () => {
  const prefix = path.join(work, 'global');
  const bin = path.join(prefix, 'bin', 'promptbound');
  const project = path.join(work, 'prompts');

  before(() => {
    npm(['install', '-g', '--prefix', prefix, tarball], work);
    mkdirSync(project, { recursive: true });
    mkdirSync(path.join(project, '.git'));
    writeFileSync(
      path.join(project, 'answer.prompt.md'),
      '---\nmodel: gpt-4o\nbudget:\n  wranAt: 0.5\nconstraints:\n  words: {max: 5}\n---\nAnswer in five words.\n',
    );
    writeFileSync(path.join(project, 'long.txt'), 'This answer uses far more than five words.\n');
  });

  function run(args: string[]) {
    const result = spawnSync(bin, args, { cwd: project, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
  }

  it('installs the promptbound command with no node_modules of its own', () => {
    assert.ok(existsSync(bin));
    assert.ok(
      !existsSync(path.join(prefix, 'lib', 'node_modules', 'promptbound', 'node_modules')),
      'no dependency was installed',
    );
    assert.equal(run(['--version']).stdout, `${manifest.version}\n`);
  });

  it('check reports the typo with its rule and exits 1', () => {
    const result = run(['check']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(
      result.stdout,
      /answer\.prompt\.md\n {2}4:3 {2}error {2}budget\.wranAt is not a budget key; did you mean warnAt\? {2}frontmatter\/schema/,
    );
  });

  it('count equals js-tiktoken on the body', () => {
    const result = run(['count', '--json', 'answer.prompt.md']);
    assert.equal(result.status, 0, result.stderr);
    const [counted] = JSON.parse(result.stdout);
    assert.equal(counted.tokens, getEncoding('o200k_base').encode('Answer in five words.\n').length);
  });

  it('check on worker threads (the shipped dist/cli-worker.js) prints what one thread prints', () => {
    const many = path.join(work, 'many');
    mkdirSync(path.join(many, '.git'), { recursive: true });
    // 320 files: enough for two workers (a worker is started per 150 files).
    for (let i = 0; i < 320; i++)
      writeFileSync(
        path.join(many, `p${String(i).padStart(3, '0')}.prompt.md`),
        i === 7 ? '---\nbudget: {wranAt: 1}\n---\nHi\n' : `Prompt ${i}.\n`,
      );
    const at = (jobs: string) => spawnSync(bin, ['check', '--jobs', jobs], { cwd: many, encoding: 'utf8', timeout: 120_000 });
    const threaded = at('2');
    const single = at('1');
    assert.equal(threaded.status, 1, threaded.stderr);
    assert.equal(threaded.stdout, single.stdout);
    assert.match(threaded.stdout, /p007\.prompt\.md\n {2}2:10 {2}error {2}budget\.wranAt is not a budget key/);
  });

  it('validate checks a completion against the prompt', () => {
    const result = run(['validate', '--prompt', 'answer.prompt.md', 'long.txt']);
    assert.equal(result.status, 1, result.stderr);
    assert.match(result.stdout, /words\s+✗\s+8 words; at most 5 allowed/);
  });
});

describe('the library from the tarball, as a user imports it', () => {
  const project = path.join(work, 'app');
  const TEXT = 'Résumé the ticket in at most 40 words. 日本語のテキストも数えます。\n';

  before(() => {
    mkdirSync(project, { recursive: true });
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    npm(['install', tarball], project);
    writeFileSync(
      path.join(project, 'ticket.prompt.md'),
      '---\nmodel: gpt-4o\nconstraints:\n  words: {max: 5}\n  format: json\n---\nReturn JSON.\n',
    );
  });

  function node(args: string[], input?: string) {
    const result = spawnSync(process.execPath, args, { cwd: project, encoding: 'utf8', input, timeout: 60_000 });
    assert.equal(result.status, 0, `${result.stdout}\n${result.stderr}`);
    return result.stdout;
  }

  it('require() works without vscode, and the three engine calls answer', () => {
    assert.ok(!existsSync(path.join(project, 'node_modules', 'vscode')));
    const script = `
      const pb = require('promptbound');
      (async () => {
        const counted = await pb.countTokens(${JSON.stringify(TEXT)}, { model: 'gpt-4o' });
        const linted = await pb.lint('---\\nmodel: gpt-4o\\nbudget: {wranAt: 1}\\n---\\nHi\\n');
        const prompt = require('fs').readFileSync('ticket.prompt.md', 'utf8');
        const bad = await pb.validateCompletion('{"a": 1', prompt, { path: 'ticket.prompt.md' });
        const good = await pb.validateCompletion('{"a": 1}', prompt, { path: 'ticket.prompt.md' });
        console.log(JSON.stringify({ counted, problems: linted.problems, bad: bad.pass, badJson: bad.completions[0].notJson !== undefined, good: good.pass, version: pb.version, rules: pb.rules().length }));
      })();`;
    const out = JSON.parse(node(['-e', script]));
    assert.equal(out.counted.tokens, getEncoding('o200k_base').encode(TEXT).length);
    assert.equal(out.counted.approximate, false);
    assert.deepEqual(
      out.problems.map((p: { ruleId: string; line: number; column: number }) => [p.ruleId, p.line, p.column]),
      [['frontmatter/schema', 3, 10]],
    );
    assert.equal(out.bad, false);
    assert.equal(out.badJson, true);
    assert.equal(out.good, true);
    assert.equal(out.version, manifest.version);
    assert.ok(out.rules >= 21);
  });

  it('import (ESM) gets the same named exports', () => {
    writeFileSync(
      path.join(project, 'esm.mjs'),
      `import { countTokens, lint, validateCompletion, version } from 'promptbound';\nconst c = await countTokens('hello world');\nconsole.log(JSON.stringify({ tokens: c.tokens, lint: typeof lint, validate: typeof validateCompletion, version }));\n`,
    );
    const out = JSON.parse(node(['esm.mjs']));
    assert.deepEqual(out, {
      tokens: getEncoding('o200k_base').encode('hello world').length,
      lint: 'function',
      validate: 'function',
      version: manifest.version,
    });
  });

  it('TypeScript finds the declarations through "exports" and checks a user\'s code against them', () => {
    writeFileSync(
      path.join(project, 'use.ts'),
      `import { lint, countTokens, type LintResult, type TokenCount } from 'promptbound';\n` +
        `export async function f(): Promise<number> {\n  const r: LintResult = await lint('x', { model: 'gpt-4o' });\n  const t: TokenCount = await countTokens('x');\n  return r.problems.length + t.tokens;\n}\n`,
    );
    writeFileSync(
      path.join(project, 'wrong.ts'),
      `import { countTokens } from 'promptbound';\nexport const n: string = countTokens('x');\n`,
    );
    // One compiler run for both files (each tsc start is seconds of CPU); every error must be wrong.ts's one.
    const tsc = require.resolve('typescript/bin/tsc');
    const checked = spawnSync(
      process.execPath,
      [
        tsc,
        '--noEmit',
        '--strict',
        '--module',
        'nodenext',
        '--moduleResolution',
        'nodenext',
        '--target',
        'es2022',
        'use.ts',
        'wrong.ts',
      ],
      { cwd: project, encoding: 'utf8' },
    );
    assert.notEqual(checked.status, 0);
    const errors = checked.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    assert.equal(errors.length, 1, checked.stdout);
    assert.match(errors[0]!, /^wrong\.ts\(2,14\): error TS2322: .*Promise<TokenCount>' is not assignable to type 'string'/);
  });
});
