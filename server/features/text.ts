// Small conversions every feature shares: spans to LSP ranges, numbers as the status bar shows them, docs links.
import type { Range } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Span } from '../../core/diagnostic';
import { DOCS_BASE_URL, ruleDocsUrl } from '../../core/rules/registry';

export function rangeOf(textDocument: TextDocument, span: Span): Range {
  return { start: textDocument.positionAt(span.offset), end: textDocument.positionAt(span.offset + span.length) };
}

export function contains(span: Span, offset: number): boolean {
  return offset >= span.offset && offset <= span.offset + span.length;
}

/** `1234` → `1,234` (the CLI's and the status bar's grouping). */
export function grouped(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** `128000` → `128k`, `16385` → `16.4k`, `1047576` → `1.05M`: a window size at a glance, as the status bar writes it. */
export function compact(n: number): string {
  if (n < 1_000) return String(Math.round(n));
  // Below 999,500 in k: 999,600 rounds to 1,000k, which toPrecision writes as `1.00e+3` (the status bar's rule too).
  const [value, unit] = n < 999_500 ? [n / 1_000, 'k'] : [n / 1_000_000, 'M'];
  return `${trimZeros(value.toPrecision(3))}${unit}`;
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** `1,234 tokens` or `≈1,234 tokens`. */
export function tokenCount(tokens: number, approximate: boolean): string {
  return `${approximate ? '≈' : ''}${grouped(tokens)} tokens`;
}

/** Whole percent, except just over 100 % (`100.4%`, not a `100%` that hides being over) and under 1 % (`<1%`, not `0%`). */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const value = (part / whole) * 100;
  if (value > 100 && value < 101) return `${value.toFixed(1)}%`;
  if (value > 0 && value < 1) return '<1%';
  return `${Math.round(value)}%`;
}

/** Root of the published docs (the rule pages' parent), the same base the CLI's SARIF helpUri uses. */
export const DOCS_ROOT_URL = DOCS_BASE_URL.replace(/rules\/$/, '');

export function docsLink(page: string, label = page): string {
  return `[${label}](${DOCS_ROOT_URL}${page})`;
}

export function ruleLink(ruleId: string): string {
  return `[${ruleId}](${ruleDocsUrl(ruleId)})`;
}

/** A uri's path segment as a person writes it in a relative path (`my%20prompt` → `my prompt`). */
export function decodeUriPart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
