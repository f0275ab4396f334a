// `sentenceRatio`: statements, questions and exclamations in a fixed proportion (IFBench
// `ratio:sentence_type`, 2:1 statements to questions, and `ratio:sentence_balance`, 1:1:1). A sentence's
// kind is its last character: `.` statement, `?` question, `!` exclamation; closing quotes, brackets and
// `*` after it are looked through (`"Done."`, `**Why?**`), except under `compat: ifbench`, which reads the
// last character as it is, as IFBench does. Kinds the value leaves out are not counted.
import type { ConstraintModule } from '../module';
import { isRecord, plural, unknownProperty, valueError } from '../module';
import { punktSentences } from '../nlp';

const KINDS = { statements: '.', questions: '?', exclamations: '!' } as const;
type Kind = keyof typeof KINDS;
const KIND_NAMES = Object.keys(KINDS) as Kind[];
const SINGULAR: Record<Kind, string> = { statements: 'statement', questions: 'question', exclamations: 'exclamation' };

export type SentenceRatio = Partial<Record<Kind, number>>;

/** The kind of sentence `text` is, by its final mark, or undefined. */
export function sentenceKind(text: string, raw: boolean): Kind | undefined {
  const end = raw ? text : text.replace(/["'”’»)\]}*\s]+$/u, '');
  const last = end[end.length - 1];
  return KIND_NAMES.find((k) => KINDS[k] === last);
}

export const sentenceRatio: ConstraintModule<SentenceRatio> = {
  key: 'sentenceRatio',
  parse(value) {
    if (!isRecord(value))
      return valueError(
        'sentenceRatio',
        'sentenceRatio: expected {statements, questions, exclamations} parts, e.g. {statements: 2, questions: 1}',
      );
    const extra = unknownProperty(value, KIND_NAMES);
    if (extra)
      return valueError(
        'sentenceRatio',
        `sentenceRatio: unknown property "${extra}" (expected statements, questions, exclamations)`,
      );
    const out: SentenceRatio = {};
    for (const k of KIND_NAMES) {
      const v = value[k];
      if (v === undefined) continue;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
        return valueError('sentenceRatio', `sentenceRatio: ${k} must be a whole number of at least 1`);
      out[k] = v;
    }
    if (Object.keys(out).length < 2)
      return valueError('sentenceRatio', 'sentenceRatio: give at least two of statements, questions, exclamations');
    return out;
  },
  check(ratio, completion, ctx) {
    const counts: Record<Kind, number> = { statements: 0, questions: 0, exclamations: 0 };
    for (const s of punktSentences(completion)) {
      const kind = sentenceKind(s.text, ctx.compat === 'ifbench');
      if (kind) counts[kind]++;
    }
    const kinds = KIND_NAMES.filter((k) => ratio[k] !== undefined);
    const [first] = kinds;
    const pass = kinds.every((k) => counts[k] * ratio[first!]! === counts[first!] * ratio[k]!);
    const measured = kinds.map((k) => plural(counts[k], SINGULAR[k], k)).join(', ');
    const required = `${kinds.map((k) => ratio[k]).join(':')} (${kinds.join(':')})`;
    return {
      key: 'sentenceRatio',
      pass,
      measured,
      required,
      message: pass ? `${measured}: in the ratio ${required}` : `${measured}; the ratio ${required} required`,
      ranges: [],
    };
  },
};
