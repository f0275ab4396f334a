// Resolves a model id as written (prompt, config, CLI) to a table entry or a configured custom model.
import { editDistance } from '../did-you-mean';
import { MODELS } from './table';
import type { ApproximationFactors, ChatOverhead, CustomModel, ModelEntry, ModelLookup } from './types';

/** Real ids are short; cutting longer text keeps normalisation and suggestions cheap on hostile input. */
const MAX_ID_LENGTH = 256;
const MAX_SUGGESTIONS = 3;

/** Bedrock prefixes: optional cross-region inference profile, then the vendor (`us.anthropic.claude-…`). */
const BEDROCK_PREFIX =
  /^(?:(?:us|eu|apac|us-gov|global|jp|au|ca)\.)?(?:anthropic|meta|mistral|deepseek|openai|amazon|cohere|ai21|qwen)\./;
/** Bedrock version suffix (`-v1:0`, `-v2:0`, `-v1:0:200k`); the colon keeps `deepseek-v3` intact. */
const BEDROCK_VERSION = /-v\d+(?::[0-9a-z]+)+$/;
/** Snapshot suffixes, stripped repeatedly: `-latest`, `-2024-07-18`, `-20250929`, `-09-2025`, `-06-05`, `-0613`, `-001`. */
const SNAPSHOT_SUFFIXES: readonly RegExp[] = [
  /-latest$/,
  /-\d{4}-\d{2}-\d{2}$/,
  /-\d{8}$/,
  /-\d{2}-\d{4}$/,
  /-\d{2}-\d{2}$/,
  /-\d{3,4}$/,
];

/**
 * What may follow a matched prefix. Not `.`: `gpt-4.1` must never fall back to `gpt-4` (docs/design/pitfalls.md P5).
 * Not a letter or digit: `gpt-4o` is not `gpt-4`, `o4-mini` is not `o4`.
 */
const BOUNDARY = new Set(['-', '_', ':', '@']);
/**
 * A remainder that is a bare version number names a different model (`claude-opus-4-6` is not
 * `claude-opus-4`, `gpt-5-1` is not `gpt-5`), so it does not match; sizes (`-8b`) and snapshots (`-0613`) do.
 */
const VERSION_REMAINDER = /^[-_:@]\d{1,2}(?:\.\d+)?(?=$|[-_:@])/;

/** Conservative factors for a custom approximate model that leaves some out: the largest of any family in the table. */
const CUSTOM_FACTORS: ApproximationFactors = { latin: 1.3, cjk: 1.8, other: 2.5 };
const OPENAI_CHAT: ChatOverhead = { perMessage: 3, perRequest: 3 };
const ESTIMATED_CHAT: ChatOverhead = { perMessage: 5, perRequest: 5 };

interface Candidate {
  /** Normalised id or alias; matched as a prefix at a boundary. */
  prefix: string;
  entry: ModelEntry;
  custom: boolean;
}

/**
 * The comparable form of a model id: trimmed, lower-case, display suffixes and provider paths removed,
 * fine-tunes reduced to their base, Bedrock/Vertex decorations and snapshot dates stripped.
 */
export function normalizeModelId(id: string): string {
  let s = id.trim().slice(0, MAX_ID_LENGTH).toLowerCase();
  for (let i = 0; i < 3 && /\)\s*$/.test(s); i++) s = s.replace(/\s*\([^()]*\)\s*$/, ''); // Copilot display names: "GPT-5.1-Codex (Preview) (copilot)"
  s = s.trim().replace(/\s+/g, '-'); // "Gemini 2.5 Pro" → "gemini-2.5-pro"
  s = s.slice(s.lastIndexOf('/') + 1); // openai/, models/, publishers/google/models/, ARNs …
  s = baseOfFineTune(s);
  s = s.replace(BEDROCK_PREFIX, '').replace(BEDROCK_VERSION, '');
  s = s.replace(/@.*$/, ''); // Vertex: claude-3-5-sonnet@20240620
  return stripSnapshots(s);
}

/** `ft:gpt-4o-mini-2024-07-18:org::id` → `gpt-4o-mini-2024-07-18`. */
function baseOfFineTune(id: string): string {
  if (!id.startsWith('ft:')) return id;
  const rest = id.slice(3);
  const colon = rest.indexOf(':');
  return colon === -1 ? rest : rest.slice(0, colon);
}

/**
 * Google's moving aliases (`gemini-pro-latest` → the newest Pro) name a model of their own: stripping `-latest`
 * would turn them into the retired Gemini 1.0 Pro (`gemini-pro`).
 */
const MOVING_ALIAS = /^gemini-(?:pro|flash|flash-lite)-latest$/;

function stripSnapshots(id: string): string {
  if (MOVING_ALIAS.test(id)) return id;
  let current = id;
  for (;;) {
    const pattern = SNAPSHOT_SUFFIXES.find((p) => p.test(current));
    if (!pattern) return current;
    current = current.replace(pattern, '');
  }
}

/**
 * Finds the model for `id`: the longest table id or alias that is a prefix of the normalised id at a
 * boundary. Custom models take part in the same match and win ties, so a custom `gpt-4o` overrides the
 * table's `gpt-4o` without capturing `gpt-4o-mini`.
 */
export function lookupModel(id: string, customModels: readonly CustomModel[] = []): ModelLookup {
  const normalized = normalizeModelId(id);
  const candidates = candidatesWith(customModels);
  if (normalized !== '') {
    const hit = candidates.find((c) => matchesAt(normalized, c.prefix));
    const typo = hit ? nearMiss(normalized, hit, candidates) : undefined;
    if (typo) {
      const others = suggestIds(normalized, candidates).filter((s) => s !== typo);
      return { found: false, requested: id, normalized, suggestions: [typo, ...others].slice(0, MAX_SUGGESTIONS) };
    }
    if (hit) {
      return {
        found: true,
        model: { requested: id, normalized, matched: hit.prefix, entry: hit.entry, custom: hit.custom },
      };
    }
  }
  return { found: false, requested: id, normalized, suggestions: suggestIds(normalized, candidates) };
}

/**
 * A prefix match whose id is one or two edits from a longer sibling of the matched id is a typo, not a
 * variant: `gpt-4o-mni` is not a gpt-4o snapshot and `gpt-4-o` is not gpt-4. Returns that sibling.
 * Only ids that extend the matched prefix count, so `gemini-2.0-flash-lite` never becomes a 2.5 typo.
 */
function nearMiss(normalized: string, hit: Candidate, candidates: readonly Candidate[]): string | undefined {
  if (normalized === hit.prefix) return undefined;
  for (const candidate of candidates) {
    if (candidate.prefix.length <= hit.prefix.length) break; // longest first: nothing longer remains
    if (!candidate.prefix.startsWith(hit.prefix)) continue;
    const allowed = candidate.prefix.length >= 8 ? 2 : 1;
    if (editDistance(normalized, candidate.prefix, allowed + 1) <= allowed) return candidate.entry.id;
  }
  return undefined;
}

function matchesAt(normalized: string, prefix: string): boolean {
  if (!normalized.startsWith(prefix)) return false;
  const rest = normalized.slice(prefix.length);
  if (rest === '') return true;
  return BOUNDARY.has(rest[0]) && !VERSION_REMAINDER.test(rest);
}

const TABLE_CANDIDATES: readonly Candidate[] = byPrefixLength(
  MODELS.flatMap((entry) => [entry.id, ...(entry.aliases ?? [])].map((prefix) => ({ prefix, entry, custom: false }))),
);

/** Longest prefix first; `sort` is stable, so earlier candidates (custom ones) win ties. */
function byPrefixLength(candidates: Candidate[]): Candidate[] {
  return candidates.sort((a, b) => b.prefix.length - a.prefix.length);
}

function candidatesWith(customModels: readonly CustomModel[]): readonly Candidate[] {
  if (customModels.length === 0) return TABLE_CANDIDATES;
  const custom = customModels
    .map((model) => ({ prefix: normalizeModelId(model.id), entry: customModelEntry(model), custom: true }))
    .filter((c) => c.prefix !== '');
  return byPrefixLength([...custom, ...TABLE_CANDIDATES]);
}

/**
 * A config-declared model as a table entry. Tokenizer: as declared, else `approximate` when factors are
 * given and `exact` otherwise. Missing or sub-1 factors become the conservative defaults (counts are only
 * ever scaled up). A single `output` number is both the reservation and the maximum; without one the
 * reservation is min(4,096, a quarter of the window) and the maximum is the window.
 */
export function customModelEntry(model: CustomModel): ModelEntry {
  const tokenizer = model.tokenizer ?? (model.factors ? 'approximate' : 'exact');
  const entry: ModelEntry = {
    id: model.id.trim(),
    provider: 'custom',
    encoding: model.encoding,
    tokenizer,
    context: model.context,
    output: customOutput(model),
    chat: tokenizer === 'exact' ? { ...OPENAI_CHAT } : { ...ESTIMATED_CHAT },
    notes: 'Declared under `models` in the configuration.',
  };
  if (tokenizer === 'approximate') entry.factors = completeFactors(model.factors ?? {});
  return entry;
}

function customOutput(model: CustomModel): ModelEntry['output'] {
  if (typeof model.output === 'number') return { default: model.output, max: model.output };
  if (model.output) return { default: model.output.default, max: model.output.max };
  return { default: Math.min(4096, Math.floor(model.context / 4)), max: model.context };
}

function completeFactors(given: Partial<ApproximationFactors>): ApproximationFactors {
  const pick = (value: number | undefined, fallback: number): number =>
    value !== undefined && Number.isFinite(value) ? Math.max(1, value) : fallback;
  return {
    latin: pick(given.latin, CUSTOM_FACTORS.latin),
    cjk: pick(given.cjk, CUSTOM_FACTORS.cjk),
    other: pick(given.other, CUSTOM_FACTORS.other),
  };
}

/**
 * Up to three canonical ids close to an unknown one. Ids are compared with the input cut near their own
 * length (ids are matched as prefixes, so `gemini-3-pro-preview` is close to `gemini-2.5-pro`); cutting
 * costs one edit so `claude-opus-4-6` prefers `claude-opus-4-5` over `claude-opus-4`.
 */
function suggestIds(normalized: string, candidates: readonly Candidate[]): string[] {
  if (normalized === '') return [];
  const seen = new Set<string>();
  const scored: { id: string; distance: number; shared: number; order: number }[] = [];
  candidates.forEach((candidate, order) => {
    const id = candidate.entry.id;
    if (seen.has(id) || candidate.prefix !== normalizeModelId(id)) return; // canonical ids only
    seen.add(id);
    const distance = prefixDistance(normalized, candidate.prefix);
    if (distance <= Math.max(1, Math.floor(candidate.prefix.length / 3))) {
      scored.push({ id, distance, shared: sharedPrefix(normalized, candidate.prefix), order });
    }
  });
  scored.sort((a, b) => a.distance - b.distance || b.shared - a.shared || a.order - b.order);
  return scored.slice(0, MAX_SUGGESTIONS).map((s) => s.id);
}

function prefixDistance(input: string, id: string): number {
  // A short form of a longer id ("o4" for "o4-mini") is one step away, like a completion.
  if (id.startsWith(input) && BOUNDARY.has(id[input.length])) return 1;
  let best = editDistance(input, id);
  const from = Math.max(0, id.length - 2);
  const to = Math.min(input.length - 1, id.length + 2);
  for (let cut = from; cut <= to; cut++) best = Math.min(best, editDistance(input.slice(0, cut), id) + 1);
  return best;
}

function sharedPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return i;
}
