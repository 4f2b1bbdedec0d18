import type { DemoCompany } from '../../shared/demo';
import { money, qty } from '../../shared/money';
import { writeDemoLedger, type LedgerRefs } from './demo-ledger';
import { confirmingWarnings } from './warnings';
import { trytonDate as day, trytonDecimal as D, type TrytonTransport } from './transport';

/**
 * Writes the demo company into an empty Tryton 6.0 through JSON-RPC, as a Tryton user would:
 * company in EUR, the six warehouses with their zones, categories, products with their cost (and
 * the costs that differ by warehouse),
 * suppliers with price tiers and lead times, stock received by done moves, incoming
 * receipts as planned supplier shipments, customers with their credit limit and address, then
 * the ledger (demo-ledger.ts): posted invoices, open orders and the sales history.
 */

/** Heavy writes (a batch of confirmed sales…) can take minutes: give the transport a long timeout (`timeoutMs`). */
export async function writeDemoToTryton(t: TrytonTransport, c: DemoCompany, log: (m: string) => void = () => {}): Promise<void> {
  const call = <T>(method: string, params: unknown[]) => t.call(method, params) as Promise<T>;
  const create = async (model: string, rows: object[], ctx: object = {}) => (rows.length ? call<number[]>(`model.${model}.create`, [rows, ctx]) : []);
  const search = (model: string, domain: unknown[]) => call<number[]>(`model.${model}.search`, [domain, 0, null, null, {}]);

  // company in EUR, the admin working in it
  const [eur] = await create('currency.currency', [{ name: 'Euro', code: 'EUR', symbol: '€', rounding: D(0.01), digits: 2 }]);
  const [owner] = await create('party.party', [{ name: c.name }]);
  const [company] = await create('company.company', [{ party: owner, currency: eur }]);
  await call('model.res.user.write', [[1], { companies: [['add', [company]]], company }, {}]);
  // a new session: its context now carries the company (prices and costs are per company)
  await t.login();
  const ctx = await t.context();
  log('company');

  // units: Tryton's own, plus the tonne, the pallet and the bag
  const [unitCategory] = await call<{ category: number }[]>('model.product.uom.read', [[1], ['category'], {}]);
  const [kgCategory] = await call<{ category: number }[]>('model.product.uom.read', [[2], ['category'], {}]);
  const [tonne, pallet, bag] = await create('product.uom', [
    { name: 'Tonne', symbol: 't', category: kgCategory!.category, factor: 1000, rate: 0.001, rounding: 0.001, digits: 3 },
    { name: 'Palette', symbol: 'pal', category: unitCategory!.category, factor: 1, rate: 1, rounding: 1, digits: 0 },
    { name: 'Sac', symbol: 'sac', category: unitCategory!.category, factor: 1, rate: 1, rounding: 1, digits: 0 },
  ]);
  const uom: Record<string, number> = { u: 1, kg: 2, m3: 20, l: 21, m: 12, t: tonne!, pal: pallet!, sac: bag! };

  // warehouses: three zones each, then the warehouse, then the zones under it; Tryton's default one archived
  const warehouses = new Map<string, { id: number; storage: number; input: number }>();
  const [lostFound] = await search('stock.location', [['type', '=', 'lost_found']]);
  for (const w of c.warehouses) {
    const [input, output, storage] = await create(
      'stock.location',
      ['Entrée', 'Sortie', 'Stock'].map((n) => ({ name: `${w.code} ${n}`, type: 'storage' })),
    );
    const [id] = await create('stock.location', [
      {
        name: w.name,
        code: w.code,
        type: 'warehouse',
        input_location: input,
        output_location: output,
        storage_location: storage,
        lost_found_location: lostFound,
      },
    ]);
    await call('model.stock.location.write', [[input, output, storage], { parent: id }, {}]);
    warehouses.set(w.code, { id: id!, storage: storage!, input: input! });
  }
  const defaults = await search('stock.location', [
    ['type', '=', 'warehouse'],
    ['code', '=', 'WH'],
  ]);
  if (defaults.length) await call('model.stock.location.write', [defaults, { active: false }, {}]);
  log('warehouses');

  const categories = new Map<string, number>();
  for (const k of c.categories) {
    const [id] = await create('product.category', [{ name: k.name, ...(k.parentCode ? { parent: categories.get(k.parentCode) } : {}) }]);
    categories.set(k.code, id!);
  }

  // the TVA: a tax account, a tax per rate, an accounting category per rate carrying it (account_product)
  const [taxType] = await create('account.account.type', [{ name: 'TVA', statement: 'balance', company: ctx.company }]);
  const [taxAccount] = await create('account.account', [{ name: 'TVA collectée', code: '44571', type: taxType, company: ctx.company }]);
  const accounting = new Map<number, number>();
  for (const rate of [...new Set(c.products.map((p) => p.taxRate))].sort()) {
    const [tax] = await create('account.tax', [
      {
        name: `TVA ${rate / 100} %`,
        description: `TVA collectée ${rate / 100} %`,
        type: 'percentage',
        rate: D((rate / 10_000).toFixed(4)),
        invoice_account: taxAccount,
        credit_note_account: taxAccount,
        company: ctx.company,
      },
    ]);
    const [category] = await create('product.category', [{ name: `Ventes TVA ${rate / 100} %`, accounting: true, customer_taxes: [['add', [tax]]] }]);
    accounting.set(rate, category!);
  }

  const products = new Map<string, { id: number; template: number; uom: number }>();
  const templates = await create(
    'product.template',
    c.products.map((p) => ({
      name: p.name,
      code: p.code,
      type: 'goods',
      default_uom: uom[p.unit],
      purchase_uom: uom[p.unit],
      sale_uom: uom[p.unit],
      list_price: D(money.toUnits(p.listPrice)),
      categories: [['add', [categories.get(p.categoryCode)]]],
      account_category: accounting.get(p.taxRate),
      salable: true,
      purchasable: true,
      products: [['create', [{ cost_price: D(money.toUnits(p.costPrice)) }]]],
    })),
    ctx,
  );
  const variants = await call<{ id: number; template: number }[]>('model.product.product.search_read', [
    [['template', 'in', templates]],
    0,
    null,
    null,
    ['template'],
    ctx,
  ]);
  c.products.forEach((p, i) => {
    const v = variants.find((x) => x.template === templates[i]);
    products.set(p.code, { id: v!.id, template: templates[i]!, uom: uom[p.unit]! });
  });
  // costs that differ by warehouse (product_cost_warehouse), before any stock moves (Tryton then
  // only changes a cost through its wizard); the company's cost stays the default
  await call('model.product.configuration.write', [[1], { cost_price_warehouse: true }, ctx]);
  for (const [code, w] of warehouses) {
    const differing = c.products.flatMap((p) => p.warehouseCosts.filter((wc) => wc.warehouseCode === code).map((wc) => ({ p, cost: wc.cost })));
    for (const { p, cost } of differing)
      await call('model.product.product.write', [[products.get(p.code)!.id], { cost_price: D(money.toUnits(cost)) }, { ...ctx, warehouse: w.id }]);
  }
  log(`${products.size} products`);

  const suppliers = new Map<string, number>();
  const supplierIds = await create(
    'party.party',
    c.suppliers.map((s) => ({ name: s.name, code: s.code, addresses: [['create', [{ city: s.city }]]] })),
  );
  c.suppliers.forEach((s, i) => suppliers.set(s.code, supplierIds[i]!));
  // one product_supplier per product and supplier, its tiers as prices
  const groups = new Map<string, typeof c.supplierPrices>();
  for (const sp of c.supplierPrices)
    (
      groups.get(`${sp.productCode}|${sp.supplierCode}`) ??
      groups.set(`${sp.productCode}|${sp.supplierCode}`, []).get(`${sp.productCode}|${sp.supplierCode}`)!
    ).push(sp);
  await create(
    'purchase.product_supplier',
    [...groups.values()].map((tiers) => ({
      template: products.get(tiers[0]!.productCode)!.template,
      party: suppliers.get(tiers[0]!.supplierCode),
      lead_time: { __class__: 'timedelta', seconds: tiers[0]!.leadTimeDays * 86_400 },
      prices: [['create', tiers.map((tier) => ({ quantity: qty.toUnits(tier.minQty), unit_price: D(money.toUnits(tier.unitPrice)) }))]],
    })),
    ctx,
  );
  log('suppliers');

  // stock on hand received from suppliers by done moves, at the warehouse's cost (Tryton cannot count
  // below zero: negative stock starts at 0)
  const [supplierZone] = await search('stock.location', [['type', '=', 'supplier']]);
  const costIn = (p: (typeof c.products)[number], warehouse: string) =>
    p.warehouseCosts.find((wc) => wc.warehouseCode === warehouse)?.cost ?? p.costPrice;
  const productOf = new Map(c.products.map((p) => [p.code, p]));
  for (const [code, w] of warehouses) {
    const moves = c.stock
      .filter((s) => s.warehouseCode === code && s.onHand > 0)
      .map((s) => {
        const p = products.get(s.productCode)!;
        const cost = D(money.toUnits(costIn(productOf.get(s.productCode)!, code)));
        return {
          product: p.id,
          uom: p.uom,
          quantity: qty.toUnits(s.onHand),
          from_location: supplierZone,
          to_location: w.storage,
          planned_date: day(c.today),
          effective_date: day(c.today),
          company: ctx.company,
          currency: eur,
          unit_price: cost,
          cost_price: cost,
        };
      });
    const ids = await create('stock.move', moves, ctx);
    // Tryton warns of moves without an origin document: confirmed, as the user would
    await confirmingWarnings(t, () => call('model.stock.move.do', [ids, ctx]));
  }
  log('stock');

  for (const r of c.receipts) {
    const w = warehouses.get(r.warehouseCode)!;
    const p = products.get(r.productCode)!;
    await create(
      'stock.shipment.in',
      [
        {
          supplier: suppliers.get(r.supplierCode),
          company: ctx.company,
          warehouse: w.id,
          reference: r.purchaseRef,
          incoming_moves: [
            [
              'create',
              [
                {
                  product: p.id,
                  quantity: qty.toUnits(r.qty),
                  uom: p.uom,
                  from_location: supplierZone,
                  to_location: w.input,
                  planned_date: day(r.expectedDate),
                  company: ctx.company,
                  currency: eur,
                  unit_price: D(0),
                },
              ],
            ],
          ],
        },
      ],
      ctx,
    );
  }
  log(`${c.receipts.length} receipts`);

  const customerIds = await create(
    'party.party',
    c.customers.map((k) => ({
      name: k.name,
      code: k.code,
      credit_limit_amount: D(money.toUnits(k.creditLimit)),
      addresses: [['create', [{ city: k.city, postal_code: k.postalCode }]]],
    })),
  );
  const addresses = await call<{ id: number; party: number }[]>('model.party.address.search_read', [
    [['party', 'in', customerIds]],
    0,
    null,
    null,
    ['party'],
    {},
  ]);
  const customers = new Map(
    c.customers.map((k, i) => [k.code, { id: customerIds[i]!, address: addresses.find((a) => a.party === customerIds[i])!.id }]),
  );
  log(`${c.customers.length} customers`);

  await writeDemoLedger(t, c, { ctx: ctx as LedgerRefs['ctx'], currency: eur!, customers, products, warehouses }, log);
}
