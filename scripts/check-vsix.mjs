// Checks a built .vsix: the bundles, rank files, grammars, snippets and schemas are in it; node_modules, sources,
// tests, examples and source maps are not; every file package.json points at is packaged. `node scripts/check-vsix.mjs [file.vsix]`.
import { readFileSync, statSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** The entries of a zip file, from its central directory (a .vsix is a zip): name, stored and unpacked size. */
export function zipEntries(buffer) {
  const eocd = buffer.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${i}`);
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localHeader = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, method, compressedSize, size, localHeader });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** One entry's bytes (stored or deflated). */
export function readEntry(buffer, entry) {
  const start = entry.localHeader + 30 + buffer.readUInt16LE(entry.localHeader + 26) + buffer.readUInt16LE(entry.localHeader + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  return entry.method === 0 ? data : inflateRawSync(data);
}

/** The problems of a vsix; an empty list means it is fine. */
export function checkVsix(file) {
  const buffer = readFileSync(file);
  const entries = zipEntries(buffer);
  const names = new Set(entries.map((e) => e.name));
  const problems = [];
  const forbidden = [
    [/(^|\/)node_modules\//, 'node_modules'],
    [/\.map$/, 'a source map'],
    [/\.ts$/, 'a TypeScript source'],
    [/^extension\/(client|server|core|cli|node|test|bench|examples|docs|scripts|bin)\//, 'a source, test or example folder'],
    [/^extension\/dist\/cli\.js$/, 'the CLI bundle'],
  ];
  for (const { name } of entries) for (const [pattern, what] of forbidden) if (pattern.test(name)) problems.push(`${name}: ${what} is packaged`);

  const manifestEntry = entries.find((e) => e.name === 'extension/package.json');
  if (!manifestEntry) return [...problems, 'extension/package.json is missing'];
  const manifest = JSON.parse(readEntry(buffer, manifestEntry).toString('utf8'));
  const required = [
    'extension/dist/client-node.js',
    'extension/dist/client-browser.js',
    'extension/dist/server-node.js',
    'extension/dist/server-browser.js',
    'extension/dist/ranks/o200k_base.json',
    'extension/dist/ranks/cl100k_base.json',
    'extension/schemas/config.schema.json',
    'extension/schemas/frontmatter.schema.json',
    'extension/package.nls.json',
    'extension/readme.md',
    'extension/changelog.md',
    'extension/LICENSE.txt',
  ];
  const pointedAt = [
    manifest.main,
    manifest.browser,
    ...(manifest.icon ? [manifest.icon] : []),
    ...manifest.contributes.grammars.map((g) => g.path),
    ...manifest.contributes.snippets.map((s) => s.path),
    ...manifest.contributes.languages.map((l) => l.configuration),
    ...manifest.contributes.jsonValidation.map((v) => v.url),
    ...manifest.contributes.yamlValidation.map((v) => v.url),
  ].map((p) => `extension/${path.posix.normalize(p)}`);
  const lower = new Set([...names].map((n) => n.toLowerCase()));
  for (const name of [...required, ...pointedAt]) if (!names.has(name) && !lower.has(name.toLowerCase())) problems.push(`${name} is missing`);
  for (const rank of ['o200k_base', 'cl100k_base']) {
    const entry = entries.find((e) => e.name === `extension/dist/ranks/${rank}.json`);
    if (entry && entry.size < 1_000_000) problems.push(`${entry.name} is only ${entry.size} bytes`);
  }
  return problems;
}

export function describeVsix(file) {
  const entries = zipEntries(readFileSync(file));
  const bytes = statSync(file).size;
  const unpacked = entries.reduce((sum, e) => sum + e.size, 0);
  return { files: entries.length, bytes, unpacked };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const file = process.argv[2] ?? path.join(root, `promptbound-${version}.vsix`);
  const problems = checkVsix(file);
  const { files, bytes, unpacked } = describeVsix(file);
  if (problems.length > 0) {
    console.error(`${path.basename(file)}: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
    process.exit(1);
  }
  console.log(`${path.basename(file)}: ok — ${files} files, ${(bytes / 1e6).toFixed(2)} MB (${(unpacked / 1e6).toFixed(2)} MB unpacked), no node_modules, rank files present`);
}
