import type { Db } from '../../db/client';
import { dealCustomer } from '../../db/queries/activities';
import { AppError } from '../shared/errors';
import { requireRef } from './editing';

/**
 * What an activity, a note or a document is about: a deal (and so its customer), or a customer
 * only. Each is checked to exist; a customer given with a deal must be that deal's.
 */
export function subjectOf(db: Db, opportunityId: number | null | undefined, customerId: number | null | undefined) {
  if (opportunityId === null || opportunityId === undefined) {
    requireRef(db, 'customers', customerId, 'customerId');
    return { opportunityId: null, customerId: customerId ?? null };
  }
  const ofDeal = dealCustomer(db, opportunityId);
  if (ofDeal === undefined)
    throw new AppError('not_found', `Opportunity ${opportunityId} does not exist`, {
      issues: [{ path: 'opportunityId', message: 'unknown opportunity', reason: 'unknown' }],
    });
  if (customerId !== undefined && customerId !== null && customerId !== ofDeal)
    throw new AppError('invalid_input', `Customer ${customerId} is not the customer of opportunity ${opportunityId}`, {
      issues: [{ path: 'customerId', message: 'not the deal’s customer', reason: 'activity.otherCustomer' }],
    });
  return { opportunityId, customerId: ofDeal };
}
