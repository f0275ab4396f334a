// Test helpers: an in-memory FileAccess that records every read, and a loader for a prompt plus schema files.
import assert from 'node:assert/strict';
import { parseDocument } from '../../core/document';
import type { FileAccess } from '../../core/files';
import { loadOutputSchema, type LoadOptions } from '../../core/schema/load';
import type { SchemaFailure, SchemaProblem } from '../../core/schema/types';

export interface SpyFiles extends FileAccess {
  reads: string[];
}

export function memoryFiles(files: Record<string, string>): SpyFiles {
  const reads: string[] = [];
  return {
    reads,
    async readText(uri) {
      reads.push(uri);
      return Object.hasOwn(files, uri) ? files[uri] : undefined;
    },
    async glob() {
      return [];
    },
  };
}

export const PROMPT = '/w/p.prompt.md';

/** Loads `schema.json` next to a prompt that declares it, with any other files given. */
export async function loadFileSchema(schemaText: string, others: Record<string, string> = {}, options: LoadOptions = {}) {
  const files = memoryFiles({ '/w/schema.json': schemaText, ...others });
  const document = parseDocument(PROMPT, '---\nconstraints:\n  schema: ./schema.json\n---\nAnswer in JSON.\n');
  return { ...(await loadOutputSchema(document, files, options)), files };
}

export async function loadPrompt(uri: string, text: string, files: Record<string, string> = {}) {
  const spy = memoryFiles(files);
  const document = parseDocument(uri, text);
  return { ...(await loadOutputSchema(document, spy)), files: spy, document };
}

/** The text a span covers. */
export function at(text: string, span: { offset: number; length: number }): string {
  return text.slice(span.offset, span.offset + span.length);
}

/** Failures as `[pointer, covered text, keyword]` triples, for compact assertions. */
export function located(text: string, failures: SchemaFailure[]): Array<[string, string, string]> {
  return failures.map((f) => [f.pointer, at(text, f.span), f.keyword]);
}

export function errorsOnly(problems: SchemaProblem[]): SchemaProblem[] {
  return problems.filter((p) => p.severity === 'error');
}

export function mustValidate<T extends { validation?: unknown }>(loaded: T): NonNullable<T['validation']> {
  assert.ok(loaded.validation, 'the schema compiles');
  return loaded.validation as NonNullable<T['validation']>;
}
