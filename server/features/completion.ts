// Completion in the frontmatter: our keys and their values from schemas/frontmatter.schema.json, model ids from the model table.
import type { CompletionItem, Position } from 'vscode-languageserver';
import type { ParsedSnapshot } from '../snapshot';
import { MODELS, customModelEntry, type ModelEntry } from '../../core/models';
import { keysAt, schemasAt, valueShape, valuesFor, type KeyInfo, type ValueInfo } from './frontmatter-schema';
import { yamlCursor, type YamlCursor } from './yaml-context';
import { promptStem } from '../../core/samples/discover';
import { KIND_CONSTANT, KIND_ENUM_MEMBER, KIND_PROPERTY, KIND_VALUE, MARKDOWN, PLAIN_TEXT_FORMAT, SNIPPET_FORMAT } from './lsp';
import { compact, decodeUriPart, rangeOf } from './text';
import { yamlScalar } from '../../core/instructions/declare';

export { yamlScalar };

const TRIGGER_SUGGEST = { title: 'Suggest', command: 'editor.action.triggerSuggest' };

export function completionItems(snapshot: ParsedSnapshot, position: Position): CompletionItem[] {
  const frontmatter = snapshot.result.document.frontmatter;
  if (!frontmatter) return [];
  const text = snapshot.textDocument.getText();
  const offset = snapshot.textDocument.offsetAt(position);
  const cursor = yamlCursor(text, frontmatter.span, offset);
  if (!cursor) return [];
  return cursor.position === 'key' ? keyItems(snapshot, cursor) : valueItems(snapshot, cursor);
}

function keyItems(snapshot: ParsedSnapshot, cursor: YamlCursor): CompletionItem[] {
  const items = keysAt(cursor.path)
    .filter((key) => !cursor.siblings.has(key.name) || key.name === cursor.prefix)
    .map((key, i) => keyItem(snapshot, cursor, key, i));
  if (cursor.path.length === 2 && cursor.path[0] === 'budget' && cursor.path[1] === 'variables')
    items.push(...variableItems(snapshot, cursor));
  return items;
}

function keyItem(snapshot: ParsedSnapshot, cursor: YamlCursor, key: KeyInfo, order: number): CompletionItem {
  const { text, retrigger } = keyInsertText(key, cursor.column);
  return {
    label: key.name,
    kind: KIND_PROPERTY,
    documentation: key.description ? { kind: MARKDOWN, value: key.description } : undefined,
    sortText: String(order).padStart(3, '0'),
    filterText: key.name,
    insertTextFormat: SNIPPET_FORMAT,
    textEdit: { range: rangeOf(snapshot.textDocument, cursor.replace), newText: cursor.lead + text },
    command: retrigger ? TRIGGER_SUGGEST : undefined,
  };
}

/** `key: ` with a choice of the allowed values, or `key:` and an indented new line for a mapping. */
function keyInsertText(key: KeyInfo, column: number): { text: string; retrigger: boolean } {
  const name = escapeSnippet(key.name);
  const shape = valueShape(key.schemas);
  if (shape === 'mapping') return { text: `${name}:\n${' '.repeat(column + 2)}$0`, retrigger: true };
  if (key.name === 'model' && column === 0) return { text: `${name}: $0`, retrigger: true };
  if (key.schemas.some((s) => s.$ref === '#/definitions/count')) return { text: `${name}: {max: \${1:100}}`, retrigger: false };
  const values = valuesFor(key.schemas);
  const closed = values.filter((v) => v.kind === 'enum' || v.kind === 'boolean');
  if (closed.length > 0)
    return { text: `${name}: \${1|${closed.map((v) => escapeChoice(yamlScalar(v.value))).join(',')}|}`, retrigger: false };
  const suggested = values.find((v) => v.kind === 'default' || v.kind === 'example');
  if (suggested && (typeof suggested.value === 'number' || typeof suggested.value === 'string')) {
    return { text: `${name}: \${1:${escapeSnippet(yamlScalar(suggested.value))}}`, retrigger: false };
  }
  return { text: `${name}: $0`, retrigger: false };
}

/** Under `budget.variables`: the template variables the prompt uses that have no expected fill yet. */
function variableItems(snapshot: ParsedSnapshot, cursor: YamlCursor): CompletionItem[] {
  const names = [...new Set(snapshot.result.document.variables.map((v) => v.name))].filter(
    (n) => n !== '' && !cursor.siblings.has(n),
  );
  return names.map((name) => ({
    label: name,
    kind: KIND_VALUE,
    detail: 'template variable: expected fill in tokens',
    insertTextFormat: SNIPPET_FORMAT,
    textEdit: {
      range: rangeOf(snapshot.textDocument, cursor.replace),
      newText: `${cursor.lead}${escapeSnippet(yamlScalar(name))}: \${1:500}`,
    },
  }));
}

function valueItems(snapshot: ParsedSnapshot, cursor: YamlCursor): CompletionItem[] {
  if (cursor.key === undefined) return [];
  const path = [...cursor.path, cursor.key];
  if (path.length === 1 && path[0] === 'model') return modelItems(snapshot, cursor);
  if (path.length === 1 && path[0] === 'samples') return sampleGlobItems(snapshot, cursor);
  return valuesFor(schemasAt(path)).map((value, i) => valueItem(snapshot, cursor, value, i));
}

function valueItem(snapshot: ParsedSnapshot, cursor: YamlCursor, value: ValueInfo, order: number): CompletionItem {
  const text = yamlScalar(value.value);
  return {
    label: text,
    kind: value.kind === 'enum' ? KIND_ENUM_MEMBER : value.kind === 'boolean' ? KIND_CONSTANT : KIND_VALUE,
    detail: value.kind === 'example' ? 'example' : value.kind === 'default' ? 'default' : undefined,
    documentation: value.description ? { kind: MARKDOWN, value: value.description } : undefined,
    sortText: String(order).padStart(3, '0'),
    insertTextFormat: PLAIN_TEXT_FORMAT,
    filterText: text,
    textEdit: { range: rangeOf(snapshot.textDocument, cursor.replace), newText: cursor.lead + text },
  };
}

/** The default sample places of this prompt, written out (`./support.samples/*.json`), then the schema's examples. */
function sampleGlobItems(snapshot: ParsedSnapshot, cursor: YamlCursor): CompletionItem[] {
  const stem = decodeUriPart(promptStem(snapshot.result.document.uri));
  const own = [`./${stem}.samples/*.json`, `./${stem}.samples/**`].map((glob, i) => ({
    label: glob,
    kind: KIND_VALUE,
    detail: 'samples beside this prompt',
    sortText: String(i).padStart(3, '0'),
    insertTextFormat: PLAIN_TEXT_FORMAT,
    filterText: yamlScalar(glob),
    textEdit: { range: rangeOf(snapshot.textDocument, cursor.replace), newText: cursor.lead + yamlScalar(glob) },
  }));
  return own;
}

/** Every table model and every model declared in config, canonical ids, newest first as the table lists them. */
function modelItems(snapshot: ParsedSnapshot, cursor: YamlCursor): CompletionItem[] {
  const custom = snapshot.config.models.map((m) => customModelEntry(m));
  const entries: ModelEntry[] = [...custom, ...MODELS];
  const seen = new Set<string>();
  const items: CompletionItem[] = [];
  for (const entry of entries) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    items.push({
      label: entry.id,
      kind: KIND_VALUE,
      detail: modelDetail(entry),
      documentation: entry.notes ? { kind: MARKDOWN, value: entry.notes } : undefined,
      sortText: String(items.length).padStart(3, '0'),
      insertTextFormat: PLAIN_TEXT_FORMAT,
      filterText: entry.id,
      textEdit: { range: rangeOf(snapshot.textDocument, cursor.replace), newText: cursor.lead + yamlScalar(entry.id) },
    });
  }
  return items;
}

export function modelDetail(entry: ModelEntry): string {
  const tokenizer = entry.tokenizer === 'exact' ? entry.encoding : `≈ ${entry.encoding}`;
  return `${entry.provider} · ${compact(entry.context)} context · ${compact(entry.output.default)} output · ${tokenizer}`;
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => `\\${c}`);
}

function escapeChoice(text: string): string {
  return text.replace(/[\\$}|,]/g, (c) => `\\${c}`);
}
