// The English language data and rules behind the sentence, word, part-of-speech, syllable, stop-word,
// pronoun and emoji keys (IFBench's NLTK-, syllapy- and emoji-based types; docs/ifbench.md). The CLI bundle
// loads this module on first use only (esbuild.mjs, LAZY), so a `validate` that declares none of these
// keys never parses it.
export { punktSentences, sentTokenize, type SentenceSpan } from './sentences';
export { treebankWords, wordTokenize } from './words';
export { STOP_WORDS, isStopWord } from './stopwords';
export { startsWithVerb } from './verbs';
export { syllableCount } from './syllables';
export { isEmojiChar } from './emoji';
export { PRONOUNS } from './pronouns';
