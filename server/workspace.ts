// The server's state: which prompts are linted, when (scheduling, yielding, abandoning stale lints), what each last
// produced and what files each depends on. Publishing merged diagnostics is server/published-diagnostics.ts's job;
// deciding which documents are prompts and which prompt owns a sample is server/prompt-kinds.ts's.
import { DiagnosticSeverity, type CancellationToken, type Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic } from '../core/diagnostic';
import { lintDocument, type EngineHost, type LintInput, type LintResult } from '../core/engine';
import type { Rule } from '../core/rules/types';
import { RULES } from '../core/rules/registry';
import type { CounterSource } from '../core/tokens/types';
import type { FileAccess } from '../core/files';
import type { DocumentStatsPayload, EditorSettings } from './protocol';
import { snapshotDocument, type DocumentSnapshot, type ParsedSnapshot } from './snapshot';
import { DocumentSession } from '../core/analysis/session';
import { detectorWarmUp } from '../core/instructions/warm-up';
import { changedRange } from '../core/analysis/diff';
import { ConfigLookup, type DocumentConfig } from './config';
import { DIAGNOSTIC_SOURCE, positionedText, toLspDiagnostic, type PositionedText } from './convert';
import { overlayFiles, RecordingFiles, type OpenTexts } from './overlay';
import { hasPromptName } from './prompt-files';
import { findOwner, PromptKinds } from './prompt-kinds';
import { PublishedDiagnostics, type Contribution } from './published-diagnostics';
import { LintScheduler, REAL_TIMERS, type Timers } from './scheduler';
import { statsPayload } from './stats';
import { canonicalUri, parentUri, relativeTo } from './uris';
import { yieldToEventLoop } from './yield';
import { LineDocument } from './line-document';

/** The open documents, keyed by canonical uri, with the spelling the client used. */
export interface OpenDocuments {
  get(uri: string): TextDocument | undefined;
  all(): TextDocument[];
}

/** Where results go: LSP notifications in the server, a recorder in tests and the benchmark. */
export interface ResultSink {
  publishDiagnostics(uri: string, version: number | undefined, diagnostics: LspDiagnostic[]): void;
  documentStats(payload: DocumentStatsPayload): void;
  log(message: string): void;
  /** Code lenses and inlay hints were answered without counts while a lint ran: the client should ask again. */
  refreshLenses?(): void;
}

export interface WorkspaceOptions {
  documents: OpenDocuments;
  sink: ResultSink;
  /** The platform's files (open documents are overlaid here). */
  files: FileAccess;
  tokenizers: CounterSource;
  settingsFor(uri: string): Promise<EditorSettings>;
  roots(): readonly string[];
  /** False in an untrusted workspace: configs may not set `allowOutsideRoot` (docs/security.md). Default: trusted. */
  trusted?(): boolean;
  rules?: readonly Rule[];
  timers?: Timers;
  /** The longest event-loop block since the last call (ms), logged with lint timings when the platform measures it. */
  loopBlock?: () => number;
  /** A promise of the connection's output draining, when it has a backlog (ServerPlatform.outputBacklog). */
  outputBacklog?: () => Promise<void> | undefined;
  /** False skips the keystroke rehearsal after a prompt's first lint (see `rehearse`); default true. */
  rehearse?: boolean;
}

interface PromptEntry {
  uri: string;
  /** Open in the editor as a prompt. */
  open: boolean;
  /** Linted by LintWorkspaceRequest: its own diagnostics stay published while it is closed. */
  listed: boolean;
  snapshot?: DocumentSnapshot;
  /** Files the last lint read (schemas, samples, `$ref`s, configs). */
  dependencies: Set<string>;
  /** Folders its sample globs searched. */
  globBases: Set<string>;
  contributions: Map<string, Contribution>;
  stats?: DocumentStatsPayload;
  /** True once a lint has published. */
  linted: boolean;
  /** Counts and prose scans kept between versions (open prompts only). */
  session?: DocumentSession;
  /** A pending stats notification of a prompt with many sections (see STATS_QUIET_MS). */
  statsDue?: unknown;
  /** The last text linted and its UTF-8 size (only kept for texts that may be near the size limit). */
  size?: { text: string; bytes: number };
  /** When stats were last sent (Date.now()). */
  statsSent?: number;
  /** The current version's parsed document while its lint is still counting (see `quickSnapshot`). */
  parsed?: ParsedSnapshot;
  /** Lenses or hints were answered from `parsed`: the client is asked to refresh them when the lint is done. */
  lensesStale?: boolean;
  /** Set while a lint is long enough to yield; requests then stop waiting for it (see `freshSnapshot`). */
  yielding?: { waiters: Array<() => void>; active: boolean };
  /** The session's keystroke rehearsal has started (see `rehearse`). */
  rehearsed?: boolean;
}

/** Thrown at a checkpoint of a lint that a newer version (or a close) has overtaken: its work is abandoned. */
class Superseded extends Error {}

/** `PROMPTBOUND_LINT_TIMING=1` logs each lint's wall and CPU time (the editor benchmark reads them). */
const LINT_TIMING =
  typeof process !== 'undefined' && typeof process.cpuUsage === 'function' && process.env?.PROMPTBOUND_LINT_TIMING === '1';

/** The process's CPU time in ms (only called with LINT_TIMING, which needs `process.cpuUsage`). */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * A prompt with more sections than this sends its stats (every section's count, for the chart) once edits pause
 * for STATS_QUIET_MS, and at least every STATS_MAX_WAIT_MS per STATS_SECTIONS_PER_WAIT sections (at least once a
 * second) while typing goes on: encoding thousands of sections costs more than a keystroke's lint (18,000
 * sections of a 10 MB prompt: about 0.15 s, sent at least every 9 s). Diagnostics are never held back.
 */
const STATS_SECTIONS_AT_ONCE = 300;
/**
 * Above this many sections the notification leaves the sections out (`sectionsOmitted`) and the token-breakdown
 * view asks for them: 18,000 sections are 3 MB of JSON, 25-40 ms to encode in the server and 50 ms to decode in the
 * client, and an answer sent meanwhile waited behind all of it (100-240 ms).
 */
const STATS_SECTIONS_INLINE = 2000;
const STATS_QUIET_MS = 150;
const STATS_MAX_WAIT_MS = 1000;
const STATS_SECTIONS_PER_WAIT = 2000;

/** A lint runs this long before it yields to other messages (hover, completion, cancellation). */
const SLICE_MS = 8;

/**
 * How long a request (hover, completion, code actions) still waits for a lint that has started yielding before it
 * is answered from the last finished lint. Most lints yield at least once, and answering at once would give every
 * request after a keystroke an empty or stale answer; only a lint longer than this (a cold multi-megabyte prompt)
 * makes requests go ahead without it.
 */
const REQUEST_PATIENCE_MS = 1500;

/**
 * Hover, completion, the outline, code lenses and inlay hints on a prompt at least this long do not wait for its
 * lint beyond QUICK_PATIENCE_MS: they are answered from what is known (`quickSnapshot`). A shorter prompt's lint
 * takes a few slices at most, and its requests wait for it as before.
 */
const QUICK_ANSWER_CHARS = 256 * 1024;
const QUICK_PATIENCE_MS = 25;

/** Resolves to 'cancelled' when the request's token is cancelled ($/cancelRequest); `dispose` stops listening. */
function whenCancelled(token: CancellationToken | undefined): { promise: Promise<'cancelled'>; dispose(): void } {
  if (token === undefined) return { promise: new Promise(() => undefined), dispose: () => undefined };
  if (token.isCancellationRequested) return { promise: Promise.resolve('cancelled'), dispose: () => undefined };
  let listener: { dispose(): void } | undefined;
  const promise = new Promise<'cancelled'>((resolve) => {
    listener = token.onCancellationRequested(() => resolve('cancelled'));
  });
  return { promise, dispose: () => listener?.dispose() };
}

/** The CLI's limit (node/files.ts MAX_FILE_BYTES): larger files are reported, not linted. */
const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;

/** Characters whose UTF-8 length is added up between two yields on a first measure (a few milliseconds). */
const UTF8_WINDOW = 1 << 20;

/** UTF-8 length of `[from, to)` without encoding it (a surrogate pair is 4 bytes: 2 per half). */
function utf8Length(text: string, from: number, to: number): number {
  let bytes = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    bytes += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c < 0xe000) ? 2 : 3;
  }
  return bytes;
}

/** Prompts from this long are rehearsed after their first lint (a smaller one's first keystrokes are quick anyway). */
const REHEARSAL_CHARS = 64 * 1024;

/**
 * Where the rehearsal types: before the line break nearest to ten points spread over the text (a trailing
 * space changes little of what the rules see), or at the end of a text without line breaks.
 */
function rehearsalPlaces(text: string): number[] {
  const places: number[] = [];
  for (const fraction of [0.13, 0.23, 0.31, 0.37, 0.46, 0.52, 0.61, 0.69, 0.77, 0.83]) {
    const newline = text.indexOf('\n', Math.floor(text.length * fraction));
    const at = newline === -1 ? text.length : newline;
    if (!places.includes(at)) places.push(at);
  }
  return places;
}

/** Delay before dependents of an edited sample or schema are re-linted, when their own setting is unknown. */
const FALLBACK_DEBOUNCE_MS = 300;

export class PromptWorkspace {
  private readonly prompts = new Map<string, PromptEntry>();
  private readonly kinds: PromptKinds;
  private readonly modelOverrides = new Map<string, string>();
  private readonly debounces = new Map<string, number>();
  private readonly scheduler: LintScheduler;
  private readonly configs: ConfigLookup;
  private readonly overlay: FileAccess;
  private readonly open: OpenTexts;
  private readonly diagnostics: PublishedDiagnostics;
  private readonly rules: readonly Rule[];
  /** Documents just opened whose kind (prompt or not) is being decided. */
  private readonly classifying = new Map<string, Promise<unknown>>();

  constructor(private readonly options: WorkspaceOptions) {
    this.open = {
      openText: (uri) => {
        const doc = options.documents.get(uri);
        return doc ? { text: doc.getText(), version: doc.version } : undefined;
      },
    };
    this.overlay = overlayFiles(options.files, this.open);
    this.configs = new ConfigLookup(this.overlay, options.roots, () => options.trusted?.() ?? true);
    this.kinds = new PromptKinds(this.configs, options.settingsFor, options.roots);
    this.rules = options.rules ?? RULES;
    this.scheduler = new LintScheduler((uri, generation) => this.lint(uri, generation), options.timers);
    this.diagnostics = new PublishedDiagnostics(this.prompts, options.documents, (uri, version, diagnostics) =>
      options.sink.publishDiagnostics(uri, version, diagnostics),
    );
  }

  // ---- document events ---------------------------------------------------------------------------------------

  async opened(doc: TextDocument): Promise<void> {
    const uri = canonicalUri(doc.uri);
    if (ConfigLookup.isConfigFile(uri)) this.configChanged(uri);
    // Requests that must not wait for the lint wait for this (`quickSnapshot`); the lint starts in the same turn.
    const classified = this.kinds.classify(uri).then((prompt) => {
      if (this.options.documents.get(uri) === undefined) return { kind: 'closed' as const }; // closed meanwhile
      if (!prompt) return { kind: 'other' as const };
      this.entry(uri).open = true;
      return { kind: 'prompt' as const, lint: this.scheduler.now(uri) };
    });
    this.classifying.set(uri, classified);
    const { kind, lint } = await classified.finally(
      () => this.classifying.get(uri) === classified && this.classifying.delete(uri),
    );
    if (kind === 'closed') return;
    if (lint) {
      await lint;
      return;
    }
    const dependents = this.dependentsOf(uri);
    if (dependents.length > 0) {
      await Promise.all(dependents.map((p) => this.scheduler.now(p.uri)));
      return;
    }
    // No prompt read it yet (a sample created since, or its prompt is closed): its owner by name is linted.
    const owner = await this.findOwner(uri);
    if (owner !== undefined) {
      this.entry(owner);
      await this.scheduler.now(owner);
    }
  }

  changed(doc: TextDocument): void {
    const uri = canonicalUri(doc.uri);
    if (ConfigLookup.isConfigFile(uri)) this.configChanged(uri);
    if (this.prompts.get(uri)?.open) {
      this.scheduler.schedule(uri, this.debounceOf(uri));
      return;
    }
    for (const prompt of this.dependentsOf(uri)) this.scheduler.schedule(prompt.uri, this.debounceOf(prompt.uri));
  }

  saved(doc: TextDocument): Promise<void> {
    const uri = canonicalUri(doc.uri);
    if (this.prompts.get(uri)?.open) return this.scheduler.now(uri);
    return Promise.resolve();
  }

  closed(doc: TextDocument): void {
    const uri = canonicalUri(doc.uri);
    this.kinds.forget(uri);
    this.debounces.delete(uri);
    if (ConfigLookup.isConfigFile(uri)) this.configChanged(uri);
    const entry = this.prompts.get(uri);
    if (entry?.open) {
      entry.open = false;
      entry.listed = false;
      // Still the owner of an open sample: keep linting it for that sample, but its own diagnostics go.
      if (this.hasOpenDependency(entry)) this.setContribution(entry, uri, undefined);
      else this.drop(entry);
      return;
    }
    // A sample or schema closed: its dependents now read it from disk; owners kept only for it are let go.
    for (const prompt of this.dependentsOf(uri)) {
      if (prompt.open || prompt.listed || this.hasOpenDependency(prompt, uri)) this.scheduler.schedule(prompt.uri, 0);
      else this.drop(prompt);
    }
  }

  /** Files changed on disk (watched files): configs are re-read, dependents and prompts whose globs cover a new file re-linted. */
  filesChanged(uris: readonly string[]): void {
    const due = new Set<string>();
    for (const raw of uris) {
      const uri = canonicalUri(raw);
      if (ConfigLookup.isConfigFile(uri)) {
        this.configChanged(uri);
        continue;
      }
      if (this.options.documents.get(uri) !== undefined) continue; // the open document is what counts
      for (const prompt of this.prompts.values()) {
        if (prompt.uri === uri && !prompt.open) due.add(prompt.uri);
        if (prompt.dependencies.has(uri) || [...prompt.globBases].some((base) => relativeTo(base, uri) !== undefined))
          due.add(prompt.uri);
      }
    }
    for (const uri of due) this.scheduler.schedule(uri, 0);
  }

  /** Settings changed: re-classify open documents and re-lint every prompt. */
  async settingsChanged(): Promise<void> {
    this.debounces.clear();
    await this.reclassify();
  }

  setModelOverride(uri: string, model: string | undefined): Promise<void> {
    const key = canonicalUri(uri);
    if (model === undefined || model.trim() === '') this.modelOverrides.delete(key);
    else this.modelOverrides.set(key, model.trim());
    return this.prompts.has(key) ? this.scheduler.now(key) : Promise.resolve();
  }

  /** Lints files that need not be open and publishes their diagnostics (LintWorkspaceRequest). */
  async lintFiles(uris: readonly string[]): Promise<{ files: number; errors: number; warnings: number; infos: number }> {
    const totals = { files: 0, errors: 0, warnings: 0, infos: 0 };
    const seen = new Set<string>();
    for (const raw of uris) {
      const uri = canonicalUri(raw);
      if (seen.has(uri)) continue;
      seen.add(uri);
      const entry = this.entry(uri);
      entry.listed = true;
      await (this.options.documents.get(uri) !== undefined && entry.linted ? this.scheduler.flush(uri) : this.scheduler.now(uri));
      if (this.prompts.get(uri) === entry && entry.linted) totals.files++;
    }
    for (const target of this.diagnostics.targetsOf(seen)) {
      for (const d of this.diagnostics.mergedFor(target).diagnostics) {
        if (d.severity === 1) totals.errors++;
        else if (d.severity === 2) totals.warnings++;
        else totals.infos++;
      }
    }
    return totals;
  }

  /**
   * Compiles the constraint detectors' patterns ahead of the first lint, a step per event-loop turn, so no request
   * waits behind that compiling (core/instructions/warm-up.ts). A lint that starts meanwhile takes over the rest.
   */
  async warmUp(): Promise<void> {
    const timing = LINT_TIMING ? { steps: 0, longest: 0 } : undefined;
    for (;;) {
      await yieldToEventLoop();
      const start = timing ? cpuMs() : 0;
      if (!detectorWarmUp.step()) break;
      if (timing) {
        timing.steps++;
        timing.longest = Math.max(timing.longest, cpuMs() - start);
      }
    }
    if (timing) this.options.sink.log(`promptbound warm-up: ${timing.steps} steps, longest ${timing.longest.toFixed(1)} ms CPU`);
  }

  // ---- what features and requests read ----------------------------------------------------------------------

  isPrompt(uri: string): boolean {
    return this.prompts.get(canonicalUri(uri))?.open === true;
  }

  /** The latest snapshot, whatever its version. */
  snapshotFor(uri: string): DocumentSnapshot | undefined {
    return this.prompts.get(canonicalUri(uri))?.snapshot;
  }

  /**
   * The snapshot of the document as it is now: a pending debounce runs at once and is awaited. A cancelled request
   * (`token`) stops waiting and gets what is current, if anything.
   */
  async freshSnapshot(uri: string, token?: CancellationToken): Promise<DocumentSnapshot | undefined> {
    const key = canonicalUri(uri);
    const entry = this.prompts.get(key);
    if (!entry) return undefined;
    const doc = this.options.documents.get(key);
    const current = () =>
      entry.snapshot && (!doc || entry.snapshot.textDocument.version === doc.version) ? entry.snapshot : undefined;
    if (current()) return entry.snapshot;
    const cancelled = whenCancelled(token);
    try {
      // A long lint (a cold 10 MB prompt) is not waited for: the request is answered from what is known now.
      const yielded = this.untilYielding(entry);
      const first = await Promise.race([this.scheduler.flush(key).then(() => 'done'), yielded, cancelled.promise]);
      if (first !== 'done' || current()) return current();
      await Promise.race([this.scheduler.now(key), this.untilYielding(entry), cancelled.promise]);
      return current();
    } finally {
      cancelled.dispose();
    }
  }

  /**
   * For requests that must answer at once (hover, completion, the outline, lenses): on a large prompt, waits for
   * its lint at most QUICK_PATIENCE_MS, then answers from what is known of the current version — its parsed
   * document, when the running lint has got that far (the counts come later). Smaller prompts: `freshSnapshot`.
   */
  async quickSnapshot(uri: string, token?: CancellationToken): Promise<ParsedSnapshot | undefined> {
    const key = canonicalUri(uri);
    await this.classifying.get(key); // a document just opened: whether it is a prompt (not its lint)
    const entry = this.prompts.get(key);
    const doc = this.options.documents.get(key);
    if (!entry || !doc || doc.getText().length < QUICK_ANSWER_CHARS) return this.freshSnapshot(key, token);
    const known = (): ParsedSnapshot | undefined => {
      if (this.prompts.get(key) !== entry) return undefined;
      if (entry.snapshot?.textDocument.version === doc.version) return entry.snapshot;
      return entry.parsed?.textDocument.version === doc.version ? entry.parsed : undefined;
    };
    if (entry.snapshot?.textDocument.version === doc.version) return entry.snapshot;
    // A lint that has started yielding is a long one: what is known of this version is answered at once.
    if (entry.yielding?.active === true && known() !== undefined) return known();
    const cancelled = whenCancelled(token);
    let timer: unknown;
    try {
      const patience = new Promise<void>((resolve) => (timer = setTimeout(resolve, QUICK_PATIENCE_MS)));
      // A pending debounce starts now; the request goes ahead when the lint is done or its patience runs out.
      const lint = this.scheduler.busy(key) ? this.scheduler.flush(key) : this.scheduler.now(key);
      await Promise.race([lint, patience, cancelled.promise]);
      return known();
    } finally {
      clearTimeout(timer as ReturnType<typeof setTimeout>);
      cancelled.dispose();
    }
  }

  /** A request for lenses or hints was answered from a parsed document: they are refreshed once counted. */
  lensesAnsweredEarly(uri: string): void {
    const entry = this.prompts.get(canonicalUri(uri));
    if (entry) entry.lensesStale = true;
  }

  /** Prompts whose checked samples include `uri` (a sample file's prompts), with their snapshots. */
  promptsOfSample(uri: string): DocumentSnapshot[] {
    const key = canonicalUri(uri);
    const found: DocumentSnapshot[] = [];
    for (const prompt of this.prompts.values()) {
      const samples = prompt.snapshot?.result.completion?.samples ?? [];
      if (samples.some((s) => canonicalUri(s.sample.uri) === key)) found.push(prompt.snapshot!);
    }
    return found;
  }

  /** After pending lints of the prompts that check `uri` have run (code actions on a sample being edited). */
  async freshPromptsOfSample(uri: string): Promise<DocumentSnapshot[]> {
    const key = canonicalUri(uri);
    await Promise.all(this.dependentsOf(key).map((p) => this.scheduler.flush(p.uri)));
    let found = this.promptsOfSample(key);
    if (found.length === 0) {
      const owner = await this.findOwner(key);
      if (owner !== undefined) {
        if (!this.prompts.has(owner)) this.entry(owner);
        await this.scheduler.now(owner);
        found = this.promptsOfSample(key);
        if (found.length === 0 && this.prompts.get(owner)?.snapshot) found = [this.prompts.get(owner)!.snapshot!];
      }
    }
    return found;
  }

  async statsFor(uri: string): Promise<DocumentStatsPayload | null> {
    const key = canonicalUri(uri);
    if (!this.prompts.get(key)?.open) return null;
    const snapshot = await this.freshSnapshot(key);
    const entry = this.prompts.get(key);
    if (entry && snapshot && entry.stats?.version !== snapshot.textDocument.version)
      entry.stats = statsPayload(snapshot.textDocument.uri, snapshot.textDocument, snapshot.result);
    return entry?.stats ?? null;
  }

  /** The config and settings a document is linted with (CountText on a file that is not a prompt). */
  async configFor(uri: string): Promise<DocumentConfig> {
    const key = canonicalUri(uri);
    return this.configs.configFor(key, await this.options.settingsFor(key), this.modelOverrides.get(key));
  }

  settingsFor(uri: string): Promise<EditorSettings> {
    return this.options.settingsFor(canonicalUri(uri));
  }

  /** The overlaid FileAccess (open documents over the platform's files). */
  get files(): FileAccess {
    return this.overlay;
  }

  openPrompts(): string[] {
    return [...this.prompts.values()].filter((p) => p.open).map((p) => p.uri);
  }

  // ---- linting ----------------------------------------------------------------------------------------------

  private async lint(uri: string, generation: number): Promise<void> {
    const entry = this.prompts.get(uri);
    if (!entry) return;
    try {
      await this.lintEntry(entry, generation);
    } catch (error) {
      if (error instanceof Superseded) return;
      // A bug of ours (core already turns a throwing rule into a diagnostic): logged, and the server goes on.
      this.options.sink.log(
        `promptbound: linting ${uri} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    } finally {
      if (this.scheduler.isCurrent(uri, generation)) this.stopYielding(entry);
    }
  }

  private async lintEntry(entry: PromptEntry, generation: number): Promise<void> {
    const started = LINT_TIMING ? { wall: performance.now(), cpu: process.cpuUsage() } : undefined;
    // The longest block reported after this lint is one during it, not the decoding of the message that opened it
    // (40-50 ms for 10 MB): the delay monitor records that block when its timer next runs, just before this one.
    const { loopBlock } = this.options;
    if (started && loopBlock) setTimeout(loopBlock, 0);
    const { uri } = entry;
    const doc = this.options.documents.get(uri);
    const text = doc ? doc.getText() : await this.overlay.readText(uri);
    const current = () => this.scheduler.isCurrent(uri, generation) && this.prompts.get(uri) === entry;
    if (text === undefined) {
      if (current()) this.drop(entry);
      return;
    }
    if (text.length * 3 > MAX_DOCUMENT_BYTES) {
      const bytes = await this.utf8Size(entry, text);
      if (!current()) return;
      if (bytes > MAX_DOCUMENT_BYTES) {
        this.skipTooLarge(entry, doc);
        return;
      }
    }
    const settings = await this.options.settingsFor(uri);
    this.debounces.set(uri, settings.debounce);
    const { config, chain } = await this.configs.configFor(uri, settings, this.modelOverrides.get(uri));
    const files = new RecordingFiles(this.options.files, this.open);
    const host: EngineHost = { tokenizers: this.options.tokenizers, files };
    if (entry.open) entry.session ??= new DocumentSession();
    else entry.session = undefined;
    // Whether this lint is a long one is learnt afresh (requests waiting for a yield keep waiting for this one's).
    if (entry.yielding) entry.yielding.active = false;
    const slices = LINT_TIMING ? { yields: 0, longest: 0, start: cpuMs() } : undefined;
    const checkpoint = this.checkpoint(entry, current, slices);
    const textDocument = snapshotDocument(doc, doc?.uri ?? uri, doc?.languageId ?? 'prompt', doc?.version ?? 0, text);
    // The editor's document would find its line starts on first use, all in one go (about 30 ms on 10 MB): the
    // first hover on a large prompt paid for it. The lint finds them first, a window at a time between its own
    // slices (server/line-document.ts), so they are known by the time requests are answered from the parse.
    if (doc instanceof LineDocument && text.length >= QUICK_ANSWER_CHARS) await doc.findLines(checkpoint);
    // Until the counts are in, requests that cannot wait are answered from the parsed document (`quickSnapshot`).
    const onParsed = (document: LintResult['document']) => {
      if (entry.open && current()) entry.parsed = { textDocument, result: { document }, config };
      if (LINT_TIMING) this.options.sink.log(`promptbound parsed: ${uri} v${doc?.version ?? 0}`);
    };
    const result = await lintDocument({ uri, text, config, session: entry.session, checkpoint, onParsed }, host, this.rules);
    if (!current()) return; // overtaken by a newer edit of the prompt or of a file it reads (docs/design/pitfalls.md P19)

    // A closed prompt linted on request keeps its snapshot only when code actions on its samples may need it.
    entry.snapshot =
      entry.open || result.completion ? { textDocument, result, config, completion: result.completion } : undefined;
    entry.parsed = undefined;
    entry.linted = true;
    entry.dependencies = new Set([...files.reads.keys(), ...chain.map((c) => c.uri)]);
    entry.globBases = files.globBases;

    const texts = new Map<string, PositionedText>();
    texts.set(uri, { uri: textDocument.uri, document: textDocument, version: doc?.version });
    for (const [readUri, read] of files.reads) {
      if (read.text !== undefined && !texts.has(readUri))
        texts.set(readUri, positionedText(this.clientUri(readUri), read.text, read.version));
    }
    for (const c of chain)
      if (!texts.has(c.uri))
        texts.set(c.uri, positionedText(this.clientUri(c.uri), c.text, this.options.documents.get(c.uri)?.version));

    const byTarget = new Map<string, Diagnostic[]>();
    const add = (target: string, d: Diagnostic) => {
      const list = byTarget.get(target);
      if (list) list.push(d);
      else byTarget.set(target, [d]);
    };
    for (const d of result.diagnostics) add(d.uri === undefined ? uri : canonicalUri(d.uri), d);
    for (const c of chain) for (const d of c.problems) add(c.uri, d);
    byTarget.set(uri, byTarget.get(uri) ?? []); // the prompt's own diagnostics are published even when empty

    const contributions = new Map<string, Contribution>();
    for (const [target, diagnostics] of byTarget) {
      let file = texts.get(target);
      if (file === undefined) {
        const read = await this.overlay.readText(target);
        file = positionedText(this.clientUri(target), read ?? '', this.options.documents.get(target)?.version);
        texts.set(target, file);
      }
      const lookup = (other: string) => texts.get(canonicalUri(other));
      const converted: LspDiagnostic[] = [];
      for (let i = 0; i < diagnostics.length; i++) {
        converted.push(toLspDiagnostic(diagnostics[i], file, lookup, uri));
        if (i % 4096 === 4095) await checkpoint();
      }
      contributions.set(target, { version: file.version, diagnostics: converted });
    }
    if (!current()) return;
    const targets = new Set([...entry.contributions.keys(), ...contributions.keys()]);
    entry.contributions = contributions;
    this.publish(targets);
    if (entry.open) this.sendStats(entry, result.stats.sections.length);
    if (entry.lensesStale) {
      entry.lensesStale = false;
      this.options.sink.refreshLenses?.();
    }
    if (entry.session && !entry.rehearsed && text.length >= REHEARSAL_CHARS && this.options.rehearse !== false) {
      entry.rehearsed = true;
      void this.rehearse(entry, entry.session, current, { uri, text, config }, host);
    }
    if (started) {
      const cpu = process.cpuUsage(started.cpu);
      const longest = Math.max(slices!.longest, cpuMs() - slices!.start);
      this.options.sink.log(
        `promptbound timing: ${uri} v${doc?.version ?? 0} wall=${(performance.now() - started.wall).toFixed(2)} cpu=${((cpu.user + cpu.system) / 1000).toFixed(2)} rss=${(process.memoryUsage.rss() / 1048576).toFixed(1)} heap=${(process.memoryUsage().heapUsed / 1048576).toFixed(1)} yields=${slices!.yields} slice=${longest.toFixed(1)}`,
      );
      this.logLoopBlock(uri, doc?.version ?? 0);
    }
  }

  /**
   * Sending the diagnostics (serialising them) happens after the timing line: the block is read once it is done.
   * A closure made inside `lintEntry` would share its scope, and keep that version's text and results alive until
   * the timer runs (docs/editor-performance.md, "Memory").
   */
  private logLoopBlock(uri: string, version: number): void {
    const { loopBlock, sink } = this.options;
    if (loopBlock) setTimeout(() => sink.log(`promptbound block: ${uri} v${version} block=${loopBlock().toFixed(1)}`), 100);
  }

  /**
   * The stats of the entry's snapshot (of `sections` sections): now, or (more than STATS_SECTIONS_AT_ONCE) once no
   * newer lint has come for STATS_QUIET_MS, and no later than the maximum wait after the last ones. A delayed send that finds the editor already past its
   * snapshot is left to the lint on its way (positions are always read from a current document); a lint that
   * finds the stats overdue sends them at once.
   */
  private sendStats(entry: PromptEntry, sections: number): void {
    entry.stats = undefined;
    const timers = this.options.timers ?? REAL_TIMERS;
    const send = () => {
      entry.statsDue = undefined;
      const snapshot = entry.snapshot;
      if (!entry.open || !snapshot || this.prompts.get(entry.uri) !== entry) return;
      if (this.options.documents.get(entry.uri)?.version !== snapshot.textDocument.version) return;
      entry.statsSent = Date.now();
      const inline = sections <= STATS_SECTIONS_INLINE;
      const stats = statsPayload(snapshot.textDocument.uri, snapshot.textDocument, snapshot.result, inline);
      // A payload without its sections is not what `promptbound/stats` answers: that one is built when asked.
      if (inline) entry.stats = stats;
      if (sections <= STATS_SECTIONS_AT_ONCE || !inline) this.options.sink.documentStats(stats);
      // Hundreds of sections: building the payload and encoding the message are two steps, with other messages let
      // in between.
      else void yieldToEventLoop().then(() => entry.stats === stats && this.options.sink.documentStats(stats));
    };
    if (entry.statsDue !== undefined) timers.clear(entry.statsDue);
    entry.statsDue = undefined;
    const maxWait = STATS_MAX_WAIT_MS * Math.max(1, sections / STATS_SECTIONS_PER_WAIT);
    const overdue = (entry.statsSent ?? 0) + maxWait - Date.now();
    if (sections <= STATS_SECTIONS_AT_ONCE) send();
    // Not in the task that publishes the diagnostics: that one has work enough.
    else entry.statsDue = timers.set(send, Math.max(0, Math.min(STATS_QUIET_MS, overdue)));
  }

  /**
   * After the first lint of an open prompt, while the user has not typed yet: the same session lints the text
   * with a space typed in (and removed again) at ten places, and the results are dropped. The first keystrokes
   * would otherwise run code that the open did not (the kept-segment paths of every incremental structure) and
   * wait while V8 compiles and optimises it: 30–190 ms each on a 1 MB prompt. The session ends on the opened
   * text, so the next real edit is as small as it is; an edit (or a close) stops the rehearsal at its next
   * checkpoint. Results of real lints are never touched: nothing here is published or kept but the session's
   * caches, which are checked against every text before reuse (docs/editor-performance.md, "Rehearsal").
   */
  private async rehearse(
    entry: PromptEntry,
    session: DocumentSession,
    current: () => boolean,
    input: { uri: string; text: string; config: LintInput['config'] },
    host: EngineHost,
  ): Promise<void> {
    const started = LINT_TIMING ? { cpu: process.cpuUsage(), lints: 0 } : undefined;
    const live = () => current() && entry.open && entry.session === session;
    let sliceStart = Date.now();
    const checkpoint = async () => {
      if (Date.now() - sliceStart >= SLICE_MS) {
        await this.yieldToOthers();
        sliceStart = Date.now();
      }
      if (!live()) throw new Superseded('rehearsal overtaken');
    };
    const { text } = input;
    try {
      await yieldToEventLoop();
      for (const at of rehearsalPlaces(text)) {
        for (const variant of [`${text.slice(0, at)} ${text.slice(at)}`, text]) {
          await checkpoint();
          await lintDocument({ ...input, text: variant, session, checkpoint }, host, this.rules);
          if (started) started.lints++;
        }
      }
    } catch (error) {
      if (!(error instanceof Superseded)) throw error;
    } finally {
      if (started) {
        const cpu = process.cpuUsage(started.cpu);
        this.options.sink.log(
          `promptbound rehearsal: ${input.uri} lints=${started.lints} cpu=${((cpu.user + cpu.system) / 1000).toFixed(2)}`,
        );
      }
    }
  }

  /**
   * Between slices of a lint: after SLICE_MS of work, lets other messages in (and marks the lint as long, so
   * requests stop waiting for it); a lint that has been overtaken is abandoned here.
   */
  private checkpoint(
    entry: PromptEntry,
    current: () => boolean,
    slices?: { yields: number; longest: number; start: number },
  ): () => Promise<void> {
    let sliceStart = Date.now();
    return async () => {
      if (Date.now() - sliceStart < SLICE_MS) return;
      if (slices) {
        // With PROMPTBOUND_LINT_TIMING=1: how often the lint yielded and its longest slice in CPU time.
        const now = cpuMs();
        slices.longest = Math.max(slices.longest, now - slices.start);
        slices.yields++;
      }
      const yielding = (entry.yielding ??= { waiters: [], active: false });
      yielding.active = true;
      for (const wake of yielding.waiters.splice(0)) wake();
      await this.yieldToOthers();
      sliceStart = Date.now();
      if (slices) slices.start = cpuMs();
      if (!current()) throw new Superseded('overtaken by a newer version');
    };
  }

  /**
   * A long lint's yield: the messages that arrived are handled, and a large message being written (the stats of
   * thousands of sections, 3 MB) is let drain first. A pipe takes 64 KB at a time and the rest went out one pipe's
   * worth per slice of the lint: an answer queued behind 3 MB of stats waited 150-240 ms.
   */
  private async yieldToOthers(): Promise<void> {
    await yieldToEventLoop();
    const backlog = this.options.outputBacklog?.();
    if (backlog) await backlog;
  }

  /** Resolves to 'yielding' once the entry's running lint yields (at once if it already does); never otherwise. */
  /** Resolves once the entry's lint has been yielding for REQUEST_PATIENCE_MS (see there). */
  private untilYielding(entry: PromptEntry): Promise<'yielding'> {
    const yielding = (entry.yielding ??= { waiters: [], active: false });
    const started = yielding.active ? Promise.resolve() : new Promise<void>((resolve) => yielding.waiters.push(() => resolve()));
    return started.then(() => new Promise((resolve) => setTimeout(() => resolve('yielding'), REQUEST_PATIENCE_MS)));
  }

  private stopYielding(entry: PromptEntry): void {
    // Requests still waiting for a yield are answered by the lint's end instead (see `freshSnapshot`).
    if (entry.yielding) entry.yielding = { waiters: [], active: false };
  }

  /**
   * The text's UTF-8 size, from the previous version's by what changed (a keystroke need not walk 10 MB). The first
   * measure walks the text a window at a time with yields between (30 ms in one go on 10 MB); a text longer than
   * the limit in UTF-16 units is over it in bytes too, and needs no walk.
   */
  private async utf8Size(entry: PromptEntry, text: string): Promise<number> {
    const last = entry.size;
    let bytes: number;
    if (text.length > MAX_DOCUMENT_BYTES) bytes = text.length;
    else if (last === undefined) {
      bytes = 0;
      for (let from = 0; from < text.length; from += UTF8_WINDOW) {
        if (from > 0) await yieldToEventLoop();
        bytes += utf8Length(text, from, Math.min(text.length, from + UTF8_WINDOW));
      }
    } else {
      const change = changedRange(last.text, text);
      bytes = last.bytes - utf8Length(last.text, change.start, change.oldEnd) + utf8Length(text, change.start, change.newEnd);
    }
    if (text.length <= MAX_DOCUMENT_BYTES) entry.size = { text, bytes };
    return bytes;
  }

  /** As `promptbound check` does, a file over 10 MB is not linted; one error at its start says so. */
  private skipTooLarge(entry: PromptEntry, doc: TextDocument | undefined): void {
    const skipped: LspDiagnostic = {
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Error,
      source: DIAGNOSTIC_SOURCE,
      message: 'skipped: larger than 10 MB',
    };
    const targets = new Set([...entry.contributions.keys(), entry.uri]);
    entry.snapshot = undefined;
    entry.stats = undefined;
    entry.linted = true;
    entry.contributions = new Map([[entry.uri, { version: doc?.version, diagnostics: [skipped] }]]);
    this.publish(targets);
  }

  // ---- publishing -------------------------------------------------------------------------------------------

  private publish(targets: Iterable<string>): void {
    this.diagnostics.publish(targets);
  }

  private setContribution(entry: PromptEntry, target: string, contribution: Contribution | undefined): void {
    if (contribution) entry.contributions.set(target, contribution);
    else entry.contributions.delete(target);
    this.publish([target]);
  }

  /** Forgets a prompt: its pending lint is cancelled and everything it published is withdrawn. */
  private drop(entry: PromptEntry): void {
    this.scheduler.cancel(entry.uri);
    this.prompts.delete(entry.uri);
    const targets = new Set([entry.uri, ...entry.contributions.keys()]);
    entry.contributions.clear();
    this.diagnostics.withdraw(targets);
  }

  // ---- bookkeeping ------------------------------------------------------------------------------------------

  private entry(uri: string): PromptEntry {
    let entry = this.prompts.get(uri);
    if (!entry) {
      entry = {
        uri,
        open: false,
        listed: false,
        linted: false,
        dependencies: new Set(),
        globBases: new Set(),
        contributions: new Map(),
      };
      this.prompts.set(uri, entry);
    }
    return entry;
  }

  private dependentsOf(uri: string): PromptEntry[] {
    return [...this.prompts.values()].filter((p) => p.uri !== uri && p.dependencies.has(uri));
  }

  private hasOpenDependency(entry: PromptEntry, except?: string): boolean {
    return [...entry.dependencies].some((d) => d !== except && d !== entry.uri && this.options.documents.get(d) !== undefined);
  }

  private debounceOf(uri: string): number {
    return this.debounces.get(uri) ?? FALLBACK_DEBOUNCE_MS;
  }

  private clientUri(uri: string): string {
    return this.options.documents.get(uri)?.uri ?? uri;
  }

  private async reclassify(): Promise<void> {
    this.kinds.clear();
    const work: Array<Promise<void>> = [];
    for (const doc of this.options.documents.all()) {
      const uri = canonicalUri(doc.uri);
      work.push(
        this.kinds.classify(uri).then((prompt) => {
          const entry = this.prompts.get(uri);
          if (prompt && !entry?.open) this.entry(uri).open = true;
          else if (!prompt && entry?.open) {
            entry.open = false;
            this.drop(entry);
          }
        }),
      );
    }
    await Promise.all(work);
    await Promise.all([...this.prompts.keys()].map((uri) => this.scheduler.now(uri)));
  }

  private configChanged(configUri: string): void {
    this.configs.invalidate(configUri);
    const folder = parentUri(configUri);
    for (const prompt of this.prompts.values()) {
      if (prompt.dependencies.has(configUri) || (folder !== undefined && relativeTo(folder, prompt.uri) !== undefined)) {
        this.scheduler.schedule(prompt.uri, this.debounceOf(prompt.uri));
      }
    }
    // `files` globs may have changed which open documents are prompts.
    if (this.kinds.size > 0) void this.reclassifyLater();
  }

  private reclassifyPending = false;
  private async reclassifyLater(): Promise<void> {
    if (this.reclassifyPending) return;
    this.reclassifyPending = true;
    await new Promise((resolve) => setTimeout(resolve, FALLBACK_DEBOUNCE_MS));
    this.reclassifyPending = false;
    for (const doc of this.options.documents.all()) {
      const uri = canonicalUri(doc.uri);
      if (hasPromptName(uri)) continue;
      const was = this.kinds.known(uri);
      this.kinds.forget(uri);
      const now = await this.kinds.classify(uri).catch(() => false);
      if (now === was) continue;
      if (now) {
        this.entry(uri).open = true;
        await this.scheduler.now(uri);
      } else {
        const entry = this.prompts.get(uri);
        if (entry?.open) this.drop(entry);
      }
    }
  }

  private findOwner(uri: string): Promise<string | undefined> {
    return findOwner(uri, (key) => this.prompts.has(key), this.overlay);
  }
}
