// Preloaded (`--require`) by test/server/launch-flags.test.ts: every Node process it is loaded in reports, on standard
// error, the Node options and allocator settings it was started with.
'use strict';
const malloc = Object.fromEntries(Object.entries(process.env).filter(([name]) => name.startsWith('MALLOC_')));
process.stderr.write(`promptbound-launch ${JSON.stringify({ pid: process.pid, execArgv: process.execArgv, malloc })}\n`);
