// markdownlint-style suppression comments, one pure filter shared by the editor and the CLI (docs/design/conventions.md C8).
import type { Diagnostic } from './diagnostic';
import type { Annotation, PromptDocument } from './document/types';

/** A rule id in a suppression comment matches itself, or every rule of an area (`budget` matches `budget/*`). */
export function ruleMatches(pattern: string, ruleId: string): boolean {
  return pattern === ruleId || ruleId.startsWith(`${pattern}/`);
}

interface Toggle {
  /** Start of the line the comment is on. */
  line: number;
  kind: 'disable' | 'enable';
  rules: string[];
}

/** A line a `disable-next-line` comment covers: `[start, end)`, and the rule lists that apply to it. */
interface NextLine {
  start: number;
  end: number;
  rules: string[][];
}

/**
 * Removes diagnostics of this document that a suppression comment turns off. Diagnostics in other files are kept.
 * Lines are known by their start offsets, found around each comment (`\n`, `\r\n` and a lone `\r` end a line,
 * as `lineStarts` counts them): a keystroke's lint does not walk the whole text to number its lines.
 */
export function applySuppressions(document: PromptDocument, diagnostics: Diagnostic[]): Diagnostic[] {
  const suppressions = document.annotations.filter(
    (a): a is Extract<Annotation, { rules: unknown }> => a.kind !== 'budget' && a.kind !== 'invalid',
  );
  if (suppressions.length === 0) return diagnostics;
  const text = document.text;
  const fileWide: string[][] = [];
  const nextLines: NextLine[] = [];
  const toggles: Toggle[] = [];
  for (const annotation of suppressions) {
    const rules = annotation.rules.map((r) => r.id);
    if (annotation.kind === 'disable-file') fileWide.push(rules);
    else if (annotation.kind === 'disable-next-line') {
      const start = lineStartAfter(text, annotation.span.offset + annotation.span.length);
      if (start === undefined) continue; // on the last line: there is no next line
      const same = nextLines.find((n) => n.start === start);
      if (same) same.rules.push(rules);
      else nextLines.push({ start, end: lineStartAfter(text, start) ?? Infinity, rules: [rules] });
    } else toggles.push({ line: lineStartAt(text, annotation.span.offset), kind: annotation.kind, rules });
  }
  toggles.sort((a, b) => a.line - b.line);
  nextLines.sort((a, b) => a.start - b.start);
  return diagnostics.filter((diagnostic) => {
    if (diagnostic.uri !== undefined && diagnostic.uri !== document.uri) return true;
    const at = Math.max(0, Math.min(diagnostic.offset, text.length));
    const covers = (rules: string[]) => rules.length === 0 || rules.some((r) => ruleMatches(r, diagnostic.ruleId));
    if (fileWide.some(covers)) return false;
    if (nextLineAt(nextLines, at)?.rules.some(covers)) return false;
    return !disabledAt(toggles, at, diagnostic.ruleId);
  });
}

/** Whether a line starts at `p`: the text's start, or just after `\n`, or after a `\r` not followed by `\n`. */
function isLineStart(text: string, p: number): boolean {
  if (p === 0) return true;
  const before = text.charCodeAt(p - 1);
  return before === 10 || (before === 13 && text.charCodeAt(p) !== 10);
}

/** Start of the line holding `offset` (clamped to the text). */
function lineStartAt(text: string, offset: number): number {
  let p = Math.max(0, Math.min(offset, text.length));
  while (!isLineStart(text, p)) p--;
  return p;
}

/** Start of the line after the one holding `offset`; undefined on the last line. */
function lineStartAfter(text: string, offset: number): number | undefined {
  for (let p = Math.max(0, Math.min(offset, text.length)) + 1; p <= text.length; p++) if (isLineStart(text, p)) return p;
  return undefined;
}

/** The covered line holding `at` (binary search over lines sorted by start). */
function nextLineAt(lines: readonly NextLine[], at: number): NextLine | undefined {
  let low = 0;
  let high = lines.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (at < lines[mid].start) high = mid - 1;
    else if (at >= lines[mid].end) low = mid + 1;
    else return lines[mid];
  }
  return undefined;
}

/** Replays disable/enable comments on lines up to the one holding `at`; the last that names the rule (or all rules) decides. */
function disabledAt(toggles: readonly Toggle[], at: number, ruleId: string): boolean {
  let disabled = false;
  for (const toggle of toggles) {
    if (toggle.line > at) break;
    if (toggle.rules.length === 0 || toggle.rules.some((r) => ruleMatches(r, ruleId))) disabled = toggle.kind === 'disable';
  }
  return disabled;
}
