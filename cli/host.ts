// The engine host for Node: tokenizer rank tables read from the files shipped beside the bundle, and file access for schemas and samples.
import type { EngineHost } from '../core/engine';
import { TokenizerPool } from '../core/tokens/pool';
import { nodeFileAccess } from '../node/file-access';
import { nodeRankLoader } from '../node/ranks';

export function createHost(): EngineHost {
  return { tokenizers: new TokenizerPool(nodeRankLoader), files: nodeFileAccess() };
}
