#!/usr/bin/env node
'use strict';
// Runs dist/cli.js. The bundle and the modules it loads on demand (dist/lazy/*.js) are compiled with V8's code cache:
// compiling is most of a short command's start-up, so the compiled code of a previous run is kept in the temp
// directory (one file per script, keyed by its path, size and mtime and the Node version) and reused. A missing or
// rejected cache just compiles, and is written at exit; any problem with a cache falls back to Node's own loader
// (docs/tokenizers.md, "Start-up").
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');

const DIST = path.join(__dirname, '..', 'dist');

function useCodeCache() {
  const vm = require('node:vm');
  const dir = cacheDirectory();
  const plain = Module._extensions['.js'];
  const toWrite = [];
  Module._extensions['.js'] = function loadWithCodeCache(module, filename) {
    const relative = path.relative(DIST, filename);
    if (relative.startsWith('..') || path.isAbsolute(relative)) return plain(module, filename);
    let script;
    let cacheFile;
    let cachedData;
    try {
      const stat = fs.statSync(filename);
      const key = `${hash(filename)}-${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}`;
      cacheFile = path.join(dir, `${relative.replace(/[\\/]/g, '_')}-${key}.v8cache`);
      try {
        cachedData = fs.readFileSync(cacheFile);
      } catch {
        cachedData = undefined;
      }
      script = new vm.Script(Module.wrap(fs.readFileSync(filename, 'utf8')), { filename, cachedData });
    } catch {
      return plain(module, filename);
    }
    if (cachedData === undefined || script.cachedDataRejected) toWrite.push({ script, cacheFile });
    // Errors of the module's own code propagate as with require; only compiling falls back.
    script.runInThisContext()(module.exports, Module.createRequire(filename), module, filename, path.dirname(filename));
  };
  // Written at exit, so the functions this run compiled are in the cache too.
  process.once('exit', () => {
    for (const { script, cacheFile } of toWrite) {
      try {
        const temporary = `${cacheFile}.${process.pid}`;
        fs.writeFileSync(temporary, script.createCachedData(), { flag: 'wx', mode: 0o600 });
        fs.renameSync(temporary, cacheFile);
      } catch {
        // A read-only temp directory just means no cache.
      }
    }
  });
}

/**
 * The user's own cache folder in the temp directory, mode 0700: V8 checks a cache only against the source's length,
 * so a cache another user could write would be code run as this user. A folder that is a link, someone else's, or
 * open to others is not used (the caller then loads without a cache).
 */
function cacheDirectory() {
  const os = require('node:os');
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const dir = path.join(os.tmpdir(), `promptbound-cache-${uid === undefined ? os.userInfo().username : uid}`);
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (error) {
    if (!error || error.code !== 'EEXIST') throw error;
  }
  const stat = fs.lstatSync(dir);
  const shared = process.platform !== 'win32' && (stat.mode & 0o077) !== 0;
  if (!stat.isDirectory() || (uid !== undefined && stat.uid !== uid) || shared) throw new Error('unsafe cache folder');
  return dir;
}

/** FNV-1a of the path: two installs of one version (same size and mtime) keep separate caches. */
function hash(text) {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(36);
}

function runCli() {
  try {
    useCodeCache();
  } catch {
    // Node's own loader, uncached.
  }

  require(path.join(DIST, 'cli.js'))
    .main(process.argv.slice(2))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error) => {
        process.stderr.write(`promptbound: internal error: ${(error && error.stack) || error}\n`);
        process.exitCode = 2;
      },
    );
}

/**
 * `promptbound lsp`: the language server needs Node flags that only a new process can have, so a process started
 * without them starts the command again with them before loading anything else (dist/lsp-launch.js) and waits for it.
 * If that cannot be done, the server runs here.
 */
function relaunchLsp() {
  if (process.argv[2] !== 'lsp') return undefined;
  try {
    return require(path.join(DIST, 'lsp-launch.js')).relaunchLsp(__filename, process.argv.slice(2));
  } catch {
    return undefined;
  }
}

const relaunched = relaunchLsp();
if (relaunched === undefined) runCli();
else
  relaunched.then((code) => {
    if (code === undefined) runCli();
    else process.exitCode = code;
  });
