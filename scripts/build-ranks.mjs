// Build step (called by esbuild.mjs): writes dist/ranks/<encoding>.bin, the compact binary rank tables the
// Node front ends load, and <encoding>.json, js-tiktoken's rank file, which the web build loads and compiles.
import * as esbuild from 'esbuild';
import { existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const SOURCES = ['core/tokens/rank-table.ts', 'core/tokens/merge.ts', 'core/tokens/hash.ts'];

/** Loads core/tokens/rank-table.ts (TypeScript) by bundling it to CommonJS in memory. */
async function loadCompiler(root) {
  const result = await esbuild.build({
    entryPoints: [join(root, 'core', 'tokens', 'rank-table.ts')],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  const module = { exports: {} };
  new Function('module', 'exports', 'require', result.outputFiles[0].text)(
    module,
    module.exports,
    createRequire(import.meta.url),
  );
  return module.exports;
}

export async function writeRankFiles(root) {
  const require = createRequire(join(root, 'package.json'));
  const out = join(root, 'dist', 'ranks');
  mkdirSync(out, { recursive: true });
  const newestSource = Math.max(...SOURCES.map((file) => statSync(join(root, file)).mtimeMs));
  let compiler;
  for (const encoding of ['o200k_base', 'cl100k_base']) {
    const ranks = require(`js-tiktoken/ranks/${encoding}`);
    const file = ranks.default ?? ranks;
    const json = join(out, `${encoding}.json`);
    if (!existsSync(json)) writeFileSync(json, JSON.stringify(file));
    const bin = join(out, `${encoding}.bin`);
    if (existsSync(bin) && statSync(bin).mtimeMs > newestSource) continue;
    compiler ??= await loadCompiler(root);
    const table = compiler.compileRankFile(encoding, file);
    writeFileSync(bin, compiler.serializeRankTable(table));
  }
}
