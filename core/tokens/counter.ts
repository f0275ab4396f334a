// A TokenCounter over one encoding, exact or (with factors) approximate; also exposes tallies for chunking.
import type { ApproximationFactors, EncodingName } from '../models/types';
import type { BpeEncoding, TallyBudget } from './encoding';
import { finishCount, type TokenTally } from './tally';
import type { TokenCount, TokenCounter } from './types';

/** A counter whose counts are built from additive tallies, so ChunkedCounter can cache per chunk. */
export interface TallyingCounter extends TokenCounter {
  tally(text: string): TokenTally;
  /**
   * The same tally in steps (see `BpeEncoding.stepwise`): call the returned function with a budget until it
   * returns the tally. Lets a long chunk (a 10 MB line) be tallied between yields.
   */
  stepwise?(text: string): (budget: TallyBudget) => TokenTally | undefined;
  /** Turns a (possibly summed) tally into the count this counter reports. */
  finish(tally: TokenTally): TokenCount;
}

export class BpeTokenCounter implements TallyingCounter {
  readonly encoding: EncodingName;
  readonly approximate: boolean;

  constructor(
    private readonly bpe: BpeEncoding,
    private readonly factors?: ApproximationFactors,
  ) {
    this.encoding = bpe.encoding;
    this.approximate = factors !== undefined;
  }

  count(text: string): TokenCount {
    return this.finish(this.tally(text));
  }

  tally(text: string): TokenTally {
    return this.bpe.tally(text);
  }

  stepwise(text: string): (budget: TallyBudget) => TokenTally | undefined {
    return this.bpe.stepwise(text);
  }

  finish(tally: TokenTally): TokenCount {
    return finishCount(tally, this.factors);
  }
}
