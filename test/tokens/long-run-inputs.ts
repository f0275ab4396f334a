// Pathological single-piece inputs for the counter, at a chosen size: the tests run them small (every code path:
// several window slides of the linear encoder, pieces far past the streaming threshold), `npm run bench` at full size.
import type { EncodingName } from '../../core/models/types';
import { seededRandom } from './corpus';

/** Deterministic stand-in for crypto bytes, so failures reproduce. */
export function seededBytes(length: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  return Uint8Array.from({ length }, () => Math.floor(random() * 256));
}

/** The size the tests use: a tenth of the benchmark's. The smallest run is 20,000 units, five times the threshold. */
export const TEST_SCALE = 0.1;

const n = (count: number, scale: number) => Math.round(count * scale);
const thousands = (count: number) => count.toLocaleString('en-US');

/** Name and text of each run; at scale 1 the sizes are 200 K units to 1 MB. */
export function longRunInputs(scale: number): Array<{ name: string; make: () => string }> {
  const k200 = n(200_000, scale);
  const mb = n(1_000_000, scale);
  return [
    { name: `a × ${thousands(k200)}`, make: () => 'a'.repeat(k200) },
    { name: `${thousands(k200)} spaces`, make: () => ' '.repeat(k200) },
    { name: `${thousands(k200)} spaces then a word`, make: () => ' '.repeat(k200) + 'word' },
    { name: `${thousands(k200)} units of mixed whitespace`, make: () => ' \t\u00a0'.repeat(Math.round(k200 / 3)) },
    { name: `${thousands(k200)} newlines`, make: () => '\n'.repeat(k200) },
    { name: `${thousands(mb)} spaces`, make: () => ' '.repeat(mb) },
    { name: `${thousands(mb)} newlines`, make: () => '\n'.repeat(mb) },
    { name: `${thousands(mb)} units of \\r\\n`, make: () => '\r\n'.repeat(Math.round(mb / 2)) },
    { name: `${thousands(mb)} units of mixed whitespace`, make: () => ' \t\u00a0\u3000'.repeat(Math.round(mb / 4)) },
    { name: `${thousands(mb)} ideographic spaces then a word`, make: () => '\u3000'.repeat(mb) + 'word' },
    {
      name: `${thousands(mb)} bytes of base64 on one line`,
      make: () => Buffer.from(seededBytes(Math.round(mb * 0.75), 1)).toString('base64'),
    },
    { name: `${thousands(mb)} single-character lines`, make: () => 'a\n'.repeat(Math.round(mb / 2)) },
    { name: `${thousands(mb)} bytes of binary junk decoded as UTF-8`, make: () => new TextDecoder().decode(seededBytes(mb, 2)) },
    { name: `${thousands(mb)} of one punctuation character`, make: () => '!'.repeat(mb) },
    { name: `${thousands(Math.round(mb / 2))} emoji in one run`, make: () => '😀'.repeat(Math.round(mb / 2)) },
    { name: `a word with ${thousands(k200)} combining marks`, make: () => 'e' + '\u0301'.repeat(k200) },
  ];
}

/**
 * Runs of one unit (letters, spaces, CJK, emoji, combining marks, punctuation, digits, newlines), 50 to 650 long, half
 * of them followed by a word: long enough that the linear encoder, not the merge, counts them. Every 26 rounds cover
 * each unit with and without the word.
 */
export function unitRuns(encoding: EncodingName, rounds: number): string[] {
  const random = seededRandom(encoding === 'o200k_base' ? 41 : 42);
  const units = ['a', 'ab', 'x', ' ', '中', '😀', '\u0301', '-', '=', 'Aa', '0', 'é', '\n'];
  return Array.from({ length: rounds }, (_, round) => {
    const unit = units[round % units.length] as string;
    return `start ${unit.repeat(50 + Math.floor(random() * 600))}${round % 2 === 0 ? ' end' : ''}`;
  });
}
