// Lays the rendered prompt out as paragraphs positioned in tokens (expected variable fill included): what placement/lost-in-the-middle reads.
import type { Span } from './diagnostic';
import type { PromptDocument, SentPiece } from './document/types';
import type { LayoutBlock, PromptLayout, VariableBudget } from './stats';
import type { TokenCounter } from './tokens/types';

/** Paragraphs beyond this many are merged into their neighbours' count (a 10 MB prompt must not make a million blocks). */
const MAX_BLOCKS = 20_000;

/**
 * Paragraphs are runs of lines between blank lines, per message piece. A variable's expected fill
 * (`budget.variables`) counts where the variable is used, once per use: the document a `{{document}}` stands for
 * sits there in the rendered prompt.
 */
export function layoutOf(document: PromptDocument, counter: TokenCounter, variables: readonly VariableBudget[]): PromptLayout {
  const budgets = new Map(variables.map((v) => [v.name, v.tokens]));
  const blocks: LayoutBlock[] = [];
  let position = 0;
  let approximate = counter.approximate;
  for (const message of document.messages) {
    for (const piece of message.pieces) {
      for (const paragraph of paragraphsOf(piece)) {
        const counted = counter.count(paragraph.text);
        approximate ||= counted.approximate;
        const fill = fillIn(document, paragraph.span, budgets);
        const tokens = counted.tokens + fill;
        const last = blocks[blocks.length - 1];
        if (blocks.length >= MAX_BLOCKS && last) {
          last.tokens += tokens;
          last.fill += fill;
        } else {
          blocks.push({ span: paragraph.span, text: paragraph.text, start: position, tokens, fill });
        }
        position += tokens;
      }
    }
  }
  return { blocks, total: position, approximate };
}

/** Paragraphs of one piece; positions are exact for verbatim pieces, the whole piece otherwise. */
function paragraphsOf(piece: SentPiece): Array<{ text: string; span: Span }> {
  const out: Array<{ text: string; span: Span }> = [];
  const text = piece.text;
  const pattern = /\S[\s\S]*?(?=\r?\n[ \t]*\r?\n|$)/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const span = piece.verbatim ? { offset: piece.span.offset + match.index, length: match[0].length } : piece.span;
    out.push({ text: match[0], span });
  }
  return out;
}

function fillIn(document: PromptDocument, span: Span, budgets: ReadonlyMap<string, number>): number {
  let fill = 0;
  for (const use of document.variables) {
    if (use.span.offset >= span.offset && use.span.offset < span.offset + span.length) fill += budgets.get(use.name) ?? 0;
  }
  return fill;
}
