// Random seeded edit sequences over prompts that trigger counts, sections, stated constraints, fences and comments,
// linted through the editor's DocumentSession and from scratch; the unit test runs a few, the benchmark many.
import assert from 'node:assert/strict';
import { lintDocument, type EngineHost, type LintResult } from '../../core/engine';
import { DocumentSession } from '../../core/analysis/session';
import { defaultConfig } from '../../core/config/types';
import type { FileAccess } from '../../core/files';
import { IncrementalCounterPool } from '../../core/tokens/incremental';
import { TokenizerPool } from '../../core/tokens/pool';
import { nodeRankLoader } from '../../node/ranks';
import { generateCjk, generateProse, pick, seededRandom } from '../tokens/corpus';

export const plain = new TokenizerPool(nodeRankLoader);

/** A schema and a sample beside the prompt, so the completion-check rules run too. */
const FILES: Record<string, string> = {
  'file:///w/out.schema.json': '{"type":"object","required":["answer"],"properties":{"answer":{"type":"string","maxLength":40}}}',
  'file:///w/p.sample.json': '{"answer": "a very long answer that is over forty characters for sure"}',
};
export const files: FileAccess = {
  readText: async (uri) => FILES[uri],
  glob: async (base) =>
    Object.keys(FILES)
      .filter((u) => u.startsWith(base) && u.endsWith('.sample.json'))
      .sort(),
};

const FRONTMATTERS = [
  '---\nmodel: gpt-4o\nbudget:\n  context: 3000\n  output: 500\n  warnAt: 0.5\n  variables:\n    question: 100\nconstraints:\n  words: {max: 200}\n  format: markdown\n---\n',
  '---\nmodel: gpt-4o\nschema: out.schema.json\nconstraints:\n  sentences: 3\n---\n',
  '---\nmodel: claude-sonnet-4\ninputs:\n  - name: topic\n---\n',
];

/** Blocks of prose rules read: stated constraints (some across a blank line), fences, comments, headings, tags. */
const BLOCKS = [
  'Answer in at most 50 words.\n',
  'Respond in JSON.\n',
  'Keep your answer under 100 words.\n',
  'Write all in lowercase letters.\n',
  'Do not use any commas.\n',
  'End your response with "Best regards".\n',
  'Keep it to at most\n\n30 words.\n',
  'Use between 3 and 5 sentences in the summary.\n',
  '```\nAnswer in at most 999 words.\n```\n',
  '```md\n\nRespond in JSON.\n\n',
  '~~~\n',
  '`at most 5 words` is code.\n',
  '# Role\n',
  '## Rules\n<!-- promptbound budget: 40 -->\n',
  '### Examples\n',
  '  ## indented heading\n',
  '<!-- promptbound-disable-next-line instructions -->\n',
  '<!-- a comment\n\nAnswer in at most 7 words.\n-->\n',
  'Use {{question}} and {{ unknown_var }}.\n',
  '{% if question %}Answer {{ question }} in French.{% endif %}\n',
  '{# a Jinja comment: at most 3 words #}\n',
  'Ask for ${input:topic} first.\n',
  'Special <|endoftext|> text.\n',
  '<!-- promptbound budget: lots -->\n',
  '\n',
  '\n\n\n',
  'Background notes for the reader.\n  \nMore notes, then a tab-blank line.\n\t\nYou must answer briefly.\n',
  'Windows line ends.\r\n\r\nPlease reply in French.\r\n',
];
const SNIPPETS = [
  'a',
  ' ',
  '\n',
  '\n\n',
  '# ',
  '## H\n',
  '`',
  '```',
  '~~~\n',
  ' words',
  'at most 9 ',
  'JSON',
  '{{x}}',
  '<!--',
  '-->',
  '😀',
  '日本',
  '.',
  ',',
  '\r\n',
  '  \n',
];

export function generatePrompt(random: () => number): string {
  let body = '';
  const blocks = 10 + Math.floor(random() * 30);
  for (let i = 0; i < blocks; i++) {
    const roll = random();
    if (roll < 0.2) body += `${generateProse(200 + Math.floor(random() * 800), Math.floor(random() * 1000))}\n\n`;
    else if (roll < 0.25) body += `${generateCjk(100, Math.floor(random() * 1000))}\n\n`;
    else body += pick(random, BLOCKS) + (random() < 0.5 ? '\n' : '');
  }
  return pick(random, FRONTMATTERS) + body;
}

/** A keystroke-like edit: type or delete a few characters, paste or cut a block. */
function randomEdit(random: () => number, text: string): string {
  const at = Math.floor(random() * (text.length + 1));
  const roll = random();
  if (roll < 0.45) return text.slice(0, at) + pick(random, SNIPPETS) + text.slice(at);
  if (roll < 0.75) return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 3)));
  if (roll < 0.9) return text.slice(0, at) + pick(random, BLOCKS) + text.slice(at);
  return text.slice(0, at) + text.slice(Math.min(text.length, at + Math.floor(random() * 300)));
}

/** Everything a lint produces that front ends show: diagnostics with their data and fixes, and the counts. */
export function summary(result: LintResult) {
  return {
    diagnostics: result.diagnostics,
    promptTokens: result.stats.promptTokens,
    approximate: result.stats.approximate,
    messages: result.stats.messages,
    sections: result.stats.sections.map((s) => ({
      title: s.section.title,
      span: s.section.span,
      tokens: s.tokens,
      approximate: s.approximate,
    })),
    estimated: result.stats.estimated,
    budget: result.stats.budget,
    layout: result.stats.layout,
  };
}

/** Lints `steps` versions of each of `sequences` random documents both ways and compares them at every step. */
export async function assertIncrementalEqualsFull(
  seed: number,
  sequences: number,
  steps: number,
  uri = 'file:///w/p.prompt.md',
): Promise<number> {
  const random = seededRandom(seed);
  const incremental: EngineHost = { tokenizers: new IncrementalCounterPool(plain), files };
  const fresh: EngineHost = { tokenizers: plain, files };
  let compared = 0;
  for (let sequence = 0; sequence < sequences; sequence++) {
    // Every other sequence lays out even small prompts (placement/lost-in-the-middle reads the paragraph marks).
    const config = sequence % 2 === 1 ? { ...defaultConfig(), placement: { minTokens: 1 } } : defaultConfig();
    const session = new DocumentSession({ maxChunkLength: 1 + Math.floor(random() * 200) });
    let text = generatePrompt(random);
    for (let step = 0; step < steps; step++) {
      const kept = await lintDocument({ uri, text, config, session }, incremental);
      const full = await lintDocument({ uri, text, config }, fresh);
      assert.deepEqual(
        summary(kept),
        summary(full),
        `seed ${seed}, sequence ${sequence}, step ${step}: ${JSON.stringify(text.slice(0, 300))}…`,
      );
      compared++;
      text = randomEdit(random, text);
    }
  }
  return compared;
}
