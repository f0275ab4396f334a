// The custom requests that compute something (count a text, validate a completion, the model table), over core.
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lookupModel, MODELS } from '../core/models';
import { checkSample, declaredConstraints, expectsJson, failedKeys } from '../core/samples/check';
import { completionRequirements, scopeOf } from '../core/samples/context';
import type { CounterSource } from '../core/tokens/types';
import type { CustomModel } from '../core/models/types';
import type { CountTextResult, ModelInfo, ValidateCompletionResult, WireRange } from './protocol';
import type { DocumentSnapshot } from './snapshot';
import type { PromptWorkspace } from './workspace';
import { rangeOf } from './convert';

/** Longest text CountText/ValidateCompletion accept; a clipboard can hold anything. */
export const MAX_REQUEST_TEXT = 10 * 1024 * 1024;

export async function countText(
  workspace: PromptWorkspace,
  tokenizers: CounterSource,
  uri: string,
  text: string,
): Promise<CountTextResult> {
  const snapshot = workspace.isPrompt(uri) ? await workspace.freshSnapshot(uri) : undefined;
  let modelId: string;
  let lookup;
  if (snapshot) {
    lookup = snapshot.result.stats.model;
    modelId = lookup.found ? lookup.model.entry.id : lookup.requested;
  } else {
    const { config } = await workspace.configFor(uri);
    modelId = config.modelOverride ?? config.model;
    lookup = lookupModel(modelId, config.models);
    if (lookup.found) modelId = lookup.model.entry.id;
  }
  const counter = await tokenizers.counterFor(
    lookup.found ? { encoding: lookup.model.entry.encoding, factors: lookup.model.entry.factors } : { encoding: 'o200k_base' },
  );
  const counted = counter.count(text.slice(0, MAX_REQUEST_TEXT));
  return { tokens: counted.tokens, approximate: counted.approximate || !lookup.found, model: modelId };
}

/** Checks `text` as a completion of the prompt `uri`, or of the prompt a sample file `uri` belongs to. */
export async function validateCompletion(
  workspace: PromptWorkspace,
  tokenizers: CounterSource,
  uri: string,
  text: string,
): Promise<ValidateCompletionResult> {
  const prompt = workspace.isPrompt(uri) ? await workspace.freshSnapshot(uri) : (await workspace.freshPromptsOfSample(uri))[0];
  if (!prompt)
    return { pass: false, results: [], schema: [], problem: 'This file is not a prompt and no prompt checks it as a sample.' };
  return validateAgainst(prompt, workspace, tokenizers, text.slice(0, MAX_REQUEST_TEXT));
}

async function validateAgainst(
  prompt: DocumentSnapshot,
  workspace: PromptWorkspace,
  tokenizers: CounterSource,
  text: string,
): Promise<ValidateCompletionResult> {
  const { document, stats } = prompt.result;
  const promptUri = prompt.textDocument.uri;
  if (Object.keys(declaredConstraints(document)).length === 0 && !expectsJson(document)) {
    return {
      prompt: undefined,
      pass: false,
      results: [],
      schema: [],
      problem: `${document.uri} declares no constraints and no output schema.`,
    };
  }
  const { requirements, schemaProblems } = await completionRequirements(document, stats, {
    files: workspace.files,
    tokenizers,
    scope: scopeOf(prompt.config),
  });
  const broken = schemaProblems.filter((p) => p.severity === 'error');
  const textDocument = TextDocument.create('completion', 'plaintext', 0, text);
  const range = (span: { offset: number; length: number }): WireRange => rangeOf(textDocument, span);
  const report = checkSample(
    { uri: 'completion', text, span: { offset: 0, length: text.length }, verbatim: true, index: 0 },
    requirements,
  );
  const result: ValidateCompletionResult = {
    prompt: promptUri,
    pass: failedKeys(report).length === 0,
    results: report.results.map(({ key, pass, message, measured, required }) => ({ key, pass, message, measured, required })),
    schema: report.schemaFailures.map((f) => ({ message: f.message, pointer: f.pointer, range: range(f.span) })),
  };
  if (report.notJson) result.notJson = { message: report.notJson.message, range: range(report.notJson.span) };
  if (broken.length > 0) result.problem = `The output schema cannot be used: ${broken.map((p) => p.message).join('; ')}`;
  return result;
}

/** Custom models of the document's settings and `.promptbound.yaml` first (they win a lookup), then the table. */
export function modelTable(custom: readonly CustomModel[] = []): ModelInfo[] {
  const customInfo: ModelInfo[] = custom.map((m) => ({
    id: m.id,
    context: m.context,
    output: typeof m.output === 'number' ? m.output : (m.output?.default ?? 0),
    encoding: m.encoding,
    tokenizer: m.tokenizer ?? 'exact',
    family: 'custom',
  }));
  const shadowed = new Set(customInfo.map((m) => m.id));
  return [...customInfo, ...builtInModels().filter((m) => !shadowed.has(m.id))];
}

function builtInModels(): ModelInfo[] {
  return MODELS.map((m) => ({
    id: m.id,
    context: m.context,
    output: m.output.default,
    encoding: m.encoding,
    tokenizer: m.tokenizer,
    family: m.provider,
  }));
}
