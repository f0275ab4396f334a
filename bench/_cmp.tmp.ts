import { readFileSync } from 'node:fs';
import { TokenizerPool } from '../core/tokens/pool';
import { nodeRankLoader } from '../node/ranks';
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
function med(f: () => void) { f(); f(); const t: number[] = []; for (let i = 0; i < 5; i++) { const s = cpu(); f(); t.push(cpu() - s); } return t.sort((a, b) => a - b)[2]!; }
async function main() {
  const enc = (process.argv[2] ?? 'o200k_base') as 'o200k_base';
  const text = readFileSync(process.argv[3] ?? '/tmp/prose.txt', 'utf8');
  const c = await new TokenizerPool(nodeRankLoader).counterFor({ encoding: enc });
  const g = require(`gpt-tokenizer/encoding/${enc}`);
  const a = med(() => c.count(text)); const b = med(() => g.countTokens(text));
  console.log(enc, 'ours', (text.length / 1e3 / a).toFixed(1), 'gpt', (text.length / 1e3 / b).toFixed(1), 'ratio', (b / a).toFixed(2));
}
main();
