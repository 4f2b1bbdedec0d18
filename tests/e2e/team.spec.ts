import { chromium, expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../chromium';
import { testClock } from '../clock';
import { startTestHub, type TestHub } from '../integration/fixtures/hub';
import { CreditPage } from './pages/credit-page';
import { collectErrors, startHost } from './web-host-fixture';

/**
 * Two desks (two web hosts, two browsers) sharing one hub on a real PostgreSQL: the trader and
 * credit control, each logged in as themselves. The credit request waiting at the trader's desk
 * is decided at credit control's; the trader's deal goes on at once.
 */
test.describe.configure({ timeout: 180_000 });

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub(testClock().now());
});
test.afterAll(async () => hub?.close());

async function person(login: string, roles: ('trader' | 'finance')[]) {
  return (await hub.admin.call('users.create', { login, name: login === 'ana' ? 'Ana Commerciale' : 'Flo Crédit', roles })).oneTimePassword;
}

test('the credit approval journey by two people at two desks', async () => {
  const now = testClock().now();
  const [hostA, hostB] = [await startHost(now), await startHost(now)];
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const errors: string[] = [];
  try {
    const open = async (url: string) => {
      const ctx = await browser.newContext({ viewport: { width: 1600, height: 900 } });
      const page = await ctx.newPage();
      await page.clock.install({ time: new Date(now) });
      await page.clock.resume();
      collectErrors(page, errors);
      await page.goto(url);
      return page;
    };
    const logIn = async (page: Awaited<ReturnType<typeof open>>, login: string, password: string) => {
      await page.getByRole('link', { name: 'Équipe' }).click();
      const form = page.getByTestId('team-login');
      await form.getByLabel('Serveur d’équipe').fill(hub.hub.url);
      await form.getByLabel('Identifiant').fill(login);
      await form.getByLabel('Mot de passe').fill(password);
      await form.getByRole('button', { name: 'Se connecter' }).click();
      await expect(page.getByTestId('team-status')).toContainText('En ligne', { timeout: 30_000 });
      await expect(page.getByTestId('team-pending')).toHaveText('0', { timeout: 30_000 });
    };
    const trader = await open(hostA.host.url);
    const credit = await open(hostB.host.url);
    // the trader's desk is the first of the team: its deals go up; credit control's takes the team's
    await logIn(trader, 'ana', await person('ana', ['trader']));
    await expect(trader.getByTestId('team-status')).toContainText('Ana Commerciale (ana) — Commercial');
    await logIn(credit, 'flo', await person('flo', ['finance']));
    await credit.screenshot({ path: 'test-results/screenshots/team-view.png', fullPage: true });
    await credit.setViewportSize({ width: 1366, height: 768 });
    await credit.screenshot({ path: 'test-results/screenshots/team-view-1366.png', fullPage: true });
    await credit.setViewportSize({ width: 1600, height: 900 });

    // a deal whose accepted quote waits for credit control at the trader's desk (read beside the host, read-only)
    const db = new Database(hostA.host.dbPath, { readonly: true, fileMustExist: true });
    const awaiting = db
      .prepare(
        `SELECT o.reference FROM opportunities o JOIN approvals a ON a.opportunity_id = o.id AND a.kind = 'credit' AND a.status = 'pending'
         WHERE o.ops_state = 'awaiting_approval' ORDER BY o.reference LIMIT 1`,
      )
      .pluck()
      .get() as string;
    db.close();
    expect(awaiting).toMatch(/^OPP-/);

    // the trader has the deal open, waiting for credit control
    await trader.getByRole('link', { name: 'Opportunités' }).click();
    await trader.getByRole('searchbox').first().fill(awaiting);
    await trader
      .getByRole('row', { name: new RegExp(awaiting) })
      .first()
      .dblclick();
    const ops = trader.getByTestId('ops-state');
    await expect(trader.getByTestId('opportunity-view')).toContainText(awaiting);
    await expect(ops).not.toContainText('Engagé');

    // credit control's queue holds the trader's waiting requests, decided from the keyboard
    const desk = new CreditPage(credit);
    await desk.open();
    const waiting = await desk.count();
    await credit.getByRole('searchbox').first().fill(awaiting);
    await expect(desk.chosen).toContainText(awaiting);
    await desk.comment.click();
    await credit.keyboard.type('client solide, accord');
    await credit.keyboard.press('Enter');
    await expect(credit.getByRole('status').filter({ hasText: `Accordé : ${awaiting}` })).toBeVisible();

    // the deal open at the trader's desk goes on by itself: its request approved, its chain done, nothing reloaded
    await expect(ops).toContainText('Engagé : stock réservé', { timeout: 5_000 });
    // the hub granted what this desk reserved, receipts due by the date included: no stock lost to « another desk »
    await expect(trader.getByText('réservé entre-temps par un autre poste')).toHaveCount(0);
    // the decision names the person who took it at the other desk, with their words
    await expect(trader.getByTestId('credit-approval')).toContainText('« client solide, accord » (Flo Crédit)');
    // and the queue, read at the trader's desk: one fewer, which a trader only reads
    await trader.getByRole('link', { name: 'Crédit client' }).click();
    const traderQueue = new CreditPage(trader);
    await expect.poll(() => traderQueue.count(), { timeout: 5_000 }).toBe(waiting - 1);
    await expect(trader.getByTestId('queue-hint')).toContainText('Consultation');
    await trader.getByRole('link', { name: 'Opportunités' }).click();
    await trader
      .getByRole('row', { name: new RegExp(awaiting) })
      .first()
      .dblclick();
    await expect(ops).toContainText('Engagé : stock réservé');
    await trader.screenshot({ path: 'test-results/screenshots/team-approved.png', fullPage: true });

    expect(errors).toEqual([]);
  } finally {
    await browser.close();
    await hostA.stop();
    await hostB.stop();
  }
});

test('a desk whose session ended goes on offline, then logs in and its changes go', async () => {
  const now = testClock().now();
  let desk = await startHost(now, { keep: true });
  const dbPath = desk.host.dbPath;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const errors: string[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    collectErrors(page, errors);
    await page.goto(desk.host.url);
    const password = await person('sam', ['trader']);
    await page.getByRole('link', { name: 'Équipe' }).click();
    const form = page.getByTestId('team-login');
    await form.getByLabel('Serveur d’équipe').fill(hub.hub.url);
    await form.getByLabel('Identifiant').fill('sam');
    await form.getByLabel('Mot de passe').fill(password);
    await form.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByTestId('team-status')).toContainText('En ligne', { timeout: 30_000 });

    // the web host restarts: its session was for that run only
    await desk.stop();
    desk = await startHost(now, { dbPath, keep: true });
    await page.goto(desk.host.url);
    const login = page.getByTestId('login-screen');
    await expect(login).toBeVisible();
    await login.getByRole('button', { name: 'Continuer hors ligne : les changements attendront la connexion' }).click();
    // the desk works on its own data: a note written offline on a deal
    await page.getByRole('link', { name: 'Opportunités' }).click();
    await page.getByRole('row').nth(2).dblclick();
    const notes = page.getByTestId('deal-header').getByLabel('Notes');
    await expect(notes).toBeVisible();
    await notes.fill('Écrite hors ligne');
    await page.getByTestId('deal-header').getByLabel('Probabilité', { exact: true }).click();
    await expect(page.getByTestId('opportunity-history')).toContainText('Écrite hors ligne');
    await page.getByRole('link', { name: 'Équipe' }).click();
    await expect(page.getByTestId('team-pending')).not.toHaveText('0');
    await expect(page.getByTestId('team-status')).toContainText('Déconnecté');
    // logged in again: what waited goes to the hub
    const again = page.getByTestId('team-login');
    await again.getByLabel('Identifiant').fill('sam');
    await again.getByLabel('Mot de passe').fill(password);
    await again.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByTestId('team-pending')).toHaveText('0', { timeout: 30_000 });
    const { rows } = await hub.pool.query(
      `SELECT count(*)::int AS n FROM team_rows WHERE row_table = 'opportunities' AND data->>'notes' = 'Écrite hors ligne'`,
    );
    expect(rows[0].n).toBe(1);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
    await desk.stop();
  }
});
