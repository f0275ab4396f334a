// Positions a long prompt's instruction paragraphs in tokens of the rendered prompt (expected variable fill included), for placement/lost-in-the-middle.
import type { Span } from './diagnostic';
import type { PromptDocument } from './document/types';
import type { LayoutBlock, PromptLayout, VariableBudget } from './stats';
import type { TokenCounter } from './tokens/types';
import type { Checkpoint } from './tokens/incremental';
import { ParagraphMemo, type ParagraphTable } from './analysis/paragraphs';
import { lowerBound } from './sorted';

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
  options: { memo?: ParagraphMemo; checkpoint?: Checkpoint } = {},
): Promise<PromptLayout | undefined> {
  const { memo = new ParagraphMemo(), checkpoint } = options;
  if (await startsBeforeMiddle(document, counter, variables, textTokens, memo, checkpoint)) return undefined;
  const table = await memo.table(document, checkpoint);
  const fills = fillsOf(document, table, new Map(variables.map((v) => [v.name, v.tokens])));
  const first = table.instruction.indexOf(1);
  if (first < 0) return undefined;
  const last = table.instruction.lastIndexOf(1);
  let fill = 0;
  for (let i = 0; i < table.count; i++) fill += fills[i];
  const total = textTokens + fill;
  const paragraph = (i: number): Paragraph => {
    const piece = table.pieces[table.piece[i]];
    const start = table.start[i];
    const length = table.length[i];
    const span = piece.verbatim ? { offset: piece.span.offset + start, length } : piece.span;
    return { text: piece.text.slice(start, start + length), span, fill: fills[i], instruction: table.instruction[i] === 1 };
  };
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
    position += await tokensOf(paragraph(i));
    if (position >= total / 3) break;
  }
  if (position < total / 3) return undefined;
  // Backward to the last instruction: it must end in the middle third.
  let fromEnd = 0;
  for (let i = table.count - 1; i > last; i--) {
    fromEnd += await tokensOf(paragraph(i));
    if (fromEnd >= total / 3) break;
  }
  if (fromEnd < total / 3) return undefined;
  // Every instruction is between the two: position them exactly from the start.
  const blocks: LayoutBlock[] = [];
  let start = 0;
  for (let i = 0; i <= last; i++) {
    const p = paragraph(i);
    const tokens = await tokensOf(p);
    if (p.instruction) blocks.push({ span: p.span, text: p.text, start, tokens, fill: p.fill });
    start += tokens;
  }
  const low = total / 3;
  const high = (2 * total) / 3;
  if (blocks.some((b) => b.start < low || b.start + b.tokens > high)) return undefined;
  return { blocks, total, approximate };
}

/**
 * Whether the first instruction paragraph starts before a third of the prompt's text tokens, judged from the
 * paragraphs before it alone (`ParagraphMemo.leading`), without the table of every paragraph. The rendered prompt
 * (`total`) is the text tokens plus the fills, which are never negative, so such an instruction also starts
 * before a third of it and `middleInstructions` answers undefined — on most prompts, which state their task
 * first, after a handful of paragraphs. False means "not decided here": the whole layout is worked out.
 */
async function startsBeforeMiddle(
  document: PromptDocument,
  counter: TokenCounter,
  variables: readonly VariableBudget[],
  textTokens: number,
  memo: ParagraphMemo,
  checkpoint: Checkpoint | undefined,
): Promise<boolean> {
  if (variables.some((v) => !(v.tokens >= 0))) return false;
  const lead = await memo.leading(document, checkpoint ? SLICE_CHARS : Infinity, checkpoint);
  if (lead === undefined) return false;
  const budgets = new Map(variables.map((v) => [v.name, v.tokens]));
  const uses = document.variables
    .map((use) => ({ offset: use.span.offset, tokens: budgets.get(use.name) ?? 0 }))
    .sort((a, b) => a.offset - b.offset);
  const offsets = uses.map((use) => use.offset);
  let position = 0;
  let counted = 0;
  for (const row of lead.rows) {
    // Counting a long lead is left to the whole layout, which yields between slices of it.
    if (checkpoint && (counted += row.length) > SLICE_CHARS) return false;
    const piece = lead.pieces[row.piece];
    const offset = piece.verbatim ? piece.span.offset + row.start : piece.span.offset;
    const end = offset + (piece.verbatim ? row.length : piece.span.length);
    for (let k = lowerBound(offsets, offset); k < uses.length && offsets[k] < end; k++) position += uses[k].tokens;
    position += counter.count(piece.text.slice(row.start, row.start + row.length)).tokens;
    if (position >= textTokens / 3) return false;
  }
  return true;
}

/**
 * Each paragraph's expected fill: the budgets of the variable uses whose tag starts in its span (a paragraph of a
 * piece that is not verbatim spans the whole piece), added in document order. Uses are sorted once, so a
 * paragraph costs a binary search and its own uses.
 */
function fillsOf(document: PromptDocument, table: ParagraphTable, budgets: ReadonlyMap<string, number>): Float64Array {
  const fills = new Float64Array(table.count);
  const uses = document.variables
    .map((use) => ({ offset: use.span.offset, tokens: budgets.get(use.name) ?? 0 }))
    .sort((a, b) => a.offset - b.offset);
  if (uses.length === 0) return fills;
  const offsets = uses.map((use) => use.offset);
  for (let i = 0; i < table.count; i++) {
    const piece = table.pieces[table.piece[i]];
    const offset = piece.verbatim ? piece.span.offset + table.start[i] : piece.span.offset;
    const end = offset + (piece.verbatim ? table.length[i] : piece.span.length);
    let fill = 0;
    for (let k = lowerBound(offsets, offset); k < uses.length && offsets[k] < end; k++) fill += uses[k].tokens;
    fills[i] = fill;
  }
  return fills;
}
