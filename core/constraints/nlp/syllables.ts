// Syllables of an English word, for IFBench's `words:odd_even_syllables` (its checker uses the `syllapy`
// package: a pronunciation table of about 6,400 words, then vowel-group rules for other words). We ship no
// table: the same vowel-group rule for every word, except about 150 common words it miscounts, whose
// spoken syllables are listed here; measured against syllapy in docs/ifbench.md ("Syllables").
import { ASCII_PUNCTUATION } from '../keys/python-text';
import { pyStrip, pyStripChars } from '../ifeval/python';

const VOWELS = 'aeiouy';

function isVowel(ch: string | undefined): boolean {
  return ch !== undefined && VOWELS.includes(ch);
}

/** The plain rule: one syllable per group of vowels (`y` included), a final silent `e` dropped, `-le` kept. */
function vowelGroups(word: string): number {
  let n = isVowel(word[0]) ? 1 : 0;
  for (let i = 1; i < word.length; i++) if (isVowel(word[i]) && !isVowel(word[i - 1])) n++;
  if (word.endsWith('e')) n--;
  if (word.endsWith('le') && word.length > 2 && !isVowel(word[word.length - 3])) n++;
  return n;
}

/**
 * Common words the vowel-group rule miscounts (silent `-ed`, `-es` and `e`, vowels spoken apart), with
 * their spoken syllables.
 */
const SPOKEN: ReadonlyMap<string, number> = new Map(
  (
    'every:2 times:1 create:2 being:2 used:1 various:3 coffee:2 ones:1 states:1 poem:2 creating:3 ' +
    'business:2 something:2 lives:1 therefore:2 influence:3 statement:2 names:1 named:1 science:2 ' +
    'designed:2 beyond:2 audience:3 society:4 reality:4 quotes:1 makes:1 period:3 games:1 ideas:3 ' +
    'variety:4 experience:4 experiences:5 allowed:2 management:3 media:3 based:1 learned:1 theory:3 ' +
    'filled:1 lines:1 video:3 going:2 trying:2 types:1 area:3 likely:2 idea:3 quiet:2 advanced:2 ' +
    'creation:3 sales:1 called:1 marked:1 comes:1 movement:2 creativity:5 existing:3 previous:3 ' +
    'themselves:2 continue:3 shared:1 scientists:3 changing:2 appreciate:4 lived:1 scientific:4 ' +
    'involved:2 awareness:3 everything:3 balanced:2 loved:1 evening:2 businesses:3 maybe:2 museum:3 ' +
    'movie:2 takes:1 safety:2 improved:2 actually:4 created:3 curious:3 ideal:3 careful:2 leaves:1 ' +
    'engagement:3 tales:1 considered:3 chaos:2 saying:2 compared:2 doing:2 creative:3 playing:2 ' +
    'served:1 described:2 player:2 asked:1 anxiety:4 serious:3 rules:1 gives:1 worked:1 believed:2 ' +
    'really:2 focused:2 serves:1 required:2 absolutely:4 missed:1 loves:1 turned:1 themes:1 formed:1 ' +
    'closed:1 helped:1 changed:1 looked:1 moved:1 people:2 create:2 dear:1 reach:1 realm:1'
  )
    .split(' ')
    .map((entry) => {
      const [word, n] = entry.split(':');
      return [word!, Number(n)] as const;
    }),
);

/**
 * The syllables of `word` as syllapy counts them: surrounding space and ASCII punctuation stripped,
 * lower-cased; 0 for an empty word or one containing a digit; a hyphenated word is the sum of its two
 * parts (0 if either is 0).
 */
export function syllableCount(raw: string): number {
  const word = pyStripChars(pyStrip(raw).toLowerCase(), ASCII_PUNCTUATION);
  if (word === '') return 0;
  if (/\p{Nd}/u.test(word)) return 0;
  const hyphen = /^([^-]+)-(.+)$/su.exec(word);
  if (hyphen) {
    const a = syllableCount(hyphen[1]!);
    const b = syllableCount(hyphen[2]!);
    return a === 0 || b === 0 ? 0 : a + b;
  }
  return SPOKEN.get(word) ?? Math.max(1, vowelGroups(word));
}
