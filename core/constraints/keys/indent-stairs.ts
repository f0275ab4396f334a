// `indentStairs`: each non-blank line is indented by more spaces than the one before (IFBench
// `format:line_indent`). Under `compat: ifbench`, blank lines are dropped the way IFBench's checker drops
// them (removing from the list it iterates, so of two consecutive blank lines the second stays).
import type { ConstraintModule } from '../module';
import { parseFlag } from '../module';
import type { CheckContext } from '../types';
import { pyStrip } from '../ifeval/python';

function indent(line: string): number {
  return line.length - line.replace(/^ +/, '').length;
}

/** IFBench's loop: `for line in lines: if not line.strip(): lines.remove(line)` (remove takes the first equal item). */
function ifbenchLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!pyStrip(line)) {
      lines.splice(lines.indexOf(line), 1);
    }
  }
  return lines;
}

export const indentStairs: ConstraintModule<true> = {
  key: 'indentStairs',
  parse: (value) => parseFlag('indentStairs', value),
  check(_on, completion, ctx: CheckContext) {
    const lines = ctx.compat === 'ifbench' ? ifbenchLines(completion) : completion.split('\n').filter((l) => pyStrip(l) !== '');
    let bad = -1;
    for (let i = 0; i + 1 < lines.length; i++) {
      if (indent(lines[i + 1]!) <= indent(lines[i]!)) {
        bad = i + 1;
        break;
      }
    }
    const pass = bad < 0;
    const badLine = bad >= 0 ? lines[bad]! : '';
    const at = bad >= 0 ? completion.indexOf(badLine) : -1;
    return {
      key: 'indentStairs',
      pass,
      measured: pass ? 'every line indented further' : `line ${bad + 1} not indented further`,
      required: 'each line indented more than the previous',
      message: pass ? 'each line is indented further' : `line ${bad + 1} is not indented more than the line before`,
      ranges: at >= 0 && badLine ? [{ offset: at, length: badLine.length }] : [],
    };
  },
};
