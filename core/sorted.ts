// Binary search over a sorted array of numbers (chunk starts, cuts, line starts, variable offsets).

/** The first index whose value is at least `value` (`values` ascending); `values.length` when there is none. */
export function lowerBound(values: ArrayLike<number>, value: number): number {
  let low = 0;
  let high = values.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (values[mid] < value) low = mid + 1;
    else high = mid;
  }
  return low;
}
