import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../electron/core/core';
import type { Input, Method, Output } from '../../electron/shared/contract';
import { addDays } from '../../electron/shared/dates';
import { columnOf, TEAM_TABLE_NAMES, TEAM_TABLES, type Field } from '../../electron/shared/team/tables';
import { smallCore, TODAY } from './helpers';

/**
 * Capture (TEAM.md protocol 3): every contract method that writes is called here, and after each
 * call the team tables' changes (row by row, synced fields) must equal the mutations it appended,
 * one per changed row. Every method of the contract is classified: a new one fails to compile
 * until it is listed as a read or given a call below, so no write path is forgotten.
 */
let core: Core;
let cleanup: () => void;
beforeAll(() => ({ core, cleanup } = smallCore()));
afterAll(() => cleanup());

const sql = <T>(q: string, ...params: unknown[]) => core.db.$client.prepare(q).all(...params) as T[];
const one = <T>(q: string, ...params: unknown[]) => sql<T>(q, ...params)[0]!;
const call = <M extends Method>(method: M, input: Input<M>) => core.call(method, input) as Promise<Output<M>>;
const stage = (code: string) => one<{ id: number }>('SELECT id FROM stages WHERE code = ?', code).id;

type Snapshot = Map<string, string>;
function snapshot(): Snapshot {
  const rows = new Map<string, string>();
  for (const t of TEAM_TABLE_NAMES) {
    const cols = Object.keys(TEAM_TABLES[t].fields).map(columnOf);
    for (const r of sql<Record<string, unknown>>(`SELECT uid, ${cols.join(', ')} FROM ${t}`)) {
      if (t === 'audit_log' && ['outbox', 'erp_connection'].includes(r.entity as string)) continue;
      rows.set(`${t}/${String(r.uid)}`, JSON.stringify(cols.map((c) => r[c])));
    }
  }
  return rows;
}
function diff(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const k of after.keys()) if (!before.has(k)) out.push(`${k}/insert`);
  for (const [k, v] of after) if (before.has(k) && before.get(k) !== v) out.push(`${k}/update`);
  for (const k of before.keys()) if (!after.has(k)) out.push(`${k}/delete`);
  return out.sort();
}
const lastNumber = () => one<{ n: number }>('SELECT coalesce(max(number), 0) AS n FROM team_mutations').n;

const checked = new Set<Method>();
/** Calls a writing method and checks that what changed is exactly what was captured. */
async function captured<M extends Method>(method: M, input: Input<M>): Promise<{ out: Output<M>; changed: number }> {
  const before = snapshot();
  const from = lastNumber();
  const out = await call(method, input);
  const mutations = sql<{ tbl: string; row_uid: string; op: string; after: string | null }>(
    'SELECT tbl, row_uid, op, after FROM team_mutations WHERE number > ? ORDER BY number',
    from,
  );
  expect(mutations.map((m) => `${m.tbl}/${m.row_uid}/${m.op}`).sort(), method).toEqual(diff(before, snapshot()));
  for (const m of mutations) if (m.after) expectGlobalRefs(m.tbl as keyof typeof TEAM_TABLES, JSON.parse(m.after) as Record<string, unknown>);
  checked.add(method);
  return { out, changed: mutations.length };
}

/** A mutation names other rows by global ids: uids of team rows, ERP ids (or codes), users by uid or login. */
function expectGlobalRefs(table: keyof typeof TEAM_TABLES, after: Record<string, unknown>) {
  for (const [name, f] of Object.entries(TEAM_TABLES[table].fields) as [string, Field][]) {
    const v = after[name];
    if (!f.ref || v === null) continue;
    if ('app' in f.ref) expect(sql(`SELECT 1 FROM ${f.ref.app} WHERE uid = ?`, v), `${table}.${name}`).toHaveLength(1);
    if ('erp' in f.ref) expect(v as string).toMatch(/^code:|^\d|^[a-z]/);
    if ('user' in f.ref) expect(v as string).toMatch(/^login:|^[0-9a-f-]{36}$/);
  }
}

/** What each read method is; writes are the calls of the journey below. Exhaustive over the contract. */
const _READS = {
  'app.health': 1,
  'settings.get': 1,
  'opportunities.list': 1,
  'opportunity.get': 1,
  'stages.list': 1,
  'pipeline.previewMove': 1,
  'pipeline.board': 1,
  'opportunity.history': 1,
  'approvals.queue': 1,
  'automation.list': 1,
  'purchasing.shortages': 1,
  'purchasing.demand': 1,
  'purchasing.drafts': 1,
  'purchasing.receipts': 1,
  'finance.exposure': 1,
  'sync.cursor': 1,
  'erp.connection': 1,
  'erp.testConnection': 1,
  'erp.cancelTest': 1,
  'sync.status': 1,
  'sync.runNow': 1,
  'connector.next': 1,
  'connector.answer': 1,
  'marginRules.list': 1,
  'categories.list': 1,
  'users.list': 1,
  'customers.search': 1,
  'products.search': 1,
  'activities.list': 1,
  'activities.counts': 1,
  'activities.reminders': 1,
  'reminderRules.list': 1,
  'timeline.list': 1,
  'dashboard.forecast': 1,
  'dashboard.kpis': 1,
  'dashboard.deals': 1,
  'dashboard.marginRisk': 1,
  'suppliers.list': 1,
  'opportunity.suggestions': 1,
  'dashboard.whatIf': 1,
  // the document's content is fetched into the profile folder: no row changes
  'documents.fetch': 1,
  'team.status': 1,
  'team.cursor': 1,
  'team.refsWanted': 1,
  // calls to the hub, which keeps users and settings; nothing is written on the desk
  'team.changePassword': 1,
  'team.users': 1,
  'team.createUser': 1,
  'team.updateUser': 1,
  'team.resetPassword': 1,
  'team.revoke': 1,
  'team.setFourEyes': 1,
} as const;
/** Methods that write only what stays on this desk (its ERP link, its sync runs, its outbox) or ERP-owned rows. */
const _LOCAL_WRITES = {
  'erp.saveConnection': 1,
  'sync.runStart': 1,
  'sync.runProgress': 1,
  'sync.runFinish': 1,
  'sync.reconcile': 1,
  'outbox.lease': 1,
  'outbox.fail': 1,
  'outbox.retry': 1,
  'outbox.cancel': 1,
  'conflicts.resolve': 1,
  // the team link: pulled pages are the team's changes, not this desk's (its own are replayed from the log)
  'team.login': 1,
  'team.logout': 1,
  'team.applyPage': 1,
  'team.pushed': 1,
  'team.outgoing': 1,
  'team.next': 1,
  'team.answer': 1,
  // leased references, kept in the desk's link state
  'team.addRefs': 1,
  // the desk's own file: its backups (a restore is pulled again from the ERP and the hub)
  'backups.list': 1,
  'backups.create': 1,
  'backups.restore': 1,
  'backups.dismissNotice': 1,
  'diagnostic.export': 1,
} as const;
type Classified = keyof typeof _READS | keyof typeof _LOCAL_WRITES;
const WRITES: Record<Exclude<Method, Classified>, true> = {
  'settings.set': true,
  'opportunity.create': true,
  'opportunity.update': true,
  'opportunity.addLine': true,
  'opportunity.updateLine': true,
  'opportunity.pasteLines': true,
  'opportunity.duplicateLine': true,
  'opportunity.deleteLine': true,
  'opportunity.moveLine': true,
  'stages.create': true,
  'stages.update': true,
  'stages.reorder': true,
  'stages.delete': true,
  'pipeline.moveStage': true,
  'approval.request': true,
  'approval.decide': true,
  'operations.rerun': true,
  'automation.save': true,
  'automation.delete': true,
  'purchasing.request': true,
  'purchasing.draft': true,
  'purchasing.updateDraftLine': true,
  'purchasing.sendDraft': true,
  'purchasing.cancelDraft': true,
  'purchasing.transfer': true,
  'purchasing.cover': true,
  'purchasing.dismiss': true,
  'sync.applyPage': true,
  'outbox.ack': true,
  'marginRules.save': true,
  'marginRules.delete': true,
  'customers.hold': true,
  'activities.create': true,
  'activities.update': true,
  'activities.done': true,
  'activities.reopen': true,
  'activities.snooze': true,
  'activities.delete': true,
  'reminderRules.save': true,
  'reminderRules.delete': true,
  'timeline.addNote': true,
  'timeline.logEmail': true,
  'documents.attach': true,
  'quote.pdf': true,
};

describe('capture: every write is one mutation per changed row, in the same transaction', () => {
  it('a journey through every writing method of the contract', async () => {
    const asRole = (role: string) =>
      captured('settings.set', {
        key: 'currentUserId',
        value: one<{ id: number }>('SELECT id FROM users WHERE role = ? ORDER BY id LIMIT 1', role).id,
      });
    await asRole('manager');
    // a company setting is a team row; the desk's own ones (its user) are not
    const reasons = await captured('settings.set', { key: 'pipeline.lostReasons', value: ['Prix', 'Délai'] });
    expect(reasons.changed).toBe(1);
    const customer = one<{ id: number }>('SELECT id FROM customers WHERE on_hold = 0 AND credit_hold = 0 ORDER BY id DESC LIMIT 1').id;
    core.db.$client.prepare('UPDATE customers SET credit_limit = outstanding + open_orders + 1000000000000000 WHERE id = ?').run(customer);
    const products = sql<{ id: number; code: string; price: number }>('SELECT id, code, list_price AS price FROM products ORDER BY id LIMIT 4');

    const created = await captured('opportunity.create', { customerId: customer, title: 'Capture', requestedDate: addDays(TODAY, 20) });
    expect(created.changed).toBeGreaterThanOrEqual(2); // the deal, its first stage in the history, the audit
    const id = created.out.id;
    await captured('opportunity.update', { id, title: 'Capture, renommée', probability: 40 });
    await captured('opportunity.addLine', { opportunityId: id, productId: products[0]!.id, qty: 2_000, unitPrice: products[0]!.price });
    const lineId = () => one<{ id: number }>('SELECT id FROM opportunity_lines WHERE opportunity_id = ? ORDER BY position LIMIT 1', id).id;
    const updated = await captured('opportunity.updateLine', { lineId: lineId(), qty: 3_000, discount: 500 });
    expect(updated.changed).toBeGreaterThanOrEqual(1);
    await captured('opportunity.pasteLines', {
      opportunityId: id,
      rows: [
        { productCode: products[1]!.code, qty: 1_000 },
        { productCode: products[2]!.code, qty: 500 },
      ],
    });
    await captured('opportunity.duplicateLine', { lineId: lineId() });
    const last = one<{ id: number }>('SELECT id FROM opportunity_lines WHERE opportunity_id = ? ORDER BY position DESC LIMIT 1', id).id;
    await captured('opportunity.moveLine', { lineId: last, toPosition: 1 });
    await captured('opportunity.deleteLine', { lineId: last });

    const nego = (await captured('stages.create', { name: 'Relance', probability: 55, kind: 'open', stagnationDays: null })).out;
    await captured('stages.update', { id: nego.id, name: 'Relance client', probability: 45 });
    const order = sql<{ id: number }>('SELECT id FROM stages WHERE active = 1 ORDER BY position').map((s) => s.id);
    await captured('stages.reorder', { ids: [...order.slice(0, 1), nego.id, ...order.slice(1).filter((s) => s !== nego.id)] });
    await captured('pipeline.moveStage', { opportunityId: id, toStageId: nego.id });
    await captured('stages.delete', { id: nego.id, moveTo: stage('QUAL') });

    await captured('marginRules.save', { scope: 'company', scopeId: null, targetRate: 2500, minimumRate: 2000 });
    const category = one<{ id: number }>('SELECT category_id AS id FROM products WHERE id = ?', products[0]!.id).id;
    const rule = await captured('marginRules.save', { scope: 'category', scopeId: category, targetRate: 1500, minimumRate: 900 });
    const ruleId = rule.out.find((r) => r.scope === 'category' && r.scopeId === category)!.id;
    await asRole('trader');
    await captured('approval.request', { opportunityId: id, kind: 'margin', reason: 'client stratégique' });
    const pending = one<{ id: number }>("SELECT id FROM approvals WHERE opportunity_id = ? AND status = 'pending'", id).id;
    await asRole('manager');
    await captured('approval.decide', { id: pending, decision: 'approve', comment: 'ok' });
    await captured('marginRules.delete', { id: ruleId });

    const auto = await captured('automation.save', {
      stageId: stage('NEGO'),
      trigger: 'enter',
      conditions: { minAmount: 1 },
      actions: [{ type: 'create_task', role: 'manager', title: 'Grosse affaire' }],
    });
    await captured('pipeline.moveStage', { opportunityId: id, toStageId: stage('NEGO') });
    await captured('automation.delete', { id: auto.out.find((r) => r.stageId === stage('NEGO'))!.id });

    // an accepted deal short of stock: reservations, shortages, a sale order, then the buyer's work
    const short = (await call('opportunity.create', { customerId: customer, title: 'Ruptures', requestedDate: addDays(TODAY, 30) })).id;
    for (const p of products.slice(0, 3))
      await call('opportunity.addLine', { opportunityId: short, productId: p.id, qty: 50_000_000, unitPrice: p.price * 2 });
    const accepted = await captured('pipeline.moveStage', { opportunityId: short, toStageId: stage('ACCEPT') });
    expect(accepted.changed).toBeGreaterThan(3);
    await captured('operations.rerun', { opportunityId: short });
    const shortages = sql<{ id: number }>("SELECT id FROM shortages WHERE opportunity_id = ? AND status = 'open' ORDER BY id", short).map(
      (s) => s.id,
    );
    expect(shortages.length).toBeGreaterThanOrEqual(3);
    await asRole('purchasing');
    await captured('purchasing.request', { shortageIds: [shortages[0]!] });
    await captured('purchasing.draft', { shortageIds: [shortages[1]!] });
    const draftLine = one<{ id: number; draft_id: number; qty: number }>(
      'SELECT id, draft_id, qty FROM purchase_draft_lines ORDER BY id DESC LIMIT 1',
    );
    await captured('purchasing.updateDraftLine', { lineId: draftLine.id, qty: draftLine.qty + 1_000 });
    await captured('purchasing.cancelDraft', { draftId: draftLine.draft_id });
    await captured('purchasing.draft', { shortageIds: [shortages[1]!] });
    await captured('purchasing.sendDraft', {
      draftId: one<{ id: number }>("SELECT id FROM purchase_drafts WHERE status = 'draft' ORDER BY id DESC").id,
    });
    await captured('purchasing.dismiss', { shortageId: shortages[2]!, reason: 'servi par un confrère' });
    // a deal one unit short at warehouses that expect a receipt or hold stock elsewhere: covered, transferred
    const near = sql<{ product: number; warehouse: number; free: number; price: number }>(
      `SELECT r.product_id AS product, r.warehouse_id AS warehouse, p.list_price AS price,
         max(coalesce((SELECT on_hand - reserved_erp FROM stock_levels s WHERE s.product_id = r.product_id AND s.warehouse_id = r.warehouse_id), 0), 0)
         - coalesce((SELECT sum(qty) FROM reservations v WHERE v.product_id = r.product_id AND v.warehouse_id = r.warehouse_id AND v.status = 'active'), 0) AS free
       FROM incoming_receipts r JOIN products p ON p.id = r.product_id GROUP BY r.product_id, r.warehouse_id ORDER BY r.product_id LIMIT 8`,
    );
    const small = (await call('opportunity.create', { customerId: customer, title: 'Un peu court', requestedDate: addDays(TODAY, 30) })).id;
    for (const n of near)
      await call('opportunity.addLine', {
        opportunityId: small,
        productId: n.product,
        warehouseId: n.warehouse,
        qty: Math.max(n.free, 0) + 1_000,
        unitPrice: n.price * 2,
      });
    await call('pipeline.moveStage', { opportunityId: small, toStageId: stage('ACCEPT') });
    const open = (await call('purchasing.shortages', { status: 'open' })).filter((r) => r.opportunityId === small);
    const transferable = open.find((r) => r.transferFrom !== null);
    if (!transferable) throw new Error('the demo has no shortage another warehouse can cover');
    await captured('purchasing.transfer', { shortageId: transferable.id, fromWarehouseId: transferable.transferFrom!.warehouseId });
    const coverable = open.find((r) => r.id !== transferable.id)!;
    const receipts = await call('purchasing.receipts', { shortageId: coverable.id });
    if (receipts.length === 0) throw new Error('the demo has no receipt for an open shortage');
    await captured('purchasing.cover', { shortageId: coverable.id, receiptId: receipts[0]!.id });

    // credit control holds a customer, then lifts it: one team row per customer, its uid made from the customer
    await asRole('finance');
    const held = sql<{ id: number; key: string }>(
      "SELECT id, coalesce(erp_id, 'code:' || code) AS key FROM customers WHERE id != ? ORDER BY id LIMIT 1",
      customer,
    )[0]!;
    const put = await captured('customers.hold', { customerId: held.id, hold: true, reason: 'impayés' });
    expect(put.changed).toBeGreaterThanOrEqual(1);
    const { keyedUid } = await import('../../electron/shared/team/keyed-uid');
    expect(one<{ uid: string }>('SELECT uid FROM credit_holds WHERE customer_id = ?', held.id).uid).toBe(keyedUid('credit_holds', held.key));
    await captured('customers.hold', { customerId: held.id, hold: false });
    expect(one('SELECT credit_hold, hold_reason FROM customers WHERE id = ?', held.id)).toEqual({ credit_hold: 0, hold_reason: '' });

    // activities: made, changed, snoozed, done (a repeated one comes back), reopened, removed; a note; a reminder rule
    await asRole('trader');
    const act = await captured('activities.create', {
      kind: 'call',
      title: 'Rappeler le client',
      opportunityId: id,
      dueAt: `${addDays(TODAY, 1)}T09:00:00.000Z`,
      recurrence: { every: 1, unit: 'week' },
    });
    expect(act.changed).toBe(1);
    await captured('activities.update', { id: act.out.id, title: 'Rappeler le client (prix)' });
    await captured('activities.snooze', { id: act.out.id, until: `${addDays(TODAY, 2)}T09:00:00.000Z` });
    const done = await captured('activities.done', { id: act.out.id, outcome: 'Intéressé' });
    expect(done.changed).toBe(2); // this one done, the next occurrence
    await captured('activities.reopen', { id: act.out.id });
    await captured('activities.delete', { id: act.out.id });
    await captured('timeline.addNote', { opportunityId: id, body: 'Le client compare avec un confrère.' });
    // a document, an e-mail and a quote: their rows and timeline entries are the team's (the contents go to the hub by hash)
    const { readFileSync } = await import('node:fs');
    const pdf = readFileSync(new URL('./fixtures/fiche-technique.pdf', import.meta.url)).toString('base64');
    expect((await captured('documents.attach', { opportunityId: id, name: 'fiche.pdf', content: pdf })).changed).toBe(2);
    const eml = readFileSync(new URL('./fixtures/devis-ciment.eml', import.meta.url)).toString('base64');
    // the message as a document and its entry (its PDF attachment is the one attached above: that same row)
    expect((await captured('timeline.logEmail', { opportunityId: id, content: eml })).changed).toBe(2);
    expect((await captured('quote.pdf', { opportunityId: id })).changed).toBe(2);
    await asRole('manager');
    const rules = await captured('reminderRules.save', { trigger: 'close_overdue', title: 'Date de clôture dépassée' });
    await captured('reminderRules.delete', { id: rules.out[0]!.id });

    // the connector's acknowledgement of a document (a sale order marks its reservations as held by the ERP)
    const leased = await call('outbox.lease', { limit: 1, leaseSeconds: 60 });
    await captured('outbox.ack', { id: leased[0]!.id, erpRef: 'SO-0001' });
    // ERP pages write ERP-owned rows (and derived totals): nothing for the team's log
    const page = await captured('sync.applyPage', {
      entity: 'warehouses',
      rows: [{ erpId: 'wh-new', code: 'NEW', name: 'Nouveau dépôt', city: 'Tours', active: true }],
      cursor: null,
      pulledAt: `${TODAY}T08:00:00.000Z`,
    });
    expect(page.changed).toBe(0);

    const missing = (Object.keys(WRITES) as Method[]).filter((m) => !checked.has(m));
    expect(missing).toEqual([]);
  });

  it('a row changed twice by one call is one mutation; born and deleted by one call is none', async () => {
    const raw = core.db.$client;
    const from = lastNumber();
    const { captureOf } = await import('../../db/team-capture');
    const capture = captureOf(raw);
    capture.nextCall();
    raw.prepare("INSERT INTO stages (code, name, position, probability, kind) VALUES ('TMP', 'Tmp', 99, 10, 'open')").run();
    raw.prepare("UPDATE stages SET name = 'Tmp 2' WHERE code = 'TMP'").run();
    const m = sql<{ op: string; after: string }>('SELECT op, after FROM team_mutations WHERE number > ?', from);
    expect(m).toHaveLength(1);
    expect(m[0]!.op).toBe('insert');
    expect(JSON.parse(m[0]!.after)).toMatchObject({ code: 'TMP', name: 'Tmp 2' });
    raw.prepare("DELETE FROM stages WHERE code = 'TMP'").run();
    expect(sql('SELECT 1 FROM team_mutations WHERE number > ?', from)).toHaveLength(0);
    // a later call sees the same row as a new change
    raw.prepare("INSERT INTO stages (code, name, position, probability, kind) VALUES ('TMP', 'Tmp', 99, 10, 'open')").run();
    capture.nextCall();
    raw.prepare("UPDATE stages SET name = 'Tmp 3' WHERE code = 'TMP'").run();
    expect(sql<{ op: string }>('SELECT op FROM team_mutations WHERE number > ? ORDER BY number', from).map((r) => r.op)).toEqual([
      'insert',
      'update',
    ]);
  });

  it('a migrated database gets a uid for every team row, and new rows get theirs on insert', () => {
    for (const t of TEAM_TABLE_NAMES) expect(one<{ n: number }>(`SELECT count(*) AS n FROM ${t} WHERE uid IS NULL`).n, t).toBe(0);
    const uids = sql<{ uid: string }>('SELECT uid FROM opportunities ORDER BY id').map((r) => r.uid);
    expect(uids.every((u) => /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(u))).toBe(true);
  });
});
