// Paragraphs of a prompt marked instruction or material, kept across versions, so placement reads them without a pass over the text.
import type { PromptDocument, SentPiece } from '../document/types';
import { isInstructionParagraph } from '../rules/placement/instructions';
import type { Checkpoint } from '../tokens/incremental';
import { SegmentedText, searchIn } from './segments';

/** Fresh work between two checkpoints (characters split or marked) on a large prompt. */
const SLICE_CHARS = 8 * 1024;

/**
 * A paragraph is a run of lines between blank lines: from a non-space character up to the first line break that
 * is followed by a blank line (spaces and tabs only), or to the end of the piece. Found as its start and then its
 * end, two searches, not as one lazy pattern (`\S[\s\S]*?(?=…|$)`), which tests the end at every character.
 */
const PARAGRAPH_START = /\S/g;
/** Where a paragraph ends: the line break before a blank line (PARAGRAPH_START's `\S`, then the shortest run up to it). */
const PARAGRAPH_END = /\r?\n[ \t]*\r?\n/g;
/** The spaces (as PARAGRAPH_START's `\S` sees them) before the next paragraph. */
const SPACES = /\s*/y;

/** Paragraphs of one piece in a slice between cuts, found once; their marks for each fence state it was reached with. */
interface Slice {
  /** Start and length of each paragraph, relative to the slice. */
  starts?: number[];
  lengths?: number[];
  outside?: Marks;
  inside?: Marks;
}

interface Marks {
  instruction: boolean[];
  fenceOut: boolean;
}

/** Every paragraph of a document's pieces, in order, as offsets into its piece's text. */
export interface ParagraphTable {
  /** The document's pieces, message by message. */
  pieces: SentPiece[];
  count: number;
  /** Index into `pieces`. */
  piece: Int32Array;
  start: Int32Array;
  length: Int32Array;
  instruction: Uint8Array;
}

/**
 * Slices are cut after an empty line (`\n\n` or `\n\r\n`): a paragraph ends at the latest where that line break
 * starts, and the pattern never reads past it, so a slice's paragraphs are the same found alone or in the whole
 * piece. The fence state (``` and ~~~ lines toggle it) runs on from slice to slice, so each slice keeps its marks
 * for both states it may be reached with; typing a fence re-marks nothing but the slice typed in.
 */
export class ParagraphMemo {
  private readonly pieces = new Map<string, SegmentedText<Slice>>();

  /** The paragraphs of `document`, their instruction marks brought up to date with its text (yielding at checkpoints). */
  async table(document: PromptDocument, checkpoint?: Checkpoint): Promise<ParagraphTable> {
    let fresh = 0;
    const pieces: SentPiece[] = [];
    const used = new Set<string>();
    const found: Array<{ slices: ReadonlyArray<{ length: number; value: Slice }>; text: string }> = [];
    let count = 0;
    for (let m = 0; m < document.messages.length; m++) {
      const list = document.messages[m].pieces;
      for (let p = 0; p < list.length; p++) {
        const key = `${m}|${p}`;
        used.add(key);
        let segmented = this.pieces.get(key);
        if (segmented === undefined) {
          segmented = new SegmentedText<Slice>({ margin: 3, make: () => ({}), split: sliceEnds });
          this.pieces.set(key, segmented);
        }
        const text = list[p].text;
        // Cutting a cold multi-megabyte piece into slices is itself long work: with a checkpoint it yields too.
        const slices = checkpoint ? await segmented.updateAsync(text, checkpoint) : segmented.update(text);
        let at = 0;
        for (const { length, value } of slices) {
          if (value.starts === undefined) {
            findParagraphs(text, at, at + length, value);
            if (checkpoint && (fresh += length) >= SLICE_CHARS) {
              fresh = 0;
              await checkpoint();
            }
          }
          count += value.starts!.length;
          at += length;
        }
        pieces.push(list[p]);
        found.push({ slices, text });
      }
    }
    for (const key of this.pieces.keys()) if (!used.has(key)) this.pieces.delete(key);

    const table: ParagraphTable = {
      pieces,
      count,
      piece: new Int32Array(count),
      start: new Int32Array(count),
      length: new Int32Array(count),
      instruction: new Uint8Array(count),
    };
    let i = 0;
    let fence = false;
    for (let k = 0; k < found.length; k++) {
      const { slices, text } = found[k];
      let at = 0;
      for (const { length, value } of slices) {
        const starts = value.starts!;
        const lengths = value.lengths!;
        let marks: Marks | undefined = fence ? value.inside : value.outside;
        if (marks === undefined) {
          const steps = markSlice(text, at, starts, lengths, fence);
          for (let step = steps.next(); ; step = steps.next()) {
            if (step.done) {
              marks = step.value;
              break;
            }
            if (checkpoint) await checkpoint();
          }
          if (fence) value.inside = marks;
          else value.outside = marks;
          if (checkpoint && (fresh += length) >= SLICE_CHARS) {
            fresh = 0;
            await checkpoint();
          }
        }
        for (let j = 0; j < starts.length; j++, i++) {
          table.piece[i] = k;
          table.start[i] = at + starts[j];
          table.length[i] = lengths[j];
          table.instruction[i] = marks.instruction[j] ? 1 : 0;
        }
        fence = marks.fenceOut;
        at += length;
      }
    }
    return table;
  }
}

function findParagraphs(text: string, from: number, to: number, slice: Slice): void {
  const starts: number[] = [];
  const lengths: number[] = [];
  // Run on the whole piece from the slice's start: a paragraph that starts in the slice ends in it (see above).
  let at = from;
  for (;;) {
    // Stop before matching the next slice's first paragraph: only spaces are left in this one.
    SPACES.lastIndex = at;
    SPACES.exec(text);
    if (SPACES.lastIndex >= to) break;
    PARAGRAPH_START.lastIndex = at;
    const m = PARAGRAPH_START.exec(text);
    if (m === null || m.index >= to) break;
    PARAGRAPH_END.lastIndex = m.index + 1;
    const end = PARAGRAPH_END.exec(text);
    const endAt = end === null ? text.length : end.index;
    starts.push(m.index - from);
    lengths.push(endAt - m.index);
    at = endAt;
  }
  PARAGRAPH_START.lastIndex = 0;
  PARAGRAPH_END.lastIndex = 0;
  slice.starts = starts;
  slice.lengths = lengths;
}

/**
 * Marks a slice's paragraphs, pausing (yielding) inside a paragraph longer than SLICE_CHARS: it is marked in parts
 * that end after a line break, which is the same (the marking reads line by line, an empty line marks nothing).
 */
function* markSlice(text: string, at: number, starts: number[], lengths: number[], inFence: boolean): Generator<void, Marks> {
  const instruction: boolean[] = [];
  let fence = inFence;
  for (let j = 0; j < starts.length; j++) {
    const start = at + starts[j];
    const end = start + lengths[j];
    let marked = false;
    for (let from = start; from < end;) {
      const newline = end - from > SLICE_CHARS ? text.indexOf('\n', from + SLICE_CHARS) : -1;
      const to = newline === -1 || newline + 1 >= end ? end : newline + 1;
      const part = isInstructionParagraph(text.slice(from, to), fence);
      marked ||= part.instruction;
      fence = part.inFence;
      from = to;
      if (from < end) yield;
    }
    instruction.push(marked);
  }
  return { instruction, fenceOut: fence };
}

/** Slice ends in `[from, to)`: after an empty line (`\n\n` or `\n\r\n`), then `to`. */
function sliceEnds(text: string, from: number, to: number): number[] {
  const ends: number[] = [];
  const search = searchIn(text, from, to);
  for (let at = search('\n', from); at !== -1 && at + 1 < to; at = search('\n', at + 1)) {
    const end = at + 1;
    if (end - from >= 2 && text.charCodeAt(at - 1) === 0x0a) ends.push(end);
    else if (end - from >= 3 && text.charCodeAt(at - 1) === 0x0d && text.charCodeAt(at - 2) === 0x0a) ends.push(end);
  }
  ends.push(to);
  return ends;
}
