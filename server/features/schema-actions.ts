// "Create sample from schema" and "Infer schema from sample": new files (LSP CreateFile + a text edit into it) and,
// for inference, `schema: ./<stem>.schema.json` added under `constraints` in the prompt, re-parsed before it is offered.
import { acyclicJson } from './acyclic-json';
import { isMap, type YAMLMap } from 'yaml';
import type { CodeAction, TextDocumentEdit, WorkspaceEdit, CreateFile } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { PromptDocument } from '../../core/document/types';
import { findKey, parseDocument } from '../../core/document';
import { applyEdits } from '../../core/edits';
import { folderOf } from '../../core/files';
import { declaredSampleGlobs, promptStem } from '../../core/samples/discover';
import type { DocumentSnapshot } from '../snapshot';
import { exampleFromSchema, inferSchema } from './schema-samples';
import { jsonRegionAt } from './sample-fixes';
import { unfence } from '../../core/constraints/measure/json';
import { yamlScalar } from './completion';
import { REFACTOR } from './lsp';
import { decodeUriPart } from './text';

/** Sample completions looked at when inferring a schema from a prompt's samples. */
const MAX_INFER_SAMPLES = 50;
/** Sample text parsed per request for it (code actions are asked for on every cursor move). */
const MAX_INFER_TEXT = 2_000_000;

// ---- create sample ----

/** On a prompt whose output schema compiled: a new `<stem>.samples/example.json` holding an example generated from it. */
export function createSampleAction(snapshot: DocumentSnapshot): CodeAction | undefined {
  const validation = snapshot.completion?.schema;
  if (!validation || validation.schema === undefined) return undefined;
  const example = exampleFromSchema(validation.schema);
  const content = `${JSON.stringify(example, null, 2)}\n`;
  const taken = new Set((snapshot.completion?.samples ?? []).map((s) => s.sample.uri));
  const folder = sampleFolder(snapshot.result.document);
  if (!folder) return undefined;
  let uri = `${folder}/example.json`;
  for (let n = 2; taken.has(uri) && n < 1000; n++) uri = `${folder}/example-${n}.json`;
  return { title: 'Create sample from schema', kind: REFACTOR, edit: newFileEdit(uri, content) };
}

/**
 * Where a new sample is found: `<stem>.samples/` by default; with declared `samples:` globs, the folder of the first glob
 * that takes any `.json` file directly in one folder (`dir/*.json`, `dir/**`, `dir/*`); none such: no action.
 */
function sampleFolder(document: PromptDocument): string | undefined {
  const base = folderOf(document.uri);
  const declared = declaredSampleGlobs(document);
  if (declared === undefined) return `${base}/${promptStem(document.uri)}.samples`;
  for (const glob of declared) {
    const g = glob
      .trim()
      .replace(/\\/g, '/')
      .replace(/^(\.\/)+/, '');
    const match = /^((?:[^*?[\]{}()!+@\\/]+\/)*)(\*|\*\*|\*\.json|\*\*\/\*|\*\*\/\*\.json)$/.exec(g);
    if (!match || match[1].split('/').includes('..')) continue;
    const dir = match[1].replace(/\/$/, '');
    return dir === '' ? base : `${base}/${dir}`;
  }
  return undefined;
}

/** CreateFile (never overwriting: if the file exists the client refuses the whole edit) and the text put in it. */
function newFileEdit(uri: string, content: string, more: TextDocumentEdit[] = []): WorkspaceEdit {
  const create: CreateFile = { kind: 'create', uri, options: { overwrite: false, ignoreIfExists: false } };
  const fill: TextDocumentEdit = {
    textDocument: { uri, version: null },
    edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: content }],
  };
  return { documentChanges: [create, fill, ...more] };
}

// ---- infer schema ----

/** In a JSON sample file: a schema inferred from it, beside the prompt (and linked from it when the prompt is known). */
export function inferFromSampleAction(textDocument: TextDocument, prompts: readonly DocumentSnapshot[]): CodeAction | undefined {
  const text = textDocument.getText();
  if (text.length > MAX_INFER_TEXT) return undefined;
  const region = jsonRegionAt(textDocument.uri, text, 0);
  const value = region ? parseStrict(text.slice(region.offset, region.offset + region.length)) : undefined;
  if (value === undefined) return undefined;
  const prompt = prompts.find((p) => !p.result.document.interop.schema);
  if (prompts.length > 0 && !prompt) return undefined; // its prompt has a schema already
  if (prompt) return inferAction(prompt, [value]);
  const stem = stemOfSample(textDocument.uri);
  if (!stem) return undefined;
  return {
    title: 'Infer schema from sample',
    kind: REFACTOR,
    edit: newFileEdit(`${stem.folder}/${stem.stem}.schema.json`, schemaText([value])),
  };
}

/** On a prompt without a schema whose samples are JSON: a schema inferred from all of them, linked from `constraints`. */
export function inferFromPromptAction(snapshot: DocumentSnapshot): CodeAction | undefined {
  if (snapshot.result.document.interop.schema) return undefined;
  const values: unknown[] = [];
  let budget = MAX_INFER_TEXT;
  for (const report of (snapshot.completion?.samples ?? []).slice(0, MAX_INFER_SAMPLES)) {
    budget -= report.sample.text.length;
    if (budget < 0) break;
    const value = parseStrict(unfence(report.sample.text).text);
    if (value !== undefined && typeof value === 'object' && value !== null) values.push(value);
  }
  return values.length > 0 ? inferAction(snapshot, values) : undefined;
}

function inferAction(prompt: DocumentSnapshot, values: unknown[]): CodeAction {
  const document = prompt.result.document;
  const stem = promptStem(document.uri);
  const uri = `${folderOf(document.uri)}/${stem}.schema.json`;
  const link = linkSchemaEdit(prompt.textDocument, document, `./${decodeUriPart(stem)}.schema.json`);
  return { title: 'Infer schema from sample', kind: REFACTOR, edit: newFileEdit(uri, schemaText(values), link ? [link] : []) };
}

function schemaText(values: unknown[]): string {
  return `${JSON.stringify(inferSchema(values), null, 2)}\n`;
}

function parseStrict(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `<stem>.samples/…/x.json` or `<stem>.sample.json`: the prompt's stem and folder, read from a sample's own path. */
function stemOfSample(uri: string): { folder: string; stem: string } | undefined {
  const inFolder = /^(.*)\/([^/]+)\.samples\/.+$/.exec(uri);
  if (inFolder) return { folder: inFolder[1], stem: inFolder[2] };
  const beside = /^(.*)\/([^/]+)\.sample\.[^/]+$/.exec(uri);
  return beside ? { folder: beside[1], stem: beside[2] } : undefined;
}

/** `schema: <path>` under `constraints` (creating the mapping, or the frontmatter), when core reads it back exactly so. */
export function linkSchemaEdit(textDocument: TextDocument, document: PromptDocument, path: string): TextDocumentEdit | undefined {
  const text = document.text;
  if (textDocument.getText() !== text) return undefined;
  const edit = schemaKeyEdit(document, yamlScalar(path));
  if (!edit) return undefined;
  const next = applyEdits(text, [edit]);
  if (next === undefined) return undefined;
  const after = parseDocument(document.uri, next, { format: document.format });
  const constraints = after.frontmatter?.value?.constraints;
  if (!after.frontmatter || after.frontmatter.errors.length > 0) return undefined;
  if (typeof constraints !== 'object' || constraints === null || (constraints as Record<string, unknown>).schema !== path)
    return undefined;
  if (!sameOtherwise(document, after)) return undefined;
  return {
    textDocument: { uri: textDocument.uri, version: textDocument.version },
    edits: [
      {
        range: { start: textDocument.positionAt(edit.offset), end: textDocument.positionAt(edit.offset + edit.length) },
        newText: edit.newText,
      },
    ],
  };
}

function sameOtherwise(before: PromptDocument, after: PromptDocument): boolean {
  const strip = (d: PromptDocument) => {
    const value = { ...(d.frontmatter?.value ?? {}) };
    const constraints = value.constraints;
    if (typeof constraints === 'object' && constraints !== null) {
      const { schema: _schema, ...rest } = constraints as Record<string, unknown>;
      void _schema;
      value.constraints = Object.keys(rest).length > 0 ? rest : undefined;
    } else {
      value.constraints = undefined;
    }
    return acyclicJson({ value, body: d.text.slice(d.body.offset), sections: d.sections.length, messages: d.messages.length });
  };
  return strip(before) === strip(after);
}

interface Edit {
  offset: number;
  length: number;
  newText: string;
}

function schemaKeyEdit(document: PromptDocument, scalar: string): Edit | undefined {
  const text = document.text;
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const frontmatter = document.frontmatter;
  if (!frontmatter) {
    if (document.format === 'github-models') return undefined;
    return { offset: document.body.offset, length: 0, newText: `---${eol}constraints:${eol}  schema: ${scalar}${eol}---${eol}` };
  }
  if (frontmatter.errors.length > 0 || !frontmatter.value) return undefined;
  const indent = indentUnit(text.slice(frontmatter.span.offset, frontmatter.span.offset + frontmatter.span.length));
  const found = findKey(frontmatter, ['constraints']);
  if (!found) {
    if (!isMap(frontmatter.yaml.contents) && frontmatter.yaml.contents !== null) return undefined;
    if (isMap(frontmatter.yaml.contents) && frontmatter.yaml.contents.flow) return undefined;
    const end = frontmatter.span.offset + frontmatter.span.length;
    const lead = end > frontmatter.span.offset && text[end - 1] !== '\n' ? eol : '';
    return { offset: end, length: 0, newText: `${lead}constraints:${eol}${indent}schema: ${scalar}${eol}` };
  }
  const value = found.value;
  if (value === null || (value && 'value' in value && value.value === null && !isMap(value))) {
    const lineEnd = endOfLine(text, found.keySpan.offset + found.keySpan.length);
    const column = found.keySpan.offset - lineStartOf(text, found.keySpan.offset);
    return { offset: lineEnd, length: 0, newText: `${eol}${' '.repeat(column)}${indent}schema: ${scalar}` };
  }
  if (!isMap(value)) return undefined;
  const map = value as YAMLMap;
  if (map.flow) {
    const close = frontmatter.span.offset + (map.range?.[1] ?? 0) - 1;
    if (text[close] !== '}') return undefined;
    const empty = map.items.length === 0;
    return { offset: close, length: 0, newText: `${empty ? '' : ', '}schema: ${scalar}` };
  }
  const first = map.items[0]?.key as { range?: [number, number, number] } | undefined;
  const last = map.items[map.items.length - 1];
  const lastNode = (last?.value ?? last?.key) as { range?: [number, number, number] } | undefined;
  if (!first?.range || !lastNode?.range) return undefined;
  const keyOffset = frontmatter.span.offset + first.range[0];
  const column = ' '.repeat(keyOffset - lineStartOf(text, keyOffset));
  let end = frontmatter.span.offset + lastNode.range[1];
  if (end > 0 && (text[end - 1] === '\n' || text[end - 1] === '\r')) end = lineStartOf(text, end - 1);
  const lineEnd = endOfLine(text, end);
  return { offset: lineEnd, length: 0, newText: `${eol}${column}schema: ${scalar}` };
}

function lineStartOf(text: string, offset: number): number {
  let at = offset;
  while (at > 0 && text[at - 1] !== '\n' && text[at - 1] !== '\r') at--;
  return at;
}

function endOfLine(text: string, offset: number): number {
  let at = offset;
  while (at < text.length && text[at] !== '\n' && text[at] !== '\r') at++;
  return at;
}

/** The frontmatter's own indentation step (2 when nothing is indented yet). */
function indentUnit(yaml: string): string {
  const match = /\n( +)\S/.exec(yaml);
  return match ? match[1] : '  ';
}
