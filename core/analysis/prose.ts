// Stated constraints found paragraph by paragraph and kept across versions, so a keystroke re-scans one paragraph.
import type { PromptDocument } from '../document/types';
import { detectConstraintSteps, detectConstraints, maskCode, maskCodeSteps, type StatedConstraint } from '../instructions/detect';
import { rememberStatements, type LocatedStatement, type PieceScan } from '../instructions/stated';
import { detectorWarmUp } from '../instructions/warm-up';
import type { Checkpoint } from '../tokens/incremental';
import { SegmentedText, searchIn, type Segment } from './segments';

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
  /**
   * Whether a statement crosses the break in the middle of each seam window checked lately. A keystroke re-scans
   * its paragraph, whose two seams then have new neighbours; typed more than SEAM_WINDOW characters from either
   * end of the paragraph, their windows are unchanged and are not scanned again.
   */
  private readonly seams = new SeamWindows();

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
      // Every property from the start: one object shape for all paragraphs keeps the walks over them fast.
      segmented = new SegmentedText<Paragraph>({
        margin: 2,
        make: () => ({ outside: undefined, inside: undefined }),
        split: paragraphEnds,
      });
      this.pieces.set(key, segmented);
    }
    const paragraphs = work ? await segmented.updateAsync(text, work.checkpoint) : segmented.update(text);
    const scanned: Scanned[] = new Array<Scanned>(paragraphs.length);
    // Paragraphs scanned before are taken in a plain function (a loop in this async function is slower); it stops
    // at each paragraph to scan, which is scanned here, with a checkpoint after each slice of that work.
    const walk: ScanWalk = { next: 0, at: 0, fence: inFence };
    while (!takeScanned(paragraphs, scanned, walk)) {
      const { length, value } = paragraphs[walk.next];
      // A long paragraph (a long line, a prompt without blank lines) is scanned in steps, with checkpoints between.
      const scan =
        work && length > LONG_SCAN
          ? await scanParagraphInSteps(text.slice(walk.at, walk.at + length), walk.fence, work.checkpoint)
          : scanParagraph(text.slice(walk.at, walk.at + length), walk.fence);
      if (walk.fence) value.inside = scan;
      else value.outside = scan;
      if (work) await work.add(length);
    }
    const fence = walk.fence;
    const result = { found: await joinRuns(paragraphs, scanned, this.seams, work), inFence: fence };
    this.scans.set(key, { text, inFence, result });
    return result;
  }
}

/** Where `takeScanned` stands: the next paragraph, its offset in the piece, the fence state it is reached with. */
interface ScanWalk {
  next: number;
  at: number;
  fence: boolean;
}

/** Takes paragraphs already scanned for the fence state they are reached with; false at one that is not. */
function takeScanned(paragraphs: ReadonlyArray<Segment<Paragraph>>, scanned: Scanned[], walk: ScanWalk): boolean {
  let { next, at, fence } = walk;
  let done = true;
  for (; next < paragraphs.length; next++) {
    const { length, value } = paragraphs[next];
    const scan = fence ? value.inside : value.outside;
    if (scan === undefined) {
      done = false;
      break;
    }
    scanned[next] = scan;
    fence = scan.fenceOut;
    at += length;
  }
  walk.next = next;
  walk.at = at;
  walk.fence = fence;
  return done;
}

/**
 * The masked text is kept across versions, so it is copied out of the document: built from slices of the text,
 * it would otherwise keep that whole version of the document alive (V8 sliced and cons strings).
 */
function scanParagraph(text: string, fence: boolean): Scanned {
  const masked = maskCode(text, fence);
  const own = detach(masked.masked);
  return { masked: own, fenceOut: masked.inFence, found: detectConstraints(own), seam: undefined };
}

/** As `scanParagraph`, awaiting `checkpoint` between the detector patterns' scans. */
async function scanParagraphInSteps(text: string, fence: boolean, checkpoint: Checkpoint): Promise<Scanned> {
  // The masked text is a string of its own (see scanParagraph).
  const masked = await inSteps(maskCodeSteps(text, fence), checkpoint);
  await checkpoint();
  const found = await detectInSteps(masked.masked, checkpoint);
  return { masked: masked.masked, fenceOut: masked.inFence, found, seam: undefined };
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
  seams: SeamWindows,
  work?: WorkMeter,
): Promise<StatedConstraint[]> {
  const found: StatedConstraint[] = [];
  const walk: JoinWalk = { next: 0, at: 0 };
  // Paragraphs whose seam to the next one is known not to cross are taken in a plain function (a loop in this
  // async function is slower); it stops at a seam to check or a crossing one, and the run from there is read here.
  while (!takeSingles(paragraphs, scanned, found, walk)) {
    const i = walk.next;
    let j = i;
    let runLength = paragraphs[i].length;
    while (j + 1 < paragraphs.length) {
      const known = scanned[j].seam?.right === scanned[j + 1].masked;
      const crossing = crosses(scanned[j], scanned[j + 1], seams);
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
    push(found, list, walk.at);
    walk.at += runLength;
    walk.next = j + 1;
  }
  return found;
}

/** Where `takeSingles` stands: the next paragraph and its offset in the piece. */
interface JoinWalk {
  next: number;
  at: number;
}

/**
 * Takes the statements of paragraphs that stand alone: the last one, or one whose seam to the next was checked for
 * these two texts and does not cross. False at a paragraph whose seam is unknown or crosses.
 */
function takeSingles(
  paragraphs: ReadonlyArray<{ length: number }>,
  scanned: readonly Scanned[],
  found: StatedConstraint[],
  walk: JoinWalk,
): boolean {
  let { next, at } = walk;
  let done = true;
  for (; next < paragraphs.length; next++) {
    const scan = scanned[next];
    if (next + 1 < paragraphs.length) {
      const seam = scan.seam;
      if (seam === undefined || seam.right !== scanned[next + 1].masked || seam.crosses) {
        done = false;
        break;
      }
    }
    if (scan.found.length > 0) push(found, scan.found, at);
    at += paragraphs[next].length;
  }
  walk.next = next;
  walk.at = at;
  return done;
}

/** Appends `list` to `found`, moved by `at`. */
function push(found: StatedConstraint[], list: readonly StatedConstraint[], at: number): void {
  for (const s of list) found.push(at === 0 ? s : { ...s, offset: s.offset + at });
}

/** Whether a statement found around the break between two paragraphs runs across it. */
function crosses(left: Scanned, right: Scanned, seams: SeamWindows): boolean {
  if (left.seam && left.seam.right === right.masked) return left.seam.crosses;
  const l = left.masked;
  const tail = l.slice(Math.max(0, l.length - SEAM_WINDOW));
  const head = right.masked.slice(0, SEAM_WINDOW);
  const crossing = seams.crosses(tail, head);
  left.seam = { right: right.masked, crosses: crossing };
  return crossing;
}

/**
 * Seam windows checked lately and whether a statement crosses their break (a function of the window alone).
 * Keyed by the window's tail length and text; the oldest half is dropped when full.
 */
export class SeamWindows {
  private map = new Map<string, boolean>();
  /** Windows scanned by the detectors (not found here), for tests. */
  scanned = 0;

  constructor(private readonly capacity = 256) {}

  crosses(tail: string, head: string): boolean {
    // Copied, so a key does not keep the (old) paragraphs it was sliced from alive.
    const key = detach(`${tail.length}|${tail}${head}`);
    const known = this.map.get(key);
    if (known !== undefined) return known;
    this.scanned++;
    const window = tail + head;
    const crossing = detectConstraints(window).some((s) => s.offset < tail.length && s.offset + s.length > tail.length);
    if (this.map.size >= this.capacity) this.map = new Map([...this.map].slice(this.capacity >> 1));
    this.map.set(key, crossing);
    return crossing;
  }
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
