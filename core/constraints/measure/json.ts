// The JSON inside a completion: one surrounding code fence is allowed; parse errors are located.
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Span } from '../../diagnostic';
import { jsonDepthOver } from '../../schema/sources';

/** Bracket nesting parsed at most; jsonc-parser recurses per level, so deeper text is refused first (docs/security.md). */
export const MAX_JSON_DEPTH = 512;

/** A whole-completion fence: ``` or ```json on the first line, ``` on the last, JSON between. */
const FENCED = /^(\s*```[\w-]*[ \t]*\r?\n)([\s\S]*?)\r?\n[ \t]*```\s*$/;

export interface JsonBody {
  /** The JSON text (the fence's content, or the whole completion). */
  text: string;
  /** Where `text` starts in the completion. */
  offset: number;
  fenced: boolean;
}

export interface JsonProblem extends Span {
  /** "property name expected", "end of file expected". */
  message: string;
}

/** The completion with one surrounding code fence removed, if it has one. */
export function unfence(completion: string): JsonBody {
  const m = FENCED.exec(completion);
  if (!m) return { text: completion, offset: 0, fenced: false };
  return { text: m[2]!, offset: m[1]!.length, fenced: true };
}

/** The first parse error of strict JSON (no comments, no trailing commas), or undefined when it parses. */
export function jsonProblem(text: string): JsonProblem | undefined {
  const deep = jsonDepthOver(text, MAX_JSON_DEPTH);
  if (deep !== undefined)
    return { offset: deep, length: 1, message: `nesting too deep: more than ${MAX_JSON_DEPTH} levels are not parsed` };
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first) return { offset: first.offset, length: first.length, message: describeCode(printParseErrorCode(first.error)) };
  if (!root) return { offset: 0, length: 0, message: 'value expected' };
  return undefined;
}

/** "PropertyNameExpected" → "property name expected". */
function describeCode(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
