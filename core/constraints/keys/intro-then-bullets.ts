// `introThenBullets`: prose first, then a list, nothing after (IFBench `format:no_bullets_bullets`: at least
// two sentences, then at least two `*` bullets): `{sentences, bullets, marker?}` (counts; `marker` default
// `*`). Lines whose trimmed text starts with the marker are bullets; the sentences are the NLTK-style
// sentences (core/constraints/nlp/sentences.ts) of the lines before the first bullet, counted line by line;
// once the list starts, only bullets and blank lines may follow. Under `compat: ifbench`, as in IFBench's
// checker, a blank line inside the prose ends it (a prose line after it fails), and after the first bullet
// even a blank line (a final newline included) fails.
import type { ConstraintModule } from '../module';
import { countFor, isRecord, isValueError, unknownProperty, valueError } from '../module';
import { inRange, type CountRange } from '../count';
import { punktSentences } from '../nlp';
import { pyStrip } from '../ifeval/python';

interface IntroThenBullets {
  sentences: CountRange;
  bullets: CountRange;
  marker: string;
}

interface Layout {
  sentences: number;
  bullets: number;
  /** The line that breaks the layout, and why. */
  bad?: { line: number; why: string };
}

export function introThenBulletsLayout(text: string, marker: string, ifbench: boolean, minSentences: number): Layout {
  const lines = (ifbench ? text : text.trim()).split('\n');
  let sentences = 0;
  let bullets = 0;
  let inProse = true;
  let proseClosed = false;
  for (let i = 0; i < lines.length; i++) {
    const line = pyStrip(lines[i]!);
    if (line.startsWith(marker)) {
      if (ifbench && sentences < minSentences)
        return { sentences, bullets, bad: { line: i, why: `a bullet after ${sentences} sentences` } };
      inProse = false;
      bullets++;
    } else if (inProse && !(ifbench && proseClosed)) {
      const n = line === '' ? 0 : punktSentences(line).length;
      if (n === 0 && ifbench) proseClosed = true;
      sentences += n;
    } else if (ifbench || line !== '') {
      return { sentences, bullets, bad: { line: i, why: inProse ? 'prose after a blank line' : 'text after the list' } };
    }
  }
  return { sentences, bullets };
}

export const introThenBullets: ConstraintModule<IntroThenBullets> = {
  key: 'introThenBullets',
  parse(value) {
    if (!isRecord(value)) return valueError('introThenBullets', 'introThenBullets: expected {sentences, bullets, marker?}');
    const extra = unknownProperty(value, ['sentences', 'bullets', 'marker']);
    if (extra)
      return valueError(
        'introThenBullets',
        `introThenBullets: unknown property "${extra}" (expected sentences, bullets, marker)`,
      );
    const sentences = countFor('introThenBullets', value.sentences ?? { min: 1 });
    if (isValueError(sentences)) return sentences;
    const bullets = countFor('introThenBullets', value.bullets ?? { min: 1 });
    if (isValueError(bullets)) return bullets;
    const marker = value.marker ?? '*';
    if (typeof marker !== 'string' || marker.trim() === '')
      return valueError('introThenBullets', 'introThenBullets: marker must be a non-space text');
    return { sentences, bullets, marker: marker.trim() };
  },
  check({ sentences, bullets, marker }, completion, ctx) {
    const layout = introThenBulletsLayout(completion, marker, ctx.compat === 'ifbench', sentences.min ?? 0);
    const measured = `${layout.sentences} sentences, then ${layout.bullets} bullets`;
    const required = `${sentences.label} sentences, then ${bullets.label} "${marker}" bullets`;
    let message: string;
    let pass = false;
    if (layout.bad) message = `line ${layout.bad.line + 1}: ${layout.bad.why}; ${required} required`;
    else if (!inRange(layout.sentences, sentences))
      message = `${layout.sentences} sentences before the list; ${sentences.label} required`;
    else if (!inRange(layout.bullets, bullets)) message = `${layout.bullets} bullets; ${bullets.label} required`;
    else {
      pass = true;
      message = measured;
    }
    let ranges: { offset: number; length: number }[] = [];
    if (layout.bad) {
      const lines = completion.split('\n');
      const lead = ctx.compat === 'ifbench' ? 0 : completion.length - completion.trimStart().length;
      const first = completion.slice(lead).split('\n');
      let offset = lead;
      for (let i = 0; i < layout.bad.line; i++) offset += first[i]!.length + 1;
      ranges = [{ offset, length: (first[layout.bad.line] ?? lines[0] ?? '').length }];
    }
    return { key: 'introThenBullets', pass, measured, required, message, ranges };
  },
};
