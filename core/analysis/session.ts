// What the editor keeps for one open prompt between versions, so a keystroke redoes only what it touched.
import { tallyingCounter } from '../tokens/chunks';
import type { TallyingCounter } from '../tokens/counter';
import { ChunkTallies, type Checkpoint } from '../tokens/incremental';
import { searchCandidateLines, type CandidateLines } from '../document/sections';
import { ParagraphMemo } from './paragraphs';
import { ProseMemo } from './prose';
import { SegmentedText, searchIn } from './segments';

/** Candidate heading and fence lines of a text, kept in ~4 KB slices of whole lines (relative offsets). */
class CandidateLineIndex {
  private readonly slices = new SegmentedText<{ lines?: number[] }>({ margin: 1, make: () => ({}), split: lineSliceEnds });

  readonly lookup: CandidateLines = (text, from, to) => {
    const found: number[] = [];
    let at = 0;
    for (const { length, value } of this.slices.update(text)) {
      const end = at + length;
      if (end > from && at < to) {
        value.lines ??= searchCandidateLines(text, at, end).map((line) => line - at);
        for (const line of value.lines) if (at + line >= from && at + line < to) found.push(at + line);
      }
      at = end;
    }
    // `from` (the body's start) counts as a line start even mid-line; the slices only know real line starts.
    const first = searchCandidateLines(text, from, Math.min(to, from + 8));
    if (first[0] === from && found[0] !== from) found.unshift(from);
    return found;
  };

  /** Searches every slice not searched yet, with a checkpoint after each ~64 KB (a cold multi-megabyte text). */
  async prepare(text: string, checkpoint: Checkpoint): Promise<void> {
    let at = 0;
    let fresh = 0;
    for (const { length, value } of await this.slices.updateAsync(text, checkpoint)) {
      if (value.lines === undefined) {
        value.lines = searchCandidateLines(text, at, at + length).map((line) => line - at);
        if ((fresh += length) >= 64 * 1024) {
          fresh = 0;
          await checkpoint();
        }
      }
      at += length;
    }
  }
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
