// `multipleChoice`: the completion is multiple-choice questions and nothing else (IFBench
// `custom:mcq_count_length`: 4 questions with 5 options each, labelled "Question", progressively longer,
// no explanation). It must start with the label; each question begins at `<label> <number>` (optionally
// followed by `.`, `)`, `:`, `;` or `|`); its options are the lines that start with a letter, `.`, `)` or `|`
// and a word (`A. Cubism`, `b) Dada`); the question's text is its lines before the first option. `options`
// counts the options of each question; `longer: true` wants each question's text longer (in characters)
// than the one before. Our option letters are A to Z; under `compat: ifbench`, A to E as in IFBench's
// checker (a line `F) …` is then not an option).
import type { ConstraintModule } from '../module';
import { countFor, isRecord, isValueError, unknownProperty, valueError } from '../module';
import { inRange, type CountRange } from '../count';
import type { ConstraintResult } from '../types';
import { pyStrip, PY_DIGIT, PY_SPACE, PY_WORD } from '../ifeval/python';
import { pyLen } from './python-text';

interface MultipleChoice {
  questions: CountRange;
  options: CountRange;
  label: string;
  longer: boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

export const multipleChoice: ConstraintModule<MultipleChoice> = {
  key: 'multipleChoice',
  parse(value) {
    if (!isRecord(value)) return valueError('multipleChoice', 'multipleChoice: expected {questions, options, label, longer}');
    const extra = unknownProperty(value, ['questions', 'options', 'label', 'longer']);
    if (extra)
      return valueError(
        'multipleChoice',
        `multipleChoice: unknown property "${extra}" (expected questions, options, label, longer)`,
      );
    const { label = 'Question', longer = false } = value;
    if (typeof label !== 'string' || label.trim() === '')
      return valueError('multipleChoice', 'multipleChoice: label must be non-empty text');
    if (typeof longer !== 'boolean') return valueError('multipleChoice', 'multipleChoice: longer must be true or false');
    if (value.questions === undefined || value.options === undefined)
      return valueError('multipleChoice', 'multipleChoice: questions and options are required');
    const questions = countFor('multipleChoice', value.questions);
    if (isValueError(questions)) return questions;
    const options = countFor('multipleChoice', value.options);
    if (isValueError(options)) return options;
    return { questions, options, label, longer };
  },
  check(mc, completion, ctx) {
    const required = `${mc.questions.label} questions labelled "${mc.label}" with ${mc.options.label} options each${mc.longer ? ', each longer than the one before' : ''}`;
    const fail = (measured: string, message: string): ConstraintResult => ({
      key: 'multipleChoice',
      pass: false,
      measured,
      required,
      message,
      ranges: [],
    });
    if (!completion.startsWith(mc.label))
      return fail('text before the first question', `does not start with "${mc.label}"; ${required}`);
    // IFBench's separator starts with `\n*`; the newlines it would take off the end of a question are
    // stripped with the question anyway, and leaving them out keeps a long run of newlines linear.
    const split = new RegExp(`${escapeRegExp(mc.label)} ${PY_DIGIT}+[.|):;]?${PY_SPACE}*`, 'u');
    const option = new RegExp(`^${ctx.compat === 'ifbench' ? '[A-Ea-e]' : '[A-Za-z]'}[.|)]${PY_SPACE}*${PY_WORD}`, 'u');
    let parts = completion.split(split);
    if (parts[0] === '') parts = parts.slice(1);
    const questions = parts.filter((q) => pyStrip(q) !== '').map(pyStrip);
    if (!inRange(questions.length, mc.questions))
      return fail(`${questions.length} questions`, `${questions.length} questions; ${mc.questions.label} required`);
    const lengths: number[] = [];
    for (let i = 0; i < questions.length; i++) {
      let text = '';
      let options = 0;
      let done = false;
      for (const line of questions[i]!.split('\n')) {
        if (option.test(pyStrip(line))) {
          options++;
          done = true;
        } else if (!done) {
          text += ` ${pyStrip(line)}`;
        }
      }
      if (!inRange(options, mc.options))
        return fail(
          `question ${i + 1} has ${options} options`,
          `question ${i + 1} has ${options} options; ${mc.options.label} required`,
        );
      lengths.push(pyLen(pyStrip(text)));
    }
    if (mc.longer) {
      const at = lengths.findIndex((n, i) => i > 0 && n <= lengths[i - 1]!);
      if (at >= 0)
        return fail(
          `question ${at + 1} not longer`,
          `question ${at + 1} (${lengths[at]} characters) is not longer than question ${at} (${lengths[at - 1]}); ${required}`,
        );
    }
    return {
      key: 'multipleChoice',
      pass: true,
      measured: `${questions.length} questions`,
      required,
      message: `${questions.length} questions as declared`,
      ranges: [],
    };
  },
};
