// Stated constraints found paragraph by paragraph and kept across versions, so a keystroke re-scans one paragraph.
import type { PromptDocument } from '../document/types';
import { detectConstraints, maskCode, type StatedConstraint } from '../instructions/detect';
import { rememberStatements, type LocatedStatement, type PieceScan } from '../instructions/stated';
import type { Checkpoint } from '../tokens/incremental';
import { SegmentedText } from './segments';

/**
 * One paragraph of a piece, scanned for each fence state it was reached with (typing a fence flips every
 * paragraph after it; typing on restores the other state, so both are kept): its code-masked text, its
 * statements, and whether a statement crosses into the next paragraph (for the masked text it was checked on).
 */
interface Scanned {
  masked: string;
  fenceOut: boolean;
  found: StatedConstraint[];
  seam?: { right: string; crosses: boolean };
}

interface Paragraph {
  outside?: Scanned;
  inside?: Scanned;
}

/** How far either side of a paragraph break the seam check looks; longer than any phrase a detector matches. */
const SEAM_WINDOW = 512;

/** Fresh scanning between two checkpoints (characters). */
const SLICE_CHARS = 128 * 1024;

/**
 * The detectors treat a blank line as the end of a sentence and never look back or ahead past it, so a
 * piece's statements are those of its paragraphs, unless a phrase runs across the blank line itself
 * ("at most\n\n50 words"). Each break is checked for that on a window around it; where a phrase crosses,
 * the paragraphs on both sides are scanned together. Paragraphs are cut after a run of newlines (`\n\n`
 * followed by anything but `\n`), so both sides see the same sentence ends as the whole text does.
 */
export class ProseMemo {
  private readonly pieces = new Map<string, SegmentedText<Paragraph>>();
  private used = new Set<string>();

  /** Scans every piece of `document` (yielding at checkpoints) and remembers its statements for the rules. */
  async prepare(document: PromptDocument, checkpoint?: Checkpoint): Promise<LocatedStatement[]> {
    this.used = new Set();
    // Fill the paragraphs first with yields; the scan below then only reads them.
    let fence = false;
    for (let m = 0; m < document.messages.length; m++) {
      fence = false;
      const pieces = document.messages[m].pieces;
      for (let p = 0; p < pieces.length; p++) {
        const walk = this.walk(pieces[p].text, fence, `${m}|${p}`);
        let step = walk.next();
        while (!step.done) {
          if (checkpoint) await checkpoint();
          step = walk.next();
        }
        fence = step.value.inFence;
      }
    }
    const scan: PieceScan = (text, inFence, where) => drain(this.walk(text, inFence, `${where.message}|${where.piece}`));
    const result = rememberStatements(document, scan);
    for (const key of this.pieces.keys()) if (!this.used.has(key)) this.pieces.delete(key);
    return result;
  }

  /** Brings one piece's paragraphs up to date; yields after each slice of fresh work, returns its scan. */
  private *walk(text: string, inFence: boolean, key: string): Generator<void, { found: StatedConstraint[]; inFence: boolean }> {
    this.used.add(key);
    let segmented = this.pieces.get(key);
    if (segmented === undefined) {
      segmented = new SegmentedText<Paragraph>({ margin: 2, make: () => ({}), split: paragraphEnds });
      this.pieces.set(key, segmented);
    }
    const paragraphs = segmented.update(text);
    const found: StatedConstraint[] = [];
    const scanned: Scanned[] = new Array<Scanned>(paragraphs.length);
    let fence = inFence;
    let fresh = 0;
    let at = 0;
    for (let i = 0; i < paragraphs.length; i++) {
      const { length, value } = paragraphs[i];
      let scan = fence ? value.inside : value.outside;
      if (scan === undefined) {
        const masked = maskCode(text.slice(at, at + length), fence);
        scan = { masked: masked.masked, fenceOut: masked.inFence, found: detectConstraints(masked.masked) };
        if (fence) value.inside = scan;
        else value.outside = scan;
        fresh += length;
      }
      scanned[i] = scan;
      fence = scan.fenceOut;
      at += length;
      if (fresh >= SLICE_CHARS) {
        fresh = 0;
        yield;
      }
    }
    // Statements per run of paragraphs joined by crossing seams.
    at = 0;
    for (let i = 0; i < paragraphs.length; ) {
      let j = i;
      let runLength = paragraphs[i].length;
      while (j + 1 < paragraphs.length && crosses(scanned[j], scanned[j + 1])) {
        j++;
        runLength += paragraphs[j].length;
      }
      if (j === i) {
        for (const s of scanned[i].found) found.push(at === 0 ? s : { ...s, offset: s.offset + at });
      } else {
        const masked = scanned.slice(i, j + 1).map((p) => p.masked).join('');
        for (const s of detectConstraints(masked)) found.push({ ...s, offset: s.offset + at });
      }
      at += runLength;
      i = j + 1;
    }
    return { found, inFence: fence };
  }
}

/** Whether a statement found around the break between two paragraphs runs across it. */
function crosses(left: Scanned, right: Scanned): boolean {
  if (left.seam && left.seam.right === right.masked) return left.seam.crosses;
  const l = left.masked;
  const tail = l.slice(Math.max(0, l.length - SEAM_WINDOW));
  const window = tail + right.masked.slice(0, SEAM_WINDOW);
  const crossing = detectConstraints(window).some((s) => s.offset < tail.length && s.offset + s.length > tail.length);
  left.seam = { right: right.masked, crosses: crossing };
  return crossing;
}

/** Paragraph ends in `[from, to)`: after a run of two or more newlines. */
function paragraphEnds(text: string, from: number, to: number): number[] {
  const ends: number[] = [];
  for (let at = text.indexOf('\n\n', from); at !== -1 && at + 2 < to; at = text.indexOf('\n\n', at + 1)) {
    let end = at + 2;
    while (end < to && text.charCodeAt(end) === 10) end++;
    if (end < to) ends.push(end);
    at = end - 1;
  }
  ends.push(to);
  return ends;
}

function drain<T>(walk: Generator<void, T>): T {
  let step = walk.next();
  while (!step.done) step = walk.next();
  return step.value;
}
