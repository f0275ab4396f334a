// Paragraphs of a prompt marked instruction or material, kept across versions, so placement reads them without a pass over the text.
import type { PromptDocument, SentPiece } from '../document/types';
import { isInstructionParagraph } from '../rules/placement/instructions';
import type { Checkpoint } from '../tokens/incremental';
import { SegmentedText, searchIn, type Segment } from './segments';

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

  private piece(key: string): SegmentedText<Slice> {
    let segmented = this.pieces.get(key);
    if (segmented === undefined) {
      // Every property from the start: one object shape for all slices keeps the walks over them fast (a slice
      // given its properties in varying order made every read in `fillRows` a slow, megamorphic one).
      const make = (): Slice => ({ starts: undefined, lengths: undefined, outside: undefined, inside: undefined });
      segmented = new SegmentedText<Slice>({ margin: 3, make, split: sliceEnds });
      this.pieces.set(key, segmented);
    }
    return segmented;
  }

  /**
   * The paragraphs before the first instruction paragraph, found and marked from the start of the document up to
   * it (the table's first rows, without the rest of the table). Undefined when no paragraph is an instruction, or
   * when that would take more than `limit` characters of fresh work (a cold prompt: `table` does it with yields).
   * Placement decides most prompts from these alone (see `middleInstructions`).
   */
  async leading(
    document: PromptDocument,
    limit = Infinity,
    checkpoint?: Checkpoint,
  ): Promise<{ pieces: SentPiece[]; rows: Array<{ piece: number; start: number; length: number }> } | undefined> {
    let fresh = 0;
    const pieces: SentPiece[] = [];
    const rows: Array<{ piece: number; start: number; length: number }> = [];
    let fence = false;
    for (let m = 0; m < document.messages.length; m++) {
      const list = document.messages[m].pieces;
      for (let p = 0; p < list.length; p++) {
        const text = list[p].text;
        const segmented = this.piece(`${m}|${p}`);
        // Cutting a cold piece into slices (40 ms in one go on 10 MB): with a checkpoint, window by window.
        const slices = checkpoint ? await segmented.updateAsync(text, checkpoint) : segmented.update(text);
        pieces.push(list[p]);
        let at = 0;
        for (const { length, value } of slices) {
          if (value.starts === undefined || (fence ? value.inside : value.outside) === undefined) {
            if ((fresh += length) > limit) return undefined;
          }
          if (value.starts === undefined) findParagraphs(text, at, at + length, value);
          const starts = value.starts!;
          const lengths = value.lengths!;
          let marks: Marks | undefined = fence ? value.inside : value.outside;
          if (marks === undefined) {
            marks = markSlice(text, at, starts, lengths, fence);
            if (fence) value.inside = marks;
            else value.outside = marks;
          }
          for (let j = 0; j < starts.length; j++) {
            if (marks.instruction[j]) return { pieces, rows };
            rows.push({ piece: pieces.length - 1, start: at + starts[j], length: lengths[j] });
          }
          fence = marks.fenceOut;
          at += length;
        }
      }
    }
    return undefined;
  }

  /** The paragraphs of `document`, their instruction marks brought up to date with its text (yielding at checkpoints). */
  async table(document: PromptDocument, checkpoint?: Checkpoint): Promise<ParagraphTable> {
    // The loops over every slice run in plain functions (V8 optimises them; in this async function they were a
    // few times slower), which stop after SLICE_CHARS of fresh work when there is a checkpoint to await.
    const limit = checkpoint ? SLICE_CHARS : Infinity;
    const pieces: SentPiece[] = [];
    const used = new Set<string>();
    const found: Array<{ slices: ReadonlyArray<Segment<Slice>>; text: string }> = [];
    let count = 0;
    for (let m = 0; m < document.messages.length; m++) {
      const list = document.messages[m].pieces;
      for (let p = 0; p < list.length; p++) {
        const key = `${m}|${p}`;
        used.add(key);
        const segmented = this.piece(key);
        const text = list[p].text;
        // Cutting a cold multi-megabyte piece into slices is itself long work: with a checkpoint it yields too.
        const slices = checkpoint ? await segmented.updateAsync(text, checkpoint) : segmented.update(text);
        const cursor: Cursor = { slice: 0, at: 0, count: 0 };
        while (!findSlices(text, slices, cursor, limit)) await checkpoint!();
        count += cursor.count;
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
    // Finding a cold prompt's paragraphs and marking them are two slices of work, not one.
    if (checkpoint) await checkpoint();
    const fill: FillCursor = { row: 0, fence: false };
    for (let k = 0; k < found.length; k++) {
      const { slices, text } = found[k];
      const cursor: Cursor = { slice: 0, at: 0, count: 0 };
      while (!fillRows(table, k, text, slices, cursor, fill, limit)) await checkpoint!();
    }
    return table;
  }
}

/** Where a walk over one piece's slices stands: the next slice, its offset, and paragraphs passed so far. */
interface Cursor {
  slice: number;
  at: number;
  count: number;
}

/** Where filling the table stands across pieces: the next row, and the fence state the next slice is reached with. */
interface FillCursor {
  row: number;
  fence: boolean;
}

/** Finds the paragraphs of slices not searched yet; false when it stopped after `limit` characters of fresh work. */
function findSlices(text: string, slices: ReadonlyArray<Segment<Slice>>, cursor: Cursor, limit: number): boolean {
  let fresh = 0;
  while (cursor.slice < slices.length) {
    const { length, value } = slices[cursor.slice];
    if (value.starts === undefined) {
      if (fresh >= limit) return false;
      findParagraphs(text, cursor.at, cursor.at + length, value);
      fresh += length;
    }
    cursor.count += value.starts!.length;
    cursor.at += length;
    cursor.slice++;
  }
  return true;
}

/** Marks slices (for the fence state each is reached with) and writes their rows; false when it stopped as above. */
function fillRows(
  table: ParagraphTable,
  piece: number,
  text: string,
  slices: ReadonlyArray<Segment<Slice>>,
  cursor: Cursor,
  fill: FillCursor,
  limit: number,
): boolean {
  let fresh = 0;
  while (cursor.slice < slices.length) {
    const { length, value } = slices[cursor.slice];
    const starts = value.starts!;
    const lengths = value.lengths!;
    let marks: Marks | undefined = fill.fence ? value.inside : value.outside;
    if (marks === undefined) {
      if (fresh >= limit) return false;
      marks = markSlice(text, cursor.at, starts, lengths, fill.fence);
      if (fill.fence) value.inside = marks;
      else value.outside = marks;
      fresh += length;
    }
    const instruction = marks.instruction;
    for (let j = 0; j < starts.length; j++) {
      const row = fill.row++;
      table.piece[row] = piece;
      table.start[row] = cursor.at + starts[j];
      table.length[row] = lengths[j];
      table.instruction[row] = instruction[j] ? 1 : 0;
    }
    fill.fence = marks.fenceOut;
    cursor.at += length;
    cursor.slice++;
  }
  return true;
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

function markSlice(text: string, at: number, starts: number[], lengths: number[], inFence: boolean): Marks {
  const instruction: boolean[] = [];
  let fence = inFence;
  for (let j = 0; j < starts.length; j++) {
    const marked = isInstructionParagraph(text.slice(at + starts[j], at + starts[j] + lengths[j]), fence);
    instruction.push(marked.instruction);
    fence = marked.inFence;
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
