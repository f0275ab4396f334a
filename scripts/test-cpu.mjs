// CPU time of each test file run alone (user + system, the file's process and every process it spawns), slowest
// first — where `npm test`'s time goes. Wall time on a shared machine is noise; CPU time is what a 2-core run divides.
//
//   node scripts/test-cpu.mjs                      every test/*/*.test.ts
//   node scripts/test-cpu.mjs test/cli/*.test.ts   some files
//   node scripts/test-cpu.mjs --json out.json      also write the numbers
//
// Linux only: reads the children's CPU time from /proc/self/stat (cutime, cstime) around each run.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TICKS = 100; // USER_HZ: clock ticks per second of /proc/<pid>/stat on Linux

function childCpu() {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // field 3 onwards; the command name may hold spaces
  return { user: Number(fields[13]) / TICKS, system: Number(fields[14]) / TICKS }; // fields 16 and 17
}

const args = process.argv.slice(2);
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : undefined;
const files =
  args.length > 0
    ? args
    : readdirSync('test', { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .flatMap((d) =>
          readdirSync(join('test', d.name))
            .filter((f) => f.endsWith('.test.ts'))
            .map((f) => join('test', d.name, f)),
        )
        .sort();

const rows = [];
for (const file of files) {
  const before = childCpu();
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', '--test', '--test-reporter=tap', file], { encoding: 'utf8' });
  const wall = (performance.now() - start) / 1000;
  const after = childCpu();
  const tests = /^# tests (\d+)/m.exec(run.stdout)?.[1];
  const row = {
    file,
    cpu: +(after.user - before.user + after.system - before.system).toFixed(2),
    user: +(after.user - before.user).toFixed(2),
    system: +(after.system - before.system).toFixed(2),
    wall: +wall.toFixed(2),
    ok: run.status === 0,
    tests: tests === undefined ? undefined : Number(tests),
  };
  rows.push(row);
  process.stderr.write(
    `${row.cpu.toFixed(2).padStart(7)} s cpu ${row.wall.toFixed(2).padStart(7)} s wall ${row.ok ? '' : 'FAIL '}${file}\n`,
  );
}
rows.sort((a, b) => b.cpu - a.cpu);
const total = rows.reduce((sum, r) => sum + r.cpu, 0);
console.log(`\n${'cpu s'.padStart(7)} ${'wall s'.padStart(7)}  file`);
for (const r of rows)
  console.log(`${r.cpu.toFixed(2).padStart(7)} ${r.wall.toFixed(2).padStart(7)}  ${r.ok ? '' : 'FAIL '}${r.file}`);
console.log(`${total.toFixed(2).padStart(7)} s CPU in ${rows.length} files (${(total / 2).toFixed(0)} s on 2 idle cores)`);
if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify(rows, null, 2)}\n`);
if (rows.some((r) => !r.ok)) process.exitCode = 1;
