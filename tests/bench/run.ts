import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startCore } from '../../electron/core/core';
import { benchFirstRow } from './first-row';
import { BENCH_NOW, largeDatabase } from './large-db';
import { benchListQuery } from './list-query';
import { benchOpen } from './open';
import { benchRecompute } from './recompute';
import { benchAccept, benchPurchasingDemand } from './operations';
import { benchWorkspaceView } from './workspace-view';
import { printTable, type Row } from './stats';
import { benchApply, benchIdleCycle, benchIncrementalStock, benchInitialSync, benchTryton, benchViewVsTryton } from './connector';
import { benchTeam } from './team';
import { benchActivities } from './activities';
import { benchDashboard } from './dashboard';

/**
 * npm run bench [-- --json FILE] [--rounds N] [--only open|list|view|recompute|accept|purchasing|activities|first-row|connector|team [--load-seconds S]]:
 * side-by-side comparisons on the `large` preset, and the connector's against a local Tryton with the small company.
 */
async function main() {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const jsonFile = jsonAt >= 0 ? args[jsonAt + 1] : undefined;
  const roundsAt = args.indexOf('--rounds');
  const rounds = roundsAt >= 0 ? Number(args[roundsAt + 1]) : 200;
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  const wanted = (name: string) => !only || only === name;
  const log = (m: string) => process.stdout.write(`${m}\n`);

  const rows: Row[] = [];
  if (only === 'team') {
    // the team's sync needs no large company: a hub on a real PostgreSQL and desks on the small one
    const at = args.indexOf('--load-seconds');
    log('team sync (TEAM.md): a hub on PostgreSQL, desks on the small company');
    rows.push(...(await benchTeam(log, { loadSeconds: at >= 0 ? Number(args[at + 1]) : 60 })));
    return finish(rows, jsonFile, log);
  }
  const dbPath = largeDatabase(log);
  // before core holds the file: one owner at a time
  if (wanted('open')) {
    log('open at start: 9 rounds per side…');
    rows.push(...(await benchOpen(dbPath, 9, log)));
  }
  const core = startCore({ dbPath, demo: 'none', now: () => BENCH_NOW, reminderEveryMs: 0 });
  try {
    if (wanted('list')) {
      log(`list query: ${rounds} rounds per scenario…`);
      rows.push(...(await benchListQuery(core, rounds)));
    }
    if (wanted('view')) {
      log(`360° view: ${rounds} rounds…`);
      rows.push(...(await benchWorkspaceView(core, rounds)));
    }
    if (wanted('recompute')) {
      log(`live recompute: ${rounds * 5} rounds…`);
      rows.push(...(await benchRecompute(core, rounds * 5)));
    }
    if (wanted('accept')) {
      log('accept a 50-line deal: 40 rounds…');
      rows.push(...(await benchAccept(core, 40)));
    }
    if (wanted('purchasing')) {
      log('purchasing demand: 20 rounds…');
      rows.push(...(await benchPurchasingDemand(core, 20)));
    }
    if (wanted('activities')) {
      log(`activities and timeline: ${rounds} rounds per scenario…`);
      rows.push(...(await benchActivities(core, rounds, log)));
    }
    if (wanted('dashboard')) {
      log(`the manager's dashboards: ${rounds} rounds per scenario…`);
      rows.push(...(await benchDashboard(core, rounds, log)));
    }
    if (wanted('first-row')) {
      log('first grid row in Chromium: 9 rounds per side…');
      rows.push(...(await benchFirstRow(core, join(process.cwd(), 'out', 'renderer'), 9, log)));
    }
  } finally {
    core.close();
  }
  if (wanted('connector')) {
    log('connector against a local Tryton 6.0:');
    const tryton = await benchTryton(log);
    const add = (r: Row) => {
      rows.push(r);
      log(
        `  → ${r.benchmark}: app median ${r.app.median.toFixed(1)} ms, raw ${r.baseline.median.toFixed(1)} ms, ratio ${r.ratio.toFixed(2)} (${r.target})`,
      );
    };
    try {
      log('  initial sync: 3 rounds per side…');
      const initial = await benchInitialSync(tryton.transport, 3);
      add(initial.row);
      log('  apply pulled rows: 10 rounds per side…');
      add(await benchApply(initial.pages, 10));
      log('  incremental cycle after 1 000 stock changes: 3 rounds…');
      add(await benchIncrementalStock(tryton.transport, 3));
      log('  one desk’s idle cycle vs the same cycle reading stock and the supply whole: 3 rounds…');
      add(await benchIdleCycle(tryton.transport, 3));
      log('  360° view local vs from Tryton: 30 rounds per side…');
      add(await benchViewVsTryton(tryton.transport, 30));
    } finally {
      tryton.stop();
    }
  }
  finish(rows, jsonFile, log);
}

function finish(rows: Row[], jsonFile: string | undefined, log: (m: string) => void) {
  log('');
  printTable(rows, log);
  if (jsonFile) {
    writeFileSync(jsonFile, JSON.stringify({ at: new Date().toISOString(), rows }, null, 2));
    log(`\nfigures written to ${jsonFile}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
