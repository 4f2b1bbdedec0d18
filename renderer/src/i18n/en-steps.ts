import type { frSteps } from './fr-steps';

/** English: what automation did to a deal, as sentences for the people on it (modules/opportunity/step-sentence). */
export const enSteps: Record<keyof typeof frSteps, string> = {
  'step.resume_blocked': 'Resume blocked',
  'log.recheck': '(checked again on resume)',
  'log.credit.ok': 'Credit enough: {headroom} left under the limit after this deal',
  'log.credit.approval': 'Credit limit exceeded by {over}: credit approval asked, the deal waits',
  'log.credit.approved': 'Credit: already approved for this amount',
  'log.margin.ok': 'Margin {rate}: compliant',
  'log.margin.belowTarget': 'Margin {rate}: below target, above the minimum',
  'log.margin.approval': 'Margin {rate} below the minimum: margin approval asked, the deal waits',
  'log.margin.approved': 'Margin {rate}: already approved',
  'log.reserve.made': 'Stock reserved: {lines} line(s) in {n} warehouse(s) ({codes})',
  'log.reserve.none': 'Nothing to reserve: everything is already reserved or short',
  'log.shortages.raised': '{n} shortage(s) raised to purchasing, the first needed by {date}',
  'log.shortages.none': 'No shortage: stock covers every line',
  'log.saleOrder.queued': 'Sale order ({n} lines) queued for the ERP',
  'log.saleOrder.done': 'Sale order sent to the ERP: {ref}',
  'log.saleOrder.failed': 'Sale order refused by the ERP: see the ERP screen',
  'log.saleOrder.cancelled': 'Sale order cancelled before sending',
  'log.saleOrder.already': 'Sale order already queued for the ERP',
  'log.task.created': 'Task for {role}: {title}',
  'log.task.open': 'Task for {role} already open: {title}',
  'log.notify': '{role} told: {title}',
  'log.release': 'Released: {reservations} reservation(s) given back, {shortages} shortage(s) cancelled',
  'log.resumeBlocked': 'Resume refused: a check blocks now (hold or credit) — nothing was taken',
  'log.approvalRefused': 'Approval refused: automation stops',
};
