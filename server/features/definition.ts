// Go to definition (textDocument/definition) on a template variable: where the prompt declares it — the input
// schema, `budget.variables`, Prompty `inputs`/`sample`, Dotprompt `input.default`, a `testData` row, or the
// `{% set %}` / `{{#each … as |x|}}` that introduces it in the template.
import type { Location, Position } from 'vscode-languageserver';
import type { DeclaredVariable } from '../../core/document/types';
import type { ParsedSnapshot } from '../snapshot';
import { contains, rangeOf } from './text';

/** Declarations first where a reader looks first: the input's type, then its budget, then example values. */
const SOURCE_ORDER: Record<DeclaredVariable['source'], number> = {
  'input.schema': 0,
  inputs: 1,
  template: 2,
  'budget.variables': 3,
  'input.default': 4,
  sample: 5,
  testData: 6,
};

export function definitionAt(snapshot: ParsedSnapshot, position: Position): Location[] {
  const { document } = snapshot.result;
  const offset = snapshot.textDocument.offsetAt(position);
  const use = document.variables.find((v) => contains(v.nameSpan, offset));
  const name = use?.name ?? declaredAt(document.interop.declaredVariables, offset)?.name;
  if (!name) return [];
  const root = name.split('.')[0];
  return document.interop.declaredVariables
    .filter((d) => d.name === name || d.name === root)
    .sort((a, b) => SOURCE_ORDER[a.source] - SOURCE_ORDER[b.source] || a.span.offset - b.span.offset)
    .map((d) => ({ uri: snapshot.textDocument.uri, range: rangeOf(snapshot.textDocument, d.span) }));
}

/** On a declaration itself (a `budget.variables` key), the other declarations of the same name. */
function declaredAt(declared: readonly DeclaredVariable[], offset: number): DeclaredVariable | undefined {
  return declared.find((d) => contains(d.span, offset));
}
