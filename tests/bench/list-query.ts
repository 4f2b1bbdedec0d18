import { listSql, ROWS_SQL } from '../../db/queries/opportunities-list-sql';
import type { Core } from '../../electron/core/core';
import { contract, type Input } from '../../electron/shared/contract';
import { sideBySide, type Row } from './stats';
import { BENCH_NOW } from './large-db';

const SCENARIOS: { name: string; input: Input<'opportunities.list'> }[] = [
  { name: 'first page (100 rows, default order)', input: { limit: 100 } },
  { name: 'sorted by amount desc', input: { limit: 100, sort: [{ colId: 'amount', sort: 'desc' }] } },
  { name: 'quick search "gaec"', input: { limit: 100, search: 'gaec' } },
  {
    name: 'open deals, margin < 15 %, by close date',
    input: {
      limit: 100,
      stageKinds: ['open'],
      filters: { marginRate: { filterType: 'number', type: 'lessThan', filter: 15 } },
      sort: [{ colId: 'expectedClose', sort: 'asc' }],
    },
  },
  { name: 'page 500 (offset 50 000)', input: { limit: 100, offset: 50_000 } },
];

/** (a) The grid's list query through core (validation, SQL, mapping) vs the same SQL run raw. */
export async function benchListQuery(core: Core, rounds: number): Promise<Row[]> {
  const raw = core.db.$client;
  const rows: Row[] = [];
  for (const s of SCENARIOS) {
    const parsed = contract['opportunities.list'].input.parse(s.input);
    const { ids, count, params } = listSql(parsed);
    const idsStmt = raw.prepare(ids).pluck();
    const rowsStmt = raw.prepare(ROWS_SQL);
    const countStmt = raw.prepare(count);
    const r = await sideBySide(
      () => core.call('opportunities.list', s.input),
      () => {
        const pageIds = idsStmt.all({ now: BENCH_NOW }, ...params, parsed.limit, parsed.offset);
        rowsStmt.all({ now: BENCH_NOW, ids: JSON.stringify(pageIds) });
        countStmt.get({ now: BENCH_NOW }, ...params);
      },
      rounds,
    );
    const ratio = r.a.median / r.b.median;
    rows.push({ benchmark: `list: ${s.name}`, app: r.a, baseline: r.b, ratio, target: '≤ 1.5×', ok: ratio <= 1.5 });
  }
  return rows;
}
