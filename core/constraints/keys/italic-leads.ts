// `italicLeads`: each section begins with a statement in italics followed by more text (IFBench
// `format:thesis`: "Each section must begin with a thesis statement in italics, use HTML to indicate the
// italics"). Sections are the parts under Markdown headings when the completion has headings, else its
// paragraphs (blank-line separated). Italics are `<i>…</i>` / `<em>…</em>` (`markup: html`), `*…*` /
// `_…_` (`markup: markdown`) or either (the default); the italic text must not be blank, and the section
// must go on after it. Under `compat: ifbench`, IFBench's check: the first `<i>` (else `<em>`), the first
// closing `</i>` (else `</em>`) after it, something between and something after, measured with its
// fixed offsets (3 and 4 characters, so `<em>`/`</em>` leave a `>` that counts as text).
import type { Span } from '../../diagnostic';
import type { ConstraintModule } from '../module';
import { isRecord, unknownProperty, valueError } from '../module';
import { pyStrip } from '../ifeval/python';
import { allLines } from '../measure/lines';
import { proseLines } from '../measure/markdown';

type Markup = 'html' | 'markdown' | 'any';

const HEADING = /^\s{0,3}#{1,6}\s+\S/;
const LEADS: Record<Markup, RegExp> = {
  html: /^<(i|em)>(?<inner>[^]*?)<\/\1>/,
  markdown: /^(?:\*(?!\*)(?<star>[^*\n]*?)\*(?!\*)|_(?!_)(?<under>[^_\n]*?)_(?!_))/,
  any: /^(?:<(i|em)>(?<inner>[^]*?)<\/\1>|\*(?!\*)(?<star>[^*\n]*?)\*(?!\*)|_(?!_)(?<under>[^_\n]*?)_(?!_))/,
};

export const italicLeads: ConstraintModule<Markup> = {
  key: 'italicLeads',
  parse(value) {
    if (value === false) return undefined;
    if (value === true) return 'any';
    if (!isRecord(value)) return valueError('italicLeads', 'italicLeads: expected true or {markup: html | markdown | any}');
    const extra = unknownProperty(value, ['markup']);
    if (extra) return valueError('italicLeads', `italicLeads: unknown property "${extra}" (expected markup)`);
    const { markup = 'any' } = value;
    if (markup !== 'html' && markup !== 'markdown' && markup !== 'any')
      return valueError('italicLeads', 'italicLeads: markup must be html, markdown or any');
    return markup;
  },
  check(markup, completion, ctx) {
    if (ctx.compat === 'ifbench') return ifbenchCheck(completion);
    const sections = sectionsOf(completion);
    const bad = sections.filter((s) => !leadsWithItalics(s.text, markup));
    const required = 'each section starts with an italic statement followed by more text';
    if (sections.length === 0) return result(false, 'no sections', `no text; ${required}`, []);
    return result(
      bad.length === 0,
      bad.length === 0 ? `${sections.length} sections` : `${bad.length} of ${sections.length} sections`,
      bad.length === 0
        ? required
        : `${bad.length} of ${sections.length} sections do not start with an italic statement followed by text`,
      bad.map((s) => ({ offset: s.offset, length: firstLineLength(s.text) })),
    );
  },
};

function result(pass: boolean, measured: string, message: string, ranges: Span[]) {
  return {
    key: 'italicLeads',
    pass,
    measured,
    required: 'each section starts with an italic statement followed by more text',
    message,
    ranges,
  };
}

interface Section {
  offset: number;
  text: string;
}

/** The parts under headings (and any text before the first), else the blank-line paragraphs; each trimmed. */
function sectionsOf(text: string): Section[] {
  const lines = allLines(text);
  const prose = new Set(proseLines(text).map((l) => l.offset));
  const byHeading = lines.some((l) => prose.has(l.offset) && HEADING.test(l.text));
  const out: Section[] = [];
  let start = -1;
  let end = -1;
  const flush = (): void => {
    if (start >= 0) {
      const raw = text.slice(start, end);
      const lead = raw.length - raw.trimStart().length;
      if (raw.trim() !== '') out.push({ offset: start + lead, text: raw.trim() });
    }
    start = -1;
  };
  for (const line of lines) {
    const heading = byHeading && prose.has(line.offset) && HEADING.test(line.text);
    const blank = line.text.trim() === '';
    if (heading || (!byHeading && blank)) {
      flush();
      continue;
    }
    if (start < 0) {
      if (blank) continue;
      start = line.offset;
    }
    end = line.offset + line.text.length;
  }
  flush();
  return out;
}

function leadsWithItalics(section: string, markup: Markup): boolean {
  const m = LEADS[markup].exec(section);
  if (!m) return false;
  const inner = m.groups?.inner ?? m.groups?.star ?? m.groups?.under ?? '';
  return inner.trim() !== '' && section.slice(m[0].length).trim() !== '';
}

function firstLineLength(text: string): number {
  const nl = text.search(/\r|\n/);
  return nl < 0 ? text.length : nl;
}

/** IFBench's `ItalicsThesisChecker.check_following`, step for step. */
export function ifbenchThesis(value: string): boolean {
  let index = value.indexOf('<i>');
  if (index === -1) {
    index = value.indexOf('<em>');
    if (index === -1) return false;
  }
  const rest = value.slice(index);
  let end = rest.indexOf('</i>');
  if (end === -1) {
    end = rest.indexOf('</em>');
    if (end === -1) return false;
  }
  // Python's value[3:end_thesis]: an end before 3 gives an empty slice.
  const thesis = end > 3 ? rest.slice(3, end) : '';
  if (pyStrip(thesis) === '') return false;
  return pyStrip(rest.slice(end + 4)) !== '';
}

function ifbenchCheck(completion: string) {
  const pass = ifbenchThesis(completion);
  return result(
    pass,
    pass ? 'an italic thesis' : 'no italic thesis followed by text',
    pass ? 'an HTML-italic statement followed by text' : 'no <i>…</i> or <em>…</em> statement followed by text',
    [],
  );
}
