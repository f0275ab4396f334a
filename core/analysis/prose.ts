// Stated constraints found paragraph by paragraph and kept across versions, so a keystroke re-scans one paragraph.
import type { PromptDocument } from '../document/types';
import { detectConstraintSteps, detectConstraints, maskCode, maskCodeSteps, type StatedConstraint } from '../instructions/detect';
import { rememberStatements, type LocatedStatement, type PieceScan } from '../instructions/stated';
import { detectorWarmUp } from '../instructions/warm-up';
import type { Checkpoint } from '../tokens/incremental';
import { SegmentedText, searchIn } from './segments';

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

/** Fresh scanning between two checkpoints (characters): a few milliseconds of the detectors. */
const SLICE_CHARS = 2 * 1024;

/**
 * A paragraph (or run of paragraphs) longer than this is scanned one detector pattern at a time, with a checkpoint
 * after each: a scan of a long line or of a prompt without blank lines would otherwise run in one go.
 */
const LONG_SCAN = 4 * 1024;

/**
 * Counts fresh work across all the pieces of one `prepare` (a prompt can have thousands of small pieces) and
 * awaits the checkpoint after each slice of it.
 */
class WorkMeter {
  private done = 0;
  constructor(readonly checkpoint: Checkpoint) {}
  async add(chars: number): Promise<void> {
    if ((this.done += chars) < SLICE_CHARS) return;
    this.done = 0;
    await this.checkpoint();
  }
}

/**
 * The detectors treat a blank line as the end of a sentence and never look back or ahead past it, so a
 * piece's statements are those of its paragraphs, unless a phrase runs across the blank line itself
 * ("at most\n\n50 words"). Each break is checked for that on a window around it; where a phrase crosses,
 * the paragraphs on both sides are scanned together. Paragraphs are cut after a run of newlines (`\n\n`
 * followed by anything but `\n`), so both sides see the same sentence ends as the whole text does.
 */
export class ProseMemo {
  private readonly pieces = new Map<string, SegmentedText<Paragraph>>();
  /** Each piece's last scan, by the text and fence state it was made for. */
  private readonly scans = new Map<
    string,
    { text: string; inFence: boolean; result: { found: StatedConstraint[]; inFence: boolean } }
  >();

  /** Scans every piece of `document` (yielding at checkpoints) and remembers its statements for the rules. */
  async prepare(document: PromptDocument, checkpoint?: Checkpoint): Promise<LocatedStatement[]> {
    const used = new Set<string>();
    const work = checkpoint ? new WorkMeter(checkpoint) : undefined;
    // A lint that starts before the server's warm-up is done finishes it here, a step per checkpoint: the first
    // scan would otherwise compile every detector pattern in one go.
    if (checkpoint) while (detectorWarmUp.step()) await checkpoint();
    for (let m = 0; m < document.messages.length; m++) {
      let fence = false;
      const pieces = document.messages[m].pieces;
      for (let p = 0; p < pieces.length; p++) {
        const key = `${m}|${p}`;
        used.add(key);
        fence = (await this.scanPiece(pieces[p].text, fence, key, work)).inFence;
      }
    }
    for (const key of this.pieces.keys()) {
      if (used.has(key)) continue;
      this.pieces.delete(key);
      this.scans.delete(key);
    }
    const scan: PieceScan = (text, inFence, where) => {
      const last = this.scans.get(`${where.message}|${where.piece}`);
      // Always the scan just made above, unless a rule asked for another document.
      return last && last.text === text && last.inFence === inFence ? last.result : wholePiece(text, inFence);
    };
    return rememberStatements(document, scan);
  }

  /** Brings one piece's paragraphs up to date, yielding after each slice of fresh work. */
  private async scanPiece(
    text: string,
    inFence: boolean,
    key: string,
    work?: WorkMeter,
  ): Promise<{ found: StatedConstraint[]; inFence: boolean }> {
    const last = this.scans.get(key);
    if (last && last.text === text && last.inFence === inFence) return last.result;
    let segmented = this.pieces.get(key);
    if (segmented === undefined) {
      segmented = new SegmentedText<Paragraph>({ margin: 2, make: () => ({}), split: paragraphEnds });
      this.pieces.set(key, segmented);
    }
    const paragraphs = work ? await segmented.updateAsync(text, work.checkpoint) : segmented.update(text);
    const scanned: Scanned[] = new Array<Scanned>(paragraphs.length);
    let fence = inFence;
    let at = 0;
    for (let i = 0; i < paragraphs.length; i++) {
      const { length, value } = paragraphs[i];
      let scan = fence ? value.inside : value.outside;
      if (scan === undefined) {
        scan =
          work && length > LONG_SCAN
            ? await scanParagraphInSteps(text.slice(at, at + length), fence, work.checkpoint)
            : scanParagraph(text.slice(at, at + length), fence);
        if (fence) value.inside = scan;
        else value.outside = scan;
        if (work) await work.add(length);
      }
      scanned[i] = scan;
      fence = scan.fenceOut;
      at += length;
    }
    const result = { found: await joinRuns(paragraphs, scanned, work), inFence: fence };
    this.scans.set(key, { text, inFence, result });
    return result;
  }
}

/**
 * The masked text is kept across versions, so it is copied out of the document: built from slices of the text,
 * it would otherwise keep that whole version of the document alive (V8 sliced and cons strings).
 */
function scanParagraph(text: string, fence: boolean): Scanned {
  const masked = maskCode(text, fence);
  const own = detach(masked.masked);
  return { masked: own, fenceOut: masked.inFence, found: detectConstraints(own) };
}

/** As `scanParagraph`, awaiting `checkpoint` between the detector patterns' scans. */
async function scanParagraphInSteps(text: string, fence: boolean, checkpoint: Checkpoint): Promise<Scanned> {
  // The masked text is a string of its own (see scanParagraph).
  const masked = await inSteps(maskCodeSteps(text, fence), checkpoint);
  await checkpoint();
  return { masked: masked.masked, fenceOut: masked.inFence, found: await detectInSteps(masked.masked, checkpoint) };
}

function detectInSteps(text: string, checkpoint: Checkpoint): Promise<StatedConstraint[]> {
  return inSteps(detectConstraintSteps(text), checkpoint);
}

/** Runs `steps` to its end, awaiting `checkpoint` at each pause. */
async function inSteps<T>(steps: Generator<void, T>, checkpoint: Checkpoint): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await checkpoint();
  }
}

function detach(text: string): string {
  return text.length === 0 ? '' : (' ' + text).slice(1);
}

function wholePiece(text: string, inFence: boolean): { found: StatedConstraint[]; inFence: boolean } {
  const masked = maskCode(text, inFence);
  return { found: detectConstraints(masked.masked), inFence: masked.inFence };
}

/**
 * The piece's statements: each paragraph's, except across crossing seams, where the run is scanned as one.
 * Seams checked for the first time (every seam of a cold document) are work too: it yields at checkpoints.
 */
async function joinRuns(
  paragraphs: ReadonlyArray<{ length: number }>,
  scanned: readonly Scanned[],
  work?: WorkMeter,
): Promise<StatedConstraint[]> {
  const found: StatedConstraint[] = [];
  let at = 0;
  for (let i = 0; i < paragraphs.length;) {
    let j = i;
    let runLength = paragraphs[i].length;
    while (j + 1 < paragraphs.length) {
      const known = scanned[j].seam?.right === scanned[j + 1].masked;
      const crossing = crosses(scanned[j], scanned[j + 1]);
      if (work && !known) await work.add(2 * SEAM_WINDOW);
      if (!crossing) break;
      j++;
      runLength += paragraphs[j].length;
    }
    // A run of several paragraphs is scanned as one, afresh.
    if (work && j > i) await work.add(runLength);
    const run = () =>
      scanned
        .slice(i, j + 1)
        .map((p) => p.masked)
        .join('');
    const list =
      j === i
        ? scanned[i].found
        : work && runLength > LONG_SCAN
          ? await detectInSteps(run(), work.checkpoint)
          : detectConstraints(run());
    for (const s of list) found.push(at === 0 ? s : { ...s, offset: s.offset + at });
    at += runLength;
    i = j + 1;
  }
  return found;
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
  const search = searchIn(text, from, to);
  for (let at = search('\n\n', from); at !== -1 && at + 2 < to; at = search('\n\n', at + 1)) {
    let end = at + 2;
    while (end < to && text.charCodeAt(end) === 10) end++;
    if (end < to) ends.push(end);
    at = end - 1;
  }
  ends.push(to);
  return ends;
}
