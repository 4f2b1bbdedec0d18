import { chromium, expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { testClock } from '../clock';
import { actAs } from './pages/desk';
import { collectErrors, startHost } from './web-host-fixture';

test.describe.configure({ timeout: 120_000 });

/**
 * The trader logs a call with a follow-up in three days; the app is closed; three days later (the
 * same database, the clock moved on) the follow-up is in « Mes activités », its reminder shows (in
 * the app and as a browser notification), a click opens the deal; the manager sees it in the team's.
 */
test('a call logged with a follow-up: three days later it is due, its reminder opens the deal, the manager sees it', async () => {
  const clock = testClock();
  const first = await startHost(clock.now(), { keep: true });
  const { dbPath } = first.host;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const errors: string[] = [];
  const open = async (url: string, now: string): Promise<Page> => {
    const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
    await ctx.grantPermissions(['notifications']);
    const page = await ctx.newPage();
    // the browser's notifications, as the page makes them (headless Chromium shows none)
    await page.addInitScript(() => {
      const shown: string[] = [];
      (window as unknown as { shownNotifications: string[] }).shownNotifications = shown;
      class Recorded {
        static permission = 'granted';
        static requestPermission = () => Promise.resolve('granted');
        onclick: (() => void) | null = null;
        constructor(title: string, o?: { body?: string }) {
          shown.push(`${title} | ${o?.body ?? ''}`);
        }
      }
      (window as unknown as { Notification: unknown }).Notification = Recorded;
    });
    await page.clock.install({ time: new Date(now) });
    await page.clock.resume();
    collectErrors(page, errors);
    await page.goto(url);
    return page;
  };
  let second: Awaited<ReturnType<typeof startHost>> | null = null;
  try {
    const trader = await open(first.host.url, clock.now());
    await actAs(trader, 'Commercial');
    const name = (await trader.locator('#set-user option:checked').innerText()).split(' — ')[0]!;
    // one of this trader's open deals, read from the database file beside the running app
    const db = new Database(dbPath, { readonly: true, fileMustExist: true });
    const deal = db
      .prepare(
        `SELECT o.id, o.reference FROM opportunities o JOIN stages s ON s.id = o.stage_id JOIN users u ON u.id = o.owner_id
         WHERE s.kind = 'open' AND u.name = ? ORDER BY o.id LIMIT 1`,
      )
      .get(name) as { id: number; reference: string };
    db.close();
    await trader.goto(`${first.host.url}#/opportunities/${deal.id}`);
    await expect(trader.getByTestId('opportunity-view')).toBeVisible();
    await trader.keyboard.press('Alt+n');
    const form = trader.getByTestId('activity-form');
    await expect(form).toBeVisible();
    await form.getByLabel('Objet').fill('Appel prix ciment');
    await form.getByLabel('Déjà faite').check();
    await form.getByLabel('Résultat').fill('Attend notre meilleur prix, rappeler');
    await form.getByLabel('Relance dans (jours)').fill('3');
    await form.getByRole('button', { name: 'Consigner' }).click();
    await expect(form).toBeHidden();
    const panel = trader.getByTestId('deal-activities');
    await expect(panel).toContainText('Relance — Appel prix ciment');
    await expect(trader.getByTestId('deal-timeline')).toContainText('Appel prix ciment — Attend notre meilleur prix, rappeler');
    // an e-mail dropped in the timeline (here picked): its subject, sender and attachment are there, the .exe named as not kept
    await trader
      .getByTestId('timeline-drop')
      .getByLabel('Joindre…')
      .setInputFiles(join('tests', 'integration', 'fixtures', 'devis-ciment.eml'));
    await expect(trader.getByRole('status').filter({ hasText: 'E-mail consigné : Devis ciment — quantités révisées' })).toContainText('outil.exe');
    const mail = trader.getByTestId('deal-timeline').locator('li[data-kind="email"]');
    await expect(mail).toContainText('René Lefèvre <rene.lefevre@batiments-perrin.fr>');
    await expect(mail).toContainText('fiche-technique-CEM-II.pdf');
    await expect(mail.getByRole('link', { name: 'Aperçu' })).toHaveAttribute('href', /^documents\/[0-9a-f]{64}\?name=fiche-technique-CEM-II\.pdf$/);
    await trader.context().close();
    await first.stop();

    // three days later, the app started again on the same database
    clock.nextDay(3, 10);
    second = await startHost(clock.now(), { dbPath, keep: true });
    const later = await open(second.host.url, clock.now());
    const toast = later.getByTestId('reminder-toast').filter({ hasText: 'Relance — Appel prix ciment' });
    await expect(toast).toBeVisible();
    await expect
      .poll(() => later.evaluate(() => (window as unknown as { shownNotifications: string[] }).shownNotifications.join('\n')))
      .toContain(`Rappel : Relance — Appel prix ciment | ${deal.reference}`);
    await expect(later.getByTestId('nav-activities').locator('.nav-count')).toBeVisible();
    await later.getByRole('link', { name: /Mes activités/ }).click();
    await later.getByTestId('bucket-overdue').click();
    const row = later.getByTestId('activities-grid').locator('.ag-row', { hasText: 'Relance — Appel prix ciment' });
    await expect(row).toBeVisible();
    await expect(row).toContainText(deal.reference);
    await later.screenshot({ path: 'test-results/screenshots/activities.png' });
    await toast.click();
    await expect(later).toHaveURL(new RegExp(`#/opportunities/${deal.id}$`));
    await expect(later.getByTestId('opportunity-view')).toContainText(deal.reference);
    await later.setViewportSize({ width: 1366, height: 768 });
    await later.screenshot({ path: 'test-results/screenshots/deal-activities-1366.png', fullPage: true });
    // the reminder fired once: the centre lists it, a reload shows no new toast
    await later.reload();
    await expect(later.getByTestId('reminder-bell')).toBeVisible();
    await later.getByTestId('reminder-bell').click();
    await expect(later.getByTestId('reminder-centre')).toContainText('Relance — Appel prix ciment');
    await expect(later.getByTestId('reminder-toast')).toHaveCount(0);

    // the manager, on the team's list, by person
    await actAs(later, 'Direction commerciale');
    await later.getByRole('link', { name: /Mes activités/ }).click();
    await later.getByLabel('L’équipe').selectOption('team');
    await later.getByLabel('Pour').selectOption({ label: name });
    await later.getByTestId('bucket-overdue').click();
    await expect(later.getByTestId('activities-grid').locator('.ag-row', { hasText: 'Relance — Appel prix ciment' })).toContainText(name);
    await later.waitForTimeout(500); // the rows' animation
    await later.screenshot({ path: 'test-results/screenshots/team-activities.png' });
    expect(errors, 'console and page errors').toEqual([]);
  } finally {
    await browser.close();
    await second?.stop();
    rmSync(dirname(dbPath), { recursive: true, force: true });
  }
});
