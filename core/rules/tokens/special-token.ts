// tokens/special-token: special-token text in a prompt is counted as text, but runtimes may reject or split on it.
import type { Rule } from '../types';
import { locateInPiece } from '../../document';
import { allMatches } from '../../matches';

/** `<|endoftext|>`, `<|im_start|>`, `<|eot_id|>`, `<|fim_prefix|>` and kin: OpenAI, ChatML, Llama 3 spellings. */
const SPECIAL = /<\|[A-Za-z][A-Za-z0-9_]{0,40}\|>/g;

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
        for (const match of allMatches(piece.text, SPECIAL)) {
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
