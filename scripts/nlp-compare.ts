// How closely our English sentence splitter, word tokenizer, verb detector, syllable counter and emoji test
// (core/constraints/nlp) follow NLTK, syllapy and the emoji package, the references of IFBench's checker.
//
//   node --import tsx scripts/nlp-compare.ts ref.jsonl [--list]
//
// ref.jsonl is scripts/nlp-reference.py's output for any texts (IFBench's and IFEval's responses and
// prompts were used for docs/ifbench.md). --list prints every difference.
import { readFileSync } from 'node:fs';
import { isEmojiChar, sentTokenize, startsWithVerb, syllableCount, wordTokenize } from '../core/constraints/nlp';

interface Reference {
  text: string;
  sents: string[];
  words: string[];
  tag0: string | null;
  syllables: [string, number][] | null;
  emoji: string[] | null;
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: node --import tsx scripts/nlp-compare.ts ref.jsonl [--list]\n');
  process.exit(2);
}
const list = process.argv.includes('--list');
const tally = { texts: 0, sentences: 0, words: 0, verbs: 0, syllableWords: 0, syllableParity: 0, emojiTexts: 0, emojiAgree: 0 };
const diffs: string[] = [];
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

for (const line of readFileSync(file, 'utf8').split('\n')) {
  if (!line.trim()) continue;
  const ref = JSON.parse(line) as Reference;
  tally.texts++;
  if (same(sentTokenize(ref.text), ref.sents)) tally.sentences++;
  else diffs.push(`sentences\t${JSON.stringify(ref.text.slice(0, 100))}`);
  const words = wordTokenize(ref.text);
  if (same(words, ref.words)) tally.words++;
  else diffs.push(`words\t${JSON.stringify(ref.text.slice(0, 100))}`);
  const verb = ref.tag0 !== null && ref.tag0.includes('VB');
  if (startsWithVerb(words) === verb) tally.verbs++;
  else diffs.push(`verb\t${ref.tag0}\t${JSON.stringify(ref.words.slice(0, 3))}`);
  for (const [word, n] of ref.syllables ?? []) {
    tally.syllableWords++;
    if (syllableCount(word) % 2 === n % 2) tally.syllableParity++;
    else diffs.push(`syllables\t${word}\tsyllapy ${n}, ours ${syllableCount(word)}`);
  }
  if (ref.emoji) {
    tally.emojiTexts++;
    const ours = [...new Set([...ref.text].filter(isEmojiChar))].sort();
    if (same(ours, ref.emoji)) tally.emojiAgree++;
    else diffs.push(`emoji\t${JSON.stringify(ours)} vs ${JSON.stringify(ref.emoji)}`);
  }
}
const pct = (a: number, b: number): string => `${a}/${b} (${b ? ((100 * a) / b).toFixed(1) : '—'}%)`;
process.stdout.write(
  [
    `sentences identical   ${pct(tally.sentences, tally.texts)} texts`,
    `word tokens identical ${pct(tally.words, tally.texts)} texts`,
    `first word a verb     ${pct(tally.verbs, tally.texts)} texts`,
    `syllable parity       ${pct(tally.syllableParity, tally.syllableWords)} words`,
    `emoji characters      ${pct(tally.emojiAgree, tally.emojiTexts)} texts`,
    '',
  ].join('\n'),
);
if (list) process.stdout.write(`${diffs.join('\n')}\n`);
