// IFEval's JSON check: strip, drop one leading ```json/```Json/```JSON/``` and one trailing ```, strip, then Python's `json.loads`.
import { pyStrip } from './python';

/** The text IFEval hands to `json.loads`: each `removeprefix` in turn, then `removesuffix("```")`, stripped. */
export function ifevalJsonBody(completion: string): string {
  let text = pyStrip(completion);
  for (const prefix of ['```json', '```Json', '```JSON', '```']) if (text.startsWith(prefix)) text = text.slice(prefix.length);
  if (text.endsWith('```')) text = text.slice(0, -3);
  return pyStrip(text);
}

/**
 * Whether Python's `json.loads` accepts the text: standard JSON (as `JSON.parse`), plus the constants
 * `NaN`, `Infinity` and `-Infinity` that Python accepts by default. Answers the parse error otherwise.
 */
export function pythonJsonError(text: string): string | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const replaced = replaceConstants(text);
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

/** `NaN`, `Infinity` and `-Infinity` outside strings replaced by `null`, in one pass. */
function replaceConstants(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (inString) {
      out += ch;
      if (ch === '\\') out += text[++i] ?? '';
      else if (ch === '"') inString = false;
      continue;
    }
    if (ch === '"') inString = true;
    const constant = ['-Infinity', 'Infinity', 'NaN'].find((c) => text.startsWith(c, i));
    if (constant) {
      out += 'null';
      i += constant.length - 1;
    } else out += ch;
  }
  return out;
}
