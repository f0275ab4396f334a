// IFEval's JSON check: strip, drop one leading ```json/```Json/```JSON/``` and one trailing ```, strip, then Python's `json.loads`.
import { pyStrip } from './python';

/** The text IFEval hands to `json.loads`: each `removeprefix` in turn, then `removesuffix("```")`, stripped. */
export function ifevalJsonBody(completion: string): string {
  let text = pyStrip(completion);
  for (const prefix of ['```json', '```Json', '```JSON', '```']) if (text.startsWith(prefix)) text = text.slice(prefix.length);
  if (text.endsWith('```')) text = text.slice(0, -3);
  return pyStrip(text);
}

// A JSON string, or one of the constants Python's json module accepts and JSON.parse does not.
const STRING_OR_CONSTANT = /"(?:[^"\\]|\\[\s\S])*"|(-?Infinity|NaN)/g;

/**
 * Whether Python's `json.loads` accepts the text: standard JSON (as `JSON.parse`), plus the constants
 * `NaN`, `Infinity` and `-Infinity` that Python accepts by default. Answers the parse error otherwise.
 */
export function pythonJsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const replaced = text.replace(STRING_OR_CONSTANT, (match: string, constant: string | undefined) => (constant ? 'null' : match));
    if (replaced !== text) {
      try {
        JSON.parse(replaced);
        return undefined;
      } catch {
        // fall through to the original error
      }
    }
    return error instanceof Error ? error.message : String(error);
  }
}
