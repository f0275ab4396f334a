// IFEval's instruction ids and kwargs as our constraint keys (the table in docs/ifeval.md), for scoring
// scripts and for comparing constraints detected in prose with IFEval's own annotation.

/** One IFEval instruction: its id and the kwargs its dataset gives it. */
export interface IfevalInstruction {
  id: string;
  kwargs: Record<string, unknown>;
}

/** "less than" → `<N`, "at least" → `>=N` (IFEval's two relations). */
function relation(relationName: unknown, n: unknown): string | number | undefined {
  if (typeof n !== 'number') return undefined;
  return relationName === 'less than' ? `<${n}` : `>=${n}`;
}

/**
 * The constraints (without `compat`/`mode`) that declare `instruction`, or undefined for an id this
 * table does not know. `case: upper|lower` comes with `language: en`: IFEval's english_capital and
 * english_lowercase instructions are both halves at once.
 */
export function ifevalConstraints(instruction: IfevalInstruction): Record<string, unknown> | undefined {
  const k = instruction.kwargs;
  switch (instruction.id) {
    case 'keywords:existence':
      return { include: k.keywords };
    case 'keywords:frequency':
      return { frequency: [{ word: k.keyword, count: relation(k.relation, k.frequency) }] };
    case 'keywords:forbidden_words':
      return { exclude: k.forbidden_words };
    case 'keywords:letter_frequency':
      return { letters: [{ letter: k.letter, count: relation(k.let_relation, k.let_frequency) }] };
    case 'language:response_language':
      return { language: k.language };
    case 'length_constraints:number_sentences':
      return { sentences: relation(k.relation, k.num_sentences) };
    case 'length_constraints:number_paragraphs':
      return { paragraphs: k.num_paragraphs };
    case 'length_constraints:number_words':
      return { words: relation(k.relation, k.num_words) };
    case 'length_constraints:nth_paragraph_first_word':
      return { firstWord: { paragraph: k.nth_paragraph, word: k.first_word, paragraphs: k.num_paragraphs } };
    case 'detectable_content:number_placeholders':
      return { placeholders: `>=${String(k.num_placeholders)}` };
    case 'detectable_content:postscript':
      return { postscript: k.postscript_marker };
    case 'detectable_format:number_bullet_lists':
      return { bullets: k.num_bullets };
    case 'detectable_format:constrained_response':
      return { pattern: 'My answer is (yes|no|maybe)\\.' };
    case 'detectable_format:number_highlighted_sections':
      return { highlights: `>=${String(k.num_highlights)}` };
    case 'detectable_format:multiple_sections':
      return { sections: { count: `>=${String(k.num_sections)}`, marker: k.section_spliter } };
    case 'detectable_format:json_format':
      return { format: 'json' };
    case 'detectable_format:title':
      return { title: true };
    case 'combination:two_responses':
      return { responses: { count: 2 } };
    case 'combination:repeat_prompt':
      return { repeatPrompt: k.prompt_to_repeat };
    case 'startend:end_checker':
      return { endsWith: k.end_phrase };
    case 'startend:quotation':
      return { wrappedIn: '"' };
    case 'change_case:capital_word_frequency':
      return { capitalWords: relation(k.capital_relation, k.capital_frequency) };
    case 'change_case:english_capital':
      return { case: 'upper', language: 'en' };
    case 'change_case:english_lowercase':
      return { case: 'lower', language: 'en' };
    case 'punctuation:no_comma':
      return { noCommas: true };
    default:
      return undefined;
  }
}

/** IFEval's 25 instruction ids. */
export const IFEVAL_INSTRUCTION_IDS: readonly string[] = [
  'keywords:existence',
  'keywords:frequency',
  'keywords:forbidden_words',
  'keywords:letter_frequency',
  'language:response_language',
  'length_constraints:number_sentences',
  'length_constraints:number_paragraphs',
  'length_constraints:number_words',
  'length_constraints:nth_paragraph_first_word',
  'detectable_content:number_placeholders',
  'detectable_content:postscript',
  'detectable_format:number_bullet_lists',
  'detectable_format:constrained_response',
  'detectable_format:number_highlighted_sections',
  'detectable_format:multiple_sections',
  'detectable_format:json_format',
  'detectable_format:title',
  'combination:two_responses',
  'combination:repeat_prompt',
  'startend:end_checker',
  'startend:quotation',
  'change_case:capital_word_frequency',
  'change_case:english_capital',
  'change_case:english_lowercase',
  'punctuation:no_comma',
];
