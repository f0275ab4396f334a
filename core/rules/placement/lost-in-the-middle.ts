// placement/lost-in-the-middle: in a long prompt whose instructions all sit in the middle third, models follow them least well.
import type { Rule } from '../types';
import { DEFAULT_PLACEMENT_MIN_TOKENS } from '../../budget';
import { formatPercent, formatTokens } from '../format';

export const lostInTheMiddle: Rule = {
  meta: {
    id: 'placement/lost-in-the-middle',
    description: 'In a long prompt, the instructions sit only in the middle third, where models use context least well.',
    defaultSeverity: 'info',
    fixable: false,
  },
  check({ config, stats, report }) {
    const layout = stats.layout;
    const minTokens = config.placement?.minTokens ?? DEFAULT_PLACEMENT_MIN_TOKENS;
    if (!layout || layout.total < minTokens) return;
    // The layout is only there when every instruction sits in the middle third (core/layout.ts decides it once).
    const instructions = layout.blocks;
    if (instructions.length === 0) return;
    const total = layout.total;
    const first = instructions[0];
    const last = instructions[instructions.length - 1];
    const from = first.start;
    const to = last.start + last.tokens;
    const approx = layout.approximate;
    const firstLine = first.text.split(/\r?\n/)[0];
    report({
      offset: first.span.offset,
      length: Math.min(first.span.length, firstLine.length),
      message:
        `The instructions sit only in the middle of this ${formatTokens(total, approx)}-token prompt: tokens ${formatTokens(from, approx)}–${formatTokens(to, approx)} ` +
        `(${formatPercent(from / total)}–${formatPercent(to / total)}). Models follow what is at the start or end of a long context best; restate them at the start or the end.`,
      data: { total, minTokens, instructions: instructions.map((b) => ({ start: b.start, end: b.start + b.tokens })) },
      related: instructions.slice(1, 20).map((b) => ({
        offset: b.span.offset,
        length: Math.min(b.span.length, b.text.split(/\r?\n/)[0].length),
        message: `instruction at tokens ${formatTokens(b.start, approx)}–${formatTokens(b.start + b.tokens, approx)}`,
      })),
    });
  },
};
