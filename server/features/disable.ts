// "Disable <rule> for this line / file": suppression comments in the body's own comment syntax, offered only where
// core's parser reads them back (each edit is re-parsed with core before it is offered).
import { acyclicJson } from './acyclic-json';
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Annotation, PromptDocument, PromptFormat } from '../../core/document/types';
import { parseDocument } from '../../core/document';
import { applyEdits } from '../../core/edits';
import { lineOf, lineStarts } from '../../core/positions';
import { ruleMatches } from '../../core/suppression';
import { INTERNAL_ERROR_RULE } from '../../core/engine';
import type { DocumentSnapshot } from '../snapshot';
import { QUICK_FIX } from './lsp';

interface CommentSyntax {
  open: string;
  close: string;
}

/** Where core reads annotations: template comments and HTML comments of the body. GitHub Models files have no body comments. */
const SYNTAX: Record<PromptFormat, CommentSyntax | undefined> = {
  markdown: { open: '<!--', close: '-->' },
  text: { open: '<!--', close: '-->' },
  dotprompt: { open: '{{!', close: '}}' },
  prompty: { open: '{#', close: '#}' },
  'github-models': undefined,
};

/** Diagnostics looked at per request (the cursor's usually number one to three); each costs up to two re-parses. */
const MAX_DIAGNOSTICS = 8;

type Suppression = Extract<Annotation, { rules: unknown }>;

interface Edit {
  offset: number;
  length: number;
  newText: string;
}

/** The disable actions for the diagnostics in `diagnostics` (those of this prompt, one pair per rule). */
export function disableActions(snapshot: DocumentSnapshot, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const document = snapshot.result.document;
  const syntax = SYNTAX[document.format];
  if (!syntax) return [];
  const text = snapshot.textDocument.getText();
  if (text !== document.text) return [];
  const actions: CodeAction[] = [];
  const seenLine = new Set<string>();
  const seenFile = new Set<string>();
  for (const diagnostic of diagnostics.slice(0, MAX_DIAGNOSTICS)) {
    const ruleId = typeof diagnostic.code === 'string' ? diagnostic.code : undefined;
    if (!ruleId || ruleId === INTERNAL_ERROR_RULE || !/^[\w-]+\/[\w-]+$/.test(ruleId)) continue;
    const line = diagnostic.range.start.line;
    if (!seenLine.has(`${ruleId}@${line}`)) {
      seenLine.add(`${ruleId}@${line}`);
      const edit = lineEdit(document, syntax, ruleId, line);
      if (edit) actions.push(action(snapshot.textDocument, `Disable ${ruleId} for this line`, edit, diagnostic));
    }
    if (!seenFile.has(ruleId)) {
      seenFile.add(ruleId);
      const edit = fileEdit(document, syntax, ruleId);
      if (edit) actions.push(action(snapshot.textDocument, `Disable ${ruleId} for this file`, edit, diagnostic));
    }
  }
  return actions;
}

function action(textDocument: TextDocument, title: string, edit: Edit, diagnostic: LspDiagnostic): CodeAction {
  const lsp: TextEdit = {
    range: { start: textDocument.positionAt(edit.offset), end: textDocument.positionAt(edit.offset + edit.length) },
    newText: edit.newText,
  };
  return { title, kind: QUICK_FIX, diagnostics: [diagnostic], edit: { changes: { [textDocument.uri]: [lsp] } } };
}

function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

function comment(syntax: CommentSyntax, directive: string, ruleId: string): string {
  return `${syntax.open} promptbound-${directive} ${ruleId} ${syntax.close}`;
}

/** A `promptbound-disable-next-line` above `line` (or the rule added to one already there), when `line` is in the body. */
function lineEdit(document: PromptDocument, syntax: CommentSyntax, ruleId: string, line: number): Edit | undefined {
  const text = document.text;
  const starts = lineStarts(text);
  if (line >= starts.length) return undefined;
  const lineStart = starts[line];
  if (lineStart < document.body.offset) return undefined; // frontmatter YAML: core reads no comments there
  const previous = document.annotations.find(
    (a): a is Suppression =>
      a.kind === 'disable-next-line' && a.rules.length > 0 && lineOf(starts, a.span.offset + a.span.length) === line - 1,
  );
  const edit = previous ? extend(previous, ruleId) : insertAbove(text, lineStart, comment(syntax, 'disable-next-line', ruleId));
  return verified(
    document,
    edit,
    (after, afterStarts) =>
      after.annotations.some(
        (a) =>
          a.kind === 'disable-next-line' &&
          a.rules.some((r) => ruleMatches(r.id, ruleId)) &&
          lineOf(afterStarts, a.span.offset + a.span.length) + 1 === (previous ? line : line + 1),
      ),
    previous !== undefined,
  );
}

function insertAbove(text: string, lineStart: number, line: string): Edit {
  let end = lineStart;
  while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  const indent = text.slice(lineStart, end);
  return { offset: lineStart, length: 0, newText: `${indent}${line}${eolOf(text)}` };
}

/** Adds the rule id after the last one an existing comment names. */
function extend(annotation: Suppression, ruleId: string): Edit {
  const last = annotation.rules[annotation.rules.length - 1];
  return { offset: last.span.offset + last.span.length, length: 0, newText: ` ${ruleId}` };
}

/** A `promptbound-disable-file` at the top of the body (or the rule added to one already there). */
function fileEdit(document: PromptDocument, syntax: CommentSyntax, ruleId: string): Edit | undefined {
  const text = document.text;
  const existing = document.annotations.find((a): a is Suppression => a.kind === 'disable-file' && a.rules.length > 0);
  let edit: Edit;
  if (existing) {
    edit = extend(existing, ruleId);
  } else {
    const at = document.body.offset;
    const eol = eolOf(text);
    const lead =
      at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r' && at === text.length && document.frontmatter ? eol : '';
    edit = { offset: at, length: 0, newText: `${lead}${comment(syntax, 'disable-file', ruleId)}${eol}` };
  }
  return verified(
    document,
    edit,
    (after) => after.annotations.some((a) => a.kind === 'disable-file' && a.rules.some((r) => ruleMatches(r.id, ruleId))),
    existing !== undefined,
  );
}

/**
 * Applies the edit, re-parses with core, and keeps it only when the new comment is read as intended and nothing else
 * moved: the same frontmatter, sections (titles, levels, budgets), messages, variables and the other annotations.
 */
function verified(
  document: PromptDocument,
  edit: Edit,
  reads: (after: PromptDocument, afterStarts: number[]) => boolean,
  extending = false,
): Edit | undefined {
  if (!extending && insideConstruct(document, edit.offset)) return undefined;
  const next = applyEdits(document.text, [edit]);
  if (next === undefined) return undefined;
  // Re-parsing costs about 100 ms per MB and code actions are asked for on every cursor move: past this size the
  // structural check above (not inside a comment, a tag or the frontmatter) is what stands between the edit and the file.
  if (document.text.length > MAX_REPARSED_TEXT) return edit;
  const after = parseDocument(document.uri, next, { format: document.format });
  if (!reads(after, lineStarts(next))) return undefined;
  return sameShape(document, after) ? edit : undefined;
}

const MAX_REPARSED_TEXT = 256 * 1024;

/** Strictly inside a comment, a template tag or the frontmatter block: an inserted comment would split it. */
function insideConstruct(document: PromptDocument, offset: number): boolean {
  const within = (span: { offset: number; length: number }) => offset > span.offset && offset < span.offset + span.length;
  if (document.frontmatter && within(document.frontmatter.blockSpan)) return true;
  return document.comments.some((c) => within(c.span)) || document.variables.some((v) => within(v.span));
}

function sameShape(before: PromptDocument, after: PromptDocument): boolean {
  const shape = (d: PromptDocument) =>
    acyclicJson({
      frontmatter: d.frontmatter?.value ?? null,
      frontmatterErrors: d.frontmatter?.errors.length ?? 0,
      sections: d.sections.map((s) => [s.kind, s.title, s.level, s.budget?.tokens ?? null]),
      messages: d.messages.map((m) => m.role),
      variables: d.variables.map((v) => v.name),
      budgets: d.annotations.filter((a) => a.kind === 'budget').length,
      invalid: d.annotations.filter((a) => a.kind === 'invalid').length,
    });
  return shape(before) === shape(after) && suppressionsKept(before, after);
}

/** Every suppression comment that was there still names its rules and still reaches the line it reached. */
function suppressionsKept(before: PromptDocument, after: PromptDocument): boolean {
  const targets = (d: PromptDocument) => {
    const starts = lineStarts(d.text);
    return d.annotations
      .filter((a): a is Suppression => a.kind !== 'budget' && a.kind !== 'invalid')
      .map((a) => {
        const target = a.kind === 'disable-next-line' ? lineOf(starts, a.span.offset + a.span.length) + 1 : -1;
        const lineText =
          target >= 0 && target < starts.length ? d.text.slice(starts[target], starts[target + 1] ?? d.text.length).trim() : '';
        return { kind: a.kind, rules: a.rules.map((r) => r.id), lineText };
      });
  };
  const old = targets(before);
  const now = targets(after);
  return old.every((o) =>
    now.some(
      (n) =>
        n.kind === o.kind &&
        o.rules.every((r) => n.rules.includes(r)) &&
        (o.kind !== 'disable-next-line' || n.lineText === o.lineText),
    ),
  );
}
