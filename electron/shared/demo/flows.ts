import { money, qty, rate } from '../money';
import { DEFAULT_LOST_REASONS } from '../contract/app';
import { ACTIVITY_TITLES, CITIES, OPPORTUNITY_TITLES, SEASONS, STAGES, USERS } from './catalog-data';
import { addDays, stampOn } from '../dates';
import { categoriesFor, categoryOf } from './master';
import type { Random } from './random';
import type { Sizes } from './sizes';
import type { DemoActivity, DemoCustomer, DemoLine, DemoOpportunity, DemoProduct, DemoSale } from './types';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export type Catalog = { byCategory: Map<string, DemoProduct[]>; warehouseCodes: string[] };

export function indexCatalog(items: DemoProduct[], warehouseCodes: string[]): Catalog {
  const byCategory = new Map<string, DemoProduct[]>();
  for (const p of items) {
    let list = byCategory.get(p.categoryCode);
    if (!list) byCategory.set(p.categoryCode, (list = []));
    list.push(p);
  }
  return { byCategory, warehouseCodes };
}

function pickProduct(r: Random, catalog: Catalog, customer: DemoCustomer): DemoProduct {
  const cats = categoriesFor(customer.kind).filter((c) => catalog.byCategory.has(c));
  const list = catalog.byCategory.get(r.pick(cats))!;
  // customers come back to a small set of products: skew towards the start of each list
  const skew = Math.floor(Math.pow(r.next(), 2.2) * list.length);
  return list[skew]!;
}

function lineQty(r: Random, p: DemoProduct): number {
  const [min, max] = categoryOf(p.categoryCode).qty;
  const units = min + Math.pow(r.next(), 1.8) * (max - min);
  return qty.fromUnits(max >= 100 ? Math.round(units / 5) * 5 || min : Math.max(min, Math.round(units)));
}

/** Two years of invoiced sales lines, by customer, oldest first. */
export function* salesHistory(r: Random, sizes: Sizes, customers: DemoCustomer[], catalog: Catalog, today: string): Generator<DemoSale> {
  let order = 0;
  for (const c of customers) {
    const cr = r.fork(`sales:${c.code}`);
    const orders = cr.int(Math.floor(sizes.ordersPerCustomer / 3), Math.ceil(sizes.ordersPerCustomer * 1.66));
    const days = Array.from({ length: orders }, () => cr.int(1, 730)).sort((a, b) => b - a);
    for (const ago of days) {
      order++;
      const date = addDays(today, -ago);
      const lines = cr.int(1, 5);
      const warehouse = cr.chance(0.8) ? c.preferredWarehouseCode : cr.pick(catalog.warehouseCodes);
      for (let l = 0; l < lines; l++) {
        const p = pickProduct(cr, catalog, c);
        // prices drift: older sales were a little cheaper
        const drift = 1 - (ago / 730) * 0.06;
        const price = (p.listPrice / 10_000) * drift * (0.9 + cr.next() * 0.12);
        yield {
          orderRef: `SO-${date.slice(0, 4)}-${pad(order, 7)}`,
          customerCode: c.code,
          productCode: p.code,
          warehouseCode: warehouse,
          date,
          qty: lineQty(cr, p),
          unitPrice: money.fromUnits(Math.round(price * 100) / 100),
        };
      }
    }
  }
}

const STAGE_WEIGHTS: [string, number][] = [
  ['QUAL', 0.22],
  ['DEVIS', 0.25],
  ['NEGO', 0.18],
  ['ACCEPT', 0.08],
  ['WON', 0.15],
  ['LOST', 0.12],
];
const OPEN_PATH = ['QUAL', 'DEVIS', 'NEGO', 'ACCEPT', 'WON'];
const TRADERS = USERS.filter((u) => u.role === 'trader');

function pickStage(r: Random): string {
  let roll = r.next();
  for (const [code, w] of STAGE_WEIGHTS) {
    if ((roll -= w) < 0) return code;
  }
  return 'QUAL';
}

function title(r: Random, c: DemoCustomer): string {
  return r
    .pick(OPPORTUNITY_TITLES)
    .replace('{place}', r.chance(0.5) ? c.city : r.pick(CITIES).city)
    .replace('{season}', r.pick(SEASONS));
}

function lines(r: Random, sizes: Sizes, catalog: Catalog, c: DemoCustomer, requested: string | null): DemoLine[] {
  const count = r.int(1, sizes.maxLinesPerOpportunity);
  return Array.from({ length: count }, () => {
    const p = pickProduct(r, catalog, c);
    const anyWarehouse = r.chance(0.2);
    return {
      productCode: p.code,
      warehouseCode: anyWarehouse ? null : r.chance(0.75) ? c.preferredWarehouseCode : r.pick(catalog.warehouseCodes),
      qty: lineQty(r, p),
      unitPrice: money.fromUnits(Math.round((p.listPrice / 10_000) * (0.88 + r.next() * 0.2) * 100) / 100),
      discount: r.chance(0.6) ? 0 : rate.fromPercent(r.pick([2, 3, 5, 7.5, 10, 12, 15])),
      requestedDate: requested,
    };
  });
}

/** Why deals are lost, price first, as a trading company sees it. */
const LOST_WEIGHTED = [...DEFAULT_LOST_REASONS, 'Prix', 'Prix', 'Concurrent retenu', 'Délai de livraison'];

/** A path with its back-and-forth: at each open stage after the first, back one stage and forward again, as often as chance says. */
function revised(r: Random, path: string[], chance: number): string[] {
  if (chance === 0) return path;
  const out: string[] = [];
  path.forEach((code, k) => {
    out.push(code);
    if (k === 0 || code === 'WON' || code === 'LOST') return;
    for (let n = 0; n < 4 && r.chance(chance); n++) out.push(path[k - 1]!, code);
  });
  return out;
}

/** Opportunities spread across the pipeline, each with a consistent stage history. */
export function* opportunities(r: Random, sizes: Sizes, customers: DemoCustomer[], catalog: Catalog, today: string): Generator<DemoOpportunity> {
  const year = today.slice(0, 4);
  for (let i = 0; i < sizes.opportunities; i++) {
    const or = r.fork(`opp:${i}`);
    const c = or.pick(customers);
    const owner = or.pick(TRADERS).login;
    const target = pickStage(or);
    const age = or.int(3, sizes.maxAgeDays);
    const created = addDays(today, -age);
    const lostAt = target === 'LOST' ? or.int(0, 3) : -1;
    const path = revised(
      r.fork(`rev:${i}`),
      target === 'LOST' ? [...OPEN_PATH.slice(0, lostAt + 1), 'LOST'] : OPEN_PATH.slice(0, OPEN_PATH.indexOf(target) + 1),
      sizes.revisit,
    );
    const history: DemoOpportunity['history'] = [];
    let day = 0;
    path.forEach((code, k) => {
      if (k > 0) day = Math.min(age, day + or.int(1, Math.max(1, Math.floor((age - day) / (path.length - k + 0.5)))));
      history.push({
        fromCode: k === 0 ? null : path[k - 1]!,
        toCode: code,
        at: stampOn(addDays(created, day), or.int(7, 18), or.int(0, 59)),
        byLogin: k === 0 || or.chance(0.9) ? owner : 'p.girard',
      });
    });
    const closed = target === 'WON' || target === 'LOST';
    const lastDay = history[history.length - 1]!.at.slice(0, 10);
    const expectedClose = closed ? lastDay : addDays(today, or.int(-20, 120));
    const requested = or.chance(0.7) ? addDays(expectedClose, or.int(5, 30)) : null;
    const stage = STAGES.find((s) => s.code === target)!;
    const probability = !closed && or.chance(0.2) ? Math.max(5, Math.min(95, stage.probability + or.pick([-10, -5, 5, 10]))) : stage.probability;
    const activities: DemoActivity[] = [];
    if (!closed && or.chance(0.65)) {
      activities.push({
        kind: or.pick(['call', 'visit', 'task', 'email'] as const),
        title: or.pick(ACTIVITY_TITLES),
        dueAt: stampOn(addDays(today, or.int(-5, 21)), or.int(8, 17), or.pick([0, 15, 30, 45])),
        doneAt: null,
        ownerLogin: owner,
      });
    }
    if (or.chance(0.5)) {
      const due = addDays(created, or.int(0, Math.max(0, age - 1)));
      activities.push({ kind: 'call', title: 'Premier contact', dueAt: stampOn(due, 9, 0), doneAt: stampOn(due, 9, 20), ownerLogin: owner });
    }
    yield {
      reference: `OPP-${year}-${pad(i + 1, 6)}`,
      customerCode: c.code,
      title: title(or, c),
      ownerLogin: owner,
      stageCode: target,
      probability,
      expectedClose,
      requestedDate: requested,
      createdAt: history[0]!.at,
      notes: or.chance(0.3) ? 'Client sensible au prix ; livraison par semi-remorque, accès chantier limité le matin.' : '',
      history,
      // its own stream: the rest of the deal is drawn as before
      lostReason: target === 'LOST' ? r.fork(`lost:${i}`).pick(LOST_WEIGHTED) : null,
      lines: lines(or, sizes, catalog, c, requested),
      activities,
    };
  }
}
