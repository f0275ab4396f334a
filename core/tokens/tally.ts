// Token counts split by script before any factor is applied, so tallies of chunks add up exactly.
import type { Span } from '../diagnostic';
import type { ApproximationFactors } from '../models/types';
import type { ScriptClass } from './script';
import type { TokenCount } from './types';

/** Proxy-encoding tokens per script class, and where long runs were estimated (offsets into the text). */
export interface TokenTally {
  latin: number;
  cjk: number;
  other: number;
  estimated: Span[];
}

/**
 * Float noise such as 1000 × 1.1 = 1100.0000000000002 must not round up to 1101; anything above the
 * integer by more than this relative margin still does.
 */
const ROUNDING_SLACK = 1e-9;

export function emptyTally(): TokenTally {
  return { latin: 0, cjk: 0, other: 0, estimated: [] };
}

export function addTokens(tally: TokenTally, script: ScriptClass, tokens: number): void {
  tally[script] += tokens;
}

/** Adds `part`, counted on text starting at `offset` of the whole, into `sum`. */
export function addTally(sum: TokenTally, part: TokenTally, offset: number): void {
  sum.latin += part.latin;
  sum.cjk += part.cjk;
  sum.other += part.other;
  for (const span of part.estimated) sum.estimated.push({ offset: span.offset + offset, length: span.length });
}

export function proxyTokens(tally: TokenTally): number {
  return tally.latin + tally.cjk + tally.other;
}

/**
 * Exact encodings report the proxy count; approximate models multiply each script's count by its factor
 * and round the total up once (rounding per piece or per chunk would inflate long documents).
 */
export function finishCount(tally: TokenTally, factors: ApproximationFactors | undefined): TokenCount {
  const estimated = tally.estimated.map((span) => ({ ...span }));
  if (factors === undefined) {
    return { tokens: proxyTokens(tally), approximate: estimated.length > 0, estimated };
  }
  const scaled = tally.latin * factors.latin + tally.cjk * factors.cjk + tally.other * factors.other;
  return { tokens: Math.ceil(scaled - ROUNDING_SLACK * Math.max(1, scaled)), approximate: true, estimated };
}
