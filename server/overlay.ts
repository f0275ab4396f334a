// The FileAccess core is handed in the server: open documents shadow the platform's files, and every read is recorded (the prompt's dependencies).
import type { FileAccess, FileRead as ScopedRead, ReadScope } from '../core/files';
import { readScoped } from '../core/files';
import { canonicalUri } from './uris';

/** The open documents, by canonical uri. */
export interface OpenTexts {
  openText(uri: string): { text: string; version: number } | undefined;
}

/** What one lint read: the text (undefined when missing) and, for an open document, its version. */
export interface FileRead {
  text: string | undefined;
  version?: number;
}

/**
 * One per lint. `reads` is what the prompt depends on (schemas, samples, `$ref`s): editing any of them re-lints
 * it; `globBases` are the folders its sample globs searched, so a new file there re-lints it too.
 */
export class RecordingFiles implements FileAccess {
  readonly reads = new Map<string, FileRead>();
  readonly globBases = new Set<string>();

  constructor(
    private readonly base: FileAccess,
    private readonly open: OpenTexts,
  ) {}

  async readText(uri: string): Promise<string | undefined> {
    const key = canonicalUri(uri);
    const doc = this.open.openText(key);
    if (doc !== undefined) {
      this.reads.set(key, { text: doc.text, version: doc.version });
      return doc.text;
    }
    const text = await this.base.readText(uri).catch(() => undefined);
    this.reads.set(key, { text });
    return text;
  }

  /** Like readText, with why a read failed (permission denied, outside the root); open documents are in scope. */
  async read(uri: string, scope?: ReadScope): Promise<ScopedRead> {
    const key = canonicalUri(uri);
    const doc = this.open.openText(key);
    if (doc !== undefined) {
      this.reads.set(key, { text: doc.text, version: doc.version });
      return { ok: true, text: doc.text };
    }
    const read = await readScoped(this.base, uri, scope);
    this.reads.set(key, { text: read.ok ? read.text : undefined });
    return read;
  }

  async glob(baseUri: string, patterns: readonly string[]): Promise<string[]> {
    this.globBases.add(canonicalUri(baseUri));
    const found = await this.base.glob(baseUri, patterns).catch(() => []);
    return found.map(canonicalUri);
  }
}

/** Open documents over the platform's files, without recording (config lookup, sample owners). */
export function overlayFiles(base: FileAccess, open: OpenTexts): FileAccess {
  return {
    async readText(uri) {
      const doc = open.openText(canonicalUri(uri));
      return doc !== undefined ? doc.text : base.readText(uri).catch(() => undefined);
    },
    glob: async (baseUri, patterns) => (await base.glob(baseUri, patterns).catch(() => [])).map(canonicalUri),
  };
}
