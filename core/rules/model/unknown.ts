// model/unknown: a model id the table does not know is reported, never silently replaced (docs/models.md).
import type { Rule } from '../types';
import { documentAnchor } from '../anchor';

export const modelUnknown: Rule = {
  meta: {
    id: 'model/unknown',
    description: 'The model is not in the model table or the configured custom models.',
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ document, stats: all, report }) {
    // Each of several targets is looked up on its own (its list item carries the span).
    for (const stats of all.targets ?? [all]) {
      const lookup = stats.model;
      if (lookup.found) continue;
      // Image generators take a prompt with a character limit, not a context window: out of scope, not unknown.
      if (IMAGE_MODELS.test(lookup.normalized)) continue;
      const hint = lookup.suggestions.length > 0 ? ` Did you mean ${lookup.suggestions.map((s) => `'${s}'`).join(', ')}?` : '';
      const where =
        stats.target?.source === 'config'
          ? ' (from config targets)'
          : stats.modelSource === 'document'
            ? ''
            : stats.modelSource === 'override'
              ? ' (from --model / the editor)'
              : ' (from config)';
      const span = stats.modelSpan ?? documentAnchor(document, stats);
      report({
        ...span,
        message:
          `Unknown model '${lookup.requested}'${where}: tokens are counted with o200k_base as an estimate and the context window is unknown.` +
          `${hint} Declare it under \`models\` in .promptbound.yaml if it is yours.`,
        data: { model: lookup.requested, suggestions: lookup.suggestions },
        fixes: stats.modelSpan
          ? lookup.suggestions.map((id) => ({
              title: `Replace with '${id}'`,
              edits: [{ ...valueOnly(document.text, span), newText: id }],
            }))
          : undefined,
      });
    }
  },
};

const IMAGE_MODELS = /^(?:dall-e|gpt-image|imagen|imagegeneration)/;

/** Keep surrounding quotes when replacing a quoted YAML scalar. */
function valueOnly(text: string, span: { offset: number; length: number }): { offset: number; length: number } {
  const raw = text.slice(span.offset, span.offset + span.length);
  const quoted = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0];
  return quoted ? { offset: span.offset + 1, length: span.length - 2 } : span;
}
