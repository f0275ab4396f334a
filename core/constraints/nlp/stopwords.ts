// English stop words: the function words (pronouns, determiners, auxiliaries, prepositions, conjunctions,
// common adverbs) and the pieces contractions leave when split at the apostrophe (`don't` → `don`, `t`).
// The membership is that of NLTK's English stop-word list, which IFBench's `ratio:stop_words` counts
// (docs/ifbench.md, "Stop words"); the list is written out here, not read from NLTK's data.

export const STOP_WORDS: ReadonlySet<string> = new Set(
  // pronouns and determiners
  (
    'i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she her hers ' +
    'herself it its itself they them their theirs themselves what which who whom this that these those ' +
    'a an the all any both each few more most other some such no nor not only own same so than too very ' +
    // auxiliaries
    'am is are was were be been being have has had having do does did doing can will just should now ' +
    // conjunctions and prepositions
    'and but if or because as until while of at by for with about against between into through during ' +
    'before after above below to from up down in out on off over under again further then once here there ' +
    'when where why how ' +
    // what contractions leave as words of their own
    's t don d ll m o re ve y ain aren couldn didn doesn hadn hasn haven isn ma mightn mustn needn shan ' +
    'shouldn wasn weren won wouldn'
  ).split(' '),
);

/** Whether a `\w+` token is a stop word (case ignored). */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}
