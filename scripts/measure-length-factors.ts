// Measures tokens per word, sentence, paragraph, line, bullet and character on test/data/length-corpus/ for each
// encoding, and writes core/constraints-sanity/length-factors.json (run: node --import tsx scripts/measure-length-factors.ts).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Tiktoken } from 'js-tiktoken/lite';
import o200k from 'js-tiktoken/ranks/o200k_base';
import cl100k from 'js-tiktoken/ranks/cl100k_base';
import { countWords } from '../core/constraints/measure/words';
import { sentences } from '../core/constraints/measure/sentences';
import { paragraphs } from '../core/constraints/measure/paragraphs';
import { nonEmptyLines } from '../core/constraints/measure/lines';
import type { Span } from '../core/diagnostic';
import { bullets } from '../core/constraints/measure/markdown';
import { countGraphemes } from '../core/constraints/measure/graphemes';

export const CORPUS_DIR = join(__dirname, '..', 'test', 'data', 'length-corpus');
export const FACTORS_FILE = join(__dirname, '..', 'core', 'constraints-sanity', 'length-factors.json');

/** Every corpus file, what it is and its language; all text written for this project. */
export const CORPUS: ReadonlyArray<{ file: string; kind: string; language: string }> = [
  { file: 'en-narrative.txt', kind: 'narrative prose', language: 'en' },
  { file: 'en-dialogue.txt', kind: 'dialogue, very short sentences', language: 'en' },
  { file: 'en-business.md', kind: 'Markdown report with headings and a numbered list', language: 'en' },
  { file: 'en-technical.md', kind: 'technical documentation with a code block', language: 'en' },
  { file: 'en-lists.md', kind: 'Markdown bullet lists, one-word and sentence items', language: 'en' },
  { file: 'en-poem.txt', kind: 'verse, short lines', language: 'en' },
  { file: 'en-table.md', kind: 'space-aligned Markdown table and indented YAML (whitespace-heavy)', language: 'en' },
  { file: 'data-records.json', kind: 'JSON array of records, one per line', language: 'en' },
  { file: 'data-answer.json', kind: 'pretty-printed JSON answer object with prose values', language: 'en' },
  { file: 'data-config.json', kind: 'pretty-printed nested JSON configuration', language: 'en' },
  { file: 'code-sample.ts.txt', kind: 'TypeScript source', language: 'en' },
  { file: 'de-prose.txt', kind: 'narrative prose', language: 'de' },
  { file: 'fr-prose.txt', kind: 'narrative prose', language: 'fr' },
  { file: 'es-prose.txt', kind: 'narrative prose', language: 'es' },
  { file: 'ru-prose.txt', kind: 'narrative prose', language: 'ru' },
  { file: 'ja-prose.txt', kind: 'narrative prose', language: 'ja' },
  { file: 'zh-prose.txt', kind: 'narrative prose', language: 'zh' },
];

export const ENCODINGS = ['o200k_base', 'cl100k_base'] as const;
export type Encoding = (typeof ENCODINGS)[number];
export const UNITS = ['words', 'sentences', 'paragraphs', 'lines', 'bullets', 'characters'] as const;
export type Unit = (typeof UNITS)[number];

/**
 * A long text averages out over words and characters, so the lowest chunk ratio bounds them. Sentences, lines,
 * paragraphs and bullets may all be minimal ("Yes.", one-word lines), so they are bounded by the shortest one.
 */
const STRUCTURAL: Partial<Record<Unit, (text: string) => Span[]>> = {
  sentences,
  paragraphs: (t) => paragraphs(t),
  lines: nonEmptyLines,
  bullets,
};

/** A chunk is a run of blank-line blocks of one file holding at least this many words (the file's tail joins the last chunk). */
export const CHUNK_MIN_WORDS = 40;

export interface UnitStats {
  /** Chunks that contain at least one of the unit. */
  chunks: number;
  min: number;
  p1: number;
  p10: number;
  mean: number;
  p90: number;
  p99: number;
  max: number;
  /** All tokens over all units of the whole corpus. */
  pooled: number;
  /** Structural units only: the fewest tokens any single unit of the corpus takes, counted alone, and that unit. */
  shortest?: { tokens: number; text: string };
  /** How lowerBound is derived: the lowest chunk ratio (rounded down to 2 decimals), or the shortest single unit. */
  basis: 'chunk minimum' | 'shortest unit';
  /** Tokens per unit that constraints/unsatisfiable assumes: no plausible completion needs fewer. */
  lowerBound: number;
}

export interface LengthFactors {
  description: string;
  corpus: {
    files: Array<{ file: string; kind: string; language: string; words: number; tokens: Record<Encoding, number> }>;
    chunkMinWords: number;
    chunks: number;
  };
  encodings: Record<Encoding, Record<Unit, UnitStats>>;
  /** Tokens per word per language (pooled), for the docs. */
  wordsByLanguage: Record<Encoding, Record<string, number>>;
}

const COUNTERS: Record<Unit, (text: string) => number> = {
  words: countWords,
  sentences: (t) => sentences(t).length,
  paragraphs: (t) => paragraphs(t).length,
  lines: (t) => nonEmptyLines(t).length,
  bullets: (t) => bullets(t).length,
  characters: countGraphemes,
};

/** Splits a file into blank-line blocks and groups them into chunks of at least CHUNK_MIN_WORDS words. */
export function chunksOf(text: string): string[] {
  const blocks = text.split(/\n[ \t]*\n/).filter((b) => b.trim() !== '');
  const out: string[] = [];
  let current: string[] = [];
  for (const block of blocks) {
    current.push(block);
    if (countWords(current.join('\n\n')) >= CHUNK_MIN_WORDS) {
      out.push(current.join('\n\n'));
      current = [];
    }
  }
  if (current.length > 0) {
    if (out.length > 0) out[out.length - 1] = [out[out.length - 1]!, ...current].join('\n\n');
    else out.push(current.join('\n\n'));
  }
  return out;
}

function round(x: number, digits = 4): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(sorted.length, rank) - 1]!;
}

function unitStats(ratios: number[], tokens: number, units: number, shortest?: UnitStats['shortest']): UnitStats {
  const sorted = [...ratios].sort((a, b) => a - b);
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  const stats: Omit<UnitStats, 'basis' | 'lowerBound'> = {
    chunks: sorted.length,
    min: round(sorted[0]!),
    p1: round(percentile(sorted, 1)),
    p10: round(percentile(sorted, 10)),
    mean: round(mean),
    p90: round(percentile(sorted, 90)),
    p99: round(percentile(sorted, 99)),
    max: round(sorted[sorted.length - 1]!),
    pooled: round(tokens / units),
  };
  return shortest
    ? { ...stats, shortest, basis: 'shortest unit', lowerBound: shortest.tokens }
    : { ...stats, basis: 'chunk minimum', lowerBound: Math.floor(sorted[0]! * 100) / 100 };
}

/** The single unit (trimmed, tokenized alone) with the fewest tokens in any corpus file; the first on ties. */
function shortestUnit(texts: readonly string[], spansOf: (text: string) => Span[], encoder: Tiktoken): UnitStats['shortest'] {
  let best: UnitStats['shortest'];
  for (const text of texts) {
    for (const span of spansOf(text)) {
      const unit = text.slice(span.offset, span.offset + span.length).trim();
      if (unit === '') continue;
      const tokens = encoder.encode(unit).length;
      if (!best || tokens < best.tokens) best = { tokens, text: unit };
    }
  }
  return best;
}

export function measureLengthFactors(read: (file: string) => string): LengthFactors {
  const encoders: Record<Encoding, Tiktoken> = { o200k_base: new Tiktoken(o200k), cl100k_base: new Tiktoken(cl100k) };
  const texts = CORPUS.map((c) => ({ ...c, text: read(c.file) }));
  const chunks = texts.flatMap((t) => chunksOf(t.text).map((text) => ({ text, language: t.language })));
  const encodings = {} as Record<Encoding, Record<Unit, UnitStats>>;
  const wordsByLanguage = {} as Record<Encoding, Record<string, number>>;
  for (const enc of ENCODINGS) {
    const measured = chunks.map((c) => ({ ...c, tokens: encoders[enc].encode(c.text).length }));
    encodings[enc] = {} as Record<Unit, UnitStats>;
    for (const unit of UNITS) {
      const withUnit = measured.map((c) => ({ tokens: c.tokens, n: COUNTERS[unit](c.text) })).filter((c) => c.n > 0);
      const tokens = withUnit.reduce((s, c) => s + c.tokens, 0);
      const units = withUnit.reduce((s, c) => s + c.n, 0);
      const spansOf = STRUCTURAL[unit];
      const shortest = spansOf
        ? shortestUnit(
            texts.map((t) => t.text),
            spansOf,
            encoders[enc],
          )
        : undefined;
      encodings[enc][unit] = unitStats(
        withUnit.map((c) => c.tokens / c.n),
        tokens,
        units,
        shortest,
      );
    }
    wordsByLanguage[enc] = {};
    for (const language of [...new Set(CORPUS.map((c) => c.language))]) {
      const own = measured.filter((c) => c.language === language);
      const tokens = own.reduce((s, c) => s + c.tokens, 0);
      wordsByLanguage[enc][language] = round(tokens / own.reduce((s, c) => s + countWords(c.text), 0));
    }
  }
  const files = texts.map((t) => ({
    file: t.file,
    kind: t.kind,
    language: t.language,
    words: countWords(t.text),
    tokens: { o200k_base: encoders.o200k_base.encode(t.text).length, cl100k_base: encoders.cl100k_base.encode(t.text).length },
  }));
  return {
    description:
      'Tokens per unit (word, sentence, paragraph, non-empty line, Markdown bullet, grapheme) measured with js-tiktoken on ' +
      `test/data/length-corpus/ (${CORPUS.length} files written for this project: English prose, dialogue, a report, technical ` +
      'docs, lists, verse, JSON, TypeScript, and prose in German, French, Spanish, Russian, Japanese and Chinese), split into ' +
      `chunks of blank-line blocks with at least ${CHUNK_MIN_WORDS} words. Units are counted with the constraint engine's own ` +
      'measures. lowerBound (what constraints/unsatisfiable assumes) is the lowest chunk ratio rounded down for words and ' +
      'characters, and the tokens of the shortest single unit for sentences, paragraphs, lines and bullets. ' +
      'Regenerate with: node --import tsx scripts/measure-length-factors.ts',
    corpus: { files, chunkMinWords: CHUNK_MIN_WORDS, chunks: chunks.length },
    encodings,
    wordsByLanguage,
  };
}

export function renderLengthFactors(factors: LengthFactors): string {
  return `${JSON.stringify(factors, null, 2)}\n`;
}

if (require.main === module) {
  const factors = measureLengthFactors((file) => readFileSync(join(CORPUS_DIR, file), 'utf8'));
  writeFileSync(FACTORS_FILE, renderLengthFactors(factors));
  for (const enc of ENCODINGS) {
    console.log(enc);
    for (const unit of UNITS) console.log(`  ${unit.padEnd(11)}`, JSON.stringify(factors.encodings[enc][unit]));
    console.log('  words by language', JSON.stringify(factors.wordsByLanguage[enc]));
  }
  console.log(`${factors.corpus.chunks} chunks; wrote ${FACTORS_FILE}`);
}
