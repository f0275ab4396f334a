// Parse and count a prompt without the rules: what `promptbound count`, `validate` and the status bar need. Apart from
// core/engine.ts so that importing it does not load every rule (docs/tokenizers.md, "Start-up").
import type { PromptDocument } from './document/types';
import type { DocumentStats } from './stats';
import type { EngineHost, LintInput } from './engine';
import { parseDocument, parseDocumentInSlices } from './document';
import { resolvePartials } from './document/partials';
import { computeStats } from './budget';

/** Parse and count a prompt without running rules (`promptbound count`, the status bar). */
export async function countDocument(
  input: LintInput,
  host: EngineHost,
): Promise<{ document: PromptDocument; stats: DocumentStats }> {
  // The heading candidates are searched first, with yields; the parse then pauses at checkpoints between its steps.
  if (input.session && input.checkpoint) await input.session.prepareLines(input.text, input.checkpoint);
  const options = {
    stripHtmlComments: input.config.stripHtmlComments,
    candidateLines: input.session?.candidateLines,
    splitFrontmatter: input.session?.splitFrontmatter,
    openers: input.session?.openers,
  };
  const document = input.checkpoint
    ? await parseDocumentInSlices(input.uri, input.text, options, input.checkpoint)
    : parseDocument(input.uri, input.text, options);
  // Dotprompt partials (`{{> style}}` → `_style.prompt`) are counted and their names count as used.
  if (host.files) await resolvePartials(document, host.files, (uri, text) => parseDocument(uri, text));
  input.onParsed?.(document);
  if (input.checkpoint) await input.checkpoint();
  const stats = await computeStats(document, input.config, host.tokenizers, {
    session: input.session,
    checkpoint: input.checkpoint,
  });
  return { document, stats };
}
