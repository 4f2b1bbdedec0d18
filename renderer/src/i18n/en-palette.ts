import type { frPalette } from './fr-palette';

/** English: the command palette (Ctrl+K) and the screens' own searches. */
export const enPalette: Record<keyof typeof frPalette, string> = {
  'palette.title': 'Go to…',
  'palette.placeholder': 'Reference, customer, product, screen or action…',
  'palette.none': 'No result for “{query}”',
  'palette.newDeal': 'New opportunity',
  'palette.syncNow': 'Sync with the ERP now',
  'palette.customerDeals': 'their opportunities',
  'palette.productPurchasing': 'in purchasing',
  'palette.group.screen': 'Screen',
  'palette.group.action': 'Action',
  'palette.group.deal': 'Deal',
  'palette.group.customer': 'Customer',
  'palette.group.product': 'Product',
  'pur.search': 'Search product, warehouse, deal…',
  'picker.none': 'No result for “{query}”',
  'paste.row': 'Pasted row {n}: {what}',
  'paste.noCode': 'product code missing',
  'paste.unknown': 'unknown product “{code}”',
  'paste.empty': 'Nothing to paste: copy rows “code, quantity, price, discount” from a spreadsheet',
  'edit.missing': 'is required',
};
