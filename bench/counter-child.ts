// Child process of the token benchmark (bundled by bench/tokens.ts with esbuild, run with plain node):
// the CPU time from loading the rank table to the first count, then peak RSS after counting a file.
import { readFileSync } from 'node:fs';
import type { EncodingName } from '../core/models/types';
import { TokenizerPool } from '../core/tokens/pool';
import { nodeRankLoader } from '../node/ranks';

async function main(): Promise<void> {
  const encoding = (process.argv[2] ?? 'o200k_base') as EncodingName;
  const text = readFileSync(process.argv[3] as string, 'utf8');
  const start = process.cpuUsage();
  const counter = await new TokenizerPool(nodeRankLoader).counterFor({ encoding });
  counter.count('Hello, world!');
  const first = process.cpuUsage(start);
  const tokens = counter.count(text).tokens;
  process.stdout.write(JSON.stringify({ loadMs: (first.user + first.system) / 1000, tokens, maxRssMb: peakRssMb() }));
}

/**
 * The process's own peak RSS (VmHWM). Not `resourceUsage().maxRSS`: Linux carries ru_maxrss over from
 * the parent across fork and exec, so a child of the (large) benchmark process would report the parent's.
 */
export function peakRssMb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match === null ? Number.NaN : Number(match[1]) / 1024;
}

void main();
