// The settings shape shared by `.promptbound.yaml`, editor settings and CLI flags.
import type { SeveritySetting } from '../diagnostic';
import type { CustomModel } from '../models/types';

export interface BudgetDefaults {
  context?: number;
  output?: number;
  prompt?: number;
  warnAt?: number;
  effective?: number;
  variables?: Record<string, number>;
}

/** `.promptbound.yaml` / `.promptbound.json` as written (validated by schemas/config.schema.json). */
export interface PromptboundConfig {
  model?: string;
  /** Extra globs of prompt files, e.g. `prompts/**\/*.txt` (linted as plain-text prompts). */
  files?: string[];
  ignore?: string[];
  rules?: Record<string, SeveritySetting>;
  models?: CustomModel[];
  budget?: BudgetDefaults;
  /** The runtime strips HTML comments from Markdown prompts, so they are not counted. Default false. */
  stripHtmlComments?: boolean;
  /** Schemas, `$ref`s and samples outside the root may be read: `true` anywhere local, or these folders (relative to the config file). */
  allowOutsideRoot?: boolean | string[];
  /** Several target models; every prompt here is checked once per target (a prompt's own `targets` win). */
  targets?: string[];
  /** `strict: true`: requests use strict structured outputs, so schema/provider-compat findings are errors. */
  structuredOutput?: { strict?: boolean };
  /** placement/lost-in-the-middle: prompts under `minTokens` (default 4000) are not checked. */
  placement?: { minTokens?: number };
}

/** Config after defaults are applied; what the engine reads. */
export interface ResolvedConfig {
  /** Model used when a prompt names none. */
  model: string;
  /** `--model` on the command line or the editor's picked model: overrides the prompt's own. */
  modelOverride?: string;
  rules: Record<string, SeveritySetting>;
  models: CustomModel[];
  budget: BudgetDefaults;
  stripHtmlComments: boolean;
  /** Set by the front end: files outside this folder (path or uri) are not read unless `allowOutsideRoot` allows it (docs/security.md). */
  root?: string;
  /** `true`, or absolute folders (paths or uris) besides the root whose files may be read. */
  allowOutsideRoot?: true | string[];
  /** Config-level target models (see PromptboundConfig.targets). */
  targets?: string[];
  structuredOutput?: { strict: boolean };
  placement?: { minTokens: number };
}

export const DEFAULT_MODEL = 'gpt-4o';

export function defaultConfig(): ResolvedConfig {
  return { model: DEFAULT_MODEL, rules: {}, models: [], budget: {}, stripHtmlComments: false };
}
