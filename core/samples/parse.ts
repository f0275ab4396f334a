// Reads one sample file into completions: `.txt`/`.md`/`.json` are one completion each, `.jsonl` one per non-empty line.
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Span } from '../diagnostic';
import type { SampleCompletion } from './types';
import { MAX_JSON_DEPTH } from '../constraints/measure/json';
import { jsonDepthOver } from '../schema/sources';

/** Bigger sample files are reported, not read: a sample is a completion, and 5 MB is far past any output limit. */
export const MAX_SAMPLE_FILE_CHARS = 5 * 1024 * 1024;
/** Samples checked per prompt; the rest are skipped (and the summary says so). */
export const MAX_SAMPLES_PER_PROMPT = 1000;
/** The object fields a `.jsonl` line may carry its completion in, in order of preference. */
export const JSONL_FIELDS: readonly string[] = ['response', 'completion', 'output'];

export interface SampleFileProblem {
  message: string;
  span: Span;
}

export interface ParsedSampleFile {
  completions: SampleCompletion[];
  problems: SampleFileProblem[];
}

/**
 * `jsonl` forces JSON Lines whatever the name (`validate --jsonl`); by default the extension decides. `firstLine` is the
 * 0-based line number of `text`'s first line in a longer input (`validate` streams its input a line at a time).
 */
export function parseSampleFile(
  uri: string,
  text: string,
  options: { jsonl?: boolean; firstLine?: number } = {},
): ParsedSampleFile {
  if (text.length > MAX_SAMPLE_FILE_CHARS) {
    return {
      completions: [],
      problems: [{ message: 'sample file larger than 5 MB; not checked', span: { offset: 0, length: 0 } }],
    };
  }
  if (!(options.jsonl ?? uri.toLowerCase().endsWith('.jsonl'))) {
    return { completions: [{ uri, text, span: { offset: 0, length: text.length }, verbatim: true, index: 0 }], problems: [] };
  }
  return parseJsonLines(uri, text, options.firstLine ?? 0);
}

/** Each non-empty line: a JSON string, or an object with a string `response`, `completion` or `output`. */
function parseJsonLines(uri: string, text: string, firstLine: number): ParsedSampleFile {
  const result: ParsedSampleFile = { completions: [], problems: [] };
  let start = 0;
  for (let index = firstLine; start <= text.length; index++) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(start, end).replace(/\r$/, '');
    if (line.trim() !== '') readLine(uri, line, start, index, result);
    if (newline < 0) break;
    start = newline + 1;
  }
  return result;
}

function readLine(uri: string, line: string, lineOffset: number, index: number, out: ParsedSampleFile): void {
  // jsonc-parser recurses per nesting level: a line of 5,000 `[` would overflow the stack.
  const deep = jsonDepthOver(line, MAX_JSON_DEPTH);
  if (deep !== undefined) {
    out.problems.push({
      message: `line ${index + 1}: nesting too deep (more than ${MAX_JSON_DEPTH} levels); not read`,
      span: { offset: lineOffset + deep, length: 1 },
    });
    return;
  }
  const errors: ParseError[] = [];
  const root = parseTree(line, errors, { allowTrailingComma: false, disallowComments: true });
  const first = errors[0];
  if (first || !root) {
    const message = first ? describeCode(printParseErrorCode(first.error)) : 'value expected';
    const at = first ? { offset: lineOffset + first.offset, length: first.length } : lineSpan(line, lineOffset);
    out.problems.push({ message: `line ${index + 1} is not valid JSON (${message})`, span: at });
    return;
  }
  const value = completionNode(root);
  if (!value) {
    out.problems.push({
      message: `line ${index + 1}: expected a JSON string or an object with a string "response", "completion" or "output"`,
      span: lineSpan(line, lineOffset),
    });
    return;
  }
  out.completions.push(stringCompletion(uri, line, lineOffset, value, index));
}

function completionNode(root: JsonNode): JsonNode | undefined {
  if (root.type === 'string') return root;
  if (root.type !== 'object') return undefined;
  for (const field of JSONL_FIELDS) {
    const property = root.children?.find((p) => p.children?.[0]?.value === field);
    const value = property?.children?.[1];
    if (value?.type === 'string') return value;
  }
  return undefined;
}

/** Without escapes the decoded string is the literal's inside, so offsets map one to one; with escapes the whole literal is the span. */
function stringCompletion(uri: string, line: string, lineOffset: number, node: JsonNode, index: number): SampleCompletion {
  const text = node.value as string;
  const inner = line.slice(node.offset + 1, node.offset + node.length - 1);
  const verbatim = inner === text;
  const span = verbatim
    ? { offset: lineOffset + node.offset + 1, length: inner.length }
    : { offset: lineOffset + node.offset, length: node.length };
  return { uri, text, span, verbatim, index };
}

function lineSpan(line: string, lineOffset: number): Span {
  const lead = line.length - line.trimStart().length;
  return { offset: lineOffset + lead, length: line.trim().length };
}

function describeCode(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
