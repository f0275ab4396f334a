// What the editor keeps for one open prompt between versions, so a keystroke redoes only what it touched.
import { tallyingCounter } from '../tokens/chunks';
import type { TallyingCounter } from '../tokens/counter';
import { ChunkTallies, type Checkpoint } from '../tokens/incremental';
import {
  candidateLine,
  searchCandidateLines,
  searchedCandidateLines,
  type CandidateGroup,
  type CandidateLine,
  type CandidateLines,
} from '../document/sections';
import { searchOpeners, type OpenerSearch } from '../document/template';
import { splitFrontmatter, type FrontmatterSplit, type FrontmatterStyle } from '../document/frontmatter';
import { ParagraphMemo } from './paragraphs';
import { ProseMemo } from './prose';
import { SegmentedText, searchIn } from './segments';

/**
 * Candidate heading and fence lines of a text with what the parser reads of each (`CandidateLine`), kept in
 * ~4 KB slices of whole lines (offsets relative to the slice). A line's facts depend on its own characters only,
 * and a line never crosses a slice end (slices end after a line feed), so a kept slice keeps its facts.
 */
class CandidateLineIndex {
  private readonly slices = new SegmentedText<{ lines?: CandidateLine[]; openers?: Map<string, number[]> }>({
    margin: 1,
    // Every property from the start: one object shape for all slices keeps the walks over them fast.
    make: () => ({ lines: undefined, openers: undefined }),
    split: lineSliceEnds,
  });

  readonly lookup: CandidateLines = (text, from, to) => {
    // The slices read lines up to the end of the text; a region that ends earlier is searched as it is.
    if (to !== text.length) return searchedCandidateLines(text, from, to);
    const groups: CandidateGroup[] = [];
    let at = 0;
    for (const { length, value } of this.slices.update(text)) {
      const end = at + length;
      if (end > from && at < to) {
        const lines = (value.lines ??= linesOfSlice(text, at, end));
        if (at >= from) {
          if (lines.length > 0) groups.push({ base: at, lines });
        } else {
          const kept = lines.filter((line) => at + line.start >= from);
          if (kept.length > 0) groups.push({ base: at, lines: kept });
        }
      }
      at = end;
    }
    // `from` (the body's start) counts as a line start even mid-line; the slices only know real line starts.
    const first = searchCandidateLines(text, from, Math.min(to, from + 8));
    const found = groups.length > 0 ? groups[0].base + groups[0].lines[0].start : -1;
    if (first[0] === from && found !== from) groups.unshift({ base: 0, lines: [candidateLine(text, from, to, 0)] });
    return groups;
  };

  /**
   * Where template tags may start (`OpenerSearch`), searched per slice and needle: no needle holds a line break,
   * so an occurrence lies within its slice.
   */
  readonly openers: OpenerSearch = (text, needles, from, to) => {
    const found: number[] = [];
    let at = 0;
    for (const { length, value } of this.slices.update(text)) {
      const end = at + length;
      if (end > from && at < to) {
        const openers = (value.openers ??= new Map());
        for (const needle of needles) {
          let list = openers.get(needle);
          if (list === undefined) {
            list = searchOpeners(text, [needle], at, end).map((offset) => offset - at);
            openers.set(needle, list);
          }
          for (const offset of list) if (at + offset >= from && at + offset < to) found.push(at + offset);
        }
      }
      at = end;
    }
    return needles.length > 1 ? found.sort((a, b) => a - b) : found;
  };

  /** Searches every slice not searched yet, with a checkpoint after each ~64 KB (a cold multi-megabyte text). */
  async prepare(text: string, checkpoint: Checkpoint): Promise<void> {
    let at = 0;
    let fresh = 0;
    for (const { length, value } of await this.slices.updateAsync(text, checkpoint)) {
      if (value.lines === undefined) {
        value.lines = linesOfSlice(text, at, at + length);
        if ((fresh += length) >= 64 * 1024) {
          fresh = 0;
          await checkpoint();
        }
      }
      at += length;
    }
  }
}

/** The candidate lines of the slice `[from, to)`, relative to `from` (read to the end of the text, see above). */
function linesOfSlice(text: string, from: number, to: number): CandidateLine[] {
  return searchCandidateLines(text, from, to).map((start) => candidateLine(text, start, text.length, from));
}

/** Slice ends after the first line break past every 4 KB. */
function lineSliceEnds(text: string, from: number, to: number): number[] {
  const ends: number[] = [];
  const search = searchIn(text, from, to);
  for (let at = from + 4096; at < to;) {
    const newline = search('\n', at);
    if (newline === -1 || newline + 1 >= to) break;
    ends.push(newline + 1);
    at = newline + 1 + 4096;
  }
  ends.push(to);
  return ends;
}

/**
 * Per-document state that outlives one lint: chunk tallies of each message and the prose scan of each piece.
 * Everything in it is checked against the new text before reuse, so results equal a lint from scratch.
 */
export class DocumentSession {
  private readonly tallies = new Map<string, ChunkTallies>();
  readonly prose = new ProseMemo();
  /** Paragraphs marked instruction or material, for placement/lost-in-the-middle. */
  readonly paragraphs = new ParagraphMemo();
  private readonly lines = new CandidateLineIndex();
  private frontmatter?: { head: string; style: FrontmatterStyle; split: FrontmatterSplit };

  /**
   * For `parseDocument`: the last frontmatter split (its YAML parsed and checked) while the text still starts with
   * the same block. A closed block ends at the line break after its closing fence, and the split reads nothing
   * after that, so a text that starts with the same characters up to there splits the same. An unclosed block
   * (the search ran to the end of the text) is split afresh.
   */
  readonly splitFrontmatter = (text: string, style: FrontmatterStyle): FrontmatterSplit => {
    const last = this.frontmatter;
    if (last !== undefined && last.style === style && text.startsWith(last.head)) return last.split;
    const split = splitFrontmatter(text, style);
    // The closing fence's line break is the last character the split read (a fence at the very end is not kept).
    const closed = split.closed === true && text.charCodeAt(split.bodyStart - 1) === 10;
    // Copied out of the text, so the kept head does not keep this whole version alive.
    this.frontmatter = closed ? { head: (' ' + text.slice(0, split.bodyStart)).slice(1), style, split } : undefined;
    return split;
  };

  /** For `parseDocument`: where template tags may start, searched again only in the slices an edit touched. */
  get openers(): OpenerSearch {
    return this.lines.openers;
  }

  /** For `parseDocument`: heading and fence line candidates, searched again only in the slices an edit touched. */
  get candidateLines(): CandidateLines {
    return this.lines.lookup;
  }

  /**
   * Before `parseDocument` runs on a new text (it cannot yield): searches its candidate lines slice by slice with
   * checkpoints, so the parse finds them ready. Only the slices an edit touched are searched.
   */
  prepareLines(text: string, checkpoint: Checkpoint): Promise<void> {
    return this.lines.prepare(text, checkpoint);
  }

  /** `maxChunkLength`: tests use small chunks so that boundaries move often. */
  constructor(private readonly options: { maxChunkLength?: number } = {}) {}

  /** Chunk tallies of message `index` for the counter's encoding (tallies do not depend on a model's factors). */
  talliesFor(counter: TallyingCounter, index: number): ChunkTallies {
    const key = `${counter.encoding}|${index}`;
    let found = this.tallies.get(key);
    if (found === undefined || found.counter !== counter) {
      found = new ChunkTallies(counter, this.options.maxChunkLength);
      this.tallies.set(key, found);
    }
    return found;
  }

  /** Chunks tallied by the last count (the rest were kept) and chunks in all, over every message. */
  get chunkWork(): { tallied: number; chunks: number } {
    let tallied = 0;
    let chunks = 0;
    for (const t of this.tallies.values()) {
      tallied += t.tallied;
      chunks += t.chunkCount;
    }
    return { tallied, chunks };
  }

  /** Drops tallies of messages that no longer exist (after an edit removed a role block). */
  keepMessages(count: number): void {
    for (const key of this.tallies.keys()) if (Number(key.slice(key.indexOf('|') + 1)) >= count) this.tallies.delete(key);
  }
}

export { tallyingCounter };

export type { Checkpoint };
