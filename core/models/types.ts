// The shape of the model table (core/models/models.json) and of a model lookup's answer.

export type EncodingName = 'o200k_base' | 'cl100k_base';

/** Multipliers applied to the proxy encoding's count for models without a local tokenizer (docs/models.md). */
export interface ApproximationFactors {
  /** Latin, Cyrillic, Greek and other alphabetic scripts, code, punctuation. */
  latin: number;
  /** Han, Hiragana, Katakana, Hangul. */
  cjk: number;
  /** Everything else (Arabic, Devanagari, Thai, emoji, ...). */
  other: number;
}

export interface ChatOverhead {
  /** Tokens added per message (role markers). */
  perMessage: number;
  /** Tokens added once per request (reply priming). */
  perRequest: number;
}

export interface ModelEntry {
  /** Canonical id; also an id prefix for longest-prefix lookup. */
  id: string;
  /** Further prefixes that resolve here (Azure deployment names like `gpt-35-turbo`, vendor spellings). */
  aliases?: string[];
  provider: string;
  encoding: EncodingName;
  tokenizer: 'exact' | 'approximate';
  /** Present exactly when `tokenizer` is `approximate`. */
  factors?: ApproximationFactors;
  /** Context window in tokens (input + output). */
  context: number;
  /**
   * Hard cap on input tokens when the provider sets one below `context − output` (gpt-5: 272,000 of 400,000).
   * Absent when the only input limit is the window itself.
   */
  maxInput?: number;
  /** Output tokens: the provider's default reservation and the hard maximum. */
  output: { default: number; max: number };
  chat: ChatOverhead;
  /** Free-text note shown in hovers (e.g. "knowledge cutoff", "source of limits"). */
  notes?: string;
}

/** A model declared in config (docs/models.md): `{id, encoding, context, output}`. */
export interface CustomModel {
  id: string;
  encoding: EncodingName;
  context: number;
  output?: number | { default: number; max: number };
  tokenizer?: 'exact' | 'approximate';
  factors?: Partial<ApproximationFactors>;
}

export interface ResolvedModel {
  /** What the prompt or config asked for, as written. */
  requested: string;
  /** After normalisation (`openai/`, `ft:`, date suffixes, case). */
  normalized: string;
  /** The table id or alias prefix that matched. */
  matched: string;
  entry: ModelEntry;
  /** True when the entry came from config `models`. */
  custom: boolean;
}

export type ModelLookup =
  { found: true; model: ResolvedModel } | { found: false; requested: string; normalized: string; suggestions: string[] };
