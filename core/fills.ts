// Measures what template variables really hold: the prompt's own test inputs (Prompty `sample`, GitHub Models `testData`, Dotprompt `input.default`), tokenized.
import { isMap, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { PromptDocument } from './document/types';
import type { VariableFill } from './stats';
import type { TokenCounter } from './tokens/types';
import { findKey, mapEntries } from './document/frontmatter';

/** Values longer than this are measured by their first part and marked approximate (tokenizing 10 MB of test data helps no one). */
const MAX_VALUE_TEXT = 200_000;
/** testData rows looked at. */
const MAX_ROWS = 1_000;

/** One entry per variable the template uses: its largest test value. */
export function measureFills(document: PromptDocument, counter: TokenCounter): VariableFill[] {
  const frontmatter = document.frontmatter;
  if (!frontmatter || frontmatter.errors.length > 0 || frontmatter.value === undefined) return [];
  const used = new Set(document.variables.map((v) => v.name));
  if (used.size === 0) return [];
  const byName = new Map<string, VariableFill>();
  const measure = (rowNode: unknown, source: string) => {
    for (const entry of mapEntries(frontmatter, rowNode)) {
      if (!used.has(entry.key) || entry.value === null) continue;
      const text = valueText(entry.value);
      if (text === undefined) continue;
      const counted = counter.count(text.slice(0, MAX_VALUE_TEXT));
      const fill: VariableFill = {
        name: entry.key,
        tokens: counted.tokens,
        approximate: counted.approximate || text.length > MAX_VALUE_TEXT,
        source,
        span: entry.valueSpan,
        values: 1,
      };
      const seen = byName.get(entry.key);
      if (!seen) byName.set(entry.key, fill);
      else
        byName.set(
          entry.key,
          fill.tokens > seen.tokens ? { ...fill, values: seen.values + 1 } : { ...seen, values: seen.values + 1 },
        );
    }
  };
  switch (document.format) {
    case 'prompty':
      measure(findKey(frontmatter, ['sample'])?.value, 'sample');
      break;
    case 'dotprompt':
      measure(findKey(frontmatter, ['input', 'default'])?.value, 'input.default');
      break;
    case 'github-models': {
      const rows = findKey(frontmatter, ['testData'])?.value;
      if (isSeq(rows)) for (const row of rows.items.slice(0, MAX_ROWS)) measure(row, 'testData');
      break;
    }
    default:
      break;
  }
  return [...byName.values()];
}

/** The text a value renders to: strings as they are, other scalars as written, mappings and lists as JSON. */
function valueText(node: unknown): string | undefined {
  if (isScalar(node)) {
    const value = node.value;
    if (value === null || value === undefined) return undefined;
    return typeof value === 'string' ? value : String(value);
  }
  if (isMap(node) || isSeq(node)) {
    try {
      return JSON.stringify((node as YamlNode).toJSON());
    } catch {
      return undefined;
    }
  }
  return undefined;
}
