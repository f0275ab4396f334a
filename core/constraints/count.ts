// The parsed form of a count (SPEC §3.1): every spelling becomes an inclusive range.

/** Inclusive bounds after shorthand and tolerance are applied: `"<100"` → `{max: 99}`, `"~100"` → `{min: 90, max: 110}`. */
export interface CountRange {
  min?: number;
  max?: number;
  /** How the author wrote it, for messages: "at most 120", "between 3 and 6", "exactly 5 (±10%)". */
  label: string;
}
