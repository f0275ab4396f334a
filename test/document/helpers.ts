// Shared assertions for document tests: every span is checked by slicing the original text.
import assert from 'node:assert/strict';
import type { Span } from '../../core/diagnostic';
import type { PromptDocument } from '../../core/document';

export function at(text: string, span: Span | undefined): string {
  assert.ok(span, 'expected a span');
  return text.slice(span.offset, span.offset + span.length);
}

/** The text the model receives, message by message. */
export function sentText(document: PromptDocument): string[] {
  return document.messages.map((m) => m.pieces.map((p) => p.text).join(''));
}

/** Invariants every parse must keep, whatever the input. */
export function assertWellFormed(document: PromptDocument): void {
  const { text } = document;
  const inside = (s: Span) => s.offset >= 0 && s.length >= 0 && s.offset + s.length <= text.length;
  for (const message of document.messages) {
    assert.ok(inside(message.span));
    for (const piece of message.pieces) {
      assert.ok(inside(piece.span));
      if (piece.verbatim) assert.equal(at(text, piece.span), piece.text);
    }
  }
  for (const section of document.sections) assert.ok(inside(section.span) && inside(section.header));
  for (const use of document.variables) assert.ok(inside(use.span) && inside(use.nameSpan));
  for (const comment of document.comments) assert.ok(inside(comment.span) && inside(comment.inner));
  for (const error of document.frontmatter?.errors ?? []) assert.ok(inside(error.span));
  assert.ok(inside(document.body));
}
