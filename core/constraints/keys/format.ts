// `format`: json parses as strict JSON (one surrounding fence allowed); markdown has no unclosed code fence;
// text has no Markdown structure (headings, list items, fences, emphasis, links).
import type { ConstraintResult } from '../types';
import type { ConstraintModule } from '../module';
import { valueError } from '../module';
import { jsonProblem, unfence } from '../measure/json';
import { bullets, hasUnclosedFence, highlights, proseLines, sections } from '../measure/markdown';
import { allLines } from '../measure/lines';

export type Format = 'json' | 'markdown' | 'text';

export const format: ConstraintModule<Format> = {
  key: 'format',
  parse: (value) =>
    value === 'json' || value === 'markdown' || value === 'text'
      ? value
      : valueError('format', 'format: expected json, markdown or text'),
  check: (want, completion) =>
    want === 'json' ? checkJson(completion) : want === 'markdown' ? checkMarkdown(completion) : checkText(completion),
};

function result(pass: boolean, measured: string, required: string, ranges: ConstraintResult['ranges'] = []): ConstraintResult {
  return { key: 'format', pass, measured, required, message: pass ? measured : `${measured}; ${required} required`, ranges };
}

function checkJson(completion: string): ConstraintResult {
  const body = unfence(completion);
  const problem = jsonProblem(body.text);
  if (!problem) return result(true, body.fenced ? 'JSON (in a code fence)' : 'JSON', 'JSON');
  const at = { offset: body.offset + problem.offset, length: Math.max(problem.length, 0) };
  return { ...result(false, `does not parse as JSON (${problem.message})`, 'JSON', [at]), data: { offset: at.offset } };
}

function checkMarkdown(completion: string): ConstraintResult {
  if (!hasUnclosedFence(completion)) return result(true, 'Markdown', 'Markdown');
  const prose = new Set(proseLines(completion).map((l) => l.offset));
  const opening = allLines(completion).find((l) => !prose.has(l.offset) && /^\s{0,3}(`{3,}|~{3,})/.test(l.text));
  return result(false, 'Markdown with an unclosed code fence', 'Markdown', opening ? [opening] : []);
}

const FENCE_LINE = /^\s{0,3}(`{3,}|~{3,})/;
const LINK = /\[[^\]\n]+\]\([^)\n]+\)/g;

function checkText(completion: string): ConstraintResult {
  const fences = allLines(completion).filter((l) => FENCE_LINE.test(l.text));
  const links = [...completion.matchAll(LINK)].map((m) => ({ offset: m.index, length: m[0].length }));
  const marks = [...sections(completion), ...bullets(completion), ...highlights(completion), ...fences, ...links];
  const ranges = marks.map(({ offset, length }) => ({ offset, length })).sort((a, b) => a.offset - b.offset);
  return result(
    ranges.length === 0,
    ranges.length === 0 ? 'plain text' : `Markdown syntax (${ranges.length} places)`,
    'plain text',
    ranges,
  );
}
