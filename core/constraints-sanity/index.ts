// Sanity of the declared constraints themselves: conflicts between them and lengths the output reserve cannot hold.
export { findConflicts, type ConflictKind, type ConstraintConflict } from './conflicts';
export { unsatisfiableLengths, type UnsatisfiableLength } from './unsatisfiable';
export { minimumTokens, tokensPerUnit, LENGTH_UNITS, UNIT_NOUN, type LengthUnit } from './length-bounds';
export type { ConstraintPath } from './count-values';
