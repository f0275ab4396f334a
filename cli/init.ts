// `promptbound init`: writes the starter config, never over an existing one unless --force.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CONFIG_FILE_NAMES, STARTER_CONFIG } from '../core/config/load';
import { $id as CONFIG_SCHEMA_ID } from '../schemas/config.schema.json';
import type { InitArgs } from './args';
import { UsageError } from './args';
import type { CliIo } from './io';

const TARGET = '.promptbound.yaml';

/**
 * The starter config, headed by a modeline: editors with the YAML language server (VS Code's Red Hat YAML extension,
 * Neovim, Helix, Zed) then validate and complete the file from the config schema's stable `$id` (docs/schemas.md).
 */
export const STARTER_FILE = `# yaml-language-server: $schema=${CONFIG_SCHEMA_ID}\n${STARTER_CONFIG.replace(/^# JSON Schema: .*\n/m, '')}`;

export async function runInit(args: InitArgs, io: CliIo): Promise<number> {
  const existing = await firstExisting(io.cwd);
  if (existing && !args.force) {
    throw new UsageError(`${existing} already exists; use --force to overwrite it`);
  }
  const target = path.join(io.cwd, TARGET);
  try {
    // 'wx' without --force: a file created between our check and this write is still not overwritten.
    await fs.writeFile(target, STARTER_FILE, { encoding: 'utf8', flag: args.force ? 'w' : 'wx' });
  } catch (error) {
    const code = (error as { code?: string }).code ?? String(error);
    throw new UsageError(
      code === 'EEXIST' ? `${TARGET} already exists; use --force to overwrite it` : `cannot write ${TARGET} (${code})`,
    );
  }
  io.stdout.write(`Wrote ${TARGET}\n`);
  return 0;
}

/** Any config file counts: a second one beside it would be ambiguous. */
async function firstExisting(dir: string): Promise<string | undefined> {
  for (const name of CONFIG_FILE_NAMES) {
    const stat = await fs.stat(path.join(dir, name)).catch(() => undefined);
    if (stat) return name;
  }
  return undefined;
}
