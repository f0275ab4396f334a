// `--fix`: picks the safe fixes that do not overlap and writes the file without ever leaving it half-written.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Diagnostic, TextEdit } from '../core/diagnostic';

/**
 * One safe fix per diagnostic, in file order; a fix whose edits touch a range an earlier fix already edits is
 * left for the next run (two insertions at one offset count as touching: their order would be a guess).
 */
export function pickSafeEdits(diagnostics: readonly Diagnostic[]): TextEdit[] {
  const picked: TextEdit[] = [];
  const candidates = diagnostics
    .filter((d) => d.uri === undefined)
    .map((d) => d.fixes?.find((fix) => fix.safe === true))
    .filter((fix): fix is NonNullable<typeof fix> => fix !== undefined && fix.edits.length > 0)
    .sort((a, b) => firstOffset(a.edits) - firstOffset(b.edits));
  for (const fix of candidates) {
    if (fix.edits.some((edit) => picked.some((other) => touches(edit, other)))) continue;
    if (fix.edits.some((edit, i) => fix.edits.some((other, j) => i !== j && touches(edit, other)))) continue;
    picked.push(...fix.edits);
  }
  return picked;
}

function firstOffset(edits: readonly TextEdit[]): number {
  return Math.min(...edits.map((e) => e.offset));
}

function touches(a: TextEdit, b: TextEdit): boolean {
  if (a.offset === b.offset) return true;
  return a.offset < b.offset + b.length && b.offset < a.offset + a.length;
}

/**
 * Replaces a file's content only if it still holds `expected` (the bytes we linted), via a temporary file in the
 * same folder and a rename, so a crash or a full disk leaves the old file intact. Symlinks are resolved first so
 * the link stays a link; the file mode is kept.
 */
export async function replaceFileContent(file: string, expected: string, content: string): Promise<'written' | 'changed'> {
  const real = await fs.realpath(file);
  const current = await fs.readFile(real, 'utf8');
  if (current !== expected) return 'changed';
  const stat = await fs.stat(real);
  const temporary = path.join(path.dirname(real), `.${path.basename(real)}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.writeFile(temporary, content, { encoding: 'utf8', mode: stat.mode, flag: 'wx' });
  try {
    await fs.rename(temporary, real);
  } catch (error) {
    await fs.rm(temporary, { force: true });
    throw error;
  }
  return 'written';
}
