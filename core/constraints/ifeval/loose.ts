// IFEval's loose variants of a response: first line, last line or both removed, each also with every `*` removed.
import { pyStrip } from './python';

/**
 * The eight responses IFEval's loose evaluation tries, in its order: the response, the response without
 * `*`, without its first line, without its last line, without both, and those three without `*`. Lines
 * are split on `\n` only; the line-removed variants are stripped (Python `str.strip()`), the first two
 * are not. A variant that is empty after stripping never passes (IFEval skips it; `ifevalCheck` fails it).
 */
export function looseVariants(completion: string): string[] {
  const lines = completion.split('\n');
  const removeFirst = pyStrip(lines.slice(1).join('\n'));
  const removeLast = pyStrip(lines.slice(0, -1).join('\n'));
  const removeBoth = pyStrip(lines.slice(1, -1).join('\n'));
  const noStar = (text: string): string => text.replaceAll('*', '');
  return [
    completion,
    noStar(completion),
    removeFirst,
    removeLast,
    removeBoth,
    noStar(removeFirst),
    noStar(removeLast),
    noStar(removeBoth),
  ];
}
