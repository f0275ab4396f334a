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
    const before = this.text;
    this.text = text;
    if (before === text) {
      this.made = 0;
      return this.list;
    }
    if (before === undefined || this.list.length === 0) {
      this.list = this.fresh(text, 0, text.length);
      this.made = this.list.length;
      return this.list;
    }
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
    const middle = newTailStart > headEnd ? this.fresh(text, headEnd, newTailStart) : [];
    this.made = middle.length;
    this.list = [...this.list.slice(0, head), ...middle, ...this.list.slice(tail)];
    return this.list;
  }

  private fresh(text: string, from: number, to: number): Array<Segment<V>> {
    const out: Array<Segment<V>> = [];
    let at = from;
    for (const end of this.policy.split(text, from, to)) {
      if (end <= at) continue;
      out.push({ length: end - at, value: this.policy.make(text, at, end) });
      at = end;
    }
    if (at < to) out.push({ length: to - at, value: this.policy.make(text, at, to) });
    return out;
  }
}
