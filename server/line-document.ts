// The server's open documents: the text and its line starts, kept up to date edit by edit, and found a window at a time.
import type { Position, Range, TextDocument, TextDocumentContentChangeEvent } from 'vscode-languageserver-textdocument';
import { lineOf, pushLineStarts } from '../core/positions';
import { lowerBound } from '../core/sorted';

const LF = 10;
const CR = 13;

/** Characters whose line starts are found between two yields (`findLines`): a few milliseconds. */
const LINE_WINDOW = 1 << 20;

/**
 * A TextDocument as vscode-languageserver-textdocument's, with the same positions for every offset and edit (the
 * tests compare the two after random edits), and two differences that matter on a 10 MB prompt:
 *
 * - its line starts can be found a window at a time with yields between (`findLines`); the library's are found
 *   on first use, all in one go (about 30 ms on 10 MB), and that first use was a hover;
 * - an edit next to a CR LF pair updates the line starts in place, where the library drops them all and finds
 *   them again on the next position asked for.
 *
 * An edit's cost is its own length, a binary search and moving the line starts after it (as the library's).
 * See docs/editor-performance.md ("Line starts").
 */
export class LineDocument implements TextDocument {
  private content: string;
  /** Offset of each line's first character (the first is 0); undefined until first needed. */
  private lines: number[] | undefined;
  /** Bumped by every change: a search of line starts in windows gives up when the text changed under it. */
  private generation = 0;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    content: string,
  ) {
    this.content = content;
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.lineStarts().length;
  }

  /** Whether the line starts are known (positions are then a binary search away). */
  get linesFound(): boolean {
    return this.lines !== undefined;
  }

  getText(range?: Range): string {
    if (range === undefined) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  /**
   * Finds the line starts (when not yet known) `LINE_WINDOW` characters at a time, awaiting `pause` between
   * windows. Gives up, leaving them unknown, when the text changes meanwhile (they are then found on first use).
   */
  async findLines(pause: () => Promise<void>): Promise<void> {
    if (this.lines !== undefined) return;
    const generation = this.generation;
    const text = this.content;
    const starts = [0];
    for (let from = 0; from < text.length; from += LINE_WINDOW) {
      if (from > 0) {
        await pause();
        if (this.generation !== generation || this.lines !== undefined) return;
      }
      pushLineStarts(text, from, Math.min(text.length, from + LINE_WINDOW), starts);
    }
    this.lines = starts;
  }

  update(changes: readonly TextDocumentContentChangeEvent[], version: number): void {
    for (const change of changes) {
      this.generation++;
      if ('range' in change && change.range !== undefined) this.replace(change.range, change.text);
      else {
        this.content = change.text;
        this.lines = undefined;
      }
    }
    this.currentVersion = version;
  }

  positionAt(offset: number): Position {
    const at = Math.max(Math.min(offset, this.content.length), 0);
    const lines = this.lineStarts();
    const line = lineOf(lines, at);
    return { line, character: this.beforeEol(at, lines[line]) - lines[line] };
  }

  offsetAt(position: Position): number {
    const lines = this.lineStarts();
    if (position.line >= lines.length) return this.content.length;
    if (position.line < 0) return 0;
    const start = lines[position.line];
    if (position.character <= 0) return start;
    const next = position.line + 1 < lines.length ? lines[position.line + 1] : this.content.length;
    return this.beforeEol(Math.min(start + position.character, next), start);
  }

  getLineRange(line: number): Range {
    const lines = this.lineStarts();
    if (line >= lines.length) {
      const last = lines.length - 1;
      return { start: { line: last, character: 0 }, end: { line: last, character: this.content.length - lines[last] } };
    }
    if (line < 0) return { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    const start = lines[line];
    const next = line + 1 < lines.length ? lines[line + 1] : this.content.length;
    return { start: { line, character: 0 }, end: { line, character: this.beforeEol(next, start) - start } };
  }

  getEOLCharacters(line: number): string {
    const lines = this.lineStarts();
    if (line < 0 || line >= lines.length) return '';
    const next = line + 1 < lines.length ? lines[line + 1] : this.content.length;
    return this.content.substring(this.beforeEol(next, lines[line]), next);
  }

  private lineStarts(): number[] {
    if (this.lines === undefined) {
      const starts = [0];
      pushLineStarts(this.content, 0, this.content.length, starts);
      this.lines = starts;
    }
    return this.lines;
  }

  /** `offset` moved back over the line break it is inside or after, but not before the line's start. */
  private beforeEol(offset: number, lineStart: number): number {
    let at = offset;
    while (at > lineStart) {
      const c = this.content.charCodeAt(at - 1);
      if (c !== LF && c !== CR) break;
      at--;
    }
    return at;
  }

  private replace(range: Range, text: string): void {
    // As the library: a range whose end comes before its start is read the other way round.
    const backwards =
      range.start.line > range.end.line || (range.start.line === range.end.line && range.start.character > range.end.character);
    const from = this.offsetAt(backwards ? range.end : range.start);
    const to = this.offsetAt(backwards ? range.start : range.end);
    const old = this.content;
    this.content = old.substring(0, from) + text + old.substring(to);
    const lines = this.lines!; // offsetAt found them
    // A line starts after LF, and after a CR not followed by LF: whether `p` starts a line depends on the
    // characters at p-1 and p. The edit changed characters [from, to) into [from, end): the starts it can move
    // are those in [from, to] before and [from, end] after; the ones before stay and the ones after shift.
    // (Offset 0 always starts the first line.)
    const end = from + text.length;
    const low = Math.max(from, 1);
    const first = lowerBound(lines, low);
    const after = lowerBound(lines, to + 1);
    const found: number[] = [];
    pushLineStarts(this.content, low - 1, end, found);
    const shift = end - to;
    const tail = lines.length - after;
    if (found.length === after - first) {
      for (let i = 0; i < found.length; i++) lines[first + i] = found[i];
    } else if (found.length < 10_000) {
      lines.splice(first, after - first, ...found);
    } else {
      this.lines = lines.slice(0, first).concat(found, lines.slice(after));
    }
    if (shift !== 0) {
      const updated = this.lines!;
      for (let i = updated.length - tail; i < updated.length; i++) updated[i] += shift;
    }
  }
}

/** The configuration `TextDocuments` takes: its documents are LineDocuments. */
export const lineDocuments = {
  create: (uri: string, languageId: string, version: number, content: string): LineDocument =>
    new LineDocument(uri, languageId, version, content),
  update: (document: LineDocument, changes: TextDocumentContentChangeEvent[], version: number): LineDocument => {
    document.update(changes, version);
    return document;
  },
};
