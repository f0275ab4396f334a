// Checks a built .vsix: the bundles, rank files, grammars, snippets and schemas are in it; node_modules, sources,
// tests, examples and source maps are not; every file package.json points at is packaged; unpacked outside the
// repository, its desktop server starts and counts a prompt. `node scripts/check-vsix.mjs [file.vsix]`.
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
  const start =
    entry.localHeader + 30 + buffer.readUInt16LE(entry.localHeader + 26) + buffer.readUInt16LE(entry.localHeader + 28);
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
  for (const { name } of entries)
    for (const [pattern, what] of forbidden) if (pattern.test(name)) problems.push(`${name}: ${what} is packaged`);

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
  for (const name of [...required, ...pointedAt])
    if (!names.has(name) && !lower.has(name.toLowerCase())) problems.push(`${name} is missing`);
  // The desktop server's modules loaded on demand (require("./lazy/<name>.js")) must be packaged beside it.
  const server = entries.find((e) => e.name === 'extension/dist/server-node.js');
  if (server)
    for (const [, lazy] of readEntry(buffer, server)
      .toString('utf8')
      .matchAll(/require\("\.\/(lazy\/[\w-]+\.js)"\)/g))
      if (!names.has(`extension/dist/${lazy}`)) problems.push(`extension/dist/${lazy} is missing (the desktop server loads it)`);
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
  const smoke = await smokeTestDesktopServer(file);
  console.log(
    `${path.basename(file)}: ok — ${files} files, ${(bytes / 1e6).toFixed(2)} MB (${(unpacked / 1e6).toFixed(2)} MB unpacked), no node_modules, rank files present; the unpacked desktop server counted a prompt (${smoke.tokens} tokens, ${smoke.model})`,
  );
}

/**
 * Unpacks the vsix outside the repository (so nothing resolves from its node_modules), starts the packaged desktop
 * server the way the client does (IPC) and waits for the stats of an opened prompt: the bundles and rank files are
 * complete. Resolves to the stats' model and token count.
 */
export async function smokeTestDesktopServer(file, { timeoutMs = 20_000 } = {}) {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { fork } = await import('node:child_process');
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const { IPCMessageReader, IPCMessageWriter, createProtocolConnection } = require('vscode-languageserver-protocol/node');
  const buffer = readFileSync(file);
  const dir = mkdtempSync(path.join(tmpdir(), 'promptbound-vsix-'));
  try {
    for (const entry of zipEntries(buffer)) {
      if (entry.name.endsWith('/')) continue;
      const target = path.join(dir, entry.name);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, readEntry(buffer, entry));
    }
    const server = path.join(dir, 'extension', 'dist', 'server-node.js');
    const child = fork(server, ['--node-ipc', `--clientProcessId=${process.pid}`], { execArgv: [], silent: true, cwd: dir });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    try {
      const stats = new Promise((resolve) => connection.onNotification('promptbound/documentStats', resolve));
      connection.listen();
      await connection.sendRequest('initialize', {
        processId: process.pid,
        rootUri: null,
        capabilities: {},
        workspaceFolders: null,
      });
      await connection.sendNotification('initialized', {});
      const text = '---\nmodel: gpt-4o\n---\n# Task\n\nSummarise the text in three sentences.\n';
      await connection.sendNotification('textDocument/didOpen', {
        textDocument: { uri: 'file:///smoke/check.prompt.md', languageId: 'prompt', version: 1, text },
      });
      let timer;
      const timeout = new Promise(
        (_, reject) =>
          (timer = setTimeout(
            () => reject(new Error(`no stats from the packaged server within ${timeoutMs} ms${stderr ? `: ${stderr}` : ''}`)),
            timeoutMs,
          )),
      );
      const payload = await Promise.race([stats, timeout]).finally(() => clearTimeout(timer));
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      return { model: payload.model, tokens: payload.promptTokens };
    } finally {
      connection.dispose();
      child.kill();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
