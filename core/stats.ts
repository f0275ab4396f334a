// Token statistics of one prompt: counts per message and section, and the budget they are measured against.
import type { Span } from './diagnostic';
import type { PromptDocument, Section, SentPiece } from './document/types';
import type { EncodingName, ModelLookup } from './models/types';
import type { TallyingCounter } from './tokens/counter';
import { ChunkTallies, type Checkpoint } from './tokens/incremental';
import type { TokenTally } from './tokens/tally';
import type { TokenCount, TokenCounter } from './tokens/types';

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

/** Message and section counts of a parsed prompt, and where long runs were estimated. */
export interface SentCounts {
  messages: MessageCount[];
  sections: SectionCount[];
  estimated: Span[];
  approximate: boolean;
}

/** Sections whose counts are summed between two checkpoints. */
const SECTIONS_PER_SLICE = 1024;

/** Where each message's tallies come from: kept across versions by the editor's session, or fresh. */
export type TalliesFor = (counter: TallyingCounter, messageIndex: number) => ChunkTallies;

/**
 * Counts each message's sent text (its pieces joined, as one string is sent) and each section's part of it.
 * With an additive counter, a message is counted chunk by chunk and a section's count is the sum of the chunks
 * it covers, so the text is encoded once, not once per enclosing section; counts equal counting each text alone.
 */
export async function countSentText(
  document: PromptDocument,
  counter: TokenCounter,
  tallying: TallyingCounter | undefined,
  talliesFor: TalliesFor | undefined,
  checkpoint?: Checkpoint,
): Promise<SentCounts> {
  if (tallying === undefined) return countEachText(document, counter);
  const estimated: Span[] = [];
  let approximate = false;
  const joined = document.messages.map((message) => joinPieces(message.pieces));
  // Each section's place is found once, for the chunk cuts and for its count (in slices: a 10 MB prompt has many;
  // each slice in a plain function, which V8 optimises better than a loop in this async function).
  const places: Array<SectionPlace | undefined> = [];
  const place = (from: number, to: number) => {
    for (let i = from; i < to; i++) places.push(sectionPlace(document, joined, document.sections[i]));
  };
  const total = document.sections.length;
  for (let from = 0; from < total; from += SECTIONS_PER_SLICE) {
    if (checkpoint && from > 0) await checkpoint();
    place(from, Math.min(total, from + SECTIONS_PER_SLICE));
  }
  const cuts = sectionCuts(document.messages.length, places);
  const tallies: ChunkTallies[] = [];
  const messages: MessageCount[] = [];
  for (let i = 0; i < document.messages.length; i++) {
    const chunks = talliesFor ? talliesFor(tallying, i) : new ChunkTallies(tallying);
    await chunks.update(joined[i].text, cuts[i], checkpoint);
    tallies.push(chunks);
    const counted = finishTally(counter, tallying, chunks.total());
    if (counted.estimated.length > 0) estimated.push(...mapEstimated(document.messages[i].pieces, counted.estimated));
    approximate ||= counted.approximate;
    messages.push({ role: document.messages[i].role, tokens: counted.tokens });
  }
  const sections: SectionCount[] = [];
  // Tens of thousands of sections (a 10 MB prompt) are summed between checkpoints, a batch at a time in a plain
  // function (V8 optimises that loop better than one in this async function).
  const count = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const section = document.sections[i];
      const place = places[i];
      if (place === undefined) {
        sections.push(countSectionText(counter, document, section));
        continue;
      }
      const result = finishTally(counter, tallying, tallies[place.message].range(place.from, place.to));
      sections.push({ section, tokens: result.tokens, approximate: result.approximate });
    }
  };
  for (let from = 0; from < total; from += SECTIONS_PER_SLICE) {
    if (checkpoint) await checkpoint(); // also between the chunks' running sums and the first batch
    count(from, Math.min(total, from + SECTIONS_PER_SLICE));
  }
  return { messages, sections, estimated, approximate };
}

/** A tally finished by the counter that was asked for (its factors), through the tallying counter under it. */
function finishTally(counter: TokenCounter, tallying: TallyingCounter, tally: TokenTally): TokenCount {
  const finish = (counter as Partial<TallyingCounter>).finish;
  return typeof finish === 'function' ? finish.call(counter, tally) : tallying.finish(tally);
}

interface JoinedMessage {
  text: string;
  /** Offset of each piece's text in `text`. */
  starts: number[];
}

function joinPieces(pieces: readonly SentPiece[]): JoinedMessage {
  const starts: number[] = [];
  let at = 0;
  for (const piece of pieces) {
    starts.push(at);
    at += piece.text.length;
  }
  return { text: pieces.length === 1 ? pieces[0].text : pieces.map((p) => p.text).join(''), starts };
}

/** Section starts and ends in each message's joined text, sorted, where chunks should end. */
function sectionCuts(messages: number, places: ReadonlyArray<SectionPlace | undefined>): number[][] {
  const cuts: number[][] = Array.from({ length: messages }, () => []);
  for (const place of places) if (place !== undefined) cuts[place.message].push(place.from, place.to);
  // A typed array sorts numbers without a comparator call per step (tens of thousands of cuts in a 10 MB prompt).
  return cuts.map((list) => {
    const sorted = Float64Array.from(list).sort();
    const unique: number[] = [];
    for (const cut of sorted) if (unique.length === 0 || unique[unique.length - 1] !== cut) unique.push(cut);
    return unique;
  });
}

interface SectionPlace {
  message: number;
  from: number;
  to: number;
}

/**
 * The section's sent text as a range of one message's joined text; undefined when it is not one (it spans
 * messages, or touches a decoded YAML string whose positions are approximate): then it is counted alone.
 */
function sectionPlace(document: PromptDocument, joined: readonly JoinedMessage[], section: Section): SectionPlace | undefined {
  const start = section.span.offset;
  const end = start + section.span.length;
  let found: SectionPlace | undefined;
  for (let m = 0; m < document.messages.length; m++) {
    const pieces = document.messages[m].pieces;
    const first = firstPieceEndingAfter(pieces, start);
    if (first >= pieces.length || pieces[first].span.offset >= end) continue;
    if (found !== undefined) return undefined;
    let to = first;
    for (let k = first; k < pieces.length && pieces[k].span.offset < end; k++) {
      if (!pieces[k].verbatim) return undefined;
      to = k;
    }
    const from = joined[m].starts[first] + Math.max(0, start - pieces[first].span.offset);
    const last = pieces[to];
    const until = joined[m].starts[to] + Math.min(last.span.length, end - last.span.offset);
    found = { message: m, from, to: until };
  }
  return found;
}

/** Index of the first piece whose span ends after `offset` (pieces are in file order). */
function firstPieceEndingAfter(pieces: readonly SentPiece[], offset: number): number {
  let low = 0;
  let high = pieces.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (pieces[mid].span.offset + pieces[mid].span.length <= offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Without an additive counter: each message and each section's text is counted on its own. */
function countEachText(document: PromptDocument, counter: TokenCounter): SentCounts {
  const estimated: Span[] = [];
  let approximate = false;
  const messages = document.messages.map((message): MessageCount => {
    const text = message.pieces.map((p) => p.text).join('');
    const result = counter.count(text);
    if (result.estimated.length > 0) estimated.push(...mapEstimated(message.pieces, result.estimated));
    approximate ||= result.approximate;
    return { role: message.role, tokens: result.tokens };
  });
  const sections = document.sections.map((section) => countSectionText(counter, document, section));
  return { messages, sections, estimated, approximate };
}

/** Maps spans of the joined message text back to file offsets (exact for verbatim pieces, whole piece otherwise). */
function mapEstimated(pieces: readonly SentPiece[], spans: readonly Span[]): Span[] {
  const mapped: Span[] = [];
  let base = 0;
  for (const piece of pieces) {
    const end = base + piece.text.length;
    for (const span of spans) {
      const from = Math.max(span.offset, base);
      const to = Math.min(span.offset + span.length, end);
      if (from >= to) continue;
      mapped.push(piece.verbatim ? { offset: piece.span.offset + (from - base), length: to - from } : piece.span);
    }
    base = end;
  }
  return mapped;
}

/** A section counts the sent text inside its span: headings are sent too, comments and role markers are not. */
function countSectionText(counter: TokenCounter, document: PromptDocument, section: Section): SectionCount {
  const start = section.span.offset;
  const end = start + section.span.length;
  const parts: string[] = [];
  for (const message of document.messages) {
    for (const piece of message.pieces) {
      const pieceEnd = piece.span.offset + piece.span.length;
      if (pieceEnd <= start || piece.span.offset >= end) continue;
      if (!piece.verbatim) {
        parts.push(piece.text);
        continue;
      }
      const from = Math.max(start, piece.span.offset) - piece.span.offset;
      const to = Math.min(end, pieceEnd) - piece.span.offset;
      parts.push(piece.text.slice(from, to));
    }
  }
  const result = counter.count(parts.join(''));
  return { section, tokens: result.tokens, approximate: result.approximate };
}
