import type { DemoCompany } from '../../shared/demo';
import { money, qty } from '../../shared/money';
import type { TrytonTransport } from './transport';

/**
 * Writes the demo company into an empty Tryton 6.0 through JSON-RPC, as a Tryton user would:
 * company in EUR, the six warehouses with their zones, categories, products with their cost,
 * suppliers with price tiers and lead times, stock put in place by inventories, incoming
 * receipts as planned supplier shipments, customers with their credit limit and address.
 * Not written yet: per-warehouse costs, posted invoices (outstanding, overdue) and sales history.
 */
const D = (x: number) => ({ __class__: 'Decimal', decimal: String(x) });
const day = (iso: string) => ({ __class__: 'date', year: Number(iso.slice(0, 4)), month: Number(iso.slice(5, 7)), day: Number(iso.slice(8, 10)) });

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

  // stock on hand by an inventory per warehouse (Tryton cannot count below zero: negative stock starts at 0)
  for (const [code, w] of warehouses) {
    const lines = c.stock
      .filter((s) => s.warehouseCode === code && s.onHand > 0)
      .map((s) => ({ product: products.get(s.productCode)!.id, quantity: qty.toUnits(s.onHand) }));
    const [inventory] = await create('stock.inventory', [{ location: w.storage, company: ctx.company, lines: [['create', lines]] }], ctx);
    await call('model.stock.inventory.confirm', [[inventory], ctx]);
  }
  log('stock');

  const [supplierZone] = await search('stock.location', [['type', '=', 'supplier']]);
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

  await create(
    'party.party',
    c.customers.map((k) => ({
      name: k.name,
      code: k.code,
      credit_limit_amount: D(money.toUnits(k.creditLimit)),
      addresses: [['create', [{ city: k.city, postal_code: k.postalCode }]]],
    })),
  );
  log(`${c.customers.length} customers`);
}
