// Compares the langdetect port (and tinyld, our default detector) with the reference's answers.
//
//   node --import tsx scripts/langdetect-compare.ts texts.json votes.json [--list]
//
// votes.json comes from scripts/langdetect-reference.py over the same texts.
import { readFileSync } from 'node:fs';
import { detect } from 'tinyld';
import { detectLanguage } from '../core/constraints/langdetect/detector';

const [textsFile, votesFile] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
if (!textsFile || !votesFile) {
  process.stderr.write('usage: node --import tsx scripts/langdetect-compare.ts texts.json votes.json [--list]\n');
  process.exit(2);
}
const texts = JSON.parse(readFileSync(textsFile, 'utf8')) as string[];
const votes = JSON.parse(readFileSync(votesFile, 'utf8')) as Record<string, number>[];
const tally = { port: 0, tinyld: 0, stable: 0, portStable: 0, tinyldStable: 0 };
texts.forEach((text, i) => {
  const ranked = Object.entries(votes[i]!).sort((a, b) => b[1] - a[1]);
  const majority = ranked[0]![0];
  const stable = ranked.length === 1;
  const port = detectLanguage(text) ?? 'null';
  const tiny = detect(text) || 'null';
  const tinyAgrees = tiny === majority || (tiny === 'zh' && majority.startsWith('zh-'));
  if (port === majority) tally.port++;
  if (tinyAgrees) tally.tinyld++;
  if (stable) {
    tally.stable++;
    if (port === majority) tally.portStable++;
    if (tinyAgrees) tally.tinyldStable++;
  }
  if (process.argv.includes('--list') && port !== majority) {
    process.stdout.write(
      `${i}\treference ${JSON.stringify(votes[i])}\tport ${port}\ttinyld ${tiny}\t${JSON.stringify(text.slice(0, 80))}\n`,
    );
  }
});
process.stdout.write(
  `${texts.length} texts: the port names the reference's majority language for ${tally.port}, tinyld for ${tally.tinyld}; ` +
    `of the ${tally.stable} texts the reference answers the same in every run, port ${tally.portStable}, tinyld ${tally.tinyldStable}\n`,
);
