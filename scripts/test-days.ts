/**
 * The date-sensitive suites again, on each chosen day of tests/clock.ts (DESIGN.md §9): the demo
 * generator, the Tryton demo sync and its ledger (31 December steps into 1 January), automation,
 * purchasing dates and the grid's date filters. Each run has its whole clock at that day.
 */
import { spawnSync } from 'node:child_process';
import { CHOSEN_DAYS } from '../tests/clock';

const SUITES = [
  'electron/shared/demo/demo.test.ts',
  'tests/integration/core.test.ts',
  'tests/integration/automation.test.ts',
  'tests/integration/activities.test.ts',
  'tests/integration/dashboard.test.ts',
  // the daily backup, 16 days on from each chosen day (a new year, a 29 February)
  'tests/integration/backups.test.ts',
  'tests/integration/workspaces.test.ts',
  'tests/integration/tryton-demo.test.ts',
];

for (const day of CHOSEN_DAYS) {
  process.stdout.write(`\n— chosen day ${day} —\n`);
  const r = spawnSync('npx', ['vitest', 'run', ...SUITES], { stdio: 'inherit', env: { ...process.env, COMPTOIR_TEST_NOW: day } });
  if (r.status !== 0) {
    process.stderr.write(`the date-sensitive suites failed on ${day}\n`);
    process.exit(r.status ?? 1);
  }
}
