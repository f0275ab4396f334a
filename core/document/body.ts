// Splits a prompt body into the chat messages the model receives: role markers and unsent comments are cut out.
import type { Span } from '../diagnostic';
import type { Message, SentPiece, TemplateComment } from './types';
import type { TemplateTag } from './template';
import { roleOfTag } from './handlebars';
import { linesOf } from './lines';
import { spanEnd } from './template';

export interface RoleMarker {
  role: string;
  /** The marker as a reader sees it: `{{role "system"}}`, `system:`. */
  header: Span;
  /** What is not sent: the tag itself, or the whole marker line with its line break. */
  excluded: Span;
}

/** Dotprompt `{{role "system"}}` tags (`{{history}}`, `{{media}}` stay: they are template content). */
export function dotpromptRoleMarkers(text: string, tags: readonly TemplateTag[]): RoleMarker[] {
  const markers: RoleMarker[] = [];
  for (const tag of tags) {
    const role = roleOfTag(text, tag);
    if (role !== undefined) markers.push({ role, header: tag.span, excluded: tag.span });
  }
  return markers;
}

/**
 * Prompty role lines, read as the Prompty runtime reads them: a line holding only a role name and a colon,
 * case-insensitive, optionally indented or written as a Markdown heading (`# system:`), optionally with
 * attributes in brackets (`user[name="Alice"]:`, Prompty 2). `function` and `tool` are Prompty 1 roles.
 */
const PROMPTY_ROLE_LINE =
  /^[ \t]*(?:#[ \t]*)?(system|user|assistant|developer|function|tool)[ \t]*(\[(?:[ \t]*\w+[ \t]*=[ \t]*(?:"[^"\r\n]*"|[^",\]\s=]*)[ \t]*(?:,|(?=\])))+\])?[ \t]*:[ \t]*$/i;

/** Role lines are short; longer lines are not tested (a 1 MB line is not copied for nothing). Attributes make room. */
const MAX_ROLE_LINE = 256;

export function promptyRoleMarkers(text: string, body: Span, notSent: readonly TemplateComment[]): RoleMarker[] {
  const markers: RoleMarker[] = [];
  let k = 0;
  for (const line of linesOf(text, body.offset, spanEnd(body))) {
    // A role line is short; testing only short lines keeps a 1 MB line from being copied for nothing.
    if (line.contentEnd - line.start > MAX_ROLE_LINE) continue;
    while (k < notSent.length && spanEnd(notSent[k].span) <= line.start) k++;
    if (k < notSent.length && notSent[k].span.offset <= line.start) continue;
    const content = text.slice(line.start, line.contentEnd);
    const match = PROMPTY_ROLE_LINE.exec(content);
    if (!match) continue;
    const lead = content.length - content.trimStart().length;
    markers.push({
      role: match[1].toLowerCase(),
      header: { offset: line.start + lead, length: content.trim().length },
      excluded: { offset: line.start, length: line.next - line.start },
    });
  }
  return markers;
}

export interface MessageOptions {
  /** Role of text before the first marker (Prompty: `system`; Dotprompt, Markdown: `user`). */
  implicitRole: string;
  /** Chat formats drop a leading implicit message that sends nothing but whitespace. */
  chat: boolean;
}

/** Messages of the body: an implicit one before the first marker, then one per marker; `excluded` is never sent. */
export function buildMessages(
  text: string,
  body: Span,
  markers: readonly RoleMarker[],
  excluded: readonly Span[],
  options: MessageOptions,
): Message[] {
  const ranges = mergeSpans(excluded);
  const cursor = { k: 0 };
  const bodyEnd = spanEnd(body);
  const messages: Message[] = [];
  const firstMarker = markers.length > 0 ? markers[0].excluded.offset : bodyEnd;
  const leading: Span = { offset: body.offset, length: firstMarker - body.offset };
  const leadingPieces = sentPieces(text, leading, ranges, cursor);
  // A chat format sends no message for blank text before the first marker (Dotprompt and Prompty drop it too).
  if (!options.chat || leadingPieces.some((p) => /\S/.test(p.text))) {
    messages.push({ role: options.implicitRole, span: leading, pieces: leadingPieces });
  }
  markers.forEach((marker, i) => {
    const end = i + 1 < markers.length ? markers[i + 1].excluded.offset : bodyEnd;
    const span: Span = { offset: marker.excluded.offset, length: end - marker.excluded.offset };
    messages.push({ role: marker.role, marker: marker.header, span, pieces: sentPieces(text, span, ranges, cursor) });
  });
  return messages;
}

/** `region` minus the excluded ranges, as verbatim pieces; `cursor` walks `ranges` forward across calls. */
function sentPieces(text: string, region: Span, ranges: readonly Span[], cursor: { k: number }): SentPiece[] {
  const pieces: SentPiece[] = [];
  const end = spanEnd(region);
  let at = region.offset;
  while (cursor.k < ranges.length && spanEnd(ranges[cursor.k]) <= at) cursor.k++;
  for (let k = cursor.k; k < ranges.length && ranges[k].offset < end; k++) {
    const range = ranges[k];
    if (range.offset > at) pieces.push(piece(text, at, range.offset));
    at = Math.max(at, Math.min(end, spanEnd(range)));
  }
  if (at < end) pieces.push(piece(text, at, end));
  return pieces;
}

function piece(text: string, start: number, end: number): SentPiece {
  return { text: text.slice(start, end), span: { offset: start, length: end - start }, verbatim: true };
}

/** Sorted, overlapping or touching spans joined (an HTML comment may hold a template comment). */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter((s) => s.length > 0).sort((a, b) => a.offset - b.offset);
  const merged: Span[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.offset <= spanEnd(last)) last.length = Math.max(spanEnd(last), spanEnd(span)) - last.offset;
    else merged.push({ ...span });
  }
  return merged;
}
