// How budget messages name the window they measure against: the model's, or a declared `budget.context`.
import type { DocumentStats } from '../stats';
import { formatTokens, modelName } from './format';

/** "gpt-4o's context window" or "the context budget (budget.context)": the subject of "… is 128,000". */
export function windowName(stats: DocumentStats): string {
  const context = stats.budget.context;
  if (!context || context.source === 'model') return `${modelName(stats)}'s context window`;
  return `the context budget (${context.source === 'config' ? 'config budget.context' : context.source})`;
}

/** "gpt-4o's 128,000-token window" or "the 1,100-token budget.context". */
export function windowPhrase(stats: DocumentStats): string {
  const context = stats.budget.context;
  if (!context) return 'the context window';
  const size = `${formatTokens(context.tokens)}-token`;
  if (context.source === 'model') return `${modelName(stats)}'s ${size} window`;
  return `the ${size} ${context.source === 'config' ? 'config budget.context' : context.source}`;
}
