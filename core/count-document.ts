// Parse and count a prompt without the rules: what `promptbound count`, `validate` and the status bar need. Apart from
// core/engine.ts so that importing it does not load every rule (docs/tokenizers.md, "Start-up").
import type { PromptDocument } from './document/types';
import type { DocumentStats } from './stats';
import type { EngineHost, LintInput } from './engine';
import { parseDocument } from './document';
import { resolvePartials } from './document/partials';
import { computeStats } from './budget';

/** Parse and count a prompt without running rules (`promptbound count`, the status bar). */
export async function countDocument(
  input: LintInput,
  host: EngineHost,
): Promise<{ document: PromptDocument; stats: DocumentStats }> {
  // The parse itself runs in one go; the part of it that scans the whole text is done first, with yields.
  if (input.session && input.checkpoint) await input.session.prepareLines(input.text, input.checkpoint);
  const document = parseDocument(input.uri, input.text, {
    stripHtmlComments: input.config.stripHtmlComments,
    candidateLines: input.session?.candidateLines,
  });
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
