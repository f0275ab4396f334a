// Whether a fixed text can begin or end a completion that parses as JSON (one surrounding code fence allowed).

const LITERALS = ['true', 'false', 'null'];
/** A JSON text starts with an object, array, string, number, literal, or the fence. */
const JSON_START = /^[{["\-0-9`]/;
/** …and ends with one of them (or the closing fence). */
const JSON_END = /[}\]"0-9`]$/;

/** True unless no JSON completion can start with `text` (compared case-insensitively unless `caseSensitive`). */
export function couldStartJson(text: string, caseSensitive: boolean): boolean {
  const t = caseSensitive ? text : text.toLowerCase();
  return JSON_START.test(t) || LITERALS.some((literal) => literal.startsWith(t));
}

/** True unless no JSON completion can end with `text`. */
export function couldEndJson(text: string, caseSensitive: boolean): boolean {
  const t = caseSensitive ? text : text.toLowerCase();
  return JSON_END.test(t) || LITERALS.some((literal) => literal.endsWith(t));
}

/** What a JSON completion can start or end with, for messages. */
export const JSON_EDGES = {
  start: '{, [, ", a number, true, false, null or a ``` fence',
  end: '}, ], ", a digit, true, false, null or a ``` fence',
};
