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

/** A value a variable really takes, from the prompt's own test inputs (Prompty `sample`, GitHub Models `testData`, Dotprompt `input.default`). */
export interface VariableFill {
  name: string;
  /** Tokens of the largest value seen, with the model's tokenizer. */
  tokens: number;
  approximate: boolean;
  /** The key it was read from, e.g. `testData`, `sample`, `input.default`. */
  source: string;
  /** The largest value in the frontmatter. */
  span: Span;
  /** How many values were measured (rows of testData). */
  values: number;
}

/** One instruction paragraph, positioned in tokens of the rendered prompt (expected variable fill included). */
export interface LayoutBlock {
  /** Where the paragraph is in the file. */
  span: Span;
  /** The paragraph's text, variables left as written. */
  text: string;
  /** Token position of its first token in the rendered prompt. */
  start: number;
  tokens: number;
  /** Part of `tokens` that is expected variable fill. */
  fill: number;
}

/** A long prompt's instruction paragraphs, present only when every one of them sits in the middle third. */
export interface PromptLayout {
  blocks: LayoutBlock[];
  total: number;
  approximate: boolean;
}

/** Which target model a per-target DocumentStats is about. */
export interface TargetRef {
  id: string;
  /** The list item in the prompt's `targets`, when declared there. */
  span?: Span;
  source: 'document' | 'config';
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
  /** Measured fill of variables from the prompt's own test inputs (one entry per variable, the largest value). */
  fills: VariableFill[];
  /**
   * placement/lost-in-the-middle's evidence: set only when the input reaches the placement threshold and every
   * instruction paragraph sits in the middle third of the rendered prompt.
   */
  layout?: PromptLayout;
  /** Set on the per-target stats of a prompt with several targets. */
  target?: TargetRef;
  /**
   * With several targets: one DocumentStats per target in declared order (the first is this object's own figures).
   * Undefined when the prompt has one model.
   */
  targets?: DocumentStats[];
}

export type { PromptDocument };
