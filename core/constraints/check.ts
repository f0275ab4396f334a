// Checks one completion against a prompt's declared constraints: parse each key, dispatch to our module or
// (under `compat: ifeval`) to IFEval's definition, and under `mode: loose` accept any of IFEval's loose variants.
import type { CheckContext, ConstraintResult, ConstraintSettings, ConstraintValueError } from './types';
import { constraintModule, SETTING_KEYS, type AnyConstraintModule } from './registry';
import { isValueError, valueError } from './module';
import { ifevalCheck, looseVariants } from './ifeval';
import { pyStrip } from './ifeval/python';

export interface CompletionCheck {
  /**
   * One result per declared (and enabled) constraint, in declaration order. A declared value that cannot
   * be checked is also here, as a failing result (`measured: "not checked"`), so that no front end can
   * drop it silently: a constraint that cannot be checked is never a pass.
   */
  results: ConstraintResult[];
  /** Values that could not be used: unknown keys, malformed counts, bad settings. */
  invalid: ConstraintValueError[];
}

/** `compat` and `mode` under `constraints` override the context's settings when declared. */
export function checkCompletion(completion: string, constraints: Record<string, unknown>, ctx: CheckContext): CompletionCheck {
  const invalid: ConstraintValueError[] = [];
  const settings = resolveSettings(constraints, ctx, invalid);
  const effective: CheckContext = { ...ctx, ...settings };
  const results: ConstraintResult[] = [];
  for (const [key, value] of Object.entries(constraints)) {
    if ((SETTING_KEYS as readonly string[]).includes(key)) continue;
    const mod = constraintModule(key);
    if (!mod) {
      invalid.push(valueError(key, `unknown constraint "${key}"`));
      continue;
    }
    const parsed = mod.parse(value);
    if (parsed === undefined) continue;
    if (isValueError(parsed)) invalid.push(parsed);
    else results.push(checkOne(mod, value, parsed, completion, effective));
  }
  for (const error of invalid) results.push(uncheckable(error));
  return { results, invalid };
}

/** The failing result that stands for a declared value no check can use. */
function uncheckable(error: ConstraintValueError): ConstraintResult {
  return {
    key: error.key,
    pass: false,
    measured: 'not checked',
    required: 'a valid value',
    message: `not checked: ${error.message}`,
    ranges: [],
    data: { invalid: true },
  };
}

function resolveSettings(
  constraints: Record<string, unknown>,
  ctx: CheckContext,
  invalid: ConstraintValueError[],
): ConstraintSettings {
  const { compat, mode } = constraints;
  const settings: ConstraintSettings = { compat: ctx.compat, mode: ctx.mode };
  if (compat === 'ifeval' || compat === 'ifbench') settings.compat = compat;
  else if (compat !== undefined) invalid.push(valueError('compat', 'compat: expected ifeval or ifbench'));
  if (mode === 'strict' || mode === 'loose') settings.mode = mode;
  else if (mode !== undefined) invalid.push(valueError('mode', 'mode: expected strict or loose'));
  return settings;
}

/**
 * Strict: one evaluation. Loose: the first variant that passes, else the strict (original) result.
 * A variant that is empty after stripping is skipped, as IFEval skips it: checked by our own definitions
 * (which have no "empty response fails" rule) the empty "first line removed" variant of a one-line
 * completion would otherwise pass `words: "<=3"` as 0 words.
 */
function checkOne(
  mod: AnyConstraintModule,
  value: unknown,
  parsed: unknown,
  completion: string,
  ctx: CheckContext,
): ConstraintResult {
  const strict = evaluate(mod, value, parsed, completion, ctx);
  if (ctx.mode !== 'loose' || strict.pass) return strict;
  const variants = looseVariants(completion);
  for (let i = 0; i < variants.length; i++) {
    const variant = variants[i]!;
    if (variant === completion || pyStrip(variant) === '') continue;
    const loose = evaluate(mod, value, parsed, variant, ctx);
    // Offsets into a variant do not point into the completion, so a loose pass carries no ranges.
    if (loose.pass) return { ...loose, ranges: [], data: { ...loose.data, looseVariant: i } };
  }
  return strict;
}

function evaluate(
  mod: AnyConstraintModule,
  value: unknown,
  parsed: unknown,
  completion: string,
  ctx: CheckContext,
): ConstraintResult {
  try {
    // IFBench's checker keeps IFEval's checks for IFEval's instruction types, so `ifbench` uses them too.
    const compat = ctx.compat !== 'default' ? ifevalCheck(mod.key, value, completion, ctx) : undefined;
    if (compat) return compat;
    const own = mod.check(parsed, completion, ctx);
    // Like IFEval, IFBench fails every instruction on an empty (whitespace-only) response.
    if (ctx.compat === 'ifbench' && own.pass && pyStrip(completion) === '') {
      return {
        ...own,
        pass: false,
        message: 'empty completion; IFBench fails every instruction on an empty response',
        ranges: [],
      };
    }
    return own;
  } catch (error) {
    // One key that cannot run (a 39,000-character postscript marker overflowed V8's regex compiler) fails as not
    // checked; the other keys and the sample's other checks still run (docs/security.md).
    const reason =
      error instanceof RangeError || /stack/i.test(String(error))
        ? 'the value is too large to check'
        : 'it could not be evaluated';
    return {
      key: mod.key,
      pass: false,
      measured: 'not checked',
      required: mod.key,
      message: `${mod.key} could not be checked: ${reason}`,
      ranges: [],
      data: { error: 'not-checked' },
    };
  }
}
