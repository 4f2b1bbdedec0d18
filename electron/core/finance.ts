import type { Db } from '../../db/client';
import { writeAudit } from '../../db/queries/audit';
import { readExposure, setCreditHold, type ExposureSqlRow } from '../../db/queries/finance';
import type { ExposureRow, ParsedInput } from '../shared/contract';
import { dealCredit } from '../shared/domain/credit';
import { AppError, notFound } from '../shared/errors';
import { may } from '../shared/domain/authority';
import type { Actor, Holder } from './context';

function toRow(r: ExposureSqlRow): ExposureRow {
  // no deal of its own: what the 360° view of any of its deals shows before that deal's amount
  const room = dealCredit(
    { creditLimit: r.creditLimit, outstanding: r.outstanding, openOrders: r.openOrders, onHold: false },
    0,
    { committed: r.reservedDeals, weighted: r.weightedPipeline },
    0,
  );
  const { overdue30, overdue60, overdue90, overdue_over90, ...rest } = r;
  return {
    ...rest,
    ageing: [overdue30, overdue60, overdue90, overdue_over90],
    erpHold: r.erpHold === 1,
    creditHold: r.creditHold === 1,
    headroom: room.headroom,
    headroomWithPipeline: room.withPipeline,
  };
}

export const exposure = (db: Db): ExposureRow[] => readExposure(db).map(toRow);

/** Credit control puts a customer on hold (it blocks acceptance) or lifts it; core refuses other roles. */
export function holdCustomer(db: Db, input: ParsedInput<'customers.hold'>, who: Holder, a: Actor): ExposureRow {
  if (!may(who.roles, 'hold'))
    throw new AppError('forbidden', `A credit hold is put or lifted by credit control (finance) or the manager, not by the ${who.role} role`, {
      reason: 'hold.deciders',
      role: who.role,
    });
  return db.$client.transaction(() => {
    const [before] = readExposure(db, input.customerId);
    if (!before) throw notFound('Customer', input.customerId);
    setCreditHold(db, input.customerId, { hold: input.hold, reason: input.hold ? input.reason : '', by: a.userId, at: a.at });
    writeAudit(db, {
      entity: 'customer',
      entityId: input.customerId,
      action: 'update',
      field: 'creditHold',
      oldValue: { hold: before.creditHold === 1, reason: before.holdReason },
      newValue: { hold: input.hold, reason: input.reason },
      by: a.userId,
      at: a.at,
      source: 'user',
    });
    return toRow(readExposure(db, input.customerId)[0]!);
  })();
}
