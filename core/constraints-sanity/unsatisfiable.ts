// Length minimums that cannot fit the output reserve: N units need at least N × (measured lower bound) tokens.
import type { EncodingName } from '../models/types';
import { declaredCounts, rangeOf, type ConstraintPath } from './count-values';
import { LENGTH_UNITS, minimumTokens, tokensPerUnit, type LengthUnit } from './length-bounds';

export interface UnsatisfiableLength {
  key: LengthUnit;
  /** Where the minimum is written: the `min` node of `{min, max}`, else the count value. */
  path: ConstraintPath;
  min: number;
  /** The lower bound on tokens those units need. */
  needs: number;
  perUnit: number;
  output: number;
}

function isLengthUnit(key: string): key is LengthUnit {
  return (LENGTH_UNITS as readonly string[]).includes(key);
}

/**
 * Every length minimum whose lower-bound token need exceeds `output`. Under `compat: ifeval` only `tokens`
 * is checked: IFEval's own word, sentence and paragraph definitions are not what the factors were measured with.
 */
export function unsatisfiableLengths(
  constraints: Record<string, unknown>,
  encoding: EncodingName,
  output: number,
): UnsatisfiableLength[] {
  const ifeval = constraints.compat === 'ifeval' || constraints.compat === 'ifbench';
  const out: UnsatisfiableLength[] = [];
  for (const count of declaredCounts(constraints)) {
    if (!isLengthUnit(count.key) || count.path.length > 2 || (ifeval && count.key !== 'tokens')) continue;
    const min = rangeOf(count.value)?.min;
    if (min === undefined) continue;
    const needs = minimumTokens(count.key, min, encoding);
    if (needs <= output) continue;
    const path =
      typeof count.value === 'object' && count.value !== null && 'min' in count.value ? [...count.path, 'min'] : count.path;
    out.push({ key: count.key, path, min, needs, perUnit: tokensPerUnit(count.key, encoding), output });
  }
  return out;
}
