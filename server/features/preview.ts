// The rendered preview (promptbound/preview): the prompt's messages with a chosen set of example variables
// substituted (Prompty `sample`, Dotprompt `input.default`, a GitHub Models `testData` row), each counted with
// the prompt's tokenizer. Rendering is ./render.ts: substitution and documented helpers only, no code is run.
import { isMap, isSeq } from 'yaml';
import { findKey, mapEntries, scalarValue } from '../../core/document';
import type { PromptDocument } from '../../core/document/types';
import { isRecord } from '../../core/plain-data';
import { resolveRelative, type FileAccess } from '../../core/files';
import type { CounterSource } from '../../core/tokens/types';
import type { PreviewResult, VariableSetInfo } from '../protocol';
import type { DocumentSnapshot } from '../snapshot';
import { TEMPLATE_LANGUAGE } from './folding';
import { renderTemplate } from './render';
import { partialFile, partials } from './links';

/** A sample file larger than this is not read for the preview. */
const MAX_SAMPLE_FILE = 1_000_000;
/** Distinct partials read for one preview. */
const MAX_PARTIALS = 32;

interface VariableSet extends VariableSetInfo {
  values: Record<string, unknown>;
}

export async function renderPreview(
  snapshot: DocumentSnapshot,
  choice: number | undefined,
  tokenizers: CounterSource,
  files: FileAccess,
): Promise<PreviewResult> {
  const { document, stats } = snapshot.result;
  const sets = await variableSets(document, files);
  const chosen = sets.length === 0 ? -1 : Math.min(Math.max(0, Math.floor(choice ?? 0)), sets.length - 1);
  const values = chosen >= 0 ? sets[chosen].values : {};
  const counter = await tokenizers.counterFor({
    encoding: stats.encoding,
    factors: stats.model.found ? stats.model.model.entry.factors : undefined,
  });
  const language = TEMPLATE_LANGUAGE[document.format] ?? 'mustache';
  const partialTexts = document.format === 'dotprompt' ? await partialSources(document, files) : {};
  const missing = new Set<string>();
  const unevaluated = new Set<string>();
  let truncated = false;
  let approximate = stats.approximate;
  const messages = document.messages
    .map((message) => {
      // The template as written: partial text the engine inserted for counting is rendered from `partialTexts` instead.
      const source = message.pieces
        .filter((p) => p.partial === undefined)
        .map((p) => p.text)
        .join('');
      const rendered = renderTemplate(source, language, values, partialTexts);
      rendered.missing.forEach((m) => missing.add(m));
      rendered.unevaluated.forEach((u) => unevaluated.add(u));
      truncated ||= rendered.truncated;
      const segments = trimSegments(rendered.segments);
      const counted = counter.count(segments.map((s) => s.text).join(''));
      approximate ||= counted.approximate;
      return { role: message.role, segments, tokens: counted.tokens };
    })
    .filter((m, _, all) => m.segments.length > 0 || all.length === 1);
  const tokens = messages.reduce((sum, m) => sum + m.tokens, 0);
  return {
    uri: snapshot.textDocument.uri,
    version: snapshot.textDocument.version,
    model: stats.model.found ? stats.model.model.entry.id : stats.model.requested,
    approximate,
    chat: document.chat,
    sets: sets.map(({ label, source }) => ({ label, source })),
    chosen,
    messages,
    overhead: stats.overhead,
    total: tokens + stats.overhead,
    missing: [...missing],
    unevaluated: [...unevaluated],
    truncated,
  };
}

/** The text of every partial the body names and the workspace holds (partials of partials are looked up too). */
async function partialSources(document: PromptDocument, files: FileAccess): Promise<Record<string, string>> {
  const texts: Record<string, string> = {};
  const queue = partials(document.text, document.body).map((p) => p.text);
  while (queue.length > 0 && Object.keys(texts).length < MAX_PARTIALS) {
    const name = queue.shift()!;
    if (name in texts) continue;
    const uri = await partialFile(document.uri, name, files);
    const text = uri === undefined ? undefined : await files.readText(uri);
    if (text === undefined || text.length > MAX_SAMPLE_FILE) continue;
    texts[name] = text;
    queue.push(...partials(text, { offset: 0, length: text.length }).map((p) => p.text));
  }
  return texts;
}

/** The runtime sends a message's content without its surrounding blank lines (the text after a role marker's newline). */
function trimSegments(segments: PreviewResult['messages'][number]['segments']): PreviewResult['messages'][number]['segments'] {
  const out = segments.map((s) => ({ ...s }));
  while (out.length > 0 && out[0].kind === 'text' && out[0].text.trim() === '') out.shift();
  while (out.length > 0 && out[out.length - 1].kind === 'text' && out[out.length - 1].text.trim() === '') out.pop();
  if (out[0]?.kind === 'text') out[0].text = out[0].text.replace(/^\s*\n/, '');
  const last = out[out.length - 1];
  if (last?.kind === 'text') last.text = last.text.replace(/\s+$/, '');
  return out;
}

/** The example inputs a prompt's own format declares, in file order. */
export async function variableSets(document: PromptDocument, files: FileAccess): Promise<VariableSet[]> {
  const frontmatter = document.frontmatter;
  const value = document.frontmatter?.value;
  if (!frontmatter || !value) return [];
  const sets: VariableSet[] = [];
  if (document.format === 'prompty') {
    const sample = await promptySample(document, value.sample, files);
    if (sample) sets.push({ label: 'sample', source: 'sample', values: sample });
    const defaults = promptyInputDefaults(value.inputs);
    if (Object.keys(defaults).length > 0) sets.push({ label: 'inputs (defaults)', source: 'inputs', values: defaults });
  } else if (document.format === 'dotprompt') {
    const defaults = asRecord((value.input as Record<string, unknown> | undefined)?.default);
    if (defaults) sets.push({ label: 'input.default', source: 'input.default', values: defaults });
  } else if (document.format === 'github-models') {
    const rows = findKey(frontmatter, ['testData'])?.value;
    if (isSeq(rows)) {
      rows.items.forEach((row, i) => {
        const values = Object.fromEntries(
          mapEntries(frontmatter, row).map((e) => [
            e.key,
            isMap(e.value) || isSeq(e.value) ? e.value.toJSON() : scalarValue(frontmatter, e.value),
          ]),
        );
        const first = Object.values(values).find((v) => typeof v === 'string') as string | undefined;
        sets.push({
          label: `testData[${i}]${first ? `: ${first.replace(/\s+/g, ' ').slice(0, 40)}` : ''}`,
          source: 'testData',
          values,
        });
      });
    }
  }
  return sets;
}

/** Prompty's `sample:` is a mapping, or `${file:sample.json}` naming a JSON file beside the prompt. */
async function promptySample(
  document: PromptDocument,
  sample: unknown,
  files: FileAccess,
): Promise<Record<string, unknown> | undefined> {
  const inline = asRecord(sample);
  if (inline) return inline;
  const file = typeof sample === 'string' ? /^\s*\$\{file:([^}]+)\}\s*$/.exec(sample)?.[1]?.trim() : undefined;
  if (!file) return undefined;
  const text = await files.readText(resolveRelative(document.uri, file));
  if (text === undefined || text.length > MAX_SAMPLE_FILE) return undefined;
  try {
    return asRecord(JSON.parse(text));
  } catch {
    return undefined;
  }
}

/** Prompty inputs with a `default` or `sample` (mapping form, or Prompty 2's list of `{name, default}`). */
function promptyInputDefaults(inputs: unknown): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  const take = (name: unknown, spec: unknown) => {
    const record = asRecord(spec);
    if (typeof name !== 'string' || !record) return;
    if (record.sample !== undefined) values[name] = record.sample;
    else if (record.default !== undefined) values[name] = record.default;
  };
  if (Array.isArray(inputs)) for (const item of inputs) take(asRecord(item)?.name, item);
  else for (const [name, spec] of Object.entries(asRecord(inputs) ?? {})) take(name, spec);
  return values;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return isRecord(value) ? value : undefined;
}
