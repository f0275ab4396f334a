// `csv`: the completion is CSV data with the given column names, a number of data rows, every row as wide
// as the header, and optionally quoted fields (IFBench `custom:csv_city`, `custom:csv_special_character`,
// `custom:csv_quotes`). Records are read as Python's `csv.reader` reads them (measure/csv.ts). Our
// definition takes the inside of one surrounding code fence, compares header names trimmed, ignores blank
// lines, and with `quoted: all` wants every field (header included) written in double quotes; with
// `quoted: special`, some field holding a character other than a letter, digit or space written in them.
// Under `compat: ifbench`, IFBench's reading: blank lines are rows; without `quoted`, the header row must
// equal the names exactly; with `quoted`, the first line (trimmed) must be the names, each optionally
// quoted, separated by the delimiter and spaces (and tabs after a comma), and every `"` is tripled before
// reading so that quotes stay in the fields; `special` wants, before the first short or long row, a field
// matching `".*[^\d\w\s].*"` at its start; `all` wants every field of every row (header included) to start
// and end with `"` once trimmed.
import type { ConstraintModule } from '../module';
import { countFor, isRecord, isValueError, unknownProperty, valueError } from '../module';
import { inRange, type CountRange } from '../count';
import type { ConstraintResult } from '../types';
import { readCsv, type CsvRecord } from '../measure/csv';
import { pyStrip, PY_SPACE, PY_WORD, PY_DIGIT } from '../ifeval/python';

type Quoted = 'all' | 'special';

interface Csv {
  header: string[];
  rows?: CountRange;
  delimiter: string;
  quoted?: Quoted;
}

const FENCED = /^\s*(`{3,}|~{3,})[^\n]*\n([^]*?)\n[ \t]*\1[ \t]*\s*$/;
const SPECIAL_OWN = /[^\p{L}\p{N}\s]/u;
const IFBENCH_PLAIN = new RegExp(`^(?:${PY_DIGIT}|${PY_WORD}|${PY_SPACE})$`, 'u');

/**
 * `re.match(r'".*[^\d\w\s].*"', field)`: the field opens with `"`, and within its first line a character other
 * than a digit, word character or space is followed later by another `"` (a scan; the regex is quadratic).
 */
export function ifbenchSpecialField(field: string): boolean {
  if (field[0] !== '"') return false;
  const nl = field.indexOf('\n');
  const line = Array.from(nl < 0 ? field : field.slice(0, nl));
  const special = line.findIndex((ch, i) => i > 0 && !IFBENCH_PLAIN.test(ch));
  return special > 0 && line.lastIndexOf('"') > special;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export const csv: ConstraintModule<Csv> = {
  key: 'csv',
  parse(value) {
    if (!isRecord(value)) return valueError('csv', 'csv: expected {header, rows, delimiter, quoted}');
    const extra = unknownProperty(value, ['header', 'rows', 'delimiter', 'quoted']);
    if (extra) return valueError('csv', `csv: unknown property "${extra}" (expected header, rows, delimiter, quoted)`);
    const { header, delimiter = ',', quoted } = value;
    if (!Array.isArray(header) || header.length === 0 || !header.every((h) => typeof h === 'string'))
      return valueError('csv', 'csv: header must be a non-empty list of column names');
    if (
      typeof delimiter !== 'string' ||
      [...delimiter].length !== 1 ||
      delimiter === '"' ||
      delimiter === '\n' ||
      delimiter === '\r'
    )
      return valueError('csv', 'csv: delimiter must be one character other than a quote or a line break');
    if (quoted !== undefined && quoted !== 'all' && quoted !== 'special')
      return valueError('csv', 'csv: quoted must be all or special');
    const out: Csv = { header: header as string[], delimiter };
    if (quoted) out.quoted = quoted;
    if (value.rows !== undefined) {
      const rows = countFor('csv', value.rows);
      if (isValueError(rows)) return rows;
      out.rows = rows;
    }
    return out;
  },
  check(c, completion, ctx) {
    return ctx.compat === 'ifbench' ? ifbenchCheck(c, completion) : ownCheck(c, completion);
  },
};

function fail(measured: string, message: string): ConstraintResult {
  return { key: 'csv', pass: false, measured, required: 'CSV data as declared', message, ranges: [] };
}

function pass(rows: number): ConstraintResult {
  return {
    key: 'csv',
    pass: true,
    measured: `${rows} rows`,
    required: 'CSV data as declared',
    message: `CSV with ${rows} data rows as declared`,
    ranges: [],
  };
}

function ownCheck(c: Csv, completion: string): ConstraintResult {
  const fenced = FENCED.exec(completion);
  const read = readCsv(fenced ? fenced[2]! : completion.trim(), c.delimiter);
  if (!read.ok) return fail('not CSV', `line ${read.line} is not CSV: ${read.error}`);
  const records = read.records.filter((r) => r.length > 0);
  const [head, ...rows] = records;
  if (!head || head.length !== c.header.length || head.some((f, i) => f.text.trim() !== c.header[i]))
    return fail('another header', `the header is not ${c.header.join(c.delimiter)}`);
  if (c.rows && !inRange(rows.length, c.rows))
    return fail(`${rows.length} rows`, `${rows.length} data rows; ${c.rows.label} required`);
  const short = rows.findIndex((r) => r.length !== c.header.length);
  if (short >= 0)
    return fail(
      `row ${short + 1} has ${rows[short]!.length} fields`,
      `data row ${short + 1} has ${rows[short]!.length} fields; ${c.header.length} required`,
    );
  if (c.quoted === 'all') {
    const at = records.findIndex((r) => r.some((f) => !f.quoted));
    if (at >= 0) return fail('unquoted field', `${at === 0 ? 'the header' : `data row ${at}`} has a field not in double quotes`);
  }
  if (c.quoted === 'special' && !rows.some((r) => r.some((f) => f.quoted && SPECIAL_OWN.test(f.text))))
    return fail('no quoted special field', 'no field with a special character is written in double quotes');
  return pass(rows.length);
}

function headerLine(c: Csv): RegExp {
  const gap = c.delimiter === '\t' ? ' *' : c.delimiter === ' ' ? '\\t*' : '[ \\t]*';
  const names = c.header.map((h) => `(?:${escapeRegExp(h)}|"${escapeRegExp(h)}")`);
  return new RegExp(`^${names.join(`${escapeRegExp(c.delimiter)}${gap}`)}$`, 'u');
}

function ifbenchCheck(c: Csv, completion: string): ConstraintResult {
  if (c.quoted && !headerLine(c).test(pyStrip(completion.split('\n')[0]!)))
    return fail('another header', `the first line is not ${c.header.join(c.delimiter)}`);
  const read = readCsv(c.quoted ? completion.replaceAll('"', '"""') : completion, c.delimiter);
  // Python's csv module raises here, and IFBench's checker with it.
  if (!read.ok) return fail('not CSV', `line ${read.line} is not CSV: ${read.error}`);
  const data: CsvRecord[] = read.records;
  const rows = data.length - 1;
  if (rows < 0) return fail('no rows', 'no CSV rows');
  if (c.rows && !inRange(rows, c.rows))
    return fail(`${rows} rows`, `${data.length} rows, blank lines included; ${c.rows.label} data rows required`);
  const width = c.header.length;
  if (!c.quoted) {
    const head = data[0]!;
    if (head.length !== width || head.some((f, i) => f.text !== c.header[i]))
      return fail('another header', `the header row is not ${c.header.join(c.delimiter)}`);
    const short = data.findIndex((r, i) => i > 0 && r.length !== width);
    return short < 0
      ? pass(rows)
      : fail(
          `row ${short + 1} has ${data[short]!.length} fields`,
          `row ${short + 1} has ${data[short]!.length} fields; ${width} required`,
        );
  }
  if (c.quoted === 'special') {
    for (let i = 1; i < data.length; i++) {
      const row = data[i]!;
      if (row.length !== width)
        return fail(`row ${i + 1} has ${row.length} fields`, `row ${i + 1} has ${row.length} fields; ${width} required`);
      if (row.some((f) => ifbenchSpecialField(f.text))) return pass(rows);
    }
    return fail('no quoted special field', 'no field with a special character is written in double quotes');
  }
  for (let i = 0; i < data.length; i++) {
    const row = data[i]!;
    if (row.length !== width)
      return fail(`row ${i + 1} has ${row.length} fields`, `row ${i + 1} has ${row.length} fields; ${width} required`);
    // An empty field makes IFBench's `field.strip()[0]` raise; it is a failure here.
    const bare = row.findIndex((f) => {
      const t = pyStrip(f.text);
      return t === '' || t[0] !== '"' || t[t.length - 1] !== '"';
    });
    if (bare >= 0) return fail('unquoted field', `row ${i + 1}, field ${bare + 1} is not in double quotes`);
  }
  return pass(rows);
}
