// Counts text with one BPE encoding: pre-tokenizes with the encoding's own pattern, merges each piece.
import { PieceMerger } from './bpe';
import type { RankTable } from './rank-table';
import { classifyPiece } from './script';
import { addTokens, emptyTally, type TokenTally } from './tally';
import { utf8Bytes } from './utf8';

/**
 * Pieces longer than this (UTF-16 code units) are counted in slices of this size and reported as
 * estimated. No prose, code, CJK paragraph, URL or wrapped base64 comes near it (the longest pieces in
 * such text are tens of characters); only machine-made runs do ('a'.repeat(200000), a huge blank run).
 * The merge is O(n log n), so the bound is not about speed but about memory: merging a piece takes
 * ~40 bytes per UTF-8 byte, so a slice costs at most ~1 MB however long the run.
 */
export const DEFAULT_LONG_PIECE_THRESHOLD = 8192;

export interface EncodingOptions {
  /** See DEFAULT_LONG_PIECE_THRESHOLD; tests lower it to exercise the fallback on small inputs. */
  longPieceThreshold?: number;
}

export class BpeEncoding {
  /** Compiled with the `u` flag, like js-tiktoken's `new RegExp(pat_str, "ug")`. */
  private readonly pieces: RegExp;
  private readonly threshold: number;
  private readonly merger: PieceMerger;

  constructor(
    readonly table: RankTable,
    options: EncodingOptions = {},
  ) {
    this.pieces = new RegExp(table.pattern, 'gu');
    this.threshold = Math.max(2, options.longPieceThreshold ?? DEFAULT_LONG_PIECE_THRESHOLD);
    this.merger = new PieceMerger(table);
  }

  get encoding(): RankTable['encoding'] {
    return this.table.encoding;
  }

  /**
   * Token counts of `text` by script. Equal to `new Tiktoken(ranks).encode(text, [], []).length` when
   * nothing is estimated: special-token text is ordinary text, and pieces are the regex matches, as there.
   */
  tally(text: string): TokenTally {
    const tally = emptyTally();
    const pieces = this.pieces;
    pieces.lastIndex = 0;
    for (let match = pieces.exec(text); match !== null; match = pieces.exec(text)) {
      const piece = match[0];
      if (piece.length > this.threshold) {
        this.tallyLongPiece(tally, piece, match.index);
        continue;
      }
      const bytes = utf8Bytes(piece);
      addTokens(tally, classifyPiece(piece, bytes === piece), this.merger.count(bytes));
    }
    return tally;
  }

  /**
   * The fallback: merge fixed-size slices separately and sum. Tokens cannot cross a cut, so this is
   * usually at or a little above the exact count (about one extra token per cut on runs like these).
   */
  private tallyLongPiece(tally: TokenTally, piece: string, offset: number): void {
    const script = classifyPiece(piece, false);
    let start = 0;
    while (start < piece.length) {
      let end = Math.min(piece.length, start + this.threshold);
      if (end < piece.length && isHighSurrogate(piece.charCodeAt(end - 1))) end--;
      addTokens(tally, script, this.merger.count(utf8Bytes(piece.slice(start, end))));
      start = end;
    }
    tally.estimated.push({ offset, length: piece.length });
  }
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
