// The parsed form of a prompt file: every part carries its UTF-16 span in the original text.
import type { Document as YamlDocument } from 'yaml';
import type { Span } from '../diagnostic';

export type PromptFormat = 'markdown' | 'dotprompt' | 'prompty' | 'github-models' | 'text';

export interface YamlError {
  message: string;
  span: Span;
}

/** The YAML block a prompt declares its settings in (for `.prompt.yml` files: the whole file). */
export interface Frontmatter {
  /** The YAML source (without the `---` fences), in file offsets. */
  span: Span;
  /** The whole block including fences (empty fences included), in file offsets. */
  blockSpan: Span;
  /** Parsed with `yaml`'s document API; node ranges are relative to `span.offset` — use `nodeSpan`. */
  yaml: YamlDocument.Parsed;
  /** `yaml.toJS()`, or `undefined` when the YAML has errors that prevent it. */
  value: Record<string, unknown> | undefined;
  errors: YamlError[];
  warnings: YamlError[];
}

/** A piece of text the model receives, and where it came from. */
export interface SentPiece {
  text: string;
  /** Where the text sits in the file. */
  span: Span;
  /**
   * True when `text` is exactly the file's substring at `span` (Markdown/Handlebars/Jinja bodies);
   * false for decoded YAML strings (GitHub Models `content:` values), where positions inside are approximate.
   */
  verbatim: boolean;
  /** Set on the text of a Dotprompt partial the engine inserted after its `{{> name}}` tag (the partial's name). */
  partial?: string;
}

/** One chat message (role block). Non-chat formats have exactly one message with role `user`. */
export interface Message {
  role: string;
  /** The role marker (`{{role "system"}}`, `system:`, `- role: system`), absent for an implicit message. */
  marker?: Span;
  /** The whole block, marker included. */
  span: Span;
  pieces: SentPiece[];
}

export interface SectionBudget {
  tokens: number;
  /** The annotation comment. */
  span: Span;
}

/** A Markdown heading's section (to the next heading of the same or higher level) or a role block. */
export interface Section {
  kind: 'heading' | 'role';
  title: string;
  /** Heading level 1–6; role blocks are level 0. */
  level: number;
  /** The heading line or role marker. */
  header: Span;
  /** The whole section, header included, nested subsections included. */
  span: Span;
  budget?: SectionBudget;
}

export interface VariableUse {
  name: string;
  /** The whole tag, e.g. `{{ document | trim }}` or `${input:topic}`. */
  span: Span;
  /** Just the variable name inside the tag. */
  nameSpan: Span;
  /** Used inside this partial (`{{> name}}`), whose tag `span` is; the partial's own file is not this one. */
  partial?: string;
}

export type VariableSource =
  'budget.variables' | 'input.schema' | 'input.default' | 'inputs' | 'sample' | 'testData' | 'template';

export interface DeclaredVariable {
  name: string;
  source: VariableSource;
  /** The key that declares it (in the frontmatter), or the `{% set %}`/`{{#each as |x|}}` that introduces it. */
  span: Span;
}

export interface TemplateComment {
  span: Span;
  /** The comment text between its delimiters. */
  inner: Span;
  syntax: 'html' | 'handlebars' | 'jinja';
  /** HTML comments in Markdown are sent to the model (unless config strips them); template comments are not. */
  sent: boolean;
}

export type Annotation =
  | { kind: 'budget'; tokens: number; span: Span }
  | {
      kind: 'disable' | 'enable' | 'disable-next-line' | 'disable-file';
      /** Empty = all rules. */
      rules: Array<{ id: string; span: Span }>;
      span: Span;
    }
  /** An annotation we could not read (e.g. `promptbound budget: lots`); reported by the engine. */
  | { kind: 'invalid'; message: string; span: Span };

/** A value read from the host format's own keys (docs/design/interop.md interop table) or from ours. */
export interface LocatedValue<T> {
  value: T;
  /** The YAML value node. */
  span: Span;
  /** Dotted key path it was read from, e.g. `config.maxOutputTokens`, `budget.output`. */
  key: string;
}

export interface Interop {
  model?: LocatedValue<string>;
  outputReserve?: LocatedValue<number>;
  /** Where the output schema is declared; its content is resolved by the completion-check engine. */
  schema?: LocatedValue<unknown>;
  declaredVariables: DeclaredVariable[];
  /** A named input schema (registered in code) or unreadable frontmatter: the inputs are not known here. */
  inputsUnknown?: boolean;
  /**
   * Inputs read by something other than the template, so never "unused": GitHub Models test-data columns the
   * evaluators read (`expected`), Prompty 2 tool parameters bound to an input (`bindings: {unit: {input: x}}`).
   */
  readOutsideTemplate?: string[];
}

/** A template syntax error: the template engine would reject the file before anything is sent. */
export interface TemplateProblem {
  message: string;
  span: Span;
  /** The other end of an unbalanced block (the opener of a mismatched closer, …). */
  related?: Array<Span & { message: string }>;
}

/** A Handlebars partial the template renders: `{{> name}}` or `{{#> name}}…{{/name}}`. */
export interface PartialReference {
  name: string;
  /** The whole tag. */
  span: Span;
  nameSpan: Span;
  /** `{{> card item}}`: the partial renders with another context, so its names are not this prompt's inputs. */
  withContext: boolean;
  /** Inside a block (`{{#each}}`…): its names may be the item's fields. */
  inBlock: boolean;
  /** `{{#> name}}fallback{{/name}}`: Handlebars renders the fallback when the partial does not exist. */
  block: boolean;
  /**
   * Set by the engine when it can read files: the partial file found (`_name.prompt` beside the prompt or in
   * a folder above), or `null` when there is none. Undefined when files could not be looked at.
   */
  resolved?: { uri: string; text: string } | null;
}

export interface PromptDocument {
  uri: string;
  text: string;
  format: PromptFormat;
  frontmatter?: Frontmatter;
  /** Everything after the frontmatter (for `.prompt.yml`: empty span at the end; content lives in `messages`). */
  body: Span;
  /** True for formats that send role-separated chat messages (Dotprompt, Prompty, GitHub Models). */
  chat: boolean;
  messages: Message[];
  sections: Section[];
  variables: VariableUse[];
  comments: TemplateComment[];
  annotations: Annotation[];
  interop: Interop;
  /** Handlebars/Jinja syntax errors (template/syntax); empty for Mustache-style formats. */
  templateProblems: TemplateProblem[];
  /** Handlebars partials rendered by the template (Dotprompt). */
  partials: PartialReference[];
}
