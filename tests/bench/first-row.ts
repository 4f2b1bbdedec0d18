import { chromium, type Browser } from '@playwright/test';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { build } from 'vite';
import { listOpportunities } from '../../db/queries/opportunities-list';
import type { Core } from '../../electron/core/core';
import { contract } from '../../electron/shared/contract';
import { serveStatic } from '../../electron/web-host/static';
import { startWebHost } from '../../electron/web-host/server';
import { silentLogger } from '../../electron/shared/log';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { BENCH_DIR, BENCH_NOW } from './large-db';
import { stats, type Row } from './stats';

/** Records when the first grid row appears, from the very start of the page. */
const FIRST_ROW_PROBE = `
  new MutationObserver((_, obs) => {
    if (document.querySelector('.ag-row')) { window.__firstRow = performance.now(); obs.disconnect(); }
  }).observe(document, { childList: true, subtree: true });`;

async function buildBaseline(core: Core): Promise<string> {
  const outDir = join(BENCH_DIR, 'baseline');
  await build({
    root: join(process.cwd(), 'tests', 'bench', 'baseline'),
    base: './',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 5000 },
  });
  const rows = [];
  const page = contract['opportunities.list'].input.parse({ limit: 5000 });
  for (let offset = 0; ; offset += 5000) {
    const out = listOpportunities(core.db, { ...page, offset }, BENCH_NOW);
    rows.push(...out.rows);
    if (out.rows.length < 5000) break;
  }
  writeFileSync(join(outDir, 'rows.js'), `window.__ROWS__ = JSON.parse(${JSON.stringify(JSON.stringify(rows))});`);
  return outDir;
}

async function measure(browser: Browser, url: string): Promise<{ gridToRow: number; navToRow: number }> {
  const context = await browser.newContext({ viewport: { width: 1500, height: 850 } });
  const page = await context.newPage();
  await page.addInitScript(FIRST_ROW_PROBE);
  await page.goto(url);
  await page.waitForFunction(() => (globalThis as unknown as { __firstRow?: number }).__firstRow !== undefined, undefined, { timeout: 120_000 });
  const r = await page.evaluate(() => {
    const first = (globalThis as unknown as { __firstRow: number }).__firstRow;
    const created = performance.getEntriesByName('comptoir:grid-create')[0]?.startTime ?? Number.NaN;
    return { gridToRow: first - created, navToRow: first };
  });
  await context.close();
  return r;
}

/** (b) Time to the first grid row: the app through the web host vs AG Grid fed the same rows in memory. */
export async function benchFirstRow(core: Core, rendererDir: string, rounds: number, log: (m: string) => void): Promise<Row[]> {
  log('building the AG Grid baseline page with all rows in memory…');
  const baselineDir = await buildBaseline(core);
  const baselineServer = createServer((req, res) => {
    if (!serveStatic(baselineDir, (req.url ?? '/').slice(1), res, {})) res.writeHead(404).end();
  });
  await new Promise<void>((r) => baselineServer.listen(0, '127.0.0.1', r));
  const address = baselineServer.address();
  const baselineUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/index.html`;
  const host = await startWebHost({ core, port: 0, rendererDir, log: silentLogger });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const app: { gridToRow: number; navToRow: number }[] = [];
  const base: { gridToRow: number; navToRow: number }[] = [];
  try {
    await measure(browser, host.url);
    await measure(browser, baselineUrl);
    for (let i = 0; i < rounds; i++) {
      if (i % 2 === 0) {
        app.push(await measure(browser, host.url));
        base.push(await measure(browser, baselineUrl));
      } else {
        base.push(await measure(browser, baselineUrl));
        app.push(await measure(browser, host.url));
      }
    }
  } finally {
    await browser.close();
    await host.close();
    baselineServer.close();
  }
  const a = stats(app.map((x) => x.gridToRow));
  const b = stats(base.map((x) => x.gridToRow));
  const an = stats(app.map((x) => x.navToRow));
  const bn = stats(base.map((x) => x.navToRow));
  return [
    {
      benchmark: 'first grid row, 200 000 opps (grid created → first row)',
      app: a,
      baseline: b,
      ratio: a.median / b.median,
      target: '≤ 1.3×',
      ok: a.median / b.median <= 1.3,
    },
    {
      benchmark: 'first grid row, 200 000 opps (page start → first row)',
      app: an,
      baseline: bn,
      ratio: an.median / bn.median,
      target: '(info)',
      ok: true,
    },
  ];
}
