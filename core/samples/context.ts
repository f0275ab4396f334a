// Builds the CompletionContext the sample rules read: the output schema (compiled once) and every sample, checked.
import type { CompletionContext } from '../completion';
import type { CheckContext } from '../constraints/types';
import type { PromptDocument } from '../document/types';
import type { ResolvedConfig } from '../config/types';
import type { FileAccess, ReadScope } from '../files';
import type { DocumentStats } from '../stats';
import type { CounterSource } from '../tokens/types';
import { loadOutputSchema } from '../schema/load';
import { declaredSampleGlobs } from './discover';
import { checkSamples, declaredConstraints, expectsJson, type CompletionRequirements } from './check';

export interface CompletionSources {
  files: FileAccess;
  tokenizers: CounterSource;
  /** False skips the samples (`--no-samples`); the schema is still loaded for schema/* rules. */
  samples: boolean;
  /** Where schemas and samples may be read from (docs/security.md); undefined: anywhere local. */
  scope?: ReadScope;
}

/** True when the prompt says anything about its completion: constraints, a schema, JSON output or samples. */
export function declaresCompletionChecks(document: PromptDocument): boolean {
  return (
    Object.keys(declaredConstraints(document)).length > 0 || expectsJson(document) || declaredSampleGlobs(document) !== undefined
  );
}

/** What checking a completion of this prompt needs; the schema is loaded through `files`. */
export async function completionRequirements(
  document: PromptDocument,
  stats: DocumentStats,
  sources: Pick<CompletionSources, 'files' | 'tokenizers' | 'scope'>,
): Promise<{
  requirements: CompletionRequirements;
  schemaProblems: CompletionContext['schemaProblems'];
  declaredSchema?: CompletionContext['declaredSchema'];
}> {
  const { validation, problems, root } = await loadOutputSchema(document, sources.files, { scope: sources.scope });
  const counter = await sources.tokenizers.counterFor({
    encoding: stats.encoding,
    factors: stats.model.found ? stats.model.model.entry.factors : undefined,
  });
  const check: CheckContext = {
    compat: 'default',
    mode: 'strict',
    counter,
    promptText: promptText(document),
    schema: validation,
  };
  return {
    requirements: { constraints: declaredConstraints(document), check, expectJson: expectsJson(document) },
    schemaProblems: problems,
    ...(root ? { declaredSchema: root } : {}),
  };
}

export async function loadCompletionContext(
  document: PromptDocument,
  stats: DocumentStats,
  sources: CompletionSources,
): Promise<CompletionContext> {
  const { requirements, schemaProblems, declaredSchema } = await completionRequirements(document, stats, sources);
  const samples = sources.samples ? await checkSamples(document, sources.files, requirements, sources.scope) : [];
  return { schema: requirements.check.schema, schemaProblems, samples, ...(declaredSchema ? { declaredSchema } : {}) };
}

/** The text the model receives, messages separated by a blank line (for `repeatPrompt: true`). */
function promptText(document: PromptDocument): string {
  return document.messages.map((m) => m.pieces.map((p) => p.text).join('')).join('\n\n');
}

/** The read scope a resolved config sets: none without a root; anywhere with `allowOutsideRoot: true`. */
export function scopeOf(config: ResolvedConfig): ReadScope | undefined {
  if (config.root === undefined) return undefined;
  return { root: config.root, allowed: config.allowOutsideRoot === true ? 'any' : (config.allowOutsideRoot ?? []) };
}
