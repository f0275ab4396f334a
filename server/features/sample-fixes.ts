// Quick fixes in a sample completion for sample/schema failures (facts in Diagnostic.data): add a missing required property,
// remove a disallowed one, pick the nearest enum value, coerce "3" → 3. Edits come from jsonc-parser on the sample's JSON,
// and each is applied and re-parsed as strict JSON before it is offered.
import {
  findNodeAtLocation,
  modify,
  parseTree,
  type FormattingOptions,
  type JSONPath,
  type Node as JsonNode,
} from 'jsonc-parser';
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../../core/diagnostic';
import { applyEdits } from '../../core/edits';
import { parseSampleFile } from '../../core/samples/parse';
import { unfence } from '../../core/constraints/measure/json';
import { decodePointer } from '../../core/plain-data';
import type { DiagnosticData } from '../snapshot';
import { QUICK_FIX } from './lsp';

/** The JSON text of the completion containing `offset`, as a region of the sample file. */
export function jsonRegionAt(uri: string, text: string, offset: number): Span | undefined {
  const parsed = parseSampleFile(uri, text);
  const sample = parsed.completions.find((c) => c.verbatim && offset >= c.span.offset && offset <= c.span.offset + c.span.length);
  if (!sample) return undefined;
  const body = unfence(sample.text);
  return { offset: sample.span.offset + body.offset, length: body.text.length };
}

interface Planned {
  title: string;
  path: JSONPath;
  /** `undefined` removes the property. */
  value: unknown;
  removes: boolean;
}

export function sampleFixActions(textDocument: TextDocument, diagnostic: LspDiagnostic, data: DiagnosticData): CodeAction[] {
  if (data.ruleId !== 'sample/schema' || !data.facts) return [];
  const text = textDocument.getText();
  const region = jsonRegionAt(textDocument.uri, text, textDocument.offsetAt(diagnostic.range.start));
  if (!region) return [];
  const json = text.slice(region.offset, region.offset + region.length);
  const tree = parseTree(json, [], { allowTrailingComma: false, disallowComments: true });
  if (!tree) return [];
  const pointer = typeof data.facts.pointer === 'string' ? data.facts.pointer : undefined;
  if (pointer === undefined) return [];
  const path = jsonPath(tree, decodePointer(pointer));
  if (!path) return [];
  const plans = planFixes(data.facts, path);
  const actions: CodeAction[] = [];
  for (const plan of plans) {
    const edits = planEdits(json, plan);
    if (!edits) continue;
    const lsp: TextEdit[] = edits.map((e) => ({
      range: {
        start: textDocument.positionAt(region.offset + e.offset),
        end: textDocument.positionAt(region.offset + e.offset + e.length),
      },
      newText: e.content,
    }));
    actions.push({
      title: plan.title,
      kind: QUICK_FIX,
      diagnostics: [diagnostic],
      edit: { changes: { [textDocument.uri]: lsp } },
    });
  }
  if (actions.length === 1) actions[0].isPreferred = true;
  return actions;
}

/** Pointer segments as a jsonc-parser path: array indexes as numbers, following the parsed tree. */
function jsonPath(tree: JsonNode, segments: readonly string[]): JSONPath | undefined {
  const path: JSONPath = [];
  let node: JsonNode | undefined = tree;
  for (const segment of segments) {
    if (!node) return [...path, segment];
    if (node.type === 'array') {
      if (!/^(0|[1-9]\d*)$/.test(segment)) return undefined;
      path.push(Number(segment));
    } else {
      path.push(segment);
    }
    node = findNodeAtLocation(tree, path);
  }
  return path;
}

function planFixes(facts: Record<string, unknown>, path: JSONPath): Planned[] {
  const plans: Planned[] = [];
  if (typeof facts.missingProperty === 'string') {
    const value = facts.value === undefined ? null : facts.value;
    plans.push({
      title: `Add required property "${facts.missingProperty}"`,
      path: [...path, facts.missingProperty],
      value,
      removes: false,
    });
  }
  if (typeof facts.additionalProperty === 'string' && path.length > 0) {
    plans.push({ title: `Remove property "${facts.additionalProperty}"`, path, value: undefined, removes: true });
  }
  if ('nearestEnum' in facts && facts.nearestEnum !== undefined) {
    plans.push({ title: `Replace with ${JSON.stringify(facts.nearestEnum)}`, path, value: facts.nearestEnum, removes: false });
  }
  if ('coerceTo' in facts && facts.coerceTo !== undefined) {
    plans.push({ title: `Convert to ${JSON.stringify(facts.coerceTo)}`, path, value: facts.coerceTo, removes: false });
  }
  return plans;
}

/** jsonc-parser's edits for the plan, kept only when the result is strict JSON holding exactly the intended change. */
function planEdits(json: string, plan: Planned): Array<{ offset: number; length: number; content: string }> | undefined {
  let edits;
  try {
    edits = modify(json, plan.path, plan.removes ? undefined : plan.value, { formattingOptions: formattingOf(json) });
  } catch {
    return undefined;
  }
  if (edits.length === 0) return undefined;
  const next = applyEdits(
    json,
    edits.map((e) => ({ offset: e.offset, length: e.length, newText: e.content })),
  );
  if (next === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(next);
  } catch {
    return undefined;
  }
  const tree = parseTree(next);
  if (!tree) return undefined;
  const node = findNodeAtLocation(tree, plan.path);
  if (plan.removes) return node === undefined && parsed !== undefined ? edits : undefined;
  return node !== undefined && JSON.stringify(valueOf(parsed, plan.path)) === JSON.stringify(plan.value) ? edits : undefined;
}

function valueOf(value: unknown, path: JSONPath): unknown {
  let node = value;
  for (const segment of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** Indentation and line ends as the sample already writes them. */
export function formattingOf(text: string): FormattingOptions {
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  const indented = /\n([ \t]+)\S/.exec(text);
  if (indented && indented[1].startsWith('\t')) return { insertSpaces: false, tabSize: 4, eol };
  return { insertSpaces: true, tabSize: indented ? Math.min(8, indented[1].length) : 2, eol };
}
