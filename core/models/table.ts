// The versioned model table (models.json), typed and frozen so no caller can change a shared entry.
import table from './models.json';
import type { ModelEntry } from './types';

interface ModelTable {
  version: string;
  models: ModelEntry[];
}

// JSON imports widen string literals (`encoding: string`), so the shape is asserted here and checked
// entry by entry in test/models/table.test.ts (encodings, factors, limits, unique ids).
const data = table as ModelTable;

function freezeEntry(entry: ModelEntry): ModelEntry {
  Object.freeze(entry.output);
  Object.freeze(entry.chat);
  if (entry.factors) Object.freeze(entry.factors);
  if (entry.aliases) Object.freeze(entry.aliases);
  return Object.freeze(entry);
}

/** The date the table's figures were last checked against provider documentation. */
export const MODEL_TABLE_VERSION: string = data.version;

/** Every known model, in table order (provider, then newest first); ids and aliases are normalised forms. */
export const MODELS: readonly ModelEntry[] = Object.freeze(data.models.map(freezeEntry));
