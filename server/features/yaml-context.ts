// Where the cursor is in a frontmatter's YAML, read from the lines themselves so that half-typed, broken YAML
// (the normal state while typing) still answers: the key path of the enclosing mappings, and key or value position.
import type { Span } from '../../core/diagnostic';
import type { PathSegment } from './frontmatter-schema';

export interface YamlCursor {
  /** Keys (and `0` for a sequence item) of the mappings enclosing the cursor's line. */
  path: PathSegment[];
  /** `key`: typing a key (`prefix` is what is typed so far); `value`: after `key:` on the line. */
  position: 'key' | 'value';
  /** The key of the line, in value position. */
  key?: string;
  /** The text being completed, from its start to the cursor; `replace` covers it (and the rest of the word). */
  prefix: string;
  replace: Span;
  /** Column of the line's key: a nested mapping under it is indented past this. */
  column: number;
  /** Keys already present in the same mapping (above and below the cursor's line). */
  siblings: Set<string>;
  /** `' '` when the cursor sits right after `key:` or `-` (completion triggered by that character): YAML needs the space. */
  lead: string;
}

interface LineInfo {
  start: number;
  end: number;
  /** Column of a leading `- `, when the line starts a sequence item. */
  dash?: number;
  /** Column where the content (after indentation and `- `) starts. */
  column: number;
  content: string;
  /** The key when the content is `key:` or `key: value`. */
  key?: string;
  /** True when the key has nothing after its colon but a comment: a nested block follows. */
  opensBlock: boolean;
  blank: boolean;
}

const KEY = /^("[^"]*"|'[^']*'|[^\s#:"'{}[\],&*!|>%@`][^:#]*?)\s*:(?:\s|$)/;

function lineInfo(text: string, start: number, end: number): LineInfo {
  const line = text.slice(start, end);
  let at = 0;
  while (at < line.length && line[at] === ' ') at++;
  let dash: number | undefined;
  if (line[at] === '-' && (line[at + 1] === ' ' || at + 1 === line.length)) {
    dash = at;
    at++;
    while (at < line.length && line[at] === ' ') at++;
  }
  const content = line.slice(at);
  const blank = content.trim() === '' || content.trimStart().startsWith('#');
  const match = KEY.exec(content);
  const key = match ? unquote(match[1]) : undefined;
  const rest = match ? content.slice(match[0].length).trim() : '';
  return {
    start,
    end,
    dash,
    column: at,
    content,
    key,
    opensBlock: key !== undefined && (rest === '' || rest.startsWith('#')),
    blank: blank && dash === undefined,
  };
}

function unquote(key: string): string {
  return /^(["']).*\1$/.test(key) ? key.slice(1, -1) : key.trim();
}

/** Line spans of `region` (the YAML source). */
function linesOf(text: string, region: Span): Array<{ start: number; end: number }> {
  const lines: Array<{ start: number; end: number }> = [];
  const stop = region.offset + region.length;
  let start = region.offset;
  while (start <= stop) {
    let end = text.indexOf('\n', start);
    if (end < 0 || end > stop) end = stop;
    lines.push({ start, end: text[end - 1] === '\r' ? end - 1 : end });
    if (end >= stop) break;
    start = end + 1;
  }
  return lines;
}

/** The cursor's YAML context at `offset`, or undefined outside `region`, in a comment, or in flow/multi-line syntax we do not read. */
export function yamlCursor(text: string, region: Span, offset: number): YamlCursor | undefined {
  const stop = region.offset + region.length;
  if (offset < region.offset || offset > stop) return undefined;
  // The region of a frontmatter ends where its closing fence starts: the cursor there is on the fence, not in the YAML.
  if (offset === stop && (text.startsWith('---', stop) || text.startsWith('...', stop))) return undefined;
  const lines = linesOf(text, region);
  const index = lines.findIndex((l) => offset >= l.start && offset <= l.end);
  if (index < 0) return undefined;
  const current = lineInfo(text, lines[index].start, lines[index].end);
  const before = text.slice(current.start, offset);
  if (/(^|\s)#/.test(before)) return undefined;
  const contentStart = current.start + current.column;
  if (offset < contentStart) {
    // Cursor in the indentation: a key at the cursor's column.
    if (text.slice(offset, current.end).trim() !== '') return undefined;
  }
  const typed = offset >= contentStart ? text.slice(contentStart, offset) : '';
  const column = offset >= contentStart ? current.column : offset - current.start;
  const isItem = current.dash !== undefined && offset >= contentStart;
  const scope = enclosing(text, lines, index, column, isItem ? current.dash : undefined);
  if (!scope) return undefined;
  const keyTyping = /^[A-Za-z_$][\w$-]*$|^$/.exec(typed);
  if (keyTyping) {
    const wordEnd = wordEndAt(text, offset, current.end);
    if (text.slice(wordEnd, current.end).trim() !== '' && !/^\s*:/.test(text.slice(wordEnd, current.end))) return undefined;
    const start = offset - typed.length;
    const lead = isItem && text[start - 1] === '-' ? ' ' : '';
    return {
      path: scope.path,
      position: 'key',
      prefix: typed,
      replace: { offset: start, length: wordEnd - start },
      column: column + lead.length,
      siblings: scope.siblings,
      lead,
    };
  }
  if (current.key === undefined) return undefined;
  const colon = typed.indexOf(':');
  if (colon < 0) return undefined;
  const valueText = typed.slice(colon + 1);
  const valueStart = contentStart + colon + 1 + (valueText.length - valueText.trimStart().length);
  const prefix = text.slice(valueStart, offset);
  if (/^[{[|>&*!]/.test(prefix)) return undefined; // flow collections, block scalars, anchors: not completed
  const valueEnd = lineValueEnd(text, offset, current.end);
  return {
    path: scope.path,
    position: 'value',
    key: current.key,
    prefix: prefix.replace(/^["']/, ''),
    replace: { offset: valueStart, length: Math.max(valueEnd, offset) - valueStart },
    column,
    siblings: scope.siblings,
    lead: text[valueStart - 1] === ':' ? ' ' : '',
  };
}

function wordEndAt(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && /[\w$-]/.test(text[at])) at++;
  return at;
}

/** The end of the value written on the line: up to a ` #` comment, trailing spaces dropped. */
function lineValueEnd(text: string, from: number, end: number): number {
  const rest = text.slice(from, end);
  const comment = rest.search(/\s#/);
  const value = comment < 0 ? rest : rest.slice(0, comment);
  return from + value.trimEnd().length;
}

/**
 * Walks up from line `index` to the lines that open the mappings around column `column`, collecting the path;
 * `itemDash` is set when the cursor's line itself starts a sequence item (`- wo|`).
 */
function enclosing(
  text: string,
  lines: ReadonlyArray<{ start: number; end: number }>,
  index: number,
  column: number,
  itemDash: number | undefined,
): { path: PathSegment[]; siblings: Set<string> } | undefined {
  const path: PathSegment[] = [];
  const siblings = new Set<string>();
  let need = column;
  let collecting = true;
  if (itemDash !== undefined) {
    path.unshift(0);
    need = itemDash;
    collecting = false;
  } else {
    collectBelow(text, lines, index, column, siblings);
  }
  for (let i = index - 1; i >= 0; i--) {
    const line = lineInfo(text, lines[i].start, lines[i].end);
    if (line.blank) continue;
    if (line.column === need && collecting) {
      if (line.key !== undefined) siblings.add(line.key);
      if (line.dash !== undefined) {
        // The first key of the same sequence item: the item is the next level up.
        path.unshift(0);
        need = line.dash;
        collecting = false;
      }
      continue;
    }
    if (line.dash !== undefined && line.dash === need) continue; // an earlier item of the same sequence
    if (line.column >= need && (line.dash === undefined || line.dash >= need)) continue; // deeper content of a sibling
    if (line.dash !== undefined && line.dash < need && line.column >= need) return undefined; // inside an item we are not in
    if (!line.opensBlock || line.key === undefined) return undefined; // a scalar cannot hold the cursor's key
    path.unshift(line.key);
    collecting = false;
    need = line.column;
    if (line.dash !== undefined) {
      path.unshift(0);
      need = line.dash;
    }
    if (need === 0) break;
  }
  return { path, siblings };
}

/** Keys at `column` below the cursor's line, until the mapping ends. */
function collectBelow(
  text: string,
  lines: ReadonlyArray<{ start: number; end: number }>,
  index: number,
  column: number,
  siblings: Set<string>,
): void {
  for (let i = index + 1; i < lines.length; i++) {
    const line = lineInfo(text, lines[i].start, lines[i].end);
    if (line.blank) continue;
    if (line.column < column || (line.dash !== undefined && line.dash < column)) return;
    if (line.column === column && line.key !== undefined && line.dash === undefined) siblings.add(line.key);
  }
}
