#!/usr/bin/env node
// `npm run release-tag [-- vX.Y.Z]`: tags a release commit that carries the built bundles, for the installs that build
// nothing: pre-commit (`language: node` installs the hook repository with npm from git, where `prepare` runs without
// devDependencies, so esbuild is missing) and the GitHub Action (which runs bin/promptbound.js from its checkout).
//
// The tag points to a commit on top of HEAD that is never on a branch: HEAD's tree plus the files of package.json
// "files" under dist/ (built now), with a package.json that has no `prepare` script and no devDependencies and without
// package-lock.json — installing it from git builds nothing and fetches nothing. The work tree, the index and the
// branch are left as they are. docs/releasing.md describes the whole release.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const args = process.argv.slice(2);
const force = args.includes('--force');
const tag = args.find((a) => !a.startsWith('--')) ?? `v${manifest.version}`;

function fail(message) {
  process.stderr.write(`release-tag: ${message}\n`);
  process.exit(1);
}

function git(gitArgs, options = {}) {
  return execFileSync('git', gitArgs, { cwd: root, encoding: 'utf8', ...options }).trim();
}

if (!/^v\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(tag)) fail(`'${tag}' is not a version tag (vMAJOR.MINOR.PATCH)`);
if (tag !== `v${manifest.version}` && !args.includes('--any-version')) {
  fail(`${tag} does not match package.json's version ${manifest.version} (SARIF help links point to v<version>)`);
}
if (git(['status', '--porcelain', '--untracked-files=no']) !== '')
  fail('the work tree has uncommitted changes; commit them first');
if (spawnSync('git', ['rev-parse', '-q', '--verify', `refs/tags/${tag}`], { cwd: root }).status === 0 && !force) {
  fail(`tag ${tag} exists (use --force to move it)`);
}

// Build from HEAD's sources.
const build = spawnSync(process.execPath, [path.join(root, 'esbuild.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) fail(`the build failed (exit ${build.status})`);

/**
 * The shipped files under dist/, expanded from package.json "files": a folder entry means every file below it, and
 * `folder/*.ext` the files of that folder with that ending (the only glob form "files" uses here).
 */
function builtFiles() {
  const files = [];
  const walk = (relative) => {
    const full = path.join(root, relative);
    if (statSync(full).isDirectory()) for (const name of readdirSync(full).sort()) walk(`${relative.replace(/\/$/, '')}/${name}`);
    else files.push(relative);
  };
  for (const entry of manifest.files) {
    if (!entry.startsWith('dist/')) continue;
    const glob = /^(.*)\/\*(\.[\w.]+)$/.exec(entry);
    if (!glob) walk(entry);
    else
      for (const name of readdirSync(path.join(root, glob[1])).sort())
        if (name.endsWith(glob[2])) files.push(`${glob[1]}/${name}`);
  }
  return files;
}

const { prepare: _prepare, ...scripts } = manifest.scripts ?? {};
const { devDependencies: _dev, ...released } = { ...manifest, scripts };
const index = path.join(mkdtempSync(path.join(tmpdir(), 'promptbound-release-')), 'index');
const env = { ...process.env, GIT_INDEX_FILE: index };
try {
  git(['read-tree', 'HEAD'], { env });
  const files = builtFiles();
  for (const file of files) {
    const blob = git(['hash-object', '-w', '--', file]);
    git(['update-index', '--add', '--cacheinfo', `100644,${blob},${file}`], { env });
  }
  const packageBlob = git(['hash-object', '-w', '--stdin'], { input: `${JSON.stringify(released, null, 2)}\n` });
  git(['update-index', '--cacheinfo', `100644,${packageBlob},package.json`], { env });
  git(['update-index', '--force-remove', 'package-lock.json'], { env });
  const tree = git(['write-tree'], { env });
  const identity = [
    '-c',
    `user.name=${git(['config', '--default', 'promptbound', 'user.name'])}`,
    '-c',
    `user.email=${git(['config', '--default', 'dev@promptbound.invalid', 'user.email'])}`,
  ];
  const message = `Release ${tag}\n\nBuilt bundles for installs from git (pre-commit, the GitHub Action); no prepare script, no devDependencies.\n`;
  const commit = git([...identity, 'commit-tree', tree, '-p', 'HEAD', '-F', '-'], { input: message });
  git(['tag', ...(force ? ['-f'] : []), tag, commit]);
  process.stdout.write(
    `${tag} → ${commit.slice(0, 12)}: HEAD ${git(['rev-parse', '--short=12', 'HEAD'])} + ${files.length} built files\n`,
  );
} finally {
  rmSync(path.dirname(index), { recursive: true, force: true });
}
