// IFBench's instruction ids and kwargs as our constraint keys (the table in docs/ifbench.md), for the
// agreement script and for reading IFBench's dataset. IFBench keeps IFEval's instruction types under the
// same ids, so those go through IFEval's table.
import { ifevalConstraints, type IfevalInstruction } from '../ifeval/instructions';

/** IFBench's `count:punctuation`: every standard mark and the interrobang. */
export const IFBENCH_PUNCTUATION = ['.', ',', '!', '?', ';', ':', '?!'];

/**
 * The constraints (without `compat`/`mode`) that declare `instruction` as IFBench's checker reads it, or
 * undefined for an id no key expresses yet.
 */
export function ifbenchConstraints(instruction: IfevalInstruction): Record<string, unknown> | undefined {
  switch (instruction.id) {
    case 'format:no_whitespace':
      return { noWhitespace: true };
    case 'format:parentheses':
      return { bracketDepth: { min: 5 } };
    case 'format:quotes':
      return { quoteDepth: { min: 3 } };
    case 'words:palindrome':
      return { palindromes: { count: { min: 10 }, minLength: 5 } };
    case 'count:punctuation':
      return { punctuation: IFBENCH_PUNCTUATION };
    case 'format:newline':
      return { oneWordPerLine: true };
    case 'format:line_indent':
      return { indentStairs: true };
    case 'format:output_template':
      return { include: { words: ['My Answer:', 'My Conclusion:', 'Future Outlook:'], caseSensitive: true } };
    default:
      return ifevalConstraints(instruction);
  }
}
