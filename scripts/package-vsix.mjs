// `npm run package`: builds promptbound-<version>.vsix with @vscode/vsce, offline. vsce refuses a .vscodeignore next to
// package.json's "files" (which the npm package needs), so the extension's files are staged in .vsix-stage/ with a
// manifest without "files", the repository's .vscodeignore applies there, and vsce packages the stage.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkVsix, describeVsix, smokeTestDesktopServer } from './check-vsix.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stage = path.join(root, '.vsix-stage');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, `promptbound-${manifest.version}.vsix`);

/** What the extension needs at run time; everything else stays out. */
const INCLUDE = [
  'dist',
  'schemas',
  'syntaxes',
  'snippets',
  'language-configuration',
  'images',
  'README.md',
  'CHANGELOG.md',
  'LICENSE',
  'package.nls.json',
  '.vscodeignore',
];
for (const bundle of ['client-node.js', 'client-browser.js', 'server-node.js', 'server-browser.js']) {
  if (!existsSync(path.join(root, 'dist', bundle))) throw new Error(`dist/${bundle} is missing: run \`node esbuild.mjs\` first.`);
}

rmSync(stage, { recursive: true, force: true });
mkdirSync(stage);
for (const item of INCLUDE) cpSync(path.join(root, item), path.join(stage, item), { recursive: true });
// No "files" (vsce would refuse it beside .vscodeignore), no scripts (nothing to run before packaging: dist is built).
const { files: _files, scripts: _scripts, ...extensionManifest } = manifest;
writeFileSync(path.join(stage, 'package.json'), `${JSON.stringify(extensionManifest, null, 2)}\n`);

const vsce = createRequire(import.meta.url).resolve('@vscode/vsce/vsce');
rmSync(out, { force: true });
try {
  execFileSync(process.execPath, [vsce, 'package', '--no-dependencies', '--no-update-package-json', '-o', out], {
    cwd: stage,
    stdio: 'inherit',
    env: { ...process.env, VSCE_TELEMETRY_DISABLED: '1' },
  });
} finally {
  rmSync(stage, { recursive: true, force: true });
}

const problems = checkVsix(out);
if (problems.length > 0) {
  console.error(`${path.basename(out)}: ${problems.length} problem(s)\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
const { files, bytes, unpacked } = describeVsix(out);
const smoke = await smokeTestDesktopServer(out);
console.log(
  `${path.basename(out)}: ${files} files, ${(bytes / 1e6).toFixed(2)} MB (${(unpacked / 1e6).toFixed(2)} MB unpacked); checked: no node_modules, bundles and rank files present; the unpacked desktop server counted a prompt (${smoke.tokens} tokens, ${smoke.model})`,
);
