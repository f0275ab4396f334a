// markdownlint-style suppression comments, one pure filter shared by the editor and the CLI (docs/design/conventions.md C8).
import type { Diagnostic } from './diagnostic';
import type { Annotation, PromptDocument } from './document/types';
import { lineOf, lineStarts } from './positions';

/** A rule id in a suppression comment matches itself, or every rule of an area (`budget` matches `budget/*`). */
export function ruleMatches(pattern: string, ruleId: string): boolean {
  return pattern === ruleId || ruleId.startsWith(`${pattern}/`);
}

interface Toggle {
  line: number;
  kind: 'disable' | 'enable';
  rules: string[];
}

/** Removes diagnostics of this document that a suppression comment turns off. Diagnostics in other files are kept. */
export function applySuppressions(document: PromptDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const suppressions = document.annotations.filter(
    (a): a is Extract<Annotation, { rules: unknown }> => a.kind !== 'budget' && a.kind !== 'invalid',
  );
  if (suppressions.length === 0) return diagnostics;
  const starts = lineStarts(document.text);
  const fileWide: string[][] = [];
  const nextLine = new Map<number, string[][]>();
  const toggles: Toggle[] = [];
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
    if (diagnostic.uri !== undefined && diagnostic.uri !== document.uri) return true;
    const line = lineOf(starts, diagnostic.offset);
    const covers = (rules: string[]) => rules.length === 0 || rules.some((r) => ruleMatches(r, diagnostic.ruleId));
    if (fileWide.some(covers)) return false;
    if ((nextLine.get(line) ?? []).some(covers)) return false;
    return !disabledAt(toggles, line, diagnostic.ruleId);
  });
}

/** Replays disable/enable comments up to `line`; the last one that names the rule (or all rules) decides. */
function disabledAt(toggles: readonly Toggle[], line: number, ruleId: string): boolean {
  let disabled = false;
  for (const toggle of toggles) {
    if (toggle.line > line) break;
    if (toggle.rules.length === 0 || toggle.rules.some((r) => ruleMatches(r, ruleId))) disabled = toggle.kind === 'disable';
  }
  return disabled;
}
