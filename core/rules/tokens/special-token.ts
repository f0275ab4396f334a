// tokens/special-token: special-token text in a prompt is counted as text, but runtimes may reject or split on it.
import type { Rule } from '../types';
import { locateInPiece } from '../../document';

/** `<|endoftext|>`, `<|im_start|>`, `<|eot_id|>`, `<|fim_prefix|>` and kin: OpenAI, ChatML, Llama 3 spellings. */
const SPECIAL = /<\|[A-Za-z][A-Za-z0-9_]{0,40}\|>/y;

/**
 * The matches `/<\|[A-Za-z][A-Za-z0-9_]{0,40}\|>/g` finds, in order: the pattern is tried only where `<|` is, which
 * `indexOf` finds several times faster than the pattern's own search of a long prompt (a keystroke's lint).
 */
function specialTokens(text: string): Array<{ index: number; 0: string }> {
  const found: Array<{ index: number; 0: string }> = [];
  for (let at = text.indexOf('<|'); at !== -1;) {
    SPECIAL.lastIndex = at;
    const match = SPECIAL.exec(text);
    if (match === null) {
      at = text.indexOf('<|', at + 1);
      continue;
    }
    found.push({ index: at, 0: match[0] });
    at = text.indexOf('<|', at + match[0].length);
  }
  return found;
}

export const specialToken: Rule = {
  meta: {
    id: 'tokens/special-token',
    description: 'The prompt text contains a special-token string such as `<|endoftext|>` or `<|im_start|>`.',
    defaultSeverity: 'warning',
    fixable: false,
  },
  check({ document, report }) {
    for (const message of document.messages) {
      for (const piece of message.pieces) {
        for (const match of specialTokens(piece.text)) {
          const index = match.index ?? 0;
          const span = locateInPiece(document.text, piece, { offset: index, length: match[0].length });
          report({
            ...span,
            message: `'${match[0]}' is special-token text. promptbound counts it as ordinary text, but APIs may reject it or treat it as a control token; escape or remove it if it is not meant for the tokenizer.`,
            data: { token: match[0] },
          });
        }
      }
    }
  },
};
