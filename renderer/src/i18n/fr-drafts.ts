/** French: the buyer's purchase drafts (modules/purchasing/components/DraftsPanel). */
export const frDrafts = {
  'pur.drafts': 'Commandes à envoyer',
  'pur.prepare': 'Préparer les commandes ({count})',
  'pur.prepared': 'Commandes préparées : {suppliers} — vérifiez-les puis envoyez',
  'draft.none': 'Aucune commande en préparation : choisissez des ruptures puis « Préparer les commandes ».',
  'draft.count': '{n} ligne(s)',
  'draft.needed': 'Manque',
  'draft.qty': 'À commander',
  'draft.send': 'Envoyer à l’ERP',
  'draft.cancel': 'Abandonner',
  'draft.sent': 'Commande {supplier} envoyée à l’ERP : son numéro s’affiche dès qu’il répond',
  'draft.sentTitle': 'Commandes envoyées',
  'draft.erpNumber': 'Dans l’ERP : {ref}',
  'draft.erpWaiting': 'En attente de l’ERP',
  'draft.erpRefused': 'Refusée par l’ERP : {why}',
};
