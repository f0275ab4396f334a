// A text cut into segments whose computed values survive an edit: only the segments the edit touches are made anew.
import { changedRange } from './diff';

export interface Segment<V> {
  length: number;
  value: V;
}

export interface SegmentPolicy<V> {
  /**
   * Ends of the segments that cover `[from, to)` of `text`, in order, the last one `to`. `from` and `to` are
   * always segment boundaries: the region's ends, or boundaries of segments kept from the previous version.
   */
  split(text: string, from: number, to: number): number[];
  /** A fresh value for the segment `[from, to)`. */
  make(text: string, from: number, to: number): V;
  /**
   * How many characters on each side of a boundary decide whether it is one: a segment is kept only when
   * the text within this distance of both its ends is unchanged.
   */
  margin: number;
}

/**
 * Segments are stored by length, not offset, so the segments after an edit are kept as they are.
 * Correct by construction as long as `split` only cuts where `margin` characters either side decide it:
 * a kept segment has the same content and the same (still valid) boundaries as before.
 */
export class SegmentedText<V> {
  private text: string | undefined;
  private list: Array<Segment<V>> = [];
  /** Segments made anew by the last update (the rest were kept), for tests and the benchmark. */
  made = 0;

  constructor(private readonly policy: SegmentPolicy<V>) {}

  get segments(): ReadonlyArray<Segment<V>> {
    return this.list;
  }

  update(text: string): ReadonlyArray<Segment<V>> {
    const plan = this.plan(text);
    if (plan === undefined) return this.list;
    return this.apply(plan, this.fresh(text, plan.from, plan.to));
  }

  /**
   * As `update`, awaiting `checkpoint` after each `window` characters of fresh splitting, so cutting a cold
   * multi-megabyte text does not run in one go. The region is split window by window and only the ends inside a
   * window are kept, so the policy's ends before `to` must not depend on where `to` is (true of chunk ends, whose
   * every decision reads the text around the cut, never the region's end).
   */
  async updateAsync(text: string, checkpoint: () => Promise<void>, window = 256 * 1024): Promise<ReadonlyArray<Segment<V>>> {
    const plan = this.plan(text);
    if (plan === undefined) return this.list;
    const middle: Array<Segment<V>> = [];
    let at = plan.from;
    let size = window;
    while (at < plan.to) {
      const limit = Math.min(plan.to, at + size);
      const found = this.policy.split(text, at, limit);
      if (limit < plan.to) found.pop(); // the window's end is not a segment end
      const kept = found.filter((end) => end > at && end <= limit);
      if (kept.length === 0 && limit < plan.to) {
        size *= 2; // no end inside this window (one very long segment): look further
        continue;
      }
      const next = kept.length > 0 ? kept[kept.length - 1] : limit;
      for (const segment of this.segmentsAt(text, at, next, kept)) middle.push(segment);
      at = next;
      size = window;
      if (at < plan.to) await checkpoint();
    }
    return this.apply(plan, middle);
  }

  /** Which segments are kept and which region is split anew; undefined when the text is the same. */
  private plan(text: string): { head: number; tail: number; from: number; to: number } | undefined {
    const before = this.text;
    this.text = text;
    if (before === text) {
      this.made = 0;
      return undefined;
    }
    if (before === undefined || this.list.length === 0) return { head: 0, tail: this.list.length, from: 0, to: text.length };
    const change = changedRange(before, text);
    const margin = this.policy.margin;
    // Kept head: segments ending at least `margin` before the first changed character.
    let head = 0;
    let headEnd = 0;
    while (
      head < this.list.length &&
      headEnd + this.list[head].length + margin <= change.start &&
      headEnd + this.list[head].length < before.length
    ) {
      headEnd += this.list[head].length;
      head++;
    }
    // Kept tail: segments starting at least `margin` after the last changed character of the old text.
    let tail = this.list.length;
    let tailStart = before.length;
    while (
      tail > head &&
      tailStart - this.list[tail - 1].length - margin >= change.oldEnd &&
      tailStart - this.list[tail - 1].length > headEnd
    ) {
      tailStart -= this.list[tail - 1].length;
      tail--;
    }
    const newTailStart = tailStart + (text.length - before.length);
    return { head, tail, from: headEnd, to: Math.max(headEnd, newTailStart) };
  }

  private apply(plan: { head: number; tail: number }, middle: Array<Segment<V>>): ReadonlyArray<Segment<V>> {
    this.made = middle.length;
    // In place: a keystroke replaces a segment or two of thousands, and splice moves the rest in one go.
    this.list.splice(plan.head, plan.tail - plan.head, ...middle);
    return this.list;
  }

  private fresh(text: string, from: number, to: number): Array<Segment<V>> {
    return from < to ? this.segmentsAt(text, from, to, this.policy.split(text, from, to)) : [];
  }

  private segmentsAt(text: string, from: number, to: number, ends: readonly number[]): Array<Segment<V>> {
    const out: Array<Segment<V>> = [];
    let at = from;
    for (const end of ends) {
      if (end <= at) continue;
      out.push({ length: end - at, value: this.policy.make(text, at, end) });
      at = end;
    }
    if (at < to) out.push({ length: to - at, value: this.policy.make(text, at, to) });
    return out;
  }
}

/**
 * `indexOf` within `[from, to)` of `text`: the first `needle` starting at or after `at` (and before `to`), or -1.
 * A search of the whole text for a needle a window lacks would read to the text's end, from every window of a long
 * line (policies are asked window by window, see `updateAsync`).
 */
export function searchIn(text: string, from: number, to: number): (needle: string, at: number) => number {
  const range = from === 0 && to >= text.length ? text : text.slice(from, to);
  return (needle, at) => {
    const found = range.indexOf(needle, at - from);
    return found === -1 ? -1 : found + from;
  };
}
