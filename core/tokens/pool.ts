// Loads each encoding once, on first use, and hands out counters over it (docs/tokenizers.md).
import type { EncodingName } from '../models/types';
import { BpeTokenCounter } from './counter';
import { BpeEncoding, type EncodingOptions } from './encoding';
import { compileRankFile, parseRankBinary } from './rank-table';
import type { CounterSpec, RankLoader } from './types';

export class TokenizerPool {
  /** One promise per encoding, so concurrent first callers share a single load and parse. */
  private readonly loading = new Map<EncodingName, Promise<BpeEncoding>>();

  constructor(
    private readonly loadRanks: RankLoader,
    private readonly options: EncodingOptions = {},
  ) {}

  async counterFor(spec: CounterSpec): Promise<BpeTokenCounter> {
    return new BpeTokenCounter(await this.encodingFor(spec.encoding), spec.factors);
  }

  private encodingFor(name: EncodingName): Promise<BpeEncoding> {
    const cached = this.loading.get(name);
    if (cached !== undefined) return cached;
    const loaded = this.load(name);
    this.loading.set(name, loaded);
    // A failed load is forgotten so the next caller retries (a missing file may be written later);
    // callers already waiting on it still see this failure.
    loaded.catch(() => {
      if (this.loading.get(name) === loaded) this.loading.delete(name);
    });
    return loaded;
  }

  private async load(name: EncodingName): Promise<BpeEncoding> {
    const file = await this.loadRanks(name);
    const table = file instanceof Uint8Array ? parseRankBinary(name, file) : compileRankFile(name, file);
    return new BpeEncoding(table, this.options);
  }
}
