// What the server has published per file. A prompt's lint leaves "contributions" per target file (itself, its samples,
// its schemas, a config); a target's published diagnostics are the union over every prompt, so two prompts sharing a
// schema both report into it and closing one leaves the other's.
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { diagnosticKey } from './convert';

export interface Contribution {
  /** Version of the target document the positions were computed on, when it is open. */
  version?: number;
  diagnostics: LspDiagnostic[];
}

/** What publishing needs to know of a linted prompt. */
export interface Contributor {
  uri: string;
  /** Open in the editor as a prompt. */
  open: boolean;
  /** Linted by Lint workspace: its own diagnostics stay published while it is closed. */
  listed: boolean;
  contributions: Map<string, Contribution>;
}

export class PublishedDiagnostics {
  /** Targets last published non-empty, so a target that loses its last diagnostic is cleared. */
  private readonly published = new Set<string>();

  constructor(
    private readonly prompts: ReadonlyMap<string, Contributor>,
    private readonly documents: { get(uri: string): TextDocument | undefined },
    private readonly send: (uri: string, version: number | undefined, diagnostics: LspDiagnostic[]) => void,
  ) {}

  /** Publishes each target's merged diagnostics; a target with none is published only to clear what it showed. */
  publish(targets: Iterable<string>): void {
    for (const target of targets) {
      const { version, diagnostics } = this.mergedFor(target);
      if (diagnostics.length === 0 && !this.published.has(target) && !this.isOwnTarget(target)) continue;
      if (diagnostics.length > 0) this.published.add(target);
      else this.published.delete(target);
      this.send(this.clientUri(target), version, diagnostics);
    }
  }

  /** Republishes targets a prompt no longer contributes to (it was forgotten): always sent, even when empty. */
  withdraw(targets: Iterable<string>): void {
    for (const target of targets) {
      const { version, diagnostics } = this.mergedFor(target);
      if (diagnostics.length === 0) this.published.delete(target);
      this.send(this.clientUri(target), version, diagnostics);
    }
  }

  /** The files these prompts contribute diagnostics to. */
  targetsOf(prompts: Iterable<string>): Set<string> {
    const targets = new Set<string>();
    for (const uri of prompts) for (const target of this.prompts.get(uri)?.contributions.keys() ?? []) targets.add(target);
    return targets;
  }

  /** Every prompt's contributions to one target, duplicates removed (two prompts reporting one broken schema). */
  mergedFor(target: string): Contribution {
    const seen = new Set<string>();
    const diagnostics: LspDiagnostic[] = [];
    let version: number | undefined;
    for (const prompt of this.prompts.values()) {
      // A prompt's own diagnostics show only while it is open or was linted on request (docs/design/pitfalls.md P20).
      if (prompt.uri === target && !prompt.open && !prompt.listed) continue;
      const contribution = prompt.contributions.get(target);
      if (!contribution) continue;
      if (contribution.version !== undefined) version = Math.max(version ?? contribution.version, contribution.version);
      for (const d of contribution.diagnostics) {
        const key = diagnosticKey(d);
        if (seen.has(key)) continue;
        seen.add(key);
        diagnostics.push(d);
      }
    }
    const open = this.documents.get(target);
    return { version: open ? (version ?? open.version) : undefined, diagnostics };
  }

  /** An open or listed prompt's own file: published even when clean (a fix must clear the squiggles). */
  private isOwnTarget(target: string): boolean {
    const entry = this.prompts.get(target);
    return entry !== undefined && (entry.open || entry.listed);
  }

  private clientUri(uri: string): string {
    return this.documents.get(uri)?.uri ?? uri;
  }
}
