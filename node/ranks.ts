// The Node RankLoader for the CLI and desktop server: reads the rank files esbuild.mjs writes to dist/ranks.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EncodingName } from '../core/models/types';
import type { RankFile, RankLoader } from '../core/tokens/types';

/**
 * Where to look, first hit wins: beside the bundle (dist/cli.js → dist/ranks) and, when running from
 * source under tsx (node/ranks.ts), the repository's dist/ranks. `__dirname` exists in both: the bundle
 * is CommonJS and tsx loads this package's .ts files as CommonJS.
 */
export function defaultRankDirectories(): string[] {
  return [join(__dirname, 'ranks'), join(__dirname, '..', 'dist', 'ranks')];
}

/** A loader that reads `<dir>/<encoding>.json` from the first directory that has it. */
export function createNodeRankLoader(directories: string[] = defaultRankDirectories()): RankLoader {
  return async (encoding: EncodingName) => {
    const tried: string[] = [];
    for (const dir of directories) {
      const file = join(dir, `${encoding}.json`);
      try {
        return parseRankJson(await readFile(file, 'utf8'), file);
      } catch (error) {
        if (!isMissingFile(error)) throw error;
        tried.push(file);
      }
    }
    throw new Error(`Token rank file for ${encoding} not found (looked in ${tried.join(', ')}); run \`npm run build\`.`);
  };
}

function parseRankJson(text: string, file: string): RankFile {
  const value: unknown = JSON.parse(text);
  if (!isRankFile(value)) throw new Error(`${file} is not a token rank file (pat_str, special_tokens, bpe_ranks).`);
  return value;
}

function isRankFile(value: unknown): value is RankFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as Record<string, unknown>;
  return typeof file.pat_str === 'string' && typeof file.bpe_ranks === 'string' && typeof file.special_tokens === 'object';
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/** The loader the CLI and desktop server use. */
export const nodeRankLoader: RankLoader = createNodeRankLoader();
