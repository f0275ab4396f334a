// The Node RankLoader for the CLI and desktop server: reads the binary rank tables esbuild.mjs writes to dist/ranks.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { EncodingName } from '../core/models/types';
import type { RankLoader } from '../core/tokens/types';

/**
 * Where to look, first hit wins: beside the bundle (dist/cli.js → dist/ranks), one level up for the
 * CLI's lazily loaded language server (dist/lazy/node-server.js) and, when running from
 * source under tsx (node/ranks.ts), the repository's dist/ranks. `__dirname` exists in both: the bundle
 * is CommonJS and tsx loads this package's .ts files as CommonJS.
 */
export function defaultRankDirectories(): string[] {
  return [join(__dirname, 'ranks'), join(__dirname, '..', 'ranks'), join(__dirname, '..', 'dist', 'ranks')];
}

/**
 * A loader that reads `<dir>/<encoding>.bin` from the first directory that has it. The bytes are checked
 * when the pool parses them (a damaged or stale file is reported, not miscounted).
 */
export function createNodeRankLoader(
  directories: string[] = defaultRankDirectories(),
  { blocking = true }: { blocking?: boolean } = {},
): RankLoader {
  return async (encoding: EncodingName) => {
    const tried: string[] = [];
    for (const dir of directories) {
      const file = join(dir, `${encoding}.bin`);
      try {
        // The CLI reads in one synchronous step: fs/promises reads big files in 512 KiB steps, several times
        // slower at start-up. The language server must not block: o200k's 11 MB took 63 ms in one read, during
        // which no request was answered (docs/editor-performance.md, "Never blocking").
        const data = blocking ? readFileSync(file) : await readFile(file);
        return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
      } catch (error) {
        if (!isMissingFile(error)) throw error;
        tried.push(file);
      }
    }
    throw new Error(`Token rank table for ${encoding} not found (looked in ${tried.join(', ')}); run \`npm run build\`.`);
  };
}

function isMissingFile(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'ENOENT';
}

/** The loader the CLI uses. */
export const nodeRankLoader: RankLoader = createNodeRankLoader();

/** The desktop language server's: reads off the event loop. */
export const nodeServerRankLoader: RankLoader = createNodeRankLoader(defaultRankDirectories(), { blocking: false });
