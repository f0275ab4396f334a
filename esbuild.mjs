// One build script for every bundle: the CLI, the library, the language server (node, web worker), the extension (node, web),
// plus rank tables and the library's type declarations.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { lazyModuleList, lazyModules } from './scripts/lazy-modules.mjs';
import { latin1Output } from './scripts/latin1-output.mjs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

await import('./scripts/compile-schemas.mjs').then((schemas) => schemas.writeValidators()); // our JSON Schemas → precompiled validators in core/generated/
const root = dirname(fileURLToPath(import.meta.url));
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Rank tables are never bundled: they are loaded from dist/ranks at run time.
  external: ['js-tiktoken/ranks/*'],
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its `module` build bundles.
  mainFields: ['module', 'main'],
  // Latin-1 bundles: V8 keeps a script's source at one byte a character then, not two (scripts/latin1-output.mjs).
  metafile: true,
  plugins: [latin1Output()],
};

/** Every bundle below goes to dist/; Node ones as CommonJS for Node 20, browser ones for ES2022. */
const DIST = join(root, 'dist');
const NODE = { outdir: DIST, platform: 'node', format: 'cjs', target: 'node20' };
const BROWSER = { outdir: DIST, platform: 'browser', target: 'es2022' };

/**
 * dist/index.d.ts from lib/index.ts alone (TypeScript's isolated declaration emit, well under a second): lib/index.ts
 * declares every public type itself, so the declarations must not import anything; the build fails if they do.
 */
async function writeLibraryTypes() {
  const { default: ts } = await import('typescript');
  const source = join(root, 'lib', 'index.ts');
  const out = ts.transpileDeclaration(readFileSync(source, 'utf8'), {
    fileName: source,
    reportDiagnostics: true,
    compilerOptions: { strict: true, target: ts.ScriptTarget.ES2022 },
  });
  const errors = out.diagnostics ?? [];
  if (errors.length > 0)
    throw new Error(`lib/index.ts: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`);
  if (/^\s*import\b|\bimport\(/m.test(out.outputText))
    throw new Error('lib/index.ts: its declarations import another module; declare public types in lib/index.ts');
  mkdirSync(join(root, 'dist'), { recursive: true });
  writeFileSync(
    join(root, 'dist', 'index.d.ts'),
    `// promptbound ${JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version}: the library API (docs/api.md).\n${out.outputText}`,
  );
}

const nodeOptions = {
  platform: 'node',
  target: 'node20',
  mainFields: common.mainFields,
  external: common.external,
  sourcemap: common.sourcemap,
  minify: common.minify,
  metafile: true,
  plugins: common.plugins,
};

/** What only some commands or calls need, loaded on first use from dist/lazy (scripts/lazy-modules.mjs). */
const LAZY = lazyModuleList(root);

/**
 * Node bundles whose rarely needed modules load on first use from dist/lazy. One plugin instance for all of them: each
 * lazy file is built once and awaited by every bundle (two instances built dist/lazy/<name>.js at the same time, and
 * one could load the file while the other was rewriting it).
 */
const nodeLazy = {
  ...common,
  ...NODE,
  plugins: [lazyModules(DIST, LAZY, nodeOptions), ...common.plugins],
};

const builds = [
  {
    // The CLI: what only some commands need loads on first use from dist/lazy (scripts/lazy-modules.mjs).
    ...nodeLazy,
    // The CLI, and the worker threads `check` and `validate` start on large runs (cli/pool.ts).
    entryPoints: { cli: join(root, 'cli', 'main.ts'), 'cli-worker': join(root, 'cli', 'worker.ts') },
  },
  {
    // What bin/promptbound.js loads first for `promptbound lsp`: starts the command again with the server's Node flags.
    ...common,
    ...NODE,
    entryPoints: { 'lsp-launch': join(root, 'cli', 'lsp-launch.ts') },
  },
  {
    // The library (package.json "exports"): the engine for Node programs, no vscode.
    ...nodeLazy,
    entryPoints: { index: join(root, 'lib', 'index.ts') },
  },
  {
    // The language server for Node: IPC for the desktop client, stdio for other editors. What only some prompts need
    // (the language detector's data, JSON Schema compilation) loads on first use from dist/lazy, which the .vsix ships.
    ...nodeLazy,
    entryPoints: { 'server-node': join(root, 'server', 'node.ts') },
  },
  {
    // The language server in a web worker (vscode.dev): no Node built-ins, files and ranks come from the client.
    ...common,
    ...BROWSER,
    entryPoints: { 'server-browser': join(root, 'server', 'browser.ts') },
    format: 'iife',
  },
  {
    // The desktop extension (package.json "main").
    ...common,
    ...NODE,
    entryPoints: { 'client-node': join(root, 'client', 'node.ts') },
    external: [...common.external, 'vscode'],
  },
  {
    // The web extension (package.json "browser").
    ...common,
    ...BROWSER,
    entryPoints: { 'client-browser': join(root, 'client', 'browser.ts') },
    format: 'cjs',
    external: [...common.external, 'vscode'],
  },
];

await import('./scripts/build-ranks.mjs').then((ranks) => ranks.writeRankFiles(root)); // dist/ranks: binary tables (Node) and JSON rank files (web)
await writeLibraryTypes();
if (watch) {
  for (const options of builds) (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.filter((b) => Object.values(b.entryPoints).every(existsSync)).map((b) => esbuild.build(b)));
}
