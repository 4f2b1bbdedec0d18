/** French: the command palette (Ctrl+K) and the screens' own searches. */
export const frPalette = {
  'palette.title': 'Aller à…',
  'palette.placeholder': 'Référence, client, article, écran ou action…',
  'palette.none': 'Aucun résultat pour « {query} »',
  'palette.newDeal': 'Nouvelle opportunité',
  'palette.syncNow': 'Synchroniser avec l’ERP maintenant',
  'palette.customerDeals': 'ses opportunités',
  'palette.productPurchasing': 'aux achats',
  'palette.group.screen': 'Écran',
  'palette.group.action': 'Action',
  'palette.group.deal': 'Affaire',
  'palette.group.customer': 'Client',
  'palette.group.product': 'Article',
  'pur.search': 'Rechercher article, dépôt, affaire…',
  'picker.none': 'Aucun résultat pour « {query} »',
};
