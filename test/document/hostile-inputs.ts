// Single lines of one repeated opener, at a chosen size: the parsers must stay linear on them. The tests parse them at
// 250,000 characters; `npm run bench` (bench/large-inputs.ts) at 1,000,000, where a quadratic pass over sparse openers
// costs seconds more.
import type { PromptFormat } from '../../core/document';
export function openerRuns(size: number): string[] {
  const times = (unit: string) => unit.repeat(Math.floor(size / unit.length));
  return [
    times('a'),
    '# ' + ' '.repeat(size) + '#',
    times('{{'),
    times('{{ x ') + '}}',
    times('{%'),
    times('{#'),
    times('<!--'),
    times('${input:'),
    times('{{!'),
    times('{{#each x}}') + '{{/nope}}'.repeat(1000),
    times('{{ (((((') + '}}',
    '<!-- promptbound-disable ' + times('a,') + ' -->',
    '```\n' + times('# h\n'),
  ];
}

/** One file name per format, so each parser sees the inputs (the robustness test and bench/large-inputs.ts). */
export const FORMAT_URIS: Record<PromptFormat, string> = {
  markdown: 'a.prompt.md',
  dotprompt: 'a.prompt',
  prompty: 'a.prompty',
  'github-models': 'a.prompt.yml',
  text: 'a.txt',
};
