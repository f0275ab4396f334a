// A DocumentStatsPayload as the server sends it, for the client's formatting and chart tests.
import type { DocumentStatsPayload, SectionStat } from '../../server/protocol';

const range = (line: number) => ({ start: { line, character: 0 }, end: { line, character: 10 } });

export function section(
  title: string,
  tokens: number,
  budget?: number,
  level = 1,
  kind: SectionStat['kind'] = 'heading',
): SectionStat {
  return { title, kind, level, tokens, approximate: false, ...(budget === undefined ? {} : { budget }), header: range(level) };
}

/** gpt-4o, 128,000 window, 4,096 output reserve: 1,234 prompt + 7 overhead + 500 variables = 1,741 input. */
export function stats(overrides: Partial<DocumentStatsPayload> = {}): DocumentStatsPayload {
  return {
    uri: 'file:///work/support.prompt.md',
    version: 3,
    model: 'gpt-4o',
    modelKnown: true,
    modelSource: 'document',
    approximate: false,
    encoding: 'o200k_base',
    inputTokens: 1741,
    promptTokens: 1234,
    overhead: 7,
    variablesTotal: 500,
    variables: [
      { name: 'question', tokens: 200 },
      { name: 'history', tokens: 300 },
    ],
    outputReserve: 4096,
    context: 128000,
    inputBudget: 123904,
    remaining: 122163,
    warnAt: 0.8,
    state: 'ok',
    sections: [section('Intro', 120), section('Rules', 520, 300), section('Examples', 200, 400, 2)],
    ...overrides,
  };
}
