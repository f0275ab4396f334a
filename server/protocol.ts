// Every custom request and notification between the promptbound client and server, declared once as a typed message
// object (docs/design/conventions.md C7): both sides pass these objects to sendRequest/onRequest, so parameters and
// results are checked at every call site. Only vscode-languageserver-protocol's platform-neutral entry is imported, so
// the desktop and web client and server, and the tests, can all import this module.
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

/** A 0-based LSP position / range, UTF-16 characters. */
export interface WirePosition {
  line: number;
  character: number;
}
export interface WireRange {
  start: WirePosition;
  end: WirePosition;
}

/** Budget state of a document: colours the status bar. */
export type BudgetState = 'ok' | 'warning' | 'error';

export interface SectionStat {
  title: string;
  kind: 'heading' | 'role';
  level: number;
  tokens: number;
  approximate: boolean;
  /** The annotated `promptbound budget: N`, when there is one. */
  budget?: number;
  /** The heading line or role marker. */
  header: WireRange;
}

/** What the status bar, the tooltip and the token-breakdown chart show for one prompt. */
export interface DocumentStatsPayload {
  uri: string;
  version: number;
  /** Model id as resolved (the table entry's id when known, else what was written). */
  model: string;
  modelKnown: boolean;
  /** Where the model came from: the editor's pick, the prompt, or config/settings. */
  modelSource: 'override' | 'document' | 'config';
  /** True for approximate models or when a long-run fallback was used: shown with ≈. */
  approximate: boolean;
  encoding: string;
  /** Prompt text tokens + chat overhead + expected variable fill (what counts against the window). */
  inputTokens: number;
  promptTokens: number;
  overhead: number;
  variablesTotal: number;
  variables: Array<{ name: string; tokens: number }>;
  outputReserve?: number;
  context?: number;
  /** context − output reserve. */
  inputBudget?: number;
  /** inputBudget − inputTokens (negative when over). */
  remaining?: number;
  promptLimit?: number;
  warnAt: number;
  state: BudgetState;
  sections: SectionStat[];
  /**
   * Set in a `promptbound/documentStats` notification of a prompt with more than 2,000 sections: how many there are.
   * `sections` is then empty (18,000 sections are 3 MB of JSON on every send); `promptbound/stats` answers with
   * them all.
   */
  sectionsOmitted?: number;
  /**
   * With several `targets` (frontmatter or config): each target's figures in declared order; the fields above are
   * the first target's. The status bar shows the tightest, its tooltip all of them.
   */
  targets?: TargetStat[];
}

/** One target model's budget figures, for a prompt with several targets. */
export interface TargetStat {
  model: string;
  modelKnown: boolean;
  approximate: boolean;
  inputTokens: number;
  promptTokens: number;
  outputReserve?: number;
  context?: number;
  inputBudget?: number;
  remaining?: number;
  state: BudgetState;
}

/** server → client, after each lint of an open prompt: fresh stats for the status bar and an open chart. */
export const DocumentStatsNotification = new NotificationType<DocumentStatsPayload>('promptbound/documentStats');

export interface DocumentStatsParams {
  uri: string;
}
/** client → server: the current stats of an open prompt (null when the uri is not an open prompt). */
export const DocumentStatsRequest = new RequestType<DocumentStatsParams, DocumentStatsPayload | null, void>('promptbound/stats');

export interface CountTextParams {
  uri: string;
  text: string;
}
export interface CountTextResult {
  tokens: number;
  approximate: boolean;
  model: string;
}
/** client → server: count a text (selection, clipboard) with the tokenizer of the prompt `uri`. */
export const CountTextRequest = new RequestType<CountTextParams, CountTextResult | null, void>('promptbound/countText');

export interface ValidateCompletionParams {
  /** The prompt, or a sample file of a prompt (then that prompt's constraints apply). */
  uri: string;
  text: string;
}
export interface ValidateCompletionResult {
  /** The prompt whose declarations were used; undefined when none declares anything to check. */
  prompt?: string;
  pass: boolean;
  results: Array<{ key: string; pass: boolean; message: string; measured?: unknown; required?: unknown }>;
  schema: Array<{ message: string; pointer: string; range: WireRange }>;
  notJson?: { message: string; range: WireRange };
  /** Why nothing could be checked (no constraints, broken schema). */
  problem?: string;
}
/** client → server: check a completion text against the constraints and schema of the prompt `uri`. */
export const ValidateCompletionRequest = new RequestType<ValidateCompletionParams, ValidateCompletionResult | null, void>(
  'promptbound/validateCompletion',
);

export interface ModelsParams {
  uri?: string;
}
export interface ModelInfo {
  id: string;
  context: number;
  output: number;
  encoding: string;
  tokenizer: 'exact' | 'approximate';
  family?: string;
}
/** client → server: the model table for the model picker; with `uri`, that document's custom models come first. */
export const ModelsRequest = new RequestType<ModelsParams, ModelInfo[], void>('promptbound/models');

export interface SetModelOverrideParams {
  uri: string;
  model?: string;
}
/** client → server: the model picked in the status bar for `uri` (undefined clears it: the file's own model applies). */
export const SetModelOverrideNotification = new NotificationType<SetModelOverrideParams>('promptbound/setModelOverride');

export interface LintWorkspaceParams {
  uris: string[];
}
export interface LintWorkspaceResult {
  files: number;
  errors: number;
  warnings: number;
  infos: number;
}
/** client → server: lint these files (found by the client with its file globs) and publish their diagnostics. */
export const LintWorkspaceRequest = new RequestType<LintWorkspaceParams, LintWorkspaceResult, void>('promptbound/lintWorkspace');

export interface PreviewParams {
  uri: string;
  set?: number;
}
/** One set of example inputs the prompt declares: Prompty `sample`, Dotprompt `input.default`, a `testData` row. */
export interface VariableSetInfo {
  label: string;
  source: 'sample' | 'inputs' | 'input.default' | 'testData';
}
export interface PreviewSegment {
  text: string;
  /** `value`: a substituted variable; `missing`: a variable with no value, shown as written; `literal`: a tag not evaluated. */
  kind: 'text' | 'value' | 'missing' | 'literal';
}
export interface PreviewResult {
  uri: string;
  version: number;
  model: string;
  approximate: boolean;
  /** Role-separated chat messages (Dotprompt, Prompty, GitHub Models); otherwise one `user` message. */
  chat: boolean;
  sets: VariableSetInfo[];
  /** Index into `sets`, -1 when the prompt declares none. */
  chosen: number;
  messages: Array<{ role: string; segments: PreviewSegment[]; tokens: number }>;
  /** Chat-format overhead (per message + per request). */
  overhead: number;
  /** The messages' tokens + overhead. */
  total: number;
  missing: string[];
  unevaluated: string[];
  truncated: boolean;
}
/** client → server: the prompt `uri` rendered with its example variables set `set` (index into `sets`; default 0). */
export const PreviewRequest = new RequestType<PreviewParams, PreviewResult | null, void>('promptbound/preview');

/** `initializationOptions` a client may send. */
export interface InitializationOptions {
  /**
   * `push` keeps publishDiagnostics even when the client supports pull diagnostics (the VS Code client sends it:
   * push reaches closed sample files without polling `workspace/diagnostic`). Default: pull when supported.
   */
  diagnostics?: 'push' | 'pull';
  /**
   * `false` in an untrusted workspace (VS Code's Restricted Mode): a workspace's own config cannot then widen what
   * is read with `allowOutsideRoot` (docs/security.md). Default: trusted, for clients with no notion of trust.
   */
  workspaceTrusted?: boolean;
}

// ---- server → client requests: the web server has no file system of its own (docs/design/conventions.md C5). ----

export interface ReadFileParams {
  uri: string;
}
/** server → client: a file's text through `vscode.workspace.fs` (null when missing or not text). */
export const ReadFileRequest = new RequestType<ReadFileParams, string | null, void>('promptbound/readFile');

export interface GlobParams {
  baseUri: string;
  patterns: string[];
}
/** server → client: files under `baseUri` matching `patterns` (relative globs), as uris. */
export const GlobRequest = new RequestType<GlobParams, string[], void>('promptbound/glob');

export interface ReadRanksParams {
  encoding: string;
}
/** server → client: the text of a shipped token rank file (`dist/ranks/<encoding>.json`); web server only. */
export const ReadRanksRequest = new RequestType<ReadRanksParams, string | null, void>('promptbound/readRanks');

/** Command ids the server's code actions and code lenses name; the client registers them. */
export const Commands = {
  selectModel: 'promptbound.selectModel',
  countSelection: 'promptbound.countSelection',
  validateClipboard: 'promptbound.validateClipboard',
  validateSelection: 'promptbound.validateSelection',
  lintWorkspace: 'promptbound.lintWorkspace',
  showTokenBreakdown: 'promptbound.showTokenBreakdown',
  showPreview: 'promptbound.showPreview',
} as const;

/** Settings under `promptbound.*`, resolved per document through `workspace/configuration`. */
export interface EditorSettings {
  /** Model used when a prompt names none (a `.promptbound.yaml` `model` wins over it). */
  defaultModel: string;
  /** Extra globs of prompt files (plain-text prompts), e.g. `prompts/**\/*.txt`. */
  files: string[];
  /** Custom models `{id, encoding, context, output}`. */
  models: Array<{ id: string; encoding: string; context: number; output?: number; tokenizer?: string }>;
  /** Rule severities by id: off | info | warning | error. */
  rules: Record<string, string>;
  /** Milliseconds after the last keystroke before a document is linted. */
  debounce: number;
  /** Per-section counts as CodeLens, inlay hints, or not at all. */
  sectionCounts: 'codelens' | 'inlayHints' | 'off';
}

export const DEFAULT_SETTINGS: EditorSettings = {
  defaultModel: 'gpt-4o',
  files: [],
  models: [],
  rules: {},
  debounce: 300,
  sectionCounts: 'codelens',
};
