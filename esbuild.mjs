// One build script for every bundle: the CLI, the language server (node, web worker), the extension (node, web), plus rank files.
import * as esbuild from 'esbuild';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

await import('./scripts/compile-schemas.mjs').then((schemas) => schemas.writeValidators()); // our JSON Schemas → precompiled validators in core/generated/
const root = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');

/** Rank files ship as plain JSON beside the bundles and are loaded on first use (PITFALLS 4). */
function writeRankFiles() {
  const out = join(root, 'dist', 'ranks');
  mkdirSync(out, { recursive: true });
  for (const encoding of ['o200k_base', 'cl100k_base']) {
    const file = join(out, `${encoding}.json`);
    if (existsSync(file)) continue;
    const ranks = require(`js-tiktoken/ranks/${encoding}`);
    writeFileSync(file, JSON.stringify(ranks.default ?? ranks));
  }
}

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  // Rank tables are never bundled: they are loaded from dist/ranks at run time.
  external: ['js-tiktoken/ranks/*'],
  // jsonc-parser's `main` is a UMD build whose dynamic requires esbuild cannot follow; its `module` build bundles.
  mainFields: ['module', 'main'],
};

const builds = [
  {
    ...common,
    // The CLI, and the worker threads `check` and `validate` start on large runs (cli/pool.ts).
    entryPoints: { cli: join(root, 'cli', 'main.ts'), 'cli-worker': join(root, 'cli', 'worker.ts') },
    outdir: join(root, 'dist'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // The language server for Node: IPC for the desktop client, stdio for `promptbound lsp --stdio` and other editors.
    ...common,
    entryPoints: { 'server-node': join(root, 'server', 'node.ts') },
    outdir: join(root, 'dist'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
  {
    // The language server in a web worker (vscode.dev): no Node built-ins, files and ranks come from the client.
    ...common,
    entryPoints: { 'server-browser': join(root, 'server', 'browser.ts') },
    outdir: join(root, 'dist'),
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  {
    // The desktop extension (package.json "main").
    ...common,
    entryPoints: { 'client-node': join(root, 'client', 'node.ts') },
    outdir: join(root, 'dist'),
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: [...common.external, 'vscode'],
  },
  {
    // The web extension (package.json "browser").
    ...common,
    entryPoints: { 'client-browser': join(root, 'client', 'browser.ts') },
    outdir: join(root, 'dist'),
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    external: [...common.external, 'vscode'],
  },
];

writeRankFiles();
if (watch) {
  for (const options of builds) (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.filter((b) => Object.values(b.entryPoints).every(existsSync)).map((b) => esbuild.build(b)));
}
