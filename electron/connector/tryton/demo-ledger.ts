import { addDays } from '../../shared/dates';
import type { DemoCompany } from '../../shared/demo';
import { overdueInvoices } from '../../shared/demo/master';
import { money, qty } from '../../shared/money';
import { confirmingWarnings } from './warnings';
import { trytonDate as day, trytonDecimal as D, type TrytonTransport } from './transport';

/**
 * The demo company's money side in Tryton, as an accountant and the sales desk would enter it:
 * a minimal chart (receivable, revenue), fiscal years with their sequences, posted customer
 * invoices — one not yet due and the overdue ones of various ages per customer, so `receivable` and `receivable_today`
 * are the generator's outstanding and overdue —, one confirmed order waiting to ship per customer
 * (what sale_credit_limit counts beyond the receivable), and the sales history as done sales.
 */

export type LedgerRefs = {
  ctx: { company: number } & Record<string, unknown>;
  currency: number;
  customers: Map<string, { id: number; address: number }>;
  products: Map<string, { id: number; uom: number }>;
  warehouses: Map<string, { id: number }>;
};

export async function writeDemoLedger(t: TrytonTransport, c: DemoCompany, refs: LedgerRefs, log: (m: string) => void): Promise<void> {
  const { ctx } = refs;
  const company = ctx.company;
  const call = <T>(method: string, params: unknown[]) => t.call(method, params) as Promise<T>;
  const create = async (model: string, rows: object[]) => (rows.length ? call<number[]>(`model.${model}.create`, [rows, ctx]) : []);
  const search = (model: string, domain: unknown[]) => call<number[]>(`model.${model}.search`, [domain, 0, null, null, ctx]);
  const inBatches = async (ids: number[], size: number, fn: (batch: number[]) => Promise<unknown>) => {
    for (let i = 0; i < ids.length; i += size) await fn(ids.slice(i, i + size));
  };

  // the chart: what customer invoices need
  const [receivableType, revenueType] = await create('account.account.type', [
    { name: 'Créances clients', statement: 'balance', assets: true, receivable: true, company },
    { name: 'Ventes', statement: 'income', revenue: true, company },
  ]);
  const [receivable, revenue] = await create('account.account', [
    { name: 'Clients', code: '411', type: receivableType, reconcile: true, party_required: true, company },
    { name: 'Ventes de marchandises', code: '707', type: revenueType, company },
  ]);
  await call('model.account.configuration.write', [[1], { default_account_receivable: receivable }, ctx]);
  const [moveType] = await search('ir.sequence.type', [['name', '=', 'Account Move']]);
  const [invoiceType] = await search('ir.sequence.type', [['name', '=', 'Invoice']]);
  const year = Number(c.today.slice(0, 4));
  for (let y = year - 2; y <= year + 1; y++) {
    const [moves] = await create('ir.sequence', [{ name: `Écritures ${y}`, sequence_type: moveType, company }]);
    const [invoices] = await create('ir.sequence.strict', [{ name: `Factures ${y}`, sequence_type: invoiceType, company, prefix: `FA${y}-` }]);
    const seq = {
      company,
      out_invoice_sequence: invoices,
      out_credit_note_sequence: invoices,
      in_invoice_sequence: invoices,
      in_credit_note_sequence: invoices,
    };
    const [fy] = await create('account.fiscalyear', [
      {
        name: String(y),
        start_date: day(`${y}-01-01`),
        end_date: day(`${y}-12-31`),
        company,
        post_move_sequence: moves,
        invoice_sequences: [['create', [seq]]],
      },
    ]);
    await call('model.account.fiscalyear.create_period', [[fy], ctx]);
  }
  const [journal] = await search('account.journal', [['type', '=', 'revenue']]);

  // per customer: what is owed and not yet due, and what is overdue
  const invoice = (customer: { id: number; address: number }, amount: number, invoiceDate: string, dueDate: string, ref: string) => ({
    type: 'out',
    party: customer.id,
    invoice_address: customer.address,
    company,
    currency: refs.currency,
    journal,
    account: receivable,
    invoice_date: day(invoiceDate),
    payment_term_date: day(dueDate),
    reference: ref,
    lines: [
      [
        'create',
        [
          {
            type: 'line',
            description: 'Marchandises livrées',
            quantity: 1,
            unit_price: D(money.toUnits(amount)),
            account: revenue,
            company,
            currency: refs.currency,
          },
        ],
      ],
    ],
  });
  const invoices: (ReturnType<typeof invoice> & { invoiceDate: string })[] = [];
  for (const k of c.customers) {
    const customer = refs.customers.get(k.code)!;
    const current = k.outstanding - k.overdue;
    const push = (amount: number, date: string, due: string, ref: string) =>
      invoices.push({ ...invoice(customer, amount, date, due, ref), invoiceDate: date });
    if (current > 0) push(current, addDays(c.today, -10), addDays(c.today, 20), `${k.code}-COURANT`);
    // the overdue as the invoices it is made of, each with its own age
    for (const [n, i] of overdueInvoices(k).entries())
      push(i.amount, addDays(c.today, -30 - i.daysLate), addDays(c.today, -i.daysLate), `${k.code}-ECHU${n + 1}`);
  }
  // strict invoice sequences number in date order: oldest first
  invoices.sort((a, b) => (a.invoiceDate < b.invoiceDate ? -1 : a.invoiceDate > b.invoiceDate ? 1 : 0));
  const invoiceIds = await create(
    'account.invoice',
    invoices.map(({ invoiceDate: _, ...row }) => row),
  );
  // a due date in the past asks the user to confirm (one warning per invoice): answered as a user would
  await create(
    'res.user.warning',
    invoiceIds.map((id) => ({ user: 1, name: `invoice_payment_term_${id}`, always: false })),
  );
  await inBatches(invoiceIds, 50, (batch) => confirmingWarnings(t, () => call('model.account.invoice.post', [batch, ctx])));
  log(`${invoiceIds.length} invoices posted`);

  const sale = (code: string, ref: string, date: string, warehouse: string, shipped: boolean, lines: object[]) => {
    const customer = refs.customers.get(code)!;
    return {
      party: customer.id,
      invoice_address: customer.address,
      shipment_address: customer.address,
      warehouse: refs.warehouses.get(warehouse)!.id,
      company,
      currency: refs.currency,
      sale_date: day(date),
      reference: ref,
      // history: nothing left to ship or invoice, so it is done; an open order waits for its shipment
      invoice_method: shipped ? 'manual' : 'shipment',
      shipment_method: shipped ? 'manual' : 'order',
      lines: [['create', lines]],
    };
  };
  const confirm = async (rows: object[]) => {
    const ids = await create('sale.sale', rows);
    // an order beyond the customer's credit limit asks for confirmation (sale_credit_limit): given, as the credit controller would
    await create(
      'res.user.warning',
      ids.map((id) => ({ user: 1, name: `credit_limit_amount_sale.sale,${id}`, always: false })),
    );
    await inBatches(ids, 25, async (batch) => {
      await call('model.sale.sale.quote', [batch, ctx]);
      await confirmingWarnings(t, () => call('model.sale.sale.confirm', [batch, ctx]));
    });
    return ids.length;
  };

  // one confirmed order per customer that has some, for one unit at the amount still to ship
  const [anyProduct] = c.products;
  const open = c.customers
    .filter((k) => k.openOrders > 0)
    .map((k) =>
      sale(k.code, `${k.code}-ENCOURS`, c.today, k.preferredWarehouseCode, false, [
        {
          type: 'line',
          product: refs.products.get(anyProduct!.code)!.id,
          quantity: 1,
          unit: refs.products.get(anyProduct!.code)!.uom,
          unit_price: D(money.toUnits(k.openOrders)),
        },
      ]),
    );
  log(`${await confirm(open)} open orders`);

  const orders = new Map<string, { code: string; date: string; warehouse: string; lines: object[] }>();
  for (const s of c.salesHistory()) {
    const o =
      orders.get(s.orderRef) ??
      orders.set(s.orderRef, { code: s.customerCode, date: s.date, warehouse: s.warehouseCode, lines: [] }).get(s.orderRef)!;
    const p = refs.products.get(s.productCode)!;
    o.lines.push({ type: 'line', product: p.id, quantity: qty.toUnits(s.qty), unit: p.uom, unit_price: D(money.toUnits(s.unitPrice)) });
  }
  let done = 0;
  const all = [...orders].map(([ref, o]) => sale(o.code, ref, o.date, o.warehouse, true, o.lines));
  for (let i = 0; i < all.length; i += 200) done += await confirm(all.slice(i, i + 200));
  log(`${done} past orders`);
}
