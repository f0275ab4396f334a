// Token statistics of one prompt: counts per message and section, and the budget they are measured against.
import type { Span } from './diagnostic';
import type { PromptDocument, Section } from './document/types';
import type { EncodingName, ModelLookup } from './models/types';

export interface SectionCount {
  section: Section;
  tokens: number;
  approximate: boolean;
}

export interface MessageCount {
  role: string;
  tokens: number;
}

export interface VariableBudget {
  name: string;
  tokens: number;
  /** The `budget.variables.<name>` value. */
  span?: Span;
}

/** A budget figure and where it came from (a key path in the prompt, `config`, or `model`). */
export interface BudgetFigure {
  tokens: number;
  source: string;
  span?: Span;
}

export interface BudgetReport {
  /** Undefined when the model is unknown and no `budget.context` is given. */
  context?: BudgetFigure;
  output?: BudgetFigure;
  prompt?: BudgetFigure;
  warnAt: { fraction: number; span?: Span };
  effective?: { fraction: number; span?: Span };
  /** Prompt text + chat overhead + expected variable fill. */
  input: number;
  /** context − output reserve; undefined without a context. */
  inputBudget?: number;
  /** input + output reserve. */
  total: number;
}

export interface DocumentStats {
  model: ModelLookup;
  /** Where the model id came from. */
  modelSource: 'override' | 'document' | 'config';
  /** The model value in the prompt's frontmatter, when it came from there. */
  modelSpan?: Span;
  encoding: EncodingName;
  /** True for approximate models or when a long-run fallback was used. */
  approximate: boolean;
  /** Tokens of the text the model receives (comments and role markers excluded). */
  promptTokens: number;
  /** Chat-format overhead estimate (per message + per request); 0 for non-chat formats. */
  overhead: number;
  messages: MessageCount[];
  sections: SectionCount[];
  variables: VariableBudget[];
  variablesTotal: number;
  /** Where counts were estimated (long unbroken runs), in file offsets. */
  estimated: Span[];
  budget: BudgetReport;
}

export type { PromptDocument };
