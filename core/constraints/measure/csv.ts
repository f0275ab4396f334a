// CSV records as Python's `csv.reader` reads them (excel dialect: `"` quotes, doubled `""` inside quotes,
// no escape character, not strict), line by line as `io.StringIO` yields them; the `csv` key's reader. A
// blank line is an empty record; a `\r` inside an unquoted line, or a field longer than Python's default
// limit, is the error Python raises.

export interface CsvField {
  text: string;
  /** Whether the field opened with a quote. */
  quoted: boolean;
}

export type CsvRecord = CsvField[];

export type CsvRead = { ok: true; records: CsvRecord[] } | { ok: false; error: string; line: number };

const FIELD_LIMIT = 131072;

type State = 'startRecord' | 'startField' | 'inField' | 'inQuoted' | 'quoteInQuoted' | 'eatCrnl';

/** Python's lines of `io.StringIO(text)`: split after each `\n`, the newline kept. */
function stringIoLines(text: string): string[] {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\n') {
      lines.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) lines.push(text.slice(start));
  return lines;
}

export function readCsv(text: string, delimiter = ','): CsvRead {
  const records: CsvRecord[] = [];
  let fields: CsvRecord = [];
  let field = '';
  let fieldLen = 0;
  let quoted = false;
  let state: State = 'startRecord';
  const save = (): void => {
    fields.push({ text: field, quoted });
    field = '';
    fieldLen = 0;
    quoted = false;
  };
  const add = (c: string): boolean => {
    if (fieldLen >= FIELD_LIMIT) return false;
    field += c;
    fieldLen++;
    return true;
  };
  const lines = stringIoLines(text);
  for (let n = 0; n < lines.length; n++) {
    // Each code point, then the end of the line (EOL).
    for (const c of [...lines[n]!, undefined]) {
      const eol = c === undefined;
      const newline = c === '\n' || c === '\r';
      if (state === 'startRecord' && !eol) {
        if (newline) {
          state = 'eatCrnl';
          continue;
        }
        state = 'startField';
      }
      switch (state) {
        case 'startRecord':
          break;
        case 'startField':
          if (newline || eol) {
            save();
            state = eol ? 'startRecord' : 'eatCrnl';
          } else if (c === '"') {
            quoted = true;
            state = 'inQuoted';
          } else if (c === delimiter) {
            save();
          } else {
            if (!add(c!)) return { ok: false, error: `field larger than field limit (${FIELD_LIMIT})`, line: n + 1 };
            state = 'inField';
          }
          break;
        case 'inField':
          if (newline || eol) {
            save();
            state = eol ? 'startRecord' : 'eatCrnl';
          } else if (c === delimiter) {
            save();
            state = 'startField';
          } else if (!add(c!)) {
            return { ok: false, error: `field larger than field limit (${FIELD_LIMIT})`, line: n + 1 };
          }
          break;
        case 'inQuoted':
          if (eol) break;
          if (c === '"') state = 'quoteInQuoted';
          else if (!add(c!)) return { ok: false, error: `field larger than field limit (${FIELD_LIMIT})`, line: n + 1 };
          break;
        case 'quoteInQuoted':
          if (c === '"') {
            if (!add(c)) return { ok: false, error: `field larger than field limit (${FIELD_LIMIT})`, line: n + 1 };
            state = 'inQuoted';
          } else if (c === delimiter) {
            save();
            state = 'startField';
          } else if (newline || eol) {
            save();
            state = eol ? 'startRecord' : 'eatCrnl';
          } else {
            if (!add(c!)) return { ok: false, error: `field larger than field limit (${FIELD_LIMIT})`, line: n + 1 };
            state = 'inField';
          }
          break;
        case 'eatCrnl':
          if (newline) break;
          if (eol) state = 'startRecord';
          else return { ok: false, error: 'new-line character seen in unquoted field', line: n + 1 };
          break;
      }
      if (eol && state === 'startRecord') {
        records.push(fields);
        fields = [];
      }
    }
  }
  // End of input inside a record: Python keeps the field when it has text or a quote is still open.
  if (state !== 'startRecord' && (fieldLen !== 0 || state === 'inQuoted')) {
    save();
    records.push(fields);
  }
  return { ok: true, records };
}
