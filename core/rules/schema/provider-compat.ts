// schema/provider-compat: the output schema uses what a target provider's structured-output mode rejects or ignores; once per provider of the targets.
import type { Fix, Span } from '../../diagnostic';
import type { DeclaredSchema } from '../../schema/load';
import type { PromptDocument } from '../../document/types';
import type { ResolvedConfig } from '../../config/types';
import type { DocumentStats } from '../../stats';
import type { Rule } from '../types';
import { findKey } from '../../document/frontmatter';
import { isRecord, type SchemaPath } from '../../schema/walk';
import { encodePointer, nodeAtPath } from '../../plain-data';
import { perTarget } from '../budget/targets';
import { checkProviderSubset, providerSubset, type CompatFinding } from './provider-compat-check';
import { compatFixEdits } from './provider-compat-fix';

export const schemaProviderCompat: Rule = {
  meta: {
    id: 'schema/provider-compat',
    description:
      "The output schema uses what the target provider's structured-output mode rejects (OpenAI strict, Anthropic strict tool use) or ignores (Gemini).",
    defaultSeverity: 'warning',
    fixable: true,
  },
  check({ document, config, stats, completion, report }) {
    const declared = completion?.declaredSchema;
    if (!declared || !sentToProvider(document, config)) return;
    const strict = strictMode(document, config);
    for (const [provider, targets] of providersOf(stats)) {
      const subset = providerSubset(provider);
      if (!subset) continue;
      const label = stats.targets ? `[${targets.join(', ')}] ` : '';
      for (const finding of checkProviderSubset(declared.schema, subset)) {
        const span = locate(finding, declared.source, document);
        const fixes = fixesFor(finding, declared, document);
        report({
          ...span,
          ...(declared.source.uri !== document.uri ? { uri: declared.source.uri } : {}),
          message: `${label}${finding.message}${subset.rejects ? (strict ? ' (strict mode: the request is rejected)' : '') : ''}.`,
          data: {
            provider,
            targets,
            code: finding.code,
            pointer: encodePointer(finding.path),
            strict,
            ...(finding.fix ? { fix: finding.fix } : {}),
          },
          ...(fixes.length > 0 ? { fixes } : {}),
          // Gemini ignores what it does not support instead of refusing the request: never an error.
          ...(strict && subset.rejects ? { severity: 'error' as const } : {}),
        });
      }
    }
  },
};

/** Target models by provider, in the order targets are declared (one finding per provider, naming its targets). */
function providersOf(stats: DocumentStats): Map<string, string[]> {
  const byProvider = new Map<string, string[]>();
  for (const target of perTarget(stats)) {
    if (!target.model.found) continue;
    const provider = target.model.model.entry.provider;
    const ids = byProvider.get(provider) ?? [];
    ids.push(target.model.model.entry.id);
    byProvider.set(provider, ids);
  }
  return byProvider;
}

/**
 * The schema goes to the provider's structured-output mode when the format sends it (GitHub Models `jsonSchema`,
 * Dotprompt `output.schema`) or the prompt or config says so with `structuredOutput`. A `constraints.schema`
 * alone only checks samples.
 */
function sentToProvider(document: PromptDocument, config: ResolvedConfig): boolean {
  const key = document.interop.schema?.key;
  if (key === 'jsonSchema' || key === 'output.schema') return true;
  if (document.frontmatter && findKey(document.frontmatter, ['structuredOutput'])) return true;
  return config.structuredOutput !== undefined;
}

/** `structuredOutput.strict` (prompt, else config), or GitHub Models' `"strict": true` inside `jsonSchema`. */
function strictMode(document: PromptDocument, config: ResolvedConfig): boolean {
  const own = document.frontmatter?.value?.structuredOutput;
  if (isRecord(own) && typeof own.strict === 'boolean') return own.strict;
  const jsonSchema = document.interop.schema?.key === 'jsonSchema' ? document.interop.schema.value : undefined;
  if (jsonSchema !== undefined && wrapperStrict(jsonSchema)) return true;
  return config.structuredOutput?.strict === true;
}

function wrapperStrict(value: unknown): boolean {
  if (isRecord(value)) return value.strict === true;
  if (typeof value !== 'string') return false;
  try {
    const parsed: unknown = JSON.parse(value);
    return isRecord(parsed) && parsed.strict === true;
  } catch {
    return false;
  }
}

function fixesFor(finding: CompatFinding, declared: DeclaredSchema, document: PromptDocument): Fix[] {
  if (!finding.fix) return [];
  const objectPath: SchemaPath = finding.fix.kind === 'required' ? finding.path.slice(0, -2) : finding.path;
  const edits = compatFixEdits(
    finding.fix,
    objectPath,
    declared.source,
    document.frontmatter,
    document.text,
    nodeAtPath(declared.schema, objectPath),
  );
  if (!edits) return [];
  const title =
    finding.fix.kind === 'additionalProperties'
      ? 'Add additionalProperties: false'
      : `Require '${finding.fix.property}' as a nullable property`;
  return [{ title, edits, safe: true }];
}

/** The root object's findings sit on the key the schema is declared under, not on the whole inline schema. */
function locate(finding: CompatFinding, source: DeclaredSchema['source'], document: PromptDocument): Span {
  if (finding.path.length === 0 && source.yaml && document.frontmatter) {
    const declared = findKey(document.frontmatter, source.yaml.base);
    if (declared) return declared.keySpan;
  }
  return source.locate(finding.path, finding.at);
}
