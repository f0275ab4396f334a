// `language`: the completion's language, identified by the langdetect port (core/constraints/langdetect,
// the detector IFEval uses; its profiles are decoded on the first check), matches an ISO 639-1 code.
import type { ConstraintModule } from '../module';
import { valueError } from '../module';
import { countWords } from '../measure/words';
import { detectLanguage, LANGUAGE_CODES } from '../langdetect/detector';

/**
 * Below this many words a detector guesses ("Yes." comes back as French), so a short completion whose
 * detected language differs passes as "undetermined" instead of failing on a guess.
 */
export const MIN_WORDS_FOR_VERDICT = 5;

const CODES = [...LANGUAGE_CODES].join(', ');

export const language: ConstraintModule<string> = {
  key: 'language',
  parse(value) {
    if (typeof value !== 'string' || !/^[a-z]{2}$/.test(value)) {
      return valueError('language', 'language: expected an ISO 639-1 code (two lower-case letters, e.g. en, de, ja)');
    }
    if (!LANGUAGE_CODES.has(value))
      return valueError('language', `language: "${value}" cannot be identified; known languages: ${CODES}`);
    return value;
  },
  check(want, completion) {
    const raw = detectLanguage(completion);
    const detected = raw === undefined ? '' : raw.startsWith('zh-') ? 'zh' : raw;
    const words = countWords(completion);
    const required = `language ${want}`;
    if (detected === want)
      return { key: 'language', pass: true, measured: want, required, message: `language ${want}`, ranges: [] };
    if (detected === '' || detected === 'unknown' || words < MIN_WORDS_FOR_VERDICT) {
      const why =
        detected === '' || detected === 'unknown'
          ? 'no language detected'
          : `too short to tell (${words} words; detector guessed ${detected})`;
      return {
        key: 'language',
        pass: true,
        measured: 'undetermined',
        required,
        message: `language undetermined: ${why}`,
        ranges: [],
        data: { detected, words },
      };
    }
    return {
      key: 'language',
      pass: false,
      measured: detected,
      required,
      message: `language ${detected}; ${want} required`,
      ranges: [],
      data: { detector: 'langdetect', detected },
    };
  },
};
