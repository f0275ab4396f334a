// Guard rails for hostile-input tests. They bound the CPU time of this process, not the wall time, so other
// processes loading a shared machine do not make them fail. The bounds are generous (about 10× what the input
// needs): they catch a super-linear regression, which costs orders of magnitude more. Speed itself is measured by
// `npm run bench`, never asserted in tests.

/** Runs `work` and returns its result with the CPU time it took (user + system, in ms). */
export function withCpuTime<T>(work: () => T): { result: T; ms: number } {
  const before = process.cpuUsage();
  const result = work();
  const used = process.cpuUsage(before);
  return { result, ms: (used.user + used.system) / 1000 };
}
