// LSP enum values the features use, as typed constants: `vscode-languageserver`'s main entry is the Node server,
// so importing values from it would pull Node built-ins into the web-worker bundle; its types are import-only here.
import type { CodeActionKind, CompletionItemKind, InlayHintKind, InsertTextFormat, MarkupKind } from 'vscode-languageserver';

export const MARKDOWN: MarkupKind = 'markdown';

export const QUICK_FIX: CodeActionKind = 'quickfix';
export const REFACTOR: CodeActionKind = 'refactor';
export const SOURCE: CodeActionKind = 'source';

export const KIND_PROPERTY: CompletionItemKind = 10;
export const KIND_VALUE: CompletionItemKind = 12;
export const KIND_ENUM_MEMBER: CompletionItemKind = 20;
export const KIND_SNIPPET: CompletionItemKind = 15;
export const KIND_CONSTANT: CompletionItemKind = 21;

export const PLAIN_TEXT_FORMAT: InsertTextFormat = 1;
export const SNIPPET_FORMAT: InsertTextFormat = 2;

export const HINT_TYPE: InlayHintKind = 1;
