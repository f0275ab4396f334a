// `npm test`: builds dist/ (the tests run the bundles), then runs the typecheck, ESLint, the Prettier check and every
// test file at once, so a 2-core machine stays busy instead of running the checks one after another. The tests print
// as they go; the checks' output follows theirs. Exits 1 when any of them failed.
//
// Test files load TypeScript through tsx's CommonJS hook only (`--require tsx/cjs`): tsx's ES module hooks would start
// a loader thread in every test process, about 0.15 s of CPU a file. Tests therefore import statically (eslint.config.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const bin = (pkg, file) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);

const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);

const testFiles = readdirSync(path.join(root, 'test'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .flatMap((entry) =>
    readdirSync(path.join(root, 'test', entry.name))
      .filter((name) => name.endsWith('.test.ts'))
      .map((name) => path.join('test', entry.name, name)),
  )
  .sort();

const checks = [
  ['typecheck', [bin('typescript', 'bin/tsc'), '-p', '.', '--noEmit']],
  ['eslint', [bin('eslint', 'bin/eslint.js'), '.']],
  ['prettier', [bin('prettier', 'bin/prettier.cjs'), '--check', '**/*.{ts,mjs,js}', '--log-level', 'warn']],
];

/** Runs node with `args`; resolves to the exit code and, unless `inherit`, the combined output. */
function run(args, inherit) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });
}

const tests = run(['--require', 'tsx/cjs', '--test', '--test-concurrency=2', '--test-reporter=spec', ...testFiles], true);
const results = await Promise.all(checks.map(([, args]) => run(args, false)));
const failed = (await tests).code === 0 ? [] : ['tests'];
checks.forEach(([name], i) => {
  const { code, output } = results[i];
  if (output.trim() !== '') process.stdout.write(`\n${name}:\n${output}`);
  if (code !== 0) failed.push(name);
});
process.stdout.write(failed.length === 0 ? '\nnpm test: build, typecheck, eslint, prettier and tests passed.\n' : '');
if (failed.length > 0) {
  process.stderr.write(`\nnpm test: failed: ${failed.join(', ')}\n`);
  process.exitCode = 1;
}
