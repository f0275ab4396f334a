// `--shard i/n`: a deterministic share of the work, so n machines (a CI matrix, a Kubernetes Indexed Job) split one run
// with no coordinator. Files go by a hash of their repository-relative path (stable when unrelated files come and go);
// completions go round-robin by their position in the input. docs/scale.md has the recipes.
import type { Shard } from './args';

export type { Shard };

/** FNV-1a over the UTF-16 code units of a posix path: fast, stable across platforms and Node versions. */
export function pathHash(posixPath: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < posixPath.length; i++) {
    hash ^= posixPath.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Whether the file at this repository-relative posix path belongs to the shard. */
export function pathInShard(posixPath: string, shard: Shard | undefined): boolean {
  return shard === undefined || pathHash(posixPath) % shard.count === shard.index - 1;
}

/** Whether the completion at this 0-based position of the input belongs to the shard. */
export function ordinalInShard(ordinal: number, shard: Shard | undefined): boolean {
  return shard === undefined || ordinal % shard.count === shard.index - 1;
}
