// Positions a long prompt's instruction paragraphs in tokens of the rendered prompt (expected variable fill included), for placement/lost-in-the-middle.
import type { Span } from './diagnostic';
import type { PromptDocument, SentPiece } from './document/types';
import type { LayoutBlock, PromptLayout, VariableBudget } from './stats';
import type { TokenCounter } from './tokens/types';
import type { Checkpoint } from './tokens/incremental';
import { isInstructionParagraph } from './rules/placement/instructions';

/** Work between two checkpoints (characters scanned or counted) on a large prompt. */
const SLICE_CHARS = 8 * 1024;

interface Paragraph {
  text: string;
  span: Span;
  fill: number;
  instruction: boolean;
}

/**
 * The instruction paragraphs with their token positions, when every one of them sits in the middle third of the
 * rendered prompt (`total` tokens: the messages' counts plus each variable use's fill); undefined otherwise.
 *
 * Paragraphs are counted from the start up to the first instruction and from the end back to the last one, and
 * the work stops as soon as one of them is near an end: on a prompt that states its task first (the usual case)
 * this counts next to nothing, so the layout costs no second pass over a large prompt on every keystroke.
 */
export async function middleInstructions(
  document: PromptDocument,
  counter: TokenCounter,
  variables: readonly VariableBudget[],
  textTokens: number,
  checkpoint?: Checkpoint,
): Promise<PromptLayout | undefined> {
  const budgets = new Map(variables.map((v) => [v.name, v.tokens]));
  const paragraphs = await paragraphsOf(document, budgets, checkpoint);
  const first = paragraphs.findIndex((p) => p.instruction);
  if (first < 0) return undefined;
  let last = first;
  for (let i = paragraphs.length - 1; i > first; i--)
    if (paragraphs[i].instruction) {
      last = i;
      break;
    }
  const total = textTokens + paragraphs.reduce((sum, p) => sum + p.fill, 0);
  let approximate = counter.approximate;
  // Encoding a third of a large prompt takes a while: a checkpoint after each slice of paragraphs.
  let counted = 0;
  const tokensOf = async (p: Paragraph) => {
    const result = counter.count(p.text);
    approximate ||= result.approximate;
    if (checkpoint && (counted += p.text.length) >= SLICE_CHARS) {
      counted = 0;
      await checkpoint();
    }
    return result.tokens + p.fill;
  };
  // Forward to the first instruction: it must start in the middle third.
  let position = 0;
  for (let i = 0; i < first; i++) {
    position += await tokensOf(paragraphs[i]);
    if (position >= total / 3) break;
  }
  if (position < total / 3) return undefined;
  // Backward to the last instruction: it must end in the middle third.
  let fromEnd = 0;
  for (let i = paragraphs.length - 1; i > last; i--) {
    fromEnd += await tokensOf(paragraphs[i]);
    if (fromEnd >= total / 3) break;
  }
  if (fromEnd < total / 3) return undefined;
  // Every instruction is between the two: position them exactly from the start.
  const blocks: LayoutBlock[] = [];
  let start = 0;
  for (let i = 0; i <= last; i++) {
    const tokens = await tokensOf(paragraphs[i]);
    if (paragraphs[i].instruction)
      blocks.push({ span: paragraphs[i].span, text: paragraphs[i].text, start, tokens, fill: paragraphs[i].fill });
    start += tokens;
  }
  const low = total / 3;
  const high = (2 * total) / 3;
  if (blocks.some((b) => b.start < low || b.start + b.tokens > high)) return undefined;
  return { blocks, total, approximate };
}

/** Paragraphs (runs of lines between blank lines) of every message piece, marked instruction or material. */
async function paragraphsOf(
  document: PromptDocument,
  budgets: ReadonlyMap<string, number>,
  checkpoint?: Checkpoint,
): Promise<Paragraph[]> {
  const out: Paragraph[] = [];
  let inFence = false;
  let scanned = 0;
  for (const message of document.messages) {
    for (const piece of message.pieces) {
      for (const { text, span } of splitPiece(piece)) {
        const fill = fillIn(document, span, budgets);
        const marked = isInstructionParagraph(text, inFence);
        inFence = marked.inFence;
        out.push({ text, span, fill, instruction: marked.instruction });
        if (checkpoint && (scanned += text.length) >= SLICE_CHARS) {
          scanned = 0;
          await checkpoint();
        }
      }
    }
  }
  return out;
}

/**
 * Paragraphs of one piece; positions are exact for verbatim pieces, the whole piece otherwise. Found one at a time,
 * so the caller's checkpoints come between them (a 10 MB piece is split in slices, not in one go).
 */
function* splitPiece(piece: SentPiece): Generator<{ text: string; span: Span }> {
  const text = piece.text;
  const pattern = /\S[\s\S]*?(?=\r?\n[ \t]*\r?\n|$)/g;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const span = piece.verbatim ? { offset: piece.span.offset + match.index, length: match[0].length } : piece.span;
    yield { text: match[0], span };
  }
}

function fillIn(document: PromptDocument, span: Span, budgets: ReadonlyMap<string, number>): number {
  let fill = 0;
  for (const use of document.variables) {
    if (use.span.offset >= span.offset && use.span.offset < span.offset + span.length) fill += budgets.get(use.name) ?? 0;
  }
  return fill;
}
