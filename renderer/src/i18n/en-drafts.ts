import type { frDrafts } from './fr-drafts';

/** English: the buyer's purchase drafts (modules/purchasing/components/DraftsPanel). */
export const enDrafts: Record<keyof typeof frDrafts, string> = {
  'pur.drafts': 'Orders to send',
  'pur.reservedOthers': 'Reserved (others)',
  'pur.atpAtNeed': 'Free when needed',
  'pur.elsewhere': 'Other warehouses (free)',
  'pur.transferHint': '{from} can deliver it all in time: a transfer rather than a purchase',
  'pur.transfer': 'Transfer from {from}',
  'pur.transferred': 'Transfer {from} → {to} asked of the ERP, the stock in {from} is reserved for the deal',
  'pur.prepare': 'Prepare the orders ({count})',
  'pur.prepared': 'Orders prepared: {suppliers} — check them, then send',
  'draft.none': 'No order being prepared: choose shortages, then “Prepare the orders”.',
  'draft.count': '{n} line(s)',
  'draft.needed': 'Short',
  'draft.qty': 'To order',
  'draft.send': 'Send to the ERP',
  'draft.cancel': 'Drop',
  'draft.sent': 'Order {supplier} sent to the ERP: its number shows once it answers',
  'draft.sentTitle': 'Orders sent',
  'draft.erpNumber': 'In the ERP: {ref}',
  'draft.erpWaiting': 'Waiting for the ERP',
  'draft.inDraft': 'In a purchase draft',
  'draft.erpRefused': 'Refused by the ERP: {why}',
};
