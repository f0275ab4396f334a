// Reads `promptbound …` annotations (docs/design/interop.md) out of comment text: section budgets and suppression comments.
import type { Span } from '../diagnostic';
import type { Annotation, TemplateComment } from './types';
import { isWhitespace, skipWhitespace } from './lines';

const PREFIX = 'promptbound';
const DIRECTIVES = ['disable', 'enable', 'disable-next-line', 'disable-file'] as const;
type Directive = (typeof DIRECTIVES)[number];

const VALID_FORMS =
  "'promptbound budget: N', 'promptbound-disable', 'promptbound-enable', 'promptbound-disable-next-line' or 'promptbound-disable-file'";

/**
 * The annotation a comment holds, if any. Like ESLint and markdownlint directives, it must open the
 * comment, so prose that merely mentions promptbound is left alone. One annotation per comment; text after
 * ` -- ` is a free-form reason.
 */
export function readAnnotation(text: string, comment: TemplateComment): Annotation | undefined {
  const end = comment.inner.offset + comment.inner.length;
  const start = skipWhitespace(text, comment.inner.offset, end);
  if (!text.startsWith(PREFIX, start) || start + PREFIX.length > end) return undefined;
  const after = start + PREFIX.length;
  const ch = after < end ? text.charCodeAt(after) : -1;
  if (ch === 45 /* - */) return readDirective(text, comment, start, after + 1, end);
  if (ch === -1 || !isWhitespace(ch)) return undefined;
  const wordStart = skipWhitespace(text, after, end);
  const wordEnd = wordEndAt(text, wordStart, end);
  const word = text.slice(wordStart, wordEnd);
  const afterBudget = wordStart + 'budget'.length;
  if (
    afterBudget <= end &&
    text.startsWith('budget', wordStart) &&
    (afterBudget === end || isWhitespace(text.charCodeAt(afterBudget)) || text[afterBudget] === ':')
  ) {
    return readBudget(text, comment, start, afterBudget, end);
  }
  if ((DIRECTIVES as readonly string[]).includes(word)) {
    return invalid(`Write 'promptbound-${word}' (with a hyphen).`, { offset: start, length: wordEnd - start });
  }
  return undefined;
}

function readDirective(text: string, comment: TemplateComment, start: number, nameStart: number, end: number): Annotation {
  let nameEnd = nameStart;
  while (nameEnd < end && /[A-Za-z-]/.test(text[nameEnd])) nameEnd++;
  const name = text.slice(nameStart, nameEnd);
  const directiveSpan = { offset: start, length: nameEnd - start };
  const next = nameEnd < end ? text.charCodeAt(nameEnd) : -1;
  if (!isDirective(name) || (next !== -1 && next !== 44 /* , */ && !isWhitespace(next))) {
    const hint = name === 'budget' ? " Section budgets are written 'promptbound budget: N'." : '';
    return invalid(
      `Unknown annotation '${text.slice(start, wordEndAt(text, start, end))}'.${hint} Expected ${VALID_FORMS}.`,
      directiveSpan,
    );
  }
  return { kind: name, rules: readRuleIds(text, nameEnd, end), span: comment.span };
}

function isDirective(name: string): name is Directive {
  return (DIRECTIVES as readonly string[]).includes(name);
}

/** Rule ids separated by spaces or commas, up to a ` -- reason`. */
function readRuleIds(text: string, from: number, end: number): Array<{ id: string; span: Span }> {
  const rules: Array<{ id: string; span: Span }> = [];
  let at = from;
  for (;;) {
    while (at < end && (isWhitespace(text.charCodeAt(at)) || text.charCodeAt(at) === 44)) at++;
    if (at >= end) return rules;
    let idEnd = at;
    while (idEnd < end && !isWhitespace(text.charCodeAt(idEnd)) && text.charCodeAt(idEnd) !== 44) idEnd++;
    const id = text.slice(at, idEnd);
    if (id === '--') return rules;
    rules.push({ id, span: { offset: at, length: idEnd - at } });
    at = idEnd;
  }
}

/** `promptbound budget: 500` (colon optional, `tokens` allowed after the number). */
function readBudget(text: string, comment: TemplateComment, start: number, afterWord: number, end: number): Annotation {
  let at = skipBlanks(text, afterWord, end);
  if (text.charCodeAt(at) === 58 /* : */ && at < end) at = skipBlanks(text, at + 1, end);
  const valueEnd = wordEndAt(text, at, end);
  const value = text.slice(at, valueEnd);
  if (value === '' || value === '--') {
    return invalid("A section budget needs a number of tokens: 'promptbound budget: 500'.", {
      offset: start,
      length: afterWord - start,
    });
  }
  const tokens = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(tokens) || tokens <= 0) {
    return invalid(`Section budget '${value}' is not a positive whole number of tokens.`, { offset: at, length: valueEnd - at });
  }
  let rest = skipWhitespace(text, valueEnd, end);
  if (text.startsWith('tokens', rest) && wordEndAt(text, rest, end) === rest + 6) rest = skipWhitespace(text, rest + 6, end);
  if (rest < end && !text.startsWith('--', rest)) {
    const junkEnd = wordEndAt(text, rest, end);
    return invalid(`Unexpected '${text.slice(rest, junkEnd)}' after the section budget; put a reason after ' -- '.`, {
      offset: rest,
      length: junkEnd - rest,
    });
  }
  return { kind: 'budget', tokens, span: comment.span };
}

function invalid(message: string, span: Span): Annotation {
  return { kind: 'invalid', message, span };
}

function wordEndAt(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && !isWhitespace(text.charCodeAt(at))) at++;
  return at;
}

function skipBlanks(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && (text.charCodeAt(at) === 32 || text.charCodeAt(at) === 9)) at++;
  return at;
}
