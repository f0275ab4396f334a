// sample/constraint: a sample completion violates a declared constraint (in the sample file), plus the one summary on the prompt.
import type { Span } from '../../diagnostic';
import type { PromptDocument } from '../../document/types';
import type { SampleReport } from '../../samples/types';
import type { DocumentStats } from '../../stats';
import type { Report, Rule } from '../types';
import { findKey } from '../../document/frontmatter';
import { coveredByJsonChecks, failedKeys } from '../../samples/check';
import { MAX_SAMPLES_PER_PROMPT } from '../../samples/parse';
import { documentAnchor } from '../anchor';

export const sampleConstraint: Rule = {
  meta: {
    id: 'sample/constraint',
    description:
      'A sample completion violates a declared constraint (measured vs required); the prompt gets one summary of all sample failures.',
    defaultSeverity: 'error',
    fixable: false,
  },
  check({ document, stats, completion, report }) {
    const samples = completion?.samples ?? [];
    for (const sample of samples) reportViolations(sample, report);
    const summary = summarize(samples);
    if (summary) report({ ...summaryAnchor(document, stats), message: summary.message, data: summary.data });
  },
};

function reportViolations(sample: SampleReport, report: (r: Report) => void): void {
  for (const result of sample.results) {
    if (result.pass || coveredByJsonChecks(result, sample)) continue;
    const [first, ...rest] = result.ranges;
    report({
      ...(first ?? { offset: sample.sample.span.offset, length: 0 }),
      uri: sample.sample.uri,
      message: result.message,
      data: { key: result.key, measured: result.measured, required: result.required, ...result.data },
      related:
        rest.length > 0 ? rest.map((span) => ({ ...span, uri: sample.sample.uri, message: `also: ${result.key}` })) : undefined,
    });
  }
}

/** "2 of 5 samples fail: words (2), schema (1)", keys by how many samples fail them, then by first appearance. */
export function summarize(samples: readonly SampleReport[]): { message: string; data: Record<string, unknown> } | undefined {
  const counts = new Map<string, number>();
  let failed = 0;
  for (const sample of samples) {
    const keys = failedKeys(sample);
    if (keys.length > 0) failed++;
    for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (failed === 0) return undefined;
  const ordered = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  const capped =
    samples.length >= MAX_SAMPLES_PER_PROMPT
      ? ` (only the first ${MAX_SAMPLES_PER_PROMPT.toLocaleString('en-US')} samples are checked)`
      : '';
  const noun = samples.length === 1 ? 'sample fails' : 'samples fail';
  return {
    message: `${failed} of ${samples.length} ${noun}: ${ordered.map(([k, n]) => `${k} (${n})`).join(', ')}${capped}`,
    data: { summary: true, failed, total: samples.length, keys: Object.fromEntries(ordered) },
  };
}

/** The `samples` key, else `constraints`, else GitHub Models' `evaluators`, else the key the schema is declared under, else the document anchor. */
function summaryAnchor(document: PromptDocument, stats: DocumentStats): Span {
  const frontmatter = document.frontmatter;
  const schema = document.interop.schema;
  // The schema's key, not its value: a 30-line inline schema should not be squiggled as a whole.
  const key =
    frontmatter &&
    (findKey(frontmatter, ['samples']) ??
      findKey(frontmatter, ['constraints']) ??
      findKey(frontmatter, ['evaluators']) ??
      (schema ? findKey(frontmatter, schema.key.split('.')) : undefined));
  return key?.keySpan ?? schema?.span ?? documentAnchor(document, stats);
}
