import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { shiftPeriod } from '../../electron/shared/domain/forecast';
import { weighted } from '../../electron/shared/money';
import { actAs } from './pages/desk';
import { expect, test } from './web-host-fixture';

test.describe.configure({ timeout: 90_000 });

/** Next month as the dashboard names it (« janv. 2027 ») and as an ISO month. */
const nextMonth = (now: string) => {
  const iso = shiftPeriod(now.slice(0, 7), 'month', 1);
  const label = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}-01T00:00:00Z`));
  return { iso, label };
};
const euros = (money: number) =>
  new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 }).format(Math.round(money / 10_000)).replace(/\u202f/g, '\u00a0');

/** Moves over the chart until its tooltip names `label` and `series`, then clicks there (the bars are drawn on a canvas). */
async function clickBar(page: Page, chartName: string, label: string, series: string) {
  const box = (await page.getByRole('figure', { name: chartName, exact: true }).boundingBox())!;
  for (let y = box.y + box.height - 70; y > box.y + 20; y -= 8) {
    for (let x = box.x + 30; x < box.x + box.width - 10; x += 12) {
      await page.mouse.move(x, y);
      const tip = await page
        .locator('.ag-charts-tooltip')
        .first()
        .innerText({ timeout: 200 })
        .catch(() => '');
      if (tip.includes(label) && tip.includes(series)) return page.mouse.click(x, y);
    }
  }
  throw new Error(`no bar « ${series} » for ${label} in ${chartName}`);
}

test('the sales manager reads next month’s forecast, drills into the deals behind its bar and exports them', async ({ page, host }) => {
  const db = new Database(host.dbPath, { readonly: true });
  const month = nextMonth(host.now);
  // what the forecast must say, from the database itself: the open deals expected next month
  const deals = db
    .prepare(
      `SELECT o.reference, o.amount, o.probability FROM opportunities o JOIN stages s ON s.id = o.stage_id AND s.kind = 'open'
       WHERE substr(o.expected_close, 1, 7) = ?`,
    )
    .all(month.iso) as { reference: string; amount: number; probability: number }[];
  db.close();
  expect(deals.length).toBeGreaterThan(0);
  const weightedTotal = deals.reduce((s, d) => s + weighted(d.amount, d.probability), 0);

  await page.goto(host.url);
  await actAs(page, 'Direction commerciale');
  await page.getByRole('link', { name: 'Tableau de bord' }).click();
  const table = page.getByTestId('forecast-table');
  await expect(table.getByRole('columnheader', { name: month.label })).toBeVisible();
  // the team's total for next month, in the pinned total row
  await expect(table.getByRole('row', { name: /^Total / })).toBeVisible();
  await expect(table.locator(`[col-id="${month.iso}"]`).last()).toHaveText(`${euros(weightedTotal)}\u00a0€`);
  await page.screenshot({ path: 'test-results/screenshots/dashboard-manager.png' });
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'test-results/screenshots/dashboard-manager-1366.png' });
  await page.setViewportSize({ width: 1600, height: 900 });

  // the « rest of the pipeline » part of next month's bar: its deals are the database's under the best-case threshold (40 %)
  await clickBar(page, 'Prévision', month.label, 'Reste du pipeline');
  const rest = deals.filter((d) => d.probability < 40).map((d) => d.reference);
  const drill = page.getByTestId('drill');
  await expect(drill.getByRole('heading')).toContainText(`${month.label} · Pipeline`);
  await expect(drill).toContainText(`${rest.length} affaires (${rest.length} affichées)`);
  const shown = await drill.locator('.ag-row [col-id="reference"]').allInnerTexts();
  expect(shown.sort()).toEqual([...rest].sort());

  // its deals to Excel, the chart as an image
  const [xlsx] = await Promise.all([page.waitForEvent('download'), drill.getByRole('button', { name: 'Exporter (.xlsx)' }).click()]);
  expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);
  expect(
    readFileSync(await xlsx.path())
      .subarray(0, 2)
      .toString(),
  ).toBe('PK');
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('forecast-chart').getByRole('button', { name: 'Image PNG' }).click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect(
    readFileSync(await png.path())
      .subarray(1, 4)
      .toString(),
  ).toBe('PNG');

  // Entrée on a deal of the list opens it; back, the dashboard is there again
  await drill.locator('[col-id="reference"]').nth(1).click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('opportunity-history')).toBeVisible();
});

test('the forecast by top category sums each line under its top category; by customer, the customers beyond the first 15 share one line', async ({
  page,
  host,
}) => {
  const db = new Database(host.dbPath, { readonly: true });
  const month = nextMonth(host.now);
  const parents = new Map(
    (db.prepare('SELECT id, parent_id AS parent, name FROM product_categories').all() as { id: number; parent: number | null; name: string }[]).map(
      (c) => [c.id, c],
    ),
  );
  const top = (id: number) => {
    let at = parents.get(id)!;
    while (at.parent !== null && parents.has(at.parent)) at = parents.get(at.parent)!;
    return at.name;
  };
  // next month's open lines, each weighted on its deal's probability, summed under its top category
  const lines = db
    .prepare(
      `SELECT p.category_id AS category, l.amount, o.probability FROM opportunity_lines l JOIN opportunities o ON o.id = l.opportunity_id
       JOIN stages s ON s.id = o.stage_id AND s.kind = 'open' JOIN products p ON p.id = l.product_id WHERE substr(o.expected_close, 1, 7) = ?`,
    )
    .all(month.iso) as { category: number; amount: number; probability: number }[];
  const customers = db
    .prepare("SELECT count(DISTINCT o.customer_id) FROM opportunities o JOIN stages s ON s.id = o.stage_id AND s.kind = 'open'")
    .pluck()
    .get() as number;
  db.close();
  const byTop = new Map<string, number>();
  for (const l of lines) byTop.set(top(l.category), (byTop.get(top(l.category)) ?? 0) + weighted(l.amount, l.probability));
  expect(byTop.size).toBeGreaterThan(1);

  await page.goto(host.url);
  await actAs(page, 'Direction commerciale');
  await page.getByRole('link', { name: 'Tableau de bord' }).click();
  await page.getByLabel('Ventilation de la prévision').selectOption({ label: 'catégorie' });
  const table = page.getByTestId('forecast-table');
  await expect(table.getByRole('row', { name: /^Total / })).toBeVisible();
  const column = (await table.getByRole('columnheader').allInnerTexts()).map((h) => h.trim()).indexOf(month.label);
  for (const [name, sum] of byTop)
    await expect(
      table
        .getByRole('row', { name: new RegExp(`^${name} `) })
        .getByRole('gridcell')
        .nth(column),
    ).toHaveText(`${euros(sum)}\u00a0€`);
  await page.screenshot({ path: 'test-results/screenshots/dashboard-forecast-category.png' });

  await page.getByLabel('Ventilation de la prévision').selectOption({ label: 'client' });
  expect(customers).toBeGreaterThan(15);
  // a header, 15 customers, the others, the total
  await expect(table.getByRole('row')).toHaveCount(18);
  await expect(table.getByRole('row').nth(16)).toHaveAccessibleName(/^Autres clients /);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.screenshot({ path: 'test-results/screenshots/dashboard-forecast-customer-1366.png' });
});

test('the KPIs say what they measure and compare with the period before; the stagnant deals are listed', async ({ page, host }) => {
  await page.goto(host.url);
  await actAs(page, 'Direction commerciale');
  await page.getByRole('link', { name: 'Tableau de bord' }).click();
  const kpis = page.getByTestId('kpis');
  await expect(kpis.getByTestId('kpi-winRateCount')).toHaveAttribute('title', /gagnées ÷ affaires gagnées ou perdues/);
  await expect(kpis.getByTestId('kpi-basket')).toContainText('avant :');
  await page.getByRole('button', { name: 'Période précédente' }).click();
  await expect(page.getByTestId('kpi-period')).toHaveText(
    new Intl.DateTimeFormat('fr-FR', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(
      new Date(`${shiftPeriod(host.now.slice(0, 7), 'month', -1)}-01T00:00:00Z`),
    ),
  );
  // lost deals of that month, behind their card
  await kpis.getByTestId('kpi-lost').getByRole('button').click();
  await expect(page.getByTestId('drill').getByRole('heading')).toContainText('Perdues');
  await expect(page.getByTestId('stagnant')).toContainText('affaires');
  await page.screenshot({ path: 'test-results/screenshots/dashboard-kpis.png', fullPage: true });
});

test('on a deal, Alt+S goes to the products to propose and Entrée adds one as a line; Ctrl+Z takes it back', async ({ page, host }) => {
  const db = new Database(host.dbPath, { readonly: true });
  const ids = db
    .prepare("SELECT o.id FROM opportunities o JOIN stages s ON s.id = o.stage_id WHERE s.kind = 'open' ORDER BY o.id LIMIT 15")
    .pluck()
    .all() as number[];
  db.close();
  await page.goto(host.url);
  await actAs(page, 'Commercial');
  let found = false;
  for (const id of ids) {
    await page.goto(`${host.url}#/opportunities/${id}`);
    await expect(page.getByTestId('opportunity-lines')).toBeVisible();
    if (
      await page
        .getByTestId('suggestions')
        .isVisible({ timeout: 1500 })
        .catch(() => false)
    ) {
      found = true;
      break;
    }
  }
  expect(found, 'an open deal with something to propose').toBe(true);
  // the grid says how many rows it has (header and total rows included)
  const grid = page.getByTestId('opportunity-lines').locator('[aria-rowcount]').first();
  const rowCount = async () => Number(await grid.getAttribute('aria-rowcount'));
  const before = await rowCount();
  const first = page.getByTestId('suggestions').locator('li').first();
  const code = (await first.locator('b').innerText()).trim();
  await expect(first).toContainText(/habituellement acheté|pris avec ces articles/);
  await page.keyboard.press('Alt+s');
  await expect(first).toBeFocused();
  await page.keyboard.press('Enter');
  await expect.poll(rowCount).toBe(before + 1);
  await expect(page.getByTestId('opportunity-lines')).toContainText(code);
  await expect(page.getByTestId('suggestions').locator('li').filter({ hasText: code })).toHaveCount(0);
  await page.screenshot({ path: 'test-results/screenshots/deal-suggestions.png', fullPage: true });
  await page.getByTestId('opportunity-lines').locator('.ag-row').first().click();
  await page.keyboard.press('ControlOrMeta+z');
  await expect.poll(rowCount).toBe(before);
});

test('the what-if on a category’s cost lists the deals that fall below their threshold', async ({ page, host }) => {
  await page.goto(host.url);
  await actAs(page, 'Direction commerciale');
  await page.getByRole('link', { name: 'Tableau de bord' }).click();
  const whatIf = page.getByTestId('what-if');
  await whatIf.getByLabel('Coût de').selectOption({ label: 'Matériaux de construction' });
  await whatIf.getByLabel('Hausse (%)').fill('30');
  await whatIf.getByRole('button', { name: 'Simuler' }).click();
  await expect(page.getByTestId('what-if-summary')).toContainText(/\d+ affaires ouvertes concernées, \d+ passent sous leur seuil/);
  // a rise out of range is refused with its reason, beside the button
  await whatIf.getByLabel('Hausse (%)').fill('900');
  await whatIf.getByRole('button', { name: 'Simuler' }).click();
  await expect(whatIf.getByRole('alert')).toBeVisible();
});
