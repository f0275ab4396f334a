#!/usr/bin/env node
'use strict';
// Loads dist/cli.js with V8's code cache: compiling the bundle is most of a short command's start-up, so the
// compiled code of the previous run is kept in the temp directory (keyed by the bundle's size, mtime and the
// Node version) and reused. Any problem with the cache falls back to a plain require.
const fs = require('node:fs');
const path = require('node:path');

function loadCli() {
  const file = path.join(__dirname, '..', 'dist', 'cli.js');
  try {
    const Module = require('node:module');
    const vm = require('node:vm');
    const os = require('node:os');
    const stat = fs.statSync(file);
    const key = `${stat.size}-${Math.floor(stat.mtimeMs)}-${process.version}-${process.arch}`;
    const cacheFile = path.join(os.tmpdir(), `promptbound-cli-${key}.v8cache`);
    let cachedData;
    try {
      cachedData = fs.readFileSync(cacheFile);
    } catch {
      cachedData = undefined;
    }
    const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
    const module = { exports: {}, filename: file, id: file, loaded: false };
    script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
    if (cachedData === undefined || script.cachedDataRejected) {
      // Written at exit, so the functions this run compiled are in it too.
      process.once('exit', () => {
        try {
          const temporary = `${cacheFile}.${process.pid}`;
          fs.writeFileSync(temporary, script.createCachedData());
          fs.renameSync(temporary, cacheFile);
        } catch {
          // A read-only temp directory just means no cache.
        }
      });
    }
    return module.exports;
  } catch {
    return require(file);
  }
}

loadCli()
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
