// Suppression comments find their lines around themselves, not by numbering every line: the same diagnostics are
// kept as with every line numbered (the reference below), whatever the line breaks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Diagnostic } from '../../core/diagnostic';
import type { Annotation, PromptDocument } from '../../core/document/types';
import { parseDocument } from '../../core/document';
import { applySuppressions, ruleMatches } from '../../core/suppression';
import { lineOf, lineStarts } from '../../core/positions';
import { pick, seededRandom } from '../tokens/corpus';

/** The filter with every line numbered: `lineStarts` and `lineOf` decide which line each offset is on. */
function reference(document: PromptDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const suppressions = document.annotations.filter(
    (a): a is Extract<Annotation, { rules: unknown }> => a.kind !== 'budget' && a.kind !== 'invalid',
  );
  if (suppressions.length === 0) return diagnostics;
  const starts = lineStarts(document.text);
  const fileWide: string[][] = [];
  const nextLine = new Map<number, string[][]>();
  const toggles: Array<{ line: number; kind: string; rules: string[] }> = [];
  for (const annotation of suppressions) {
    const rules = annotation.rules.map((r) => r.id);
    if (annotation.kind === 'disable-file') fileWide.push(rules);
    else if (annotation.kind === 'disable-next-line') {
      const line = lineOf(starts, annotation.span.offset + annotation.span.length) + 1;
      nextLine.set(line, [...(nextLine.get(line) ?? []), rules]);
    } else toggles.push({ line: lineOf(starts, annotation.span.offset), kind: annotation.kind, rules });
  }
  toggles.sort((a, b) => a.line - b.line);
  return diagnostics.filter((diagnostic) => {
    const line = lineOf(starts, diagnostic.offset);
    const covers = (rules: string[]) => rules.length === 0 || rules.some((r) => ruleMatches(r, diagnostic.ruleId));
    if (fileWide.some(covers)) return false;
    if ((nextLine.get(line) ?? []).some(covers)) return false;
    let disabled = false;
    for (const toggle of toggles) {
      if (toggle.line > line) break;
      if (toggle.rules.length === 0 || toggle.rules.some((r) => ruleMatches(r, diagnostic.ruleId)))
        disabled = toggle.kind === 'disable';
    }
    return !disabled;
  });
}

const PIECES = [
  'text ',
  '\n',
  '\r\n',
  '\r',
  '\n\n',
  '<!-- promptbound-disable-next-line -->',
  '<!-- promptbound-disable-next-line budget -->',
  '<!-- promptbound-disable-next-line template/undefined-variable -->',
  '<!-- promptbound-disable instructions -->',
  '<!-- promptbound-enable instructions -->',
  '<!-- promptbound-disable -->',
  '<!-- promptbound-enable -->',
  '<!-- promptbound-disable-file tokens -->',
];
const RULES = ['budget/section-limit', 'template/undefined-variable', 'instructions/undeclared', 'tokens/special-token'];

describe('suppression comments', () => {
  for (const seed of [1, 2, 3]) {
    it(`keep what numbering every line keeps, seed ${seed}`, () => {
      const random = seededRandom(seed);
      let removed = 0;
      for (let i = 0; i < 200; i++) {
        let text = '';
        const n = 3 + Math.floor(random() * 30);
        for (let k = 0; k < n; k++) text += pick(random, PIECES);
        const document = parseDocument('file:///w/p.md', text);
        // Diagnostics at every offset (and just past the end), for a few rules.
        const diagnostics: Diagnostic[] = [];
        for (let offset = 0; offset <= text.length + 1; offset++)
          diagnostics.push({ ruleId: pick(random, RULES), severity: 'warning', offset, length: 0, message: 'm' });
        const kept = applySuppressions(document, diagnostics);
        assert.deepEqual(kept, reference(document, diagnostics), JSON.stringify(text));
        removed += diagnostics.length - kept.length;
      }
      assert.ok(removed > 1000, `the generated comments suppressed only ${removed} diagnostics`);
    });
  }
});
