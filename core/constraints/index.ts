// The constraint API the rest of core and the front ends import.
export type { CheckContext, ConstraintResult, ConstraintSettings, ConstraintValueError } from './types';
export { describeRange, inRange, isCountError, parseCount, type CountError, type CountRange } from './count';
export { isValueError, type ConstraintModule } from './module';
export { CONSTRAINT_KEYS, CONSTRAINT_MODULES, SETTING_KEYS, constraintModule, type AnyConstraintModule } from './registry';
export { checkCompletion, type CompletionCheck } from './check';
export { compilePattern, type CompiledPattern } from './keys/pattern';
