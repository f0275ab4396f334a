// `language`: the completion's language, detected by tinyld (offline, n-gram based), matches an ISO 639-1 code.
import { detectLanguage as detect } from '../language-detect';
import type { ConstraintModule } from '../module';
import { valueError } from '../module';
import { countWords } from '../measure/words';

/**
 * Below this many words a detector guesses ("Yes." comes back as Berber), so a short completion whose
 * detected language differs passes as "undetermined" instead of failing on a guess.
 */
export const MIN_WORDS_FOR_VERDICT = 5;

export const language: ConstraintModule<string> = {
  key: 'language',
  parse: (value) =>
    typeof value === 'string' && /^[a-z]{2}$/.test(value)
      ? value
      : valueError('language', 'language: expected an ISO 639-1 code (two lower-case letters, e.g. en, de, ja)'),
  check(want, completion) {
    const detected = detect(completion);
    const words = countWords(completion);
    const required = `language ${want}`;
    if (detected === want) return { key: 'language', pass: true, measured: want, required, message: `language ${want}`, ranges: [] };
    if (detected === '' || words < MIN_WORDS_FOR_VERDICT) {
      const why = detected === '' ? 'no language detected' : `too short to tell (${words} words; detector guessed ${detected})`;
      return { key: 'language', pass: true, measured: 'undetermined', required, message: `language undetermined: ${why}`, ranges: [], data: { detected, words } };
    }
    return {
      key: 'language',
      pass: false,
      measured: detected,
      required,
      message: `language ${detected}; ${want} required`,
      ranges: [],
      data: { detector: 'tinyld', detected },
    };
  },
};
