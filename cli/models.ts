// `promptbound models`: the model table the engine uses, as a table or JSON.
import { MODEL_TABLE_VERSION, MODELS, type ModelEntry } from '../core/models';
import type { ModelsArgs } from './args';
import { padEnd, padStart } from './color';
import type { CliIo } from './io';
import { formatCompact } from './report';

export function runModels(args: ModelsArgs, io: CliIo): number {
  io.stdout.write(
    args.json ? `${JSON.stringify({ version: MODEL_TABLE_VERSION, models: MODELS }, null, 2)}\n` : modelsTable(MODELS),
  );
  return 0;
}

const HEADER = ['id', 'provider', 'encoding', 'tokens', 'context', 'output', 'max output'];
/** Numbers are right-aligned so magnitudes can be compared down a column. */
const RIGHT = new Set([4, 5, 6]);

function modelsTable(models: readonly ModelEntry[]): string {
  const rows = models.map((m) => [
    m.id,
    m.provider,
    m.encoding,
    m.tokenizer === 'exact' ? 'exact' : '≈ approx.',
    formatCompact(m.context),
    formatCompact(m.output.default),
    formatCompact(m.output.max),
  ]);
  const widths = HEADER.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (RIGHT.has(i) ? padStart(cell, widths[i]) : padEnd(cell, widths[i])))
      .join('  ')
      .trimEnd();
  const footer =
    `model table ${MODEL_TABLE_VERSION}, ${models.length} models; ` +
    '≈ = counted with a proxy encoding times a safety factor (rounded up)';
  return `${[line(HEADER), ...rows.map(line)].join('\n')}\n\n${footer}\n`;
}
