// Parses a prompt file of any supported format into a PromptDocument with exact UTF-16 spans (docs/design/interop.md).
import type { Span } from '../diagnostic';
import type { Annotation, PromptDocument, PromptFormat } from './types';
import { readAnnotation } from './annotations';
import { buildMessages, dotpromptRoleMarkers, promptyRoleMarkers, type RoleMarker } from './body';
import { parseYamlBlock, splitFrontmatter, type FrontmatterSplit, type FrontmatterStyle } from './frontmatter';
import { githubModelsContent } from './github-models';
import { readInterop } from './interop';
import { attachBudgets, buildSectionSteps, type CandidateLines } from './sections';
import {
  mergeComments,
  scanHtmlComments,
  scanTemplate,
  spanEnd,
  type OpenerSearch,
  type TemplateLanguage,
  type TemplateScan,
} from './template';
import { copilotInputs, templateVariables } from './variables';
import { outsideMarkdownCodeSteps } from './markdown-code';
import { templateSyntax } from './syntax';
import { PROMPT_FILE_KINDS, promptExtensionOf } from '../formats';

export type * from './types';
export { nodeSpan, findKey, entriesAt, mapEntries, scalarValue } from './frontmatter';
export type { KeyLocation, KeyEntry } from './frontmatter';
export { locateInPiece } from './locate';

export interface ParseOptions {
  /** The runtime removes `<!-- … -->` before sending, so HTML comments are not counted. */
  stripHtmlComments?: boolean;
  /** Overrides detection by file name (e.g. a user glob that maps `*.txt` to a format). */
  format?: PromptFormat;
  /** The editor's index of heading and fence line candidates, kept between versions (core/analysis/session.ts). */
  candidateLines?: CandidateLines;
  /** Where template tags may start, kept between versions by the editor's session (see `scanTemplate`). */
  openers?: OpenerSearch;
  /** Splits the frontmatter off as `splitFrontmatter` does; the editor's session re-uses the last split when it still applies. */
  splitFrontmatter?: (text: string, style: FrontmatterStyle) => FrontmatterSplit;
}

/** The format a file name implies; anything unrecognised is a plain-text prompt (user globs such as `prompts/**\/*.txt`). */
export function detectFormat(uri: string): PromptFormat {
  const name = fileName(uri).toLowerCase();
  const extension = promptExtensionOf(name);
  const kind = PROMPT_FILE_KINDS.find((k) => k.extension === extension);
  if (kind) return kind.format;
  // Any Markdown file a user glob adds (`docs/**/*.md`) reads as a Markdown prompt.
  return name.endsWith('.md') ? 'markdown' : 'text';
}

/** The last path segment; a URI's query and fragment are dropped (a bare path keeps `#` and `?` as name characters). */
function fileName(uri: string): string {
  const isUri = /^[a-z][a-z0-9+.-]+:/i.test(uri);
  const path = isUri ? uri.replace(/[?#].*$/s, '') : uri;
  return path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
}

/** Never throws: every problem a user can cause is data in the result (YAML errors, invalid annotations). */
export function parseDocument(uri: string, text: string, options: ParseOptions = {}): PromptDocument {
  const format = options.format ?? detectFormat(uri);
  try {
    if (format === 'github-models') return parseGithubModels(uri, text);
    const steps = parseBody(uri, text, format, options);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
    }
  } catch {
    // Last line of defence for a bug of ours: the prompt is still counted, as one plain message.
    return wholeTextDocument(uri, text, format);
  }
}

/**
 * The same document as `parseDocument`, awaiting `checkpoint` between the steps of the parse and inside the ones
 * that walk every line, so a cold multi-megabyte prompt is parsed in slices (docs/editor-performance.md, "Never
 * blocking"). A checkpoint that rejects (the lint was overtaken) stops the parse with its error.
 */
export async function parseDocumentInSlices(
  uri: string,
  text: string,
  options: ParseOptions,
  checkpoint: () => Promise<void>,
): Promise<PromptDocument> {
  const format = options.format ?? detectFormat(uri);
  if (format === 'github-models') return parseDocument(uri, text, options);
  const steps = parseBody(uri, text, format, options);
  for (;;) {
    let step: IteratorResult<void, PromptDocument>;
    try {
      step = steps.next();
    } catch {
      return wholeTextDocument(uri, text, format);
    }
    if (step.done) return step.value;
    await checkpoint();
  }
}

const LANGUAGES: Record<Exclude<PromptFormat, 'github-models'>, TemplateLanguage> = {
  markdown: 'mustache',
  text: 'mustache',
  dotprompt: 'handlebars',
  prompty: 'jinja',
};

/** Parses a body format; yields between its steps (the caller may pause there), returns the document. */
function* parseBody(
  uri: string,
  text: string,
  format: Exclude<PromptFormat, 'github-models'>,
  options: ParseOptions,
): Generator<void, PromptDocument> {
  const { frontmatter, bodyStart } = (options.splitFrontmatter ?? splitFrontmatter)(
    text,
    format === 'dotprompt' ? 'dotprompt' : format === 'prompty' ? 'prompty' : 'strict',
  );
  const body: Span = { offset: bodyStart, length: text.length - bodyStart };
  const language =
    format === 'prompty' && promptyTemplateKind(frontmatter?.value) === 'mustache' ? 'mustache' : LANGUAGES[format];
  yield;
  const template = scanTemplate(text, body, { language, copilotInputs: format === 'markdown', openers: options.openers });
  yield;
  const html = scanHtmlComments(text, body, template.comments, !options.stripHtmlComments, options.openers);
  const comments = mergeComments(template.comments, html);
  const annotations = comments.flatMap((c): Annotation[] => {
    const annotation = readAnnotation(text, c);
    return annotation ? [annotation] : [];
  });
  const markers = roleMarkers(text, format, body, template);
  const excluded = [
    ...template.comments.map((c) => c.span),
    ...html.filter((c) => !c.sent).map((c) => c.span),
    ...markers.map((m) => m.excluded),
  ];
  const chat = format === 'dotprompt' || format === 'prompty';
  const messages = buildMessages(text, body, markers, excluded, { implicitRole: format === 'prompty' ? 'system' : 'user', chat });
  yield;
  const sections = yield* buildSectionSteps(text, {
    body,
    messages,
    comments,
    markerLines: new Set(markers.map((m) => m.excluded.offset)),
    candidateLines: options.candidateLines,
  });
  yield;
  yield* attachBudgets(text, sections, annotations, spanEnd(body));
  yield;
  const syntax = templateSyntax(text, body, template, language);
  // `{{…}}` in Markdown code (fenced or inline) is an example for the reader, not a variable; nor are the words
  // of a tag the engine cannot read.
  const readable = syntax.broken.size > 0 ? template.tags.filter((t) => !syntax.broken.has(t)) : template.tags;
  const variableTags =
    format === 'markdown' ? yield* outsideMarkdownCodeSteps(readable, text, body, options.candidateLines) : readable;
  yield;
  const found = templateVariables(text, variableTags, language);
  const inputs = format === 'markdown' ? copilotInputs(text, template.tags) : { uses: [], declared: [] };
  const variables = [...found.uses, ...inputs.uses].sort((a, b) => a.nameSpan.offset - b.nameSpan.offset);
  const interop = readInterop(text, format, frontmatter, [...found.declared, ...inputs.declared]);
  return {
    uri,
    text,
    format,
    frontmatter,
    body,
    chat,
    messages,
    sections,
    variables,
    comments,
    annotations,
    interop,
    templateProblems: syntax.problems,
    partials: syntax.partials,
  };
}

/** Prompty's `template: mustache`, `template: {format: mustache}` or `template: {format: {kind: mustache}}`; else Jinja-style. */
function promptyTemplateKind(value: Record<string, unknown> | undefined): string | undefined {
  let node: unknown = value?.template;
  for (const key of ['format', 'kind']) {
    if (node && typeof node === 'object' && !Array.isArray(node)) node = (node as Record<string, unknown>)[key];
  }
  return typeof node === 'string' ? node.toLowerCase() : undefined;
}

function roleMarkers(text: string, format: PromptFormat, body: Span, template: TemplateScan): RoleMarker[] {
  if (format === 'dotprompt') return dotpromptRoleMarkers(text, template.tags);
  if (format === 'prompty') return promptyRoleMarkers(text, body, template.comments);
  return [];
}

/** The whole file is YAML; messages come from `messages[].content`. A BOM is not part of the YAML. */
function parseGithubModels(uri: string, text: string): PromptDocument {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const whole: Span = { offset: start, length: text.length - start };
  const frontmatter = parseYamlBlock(text, whole, whole);
  const content = githubModelsContent(text, frontmatter);
  return {
    uri,
    text,
    format: 'github-models',
    frontmatter,
    body: { offset: text.length, length: 0 },
    chat: true,
    messages: content.messages,
    sections: content.sections,
    variables: content.variables,
    comments: [],
    annotations: [],
    interop: readInterop(text, 'github-models', frontmatter, content.declared),
    templateProblems: [],
    partials: [],
  };
}

function wholeTextDocument(uri: string, text: string, format: PromptFormat): PromptDocument {
  const body: Span = { offset: 0, length: text.length };
  return {
    uri,
    text,
    format,
    body,
    chat: false,
    messages: [{ role: 'user', span: body, pieces: text ? [{ text, span: body, verbatim: true }] : [] }],
    sections: [],
    variables: [],
    comments: [],
    annotations: [],
    interop: { declaredVariables: [] },
    templateProblems: [],
    partials: [],
  };
}
