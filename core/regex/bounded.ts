// A regex that runs in bounded time: RE2 (linear) when it accepts the pattern, else the step-budgeted backtracking matcher.
import { RE2JS } from 're2js';
import { BudgetExceeded, compileBacktracking, type BacktrackingRegex, type Match, type StepBudget } from './backtrack';

export { BudgetExceeded, type StepBudget, type Match } from './backtrack';

/** Steps the backtracking matcher may take for one completion (all its pattern tests together): about 0.1 s. */
export const PATTERN_STEP_BUDGET = 1_000_000;

export function newBudget(steps = PATTERN_STEP_BUDGET): StepBudget {
  return { steps };
}

/** One compiled pattern; `find`, `matchesAll` and `prefix` throw BudgetExceeded when a backtracking run exhausts the budget. */
export interface BoundedRegex {
  engine: 're2' | 'backtracking';
  find(text: string, budget: StepBudget): Match | undefined;
  matchesAll(text: string, budget: StepBudget): boolean;
  /** End of the match anchored at 0, or -1. */
  prefix(text: string, budget: StepBudget): number;
  /** Every non-overlapping match, left to right (after an empty match the search moves on one character). */
  findAll(text: string, budget: StepBudget): Match[];
}

export type CompiledBounded = { ok: true; regex: BoundedRegex } | { ok: false; message: string };

/** `re2Error` is RE2's refusal, when there was one (kept so callers can explain the construct). */
export function compileBounded(source: string, flags: string, re2?: RE2JS): CompiledBounded {
  if (re2) return { ok: true, regex: re2Regex(re2) };
  const compiled = compileBacktracking(source, flags);
  return compiled.ok ? { ok: true, regex: backtrackingRegex(compiled.regex) } : compiled;
}

/** RE2's flags from JavaScript's: i, m and s map over; u is how RE2 always works. */
export function re2Flags(flags: string): number {
  let bits = 0;
  if (flags.includes('i')) bits |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) bits |= RE2JS.MULTILINE;
  if (flags.includes('s')) bits |= RE2JS.DOTALL;
  return bits;
}

/** RE2 when it accepts the pattern, else the bounded backtracking matcher. */
export function compileAny(source: string, flags: string): CompiledBounded {
  let re2: RE2JS | undefined;
  try {
    re2 = RE2JS.compile(source, re2Flags(flags));
  } catch {
    re2 = undefined;
  }
  return compileBounded(source, flags, re2);
}

function re2Regex(re: RE2JS): BoundedRegex {
  return {
    engine: 're2',
    find(text) {
      const m = re.matcher(text);
      return m.find() ? { start: m.start(), end: m.end() } : undefined;
    },
    matchesAll: (text) => re.matcher(text).matches(),
    prefix(text) {
      const m = re.matcher(text);
      return m.lookingAt() ? m.end() : -1;
    },
    findAll(text) {
      const m = re.matcher(text);
      const out: Match[] = [];
      while (m.find()) out.push({ start: m.start(), end: m.end() });
      return out;
    },
  };
}

function backtrackingRegex(re: BacktrackingRegex): BoundedRegex {
  return {
    engine: 'backtracking',
    find: (text, budget) => re.find(text, budget),
    matchesAll: (text, budget) => re.matchesAll(text, budget),
    prefix: (text, budget) => re.prefix(text, budget),
    findAll: (text, budget) => re.findAll(text, budget),
  };
}

export function isBudgetExceeded(error: unknown): error is BudgetExceeded {
  return error instanceof BudgetExceeded;
}
