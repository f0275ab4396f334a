// Runs one fuzz input in-process through what `check`, `validate` and the language server's handlers run, and lists
// what went wrong: a throw, an internal-error diagnostic, a stack-trace-like message, or a read outside the root.
import picomatch from 'picomatch';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic as LspDiagnostic, Position } from 'vscode-languageserver';
import { countDocument, lintDocument, INTERNAL_ERROR_RULE, type EngineHost, type LintResult } from '../../core/engine';
import { defaultConfig, type ResolvedConfig } from '../../core/config/types';
import type { Diagnostic } from '../../core/diagnostic';
import type { FileAccess } from '../../core/files';
import { checkSample, declaredConstraints, expectsJson } from '../../core/samples/check';
import { completionRequirements } from '../../core/samples/context';
import { parseSampleFile } from '../../core/samples/parse';
import type { CounterSource } from '../../core/tokens/types';
import { DEFAULT_SETTINGS } from '../../server/protocol';
import type { DiagnosticData, DocumentSnapshot } from '../../server/snapshot';
import {
  provideCodeActions,
  provideCodeLenses,
  provideCompletion,
  provideHover,
  provideInlayHints,
  type CodeActionHost,
} from '../../server/features';
import { Gen, rng, seedOf, type FuzzInput } from './generate';

/** Messages that mean a bug reached the user: an engine error's own text instead of a diagnostic. */
const STACKY =
  /Maximum call stack|RangeError|TypeError|ReferenceError|is not a function|Cannot read propert|undefined is not|\bat .+:\d+:\d+/;

export interface InputOutcome {
  problems: string[];
}

/** An in-memory FileAccess like the Node one: globs never leave their base; reads outside the root are findings. */
function memoryFiles(files: Record<string, string>, root: string, outside: string[]): FileAccess {
  return {
    async readText(uri) {
      if (!uri.startsWith(`${root}/`)) outside.push(uri);
      return Object.hasOwn(files, uri) ? files[uri] : undefined;
    },
    async glob(base, patterns) {
      const usable = patterns.filter((p) => !p.startsWith('/') && !p.split('/').includes('..'));
      const matchers = usable.map((p) => picomatch(p));
      const prefix = `${base}/`;
      return Object.keys(files)
        .filter((uri) => uri.startsWith(prefix) && matchers.some((m) => m(uri.slice(prefix.length))))
        .sort();
    },
  };
}

function toLsp(textDocument: TextDocument, d: Diagnostic): LspDiagnostic {
  const data: DiagnosticData = { ruleId: d.ruleId, facts: d.data, fixes: d.fixes, version: textDocument.version };
  return {
    range: { start: textDocument.positionAt(d.offset), end: textDocument.positionAt(d.offset + d.length) },
    severity: d.severity === 'error' ? 1 : d.severity === 'warning' ? 2 : 3,
    code: d.ruleId,
    source: 'promptbound',
    message: d.message,
    data,
  };
}

function inspect(result: LintResult, where: string, problems: string[]): void {
  for (const d of result.diagnostics) {
    if (d.ruleId === INTERNAL_ERROR_RULE) problems.push(`${where}: ${d.message}`);
    else if (STACKY.test(d.message)) problems.push(`${where}: ${d.ruleId}: ${d.message.slice(0, 200)}`);
  }
}

function apply(text: string, offset: number, length: number, insert: string): string {
  const at = Math.min(offset, text.length);
  return text.slice(0, at) + insert + text.slice(Math.min(at + length, text.length));
}

export async function runInput(input: FuzzInput, tokenizers: CounterSource): Promise<InputOutcome> {
  const problems: string[] = [];
  const outside: string[] = [];
  const files = memoryFiles(input.files, input.root, outside);
  const host: EngineHost = { tokenizers, files };
  const config: ResolvedConfig = { ...defaultConfig(), root: input.root };
  const g = new Gen(rng(seedOf(input.index, 7)));
  const guard = async (where: string, work: () => Promise<void> | void) => {
    try {
      await work();
    } catch (error) {
      problems.push(`${where} threw: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
      if (process.env.PROMPTBOUND_FUZZ_STACKS) problems.push(error instanceof Error ? String(error.stack) : '');
    }
  };

  let text = input.files[input.prompt];
  let result: LintResult | undefined;
  await guard('check', async () => {
    result = await lintDocument({ uri: input.prompt, text, config }, host);
    inspect(result, 'check', problems);
  });

  await guard('validate', async () => {
    const { document, stats } = await countDocument({ uri: input.prompt, text, config }, host);
    if (Object.keys(declaredConstraints(document)).length === 0 && !expectsJson(document)) return;
    const { requirements, schemaProblems } = await completionRequirements(document, stats, {
      files,
      tokenizers,
      scope: { root: input.root, allowed: [] },
    });
    for (const p of schemaProblems) if (STACKY.test(p.message)) problems.push(`validate: schema: ${p.message.slice(0, 200)}`);
    for (const completion of input.completions) {
      const parsed = parseSampleFile('completion.jsonl', completion, { jsonl: g.chance(0.3) });
      for (const sample of parsed.completions) {
        const report = checkSample(sample, requirements);
        for (const r of report.results)
          if (STACKY.test(r.message)) problems.push(`validate: ${r.key}: ${r.message.slice(0, 200)}`);
      }
    }
  });

  await guard('lsp', async () => {
    if (!result) return;
    await handlers(input, result, config, text, g, files, problems);
  });

  for (const [k, step] of input.edits.entries()) {
    text = apply(text, step.offset, step.length, step.text);
    await guard(`edit ${k + 1}`, async () => {
      const edited = await lintDocument({ uri: input.prompt, text, config }, host);
      inspect(edited, `edit ${k + 1}`, problems);
      await handlers(input, edited, config, text, g, files, problems, k + 2);
    });
  }
  for (const uri of new Set(outside)) problems.push(`read outside the root: ${uri}`);
  return { problems };
}

/** hover and completion at a few positions, code lenses, inlay hints, and code actions on the prompt and its samples. */
async function handlers(
  input: FuzzInput,
  result: LintResult,
  config: ResolvedConfig,
  text: string,
  g: Gen,
  files: FileAccess,
  problems: string[],
  version = 1,
): Promise<void> {
  const textDocument = TextDocument.create(input.prompt, 'prompt', version, text);
  const snapshot: DocumentSnapshot = { textDocument, result, config, completion: result.completion };
  const positions: Position[] = [
    { line: 0, character: 0 },
    textDocument.positionAt(text.length),
    ...Array.from({ length: 2 }, () => textDocument.positionAt(g.int(0, text.length))),
  ];
  for (const position of positions) {
    provideHover(snapshot, position);
    provideCompletion(snapshot, position);
  }
  provideCodeLenses(snapshot, DEFAULT_SETTINGS);
  provideInlayHints(
    snapshot,
    { start: { line: 0, character: 0 }, end: textDocument.positionAt(text.length) },
    { ...DEFAULT_SETTINGS, sectionCounts: 'inlayHints' },
  );
  const host: CodeActionHost = {
    snapshotFor: (uri) => (uri === input.prompt ? snapshot : undefined),
    promptsOfSample: () => [snapshot],
  };
  const own = result.diagnostics.filter((d) => d.uri === undefined || d.uri === input.prompt).map((d) => toLsp(textDocument, d));
  const whole = { start: { line: 0, character: 0 }, end: textDocument.positionAt(text.length) };
  provideCodeActions(
    textDocument,
    snapshot,
    { textDocument: { uri: input.prompt }, range: whole, context: { diagnostics: own } },
    host,
  );
  for (const uri of new Set(
    result.diagnostics.map((d) => d.uri).filter((u): u is string => u !== undefined && u !== input.prompt),
  )) {
    const sampleText = (await files.readText(uri)) ?? '';
    const sampleDoc = TextDocument.create(uri, 'json', 1, sampleText);
    const diagnostics = result.diagnostics.filter((d) => d.uri === uri).map((d) => toLsp(sampleDoc, d));
    const range = diagnostics[0]?.range ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    provideCodeActions(sampleDoc, undefined, { textDocument: { uri }, range, context: { diagnostics } }, host);
  }
  if (problems.length > 1000) throw new Error('too many problems');
}
