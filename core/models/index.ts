// The model table and its lookup: the one import the rest of the engine uses for model facts (docs/models.md).
export { MODEL_TABLE_VERSION, MODELS } from './table';
export { customModelEntry, lookupModel, normalizeModelId } from './lookup';
export type {
  ApproximationFactors,
  ChatOverhead,
  CustomModel,
  EncodingName,
  ModelEntry,
  ModelLookup,
  ResolvedModel,
} from './types';
