// What the token benchmark times: the counter as it ships, bundled by esbuild (bench/tokens.ts builds this
// file to dist/bench-counter-lib.js). Running it from source through tsx's transform is about 3× slower.
export { TokenizerPool } from '../core/tokens/pool';
export { nodeRankLoader } from '../node/ranks';
