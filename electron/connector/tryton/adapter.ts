import type { SyncEntity, SyncRecord } from '../../shared/contract';
import { ErpError, type ErpAdapter, type PulledPage } from '../adapter';
import { ageingOf } from '../../shared/domain/ageing';
import { trytonChanges } from './changes';
import { mapTryton, parseRows, toMoney, TRYTON_MODELS } from './mapping';
import { trytonPush } from './push';
import { trytonStock } from './stock';
import { trytonSupply } from './supply';
import { trytonDate, type TrytonTransport } from './transport';

/**
 * Tryton 6.0 (tryton-notes.md). What counts as a change is in changes.ts. Pages go by id with
 * the filter fixed at the cycle's first page; the last page moves the cursor to the time Tryton
 * answered that first page (the overlap window covers what committed around it).
 * Stock is computed per warehouse at today's date; it and the supply entities are read whole at the
 * adapter's first cycle and every `sweepHours` after, and otherwise only where something moved.
 */
export function trytonAdapter(t: TrytonTransport, now: () => string = () => new Date().toISOString(), o: { sweepHours?: number } = {}): ErpAdapter {
  const changes = trytonChanges(t, now);
  /** per entity, for the cycle under way: when it started by Tryton's clock, and the filters fixed for it */
  const cycles = new Map<string, { startedAt: string | null; filter: unknown[] }>();
  /** when each entity read whole was last read whole to the end, by the connector's clock */
  const lastWhole = new Map<SyncEntity, number>();
  const sweepMs = (o.sweepHours ?? 6) * 3_600_000;
  const wholeDone = (entity: SyncEntity) => lastWhole.set(entity, Date.parse(now()));

  async function startCycle(entity: keyof typeof TRYTON_MODELS, since: string | null) {
    const filter: unknown[] = since ? [await changes.changedSince(entity, since)] : [];
    if (entity === 'customers') filter.push(['id', 'not in', await changes.notCustomers()]);
    if (entity === 'salesHistory') filter.push(['sale.party', 'not in', await changes.notCustomers()]);
    const c = { startedAt: null as string | null, filter };
    cycles.set(entity, c);
    return c;
  }

  /** A customer's city and postal code: from its first address. */
  async function addresses(customers: SyncRecord<'customers'>[]) {
    if (customers.length === 0) return;
    const byId = new Map(customers.map((c) => [Number(c.erpId), c]));
    const rows = parseRows(
      'addresses',
      'party.address',
      await t.call('model.party.address.search_read', [
        [['party', 'in', [...byId.keys()]]],
        0,
        null,
        [
          ['sequence', 'ASC'],
          ['id', 'ASC'],
        ],
        ['party', 'city', 'postal_code'],
        {},
      ]),
    );
    for (const a of [...rows].reverse()) {
      const c = byId.get(a.party);
      if (c) Object.assign(c, { city: (a.city ?? '').slice(0, 100), postalCode: (a.postal_code ?? '').slice(0, 20) });
    }
  }

  /**
   * The overdue by age (1–30, 31–60, 61–90, over 90 days) from the customers' open receivable
   * lines: posted, not reconciled, past their maturity date.
   */
  async function ageing(customers: SyncRecord<'customers'>[]) {
    if (customers.length === 0) return;
    const today = now().slice(0, 10);
    const byId = new Map(customers.map((c) => [Number(c.erpId), c]));
    const rows = parseRows(
      'receivables',
      'account.move.line',
      await t.call('model.account.move.line.search_read', [
        [
          ['party', 'in', [...byId.keys()]],
          ['account.type.receivable', '=', true],
          ['reconciliation', '=', null],
          ['move.state', '=', 'posted'],
          // past due, or not dated at all (a payment on account, which pays the oldest)
          ['OR', ['maturity_date', '<', trytonDate(today)], ['maturity_date', '=', null]],
        ],
        0,
        null,
        null,
        ['party', 'maturity_date', 'debit', 'credit'],
        {},
      ]),
    );
    const lines = new Map<number, { maturity: string | null; amount: number }[]>();
    for (const l of rows)
      (lines.get(l.party) ?? lines.set(l.party, []).get(l.party)!).push({ maturity: l.maturity_date, amount: toMoney(l.debit) - toMoney(l.credit) });
    for (const [party, c] of byId) c.ageing = ageingOf(lines.get(party) ?? [], today);
  }

  /** Costs that differ by warehouse (product_cost_warehouse): the cost read in each warehouse's context. */
  async function warehouseCosts(products: SyncRecord<'products'>[]) {
    if (products.length === 0) return;
    const warehouses = (await t.call('model.stock.location.search', [[['type', '=', 'warehouse']], 0, null, null, {}])) as number[];
    const byId = new Map(products.map((p) => [Number(p.erpId), p]));
    // one warehouse after the other: concurrent calls only slowed Tryton down in the benchmarks
    for (const w of warehouses) {
      const costs = parseRows(
        'costs',
        'product.product',
        await t.call('model.product.product.read', [[...byId.keys()], ['cost_price'], { warehouse: w }]),
      );
      for (const c of costs) {
        const p = byId.get(c.id);
        const cost = c.cost_price === null ? null : toMoney(c.cost_price);
        if (p && cost !== null && cost !== p.costPrice) p.costs.push({ warehouseErpId: String(w), costPrice: cost });
      }
    }
  }

  /**
   * The TVA of each product: its accounting category's customer taxes (account_product), their
   * percentage rates summed, in basis points; no category or no percentage tax: none.
   */
  async function productTaxes(products: SyncRecord<'products'>[], rows: unknown) {
    const category = new Map(parseRows('products', 'product.product', rows).map((r) => [String(r.id), r.account_category ?? null]));
    const ids = [...new Set([...category.values()].filter((c): c is number => c !== null))];
    if (ids.length === 0) return;
    const cats = parseRows('taxCategories', 'product.category', await t.call('model.product.category.read', [ids, ['customer_taxes_used'], {}]));
    const taxIds = [...new Set(cats.flatMap((c) => c.customer_taxes_used))];
    const taxes = taxIds.length ? parseRows('taxes', 'account.tax', await t.call('model.account.tax.read', [taxIds, ['type', 'rate'], {}])) : [];
    const rate = new Map(taxes.map((x) => [x.id, x.type === 'percentage' && x.rate !== null ? Math.round(Number(x.rate) * 10_000) : 0]));
    const ofCategory = new Map(
      cats.map((c) => [c.id, c.customer_taxes_used.length ? c.customer_taxes_used.reduce((s, id) => s + (rate.get(id) ?? 0), 0) : null]),
    );
    for (const p of products) {
      const c = category.get(p.erpId);
      p.taxRate = c === null || c === undefined ? null : (ofCategory.get(c) ?? null);
    }
  }

  /** A supply entity in one page: whole, or what was written since the cursor's time. */
  async function pullSupply(entity: 'suppliers' | 'supplierPrices' | 'receipts', cursor: PulledPage['cursor']) {
    const since = cursor?.time ?? null;
    const started = t.serverNow();
    const rows = await supply[entity](since);
    if (!since) wholeDone(entity);
    return { rows, cursor: { time: started, id: null }, done: true };
  }

  const supply = trytonSupply(t);
  const stock = trytonStock(t, changes, now, () => wholeDone('stock'));
  return {
    name: 'Tryton 6.0',
    sweeps: ['suppliers', 'supplierPrices', 'receipts'],
    sweepDue(entity, cursor) {
      const at = lastWhole.get(entity);
      return !cursor?.time || at === undefined || Date.parse(now()) - at >= sweepMs;
    },
    login: () => t.login(),
    push: trytonPush(t, now),
    async pull<E extends SyncEntity>(entity: E, cursor: PulledPage['cursor'], pageSize: number): Promise<PulledPage<E>> {
      if (entity === 'stock') return (await stock.pull(cursor, pageSize)) as PulledPage<E>;
      if (entity === 'suppliers' || entity === 'supplierPrices' || entity === 'receipts')
        return (await pullSupply(entity, cursor)) as unknown as PulledPage<E>;
      const e: string = entity;
      if (!isModelled(e)) throw new ErpError(`${entity} is not pulled from Tryton by this adapter`, 'refused', false);
      const m = TRYTON_MODELS[e];
      const since = cursor?.time ?? null;
      const lastId = Number(cursor?.id ?? 0);
      const first = lastId === 0 || !cycles.has(e);
      const cycle = first ? await startCycle(e, since) : cycles.get(e)!;
      const rows = await t.call(`model.${m.model}.search_read`, [
        [...m.domain, ...cycle.filter, ['id', '>', lastId]],
        0,
        pageSize,
        [['id', 'ASC']],
        m.fields,
        { active_test: false },
      ]);
      // Tryton's clock when the cycle's first page was read: the next cycle looks for changes from there
      if (first) cycle.startedAt = t.serverNow();
      const mapped = mapTryton(e, rows, now());

      if (e === 'products') {
        await warehouseCosts(mapped as SyncRecord<'products'>[]);
        await productTaxes(mapped as SyncRecord<'products'>[], rows);
      }
      if (e === 'customers') {
        await addresses(mapped as SyncRecord<'customers'>[]);
        await ageing(mapped as SyncRecord<'customers'>[]);
      }
      const raw = rows as { id: number; write_date: string | null; create_date: string }[];
      const done = raw.length < pageSize;
      const newest = raw.reduce<string | null>((max, r) => {
        const s = r.write_date ?? r.create_date;
        return max === null || s > max ? s : max;
      }, since);
      // mid-cycle the cursor keeps the start time and the last id; at the end it moves to the cycle's start
      const next = done ? { time: cycle.startedAt ?? newest, id: null } : { time: since, id: String(raw[raw.length - 1]!.id) };
      if (done) cycles.delete(e);
      return { rows: mapped, cursor: next, done } as PulledPage<E>;
    },
  };
}

const isModelled = (e: string): e is keyof typeof TRYTON_MODELS => e in TRYTON_MODELS;
