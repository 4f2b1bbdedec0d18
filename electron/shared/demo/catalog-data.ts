/** The vocabulary the demo company is drawn from: a distributor of building and farm supplies. */
import type { Unit } from './types';

export const WAREHOUSES = [
  { code: 'LYO', name: 'Entrepôt de Lyon-Corbas', city: 'Corbas', lat: 45.67, lon: 4.9 },
  { code: 'REN', name: 'Entrepôt de Rennes', city: 'Rennes', lat: 48.11, lon: -1.68 },
  { code: 'TLS', name: 'Entrepôt de Toulouse', city: 'Toulouse', lat: 43.6, lon: 1.44 },
  { code: 'LIL', name: 'Entrepôt de Lille-Lesquin', city: 'Lesquin', lat: 50.59, lon: 3.11 },
  { code: 'BOD', name: 'Entrepôt de Bordeaux', city: 'Bordeaux', lat: 44.84, lon: -0.58 },
  { code: 'ORL', name: "Entrepôt d'Orléans", city: 'Orléans', lat: 47.9, lon: 1.91 },
] as const;

type CategorySpec = {
  code: string;
  name: string;
  parent: string | null;
  unit: Unit;
  /** list price range in euros per unit */
  price: [number, number];
  /** typical quantity range per order line, in units */
  qty: [number, number];
  items: string[];
  variants: string[];
};

export const CATEGORIES: CategorySpec[] = [
  { code: 'MAT', name: 'Matériaux de construction', parent: null, unit: 'u', price: [1, 1], qty: [1, 1], items: [], variants: [] },
  { code: 'AGR', name: 'Agrofournitures', parent: null, unit: 'u', price: [1, 1], qty: [1, 1], items: [], variants: [] },
  {
    code: 'CIM', name: 'Ciments et liants', parent: 'MAT', unit: 'pal', price: [180, 420], qty: [1, 24],
    items: ['Ciment CEM II/A 42,5 R', 'Ciment CEM I 52,5 N', 'Chaux hydraulique NHL 3,5', 'Ciment prompt', 'Mortier bâtard', 'Liant routier'],
    variants: ['sacs 25 kg', 'sacs 35 kg', 'big-bag 1 t', 'sacs 40 kg'],
  },
  {
    code: 'GRA', name: 'Granulats', parent: 'MAT', unit: 't', price: [14, 48], qty: [10, 400],
    items: ['Sable 0/4 lavé', 'Gravier 4/20 concassé', 'Grave non traitée 0/31,5', 'Gravillon 6/10', 'Sable de Loire 0/2', 'Ballast 31,5/50'],
    variants: ['carrière nord', 'carrière sud', 'roulé', 'concassé', 'recyclé'],
  },
  {
    code: 'BET', name: 'Bois de construction', parent: 'MAT', unit: 'm3', price: [260, 780], qty: [1, 40],
    items: ['Bois massif reconstitué KVH', 'Lamellé-collé GL24h', 'Chevron sapin traité', 'Madrier douglas', 'Bastaing épicéa', 'Panneau OSB3'],
    variants: ['45×145', '60×200', '75×225', '63×175', '100×100', '18 mm'],
  },
  {
    code: 'ACI', name: 'Aciers pour béton', parent: 'MAT', unit: 't', price: [780, 1250], qty: [1, 60],
    items: ['Fer à béton HA', 'Treillis soudé ST25C', 'Treillis soudé PAF C', 'Chaînage filant', 'Étrier HA'],
    variants: ['Ø 8', 'Ø 10', 'Ø 12', 'Ø 14', 'Ø 16', 'Ø 20'],
  },
  {
    code: 'BLO', name: 'Blocs et briques', parent: 'MAT', unit: 'pal', price: [95, 310], qty: [2, 60],
    items: ['Parpaing creux B40', 'Bloc béton plein', 'Brique monomur 30', 'Brique plâtrière', 'Bloc à bancher', 'Hourdis béton'],
    variants: ['20×20×50', '15×20×50', '10×20×50', '25×20×50', 'R20'],
  },
  {
    code: 'PLA', name: 'Plâtrerie et isolation', parent: 'MAT', unit: 'u', price: [5, 65], qty: [20, 1500],
    items: ['Plaque de plâtre BA13', 'Plaque hydrofuge BA13 H1', 'Laine de verre rouleau', 'Panneau PSE', 'Laine de roche panneau', 'Rail métallique R48'],
    variants: ['2,50 m', '2,60 m', '3,00 m', '100 mm', '120 mm', '200 mm'],
  },
  {
    code: 'TUY', name: 'Canalisations', parent: 'MAT', unit: 'm', price: [1.5, 28], qty: [20, 2000],
    items: ['Tube PVC évacuation', 'Tube PEHD eau potable', 'Gaine TPC', 'Drain agricole', 'Tube PVC pression'],
    variants: ['Ø 40', 'Ø 63', 'Ø 100', 'Ø 125', 'Ø 160', 'Ø 200'],
  },
  {
    code: 'ENG', name: 'Engrais', parent: 'AGR', unit: 't', price: [320, 940], qty: [2, 120],
    items: ['Ammonitrate 33,5', 'Urée 46 %', 'Engrais NPK 15-15-15', 'Superphosphate 45', 'Chlorure de potasse 60', 'Solution azotée 39'],
    variants: ['vrac', 'big-bag 600 kg', 'sacs 50 kg', 'granulé', 'perlé'],
  },
  {
    code: 'SEM', name: 'Semences', parent: 'AGR', unit: 'kg', price: [1.2, 18], qty: [100, 8000],
    items: ['Blé tendre', 'Orge de printemps', 'Maïs grain', 'Colza hybride', 'Tournesol oléique', 'Ray-grass anglais', 'Luzerne'],
    variants: ['certifiée R1', 'certifiée R2', 'traitée', 'bio', 'variété précoce', 'variété tardive'],
  },
  {
    code: 'ALI', name: 'Alimentation animale', parent: 'AGR', unit: 't', price: [260, 690], qty: [1, 60],
    items: ['Aliment vache laitière', 'Aliment porc croissance', 'Tourteau de soja', 'Tourteau de colza', 'Aliment volaille ponte', 'Minéral bovin'],
    variants: ['vrac', 'granulé', 'farine', 'sacs 25 kg', 'big-bag'],
  },
  {
    code: 'PHY', name: 'Protection des cultures', parent: 'AGR', unit: 'l', price: [6, 85], qty: [20, 2000],
    items: ['Herbicide céréales', 'Fongicide blé', 'Insecticide colza', 'Adjuvant mouillant', 'Régulateur de croissance'],
    variants: ['bidon 5 l', 'bidon 10 l', 'bidon 20 l', 'fût 200 l'],
  },
  {
    code: 'OUT', name: 'Outillage et équipement', parent: null, unit: 'u', price: [4, 480], qty: [1, 50],
    items: ['Brouette 100 l', 'Bétonnière 160 l', 'Truelle', 'Niveau à bulle', 'Clôture électrique', 'Abreuvoir', 'Bâche ensilage'],
    variants: ['standard', 'pro', 'renforcé', 'galvanisé', 'grande taille'],
  },
];

export const CUSTOMER_NAME_PARTS = {
  trades: ['Bâtiments', 'Constructions', 'Maçonnerie', 'Charpentes', 'Travaux Publics', 'Menuiserie', 'Terrassement', 'Rénovation', 'Plomberie', 'Couverture'],
  farms: ['EARL', 'GAEC', 'SCEA', 'Ferme', 'Exploitation'],
  coops: ['Coopérative agricole', 'Union de coopératives', 'CUMA'],
  families: ['Moreau', 'Lefebvre', 'Garnier', 'Rousseau', 'Fontaine', 'Chevalier', 'Mercier', 'Girard', 'Bonnet', 'Lambert', 'Faure', 'André', 'Blanchard', 'Guérin', 'Boyer', 'Gauthier', 'Perrin', 'Robin', 'Clément', 'Morin', 'Nicolas', 'Henry', 'Roussel', 'Mathieu', 'Masson', 'Marchand', 'Duval', 'Denis', 'Dumont', 'Lemaire', 'Noël', 'Meyer', 'Dufour', 'Brunet', 'Blanc', 'Barbier', 'Arnaud', 'Giraud', 'Roche', 'Renard'],
  places: ['des Trois Chênes', 'du Val de Loire', 'de la Vallée', 'des Prés', 'du Moulin', 'de Beauregard', 'des Hauts', 'du Bocage', 'de la Source', 'des Tilleuls', 'du Plateau', 'de la Plaine'],
  forms: ['SARL', 'SAS', 'SA', 'EURL', 'SASU'],
};

export const CITIES: { city: string; postalCode: string; near: string }[] = [
  { city: 'Villeurbanne', postalCode: '69100', near: 'LYO' }, { city: 'Vienne', postalCode: '38200', near: 'LYO' },
  { city: 'Bourg-en-Bresse', postalCode: '01000', near: 'LYO' }, { city: 'Saint-Étienne', postalCode: '42000', near: 'LYO' },
  { city: 'Vitré', postalCode: '35500', near: 'REN' }, { city: 'Saint-Brieuc', postalCode: '22000', near: 'REN' },
  { city: 'Laval', postalCode: '53000', near: 'REN' }, { city: 'Vannes', postalCode: '56000', near: 'REN' },
  { city: 'Montauban', postalCode: '82000', near: 'TLS' }, { city: 'Albi', postalCode: '81000', near: 'TLS' },
  { city: 'Auch', postalCode: '32000', near: 'TLS' }, { city: 'Castres', postalCode: '81100', near: 'TLS' },
  { city: 'Arras', postalCode: '62000', near: 'LIL' }, { city: 'Douai', postalCode: '59500', near: 'LIL' },
  { city: 'Valenciennes', postalCode: '59300', near: 'LIL' }, { city: 'Béthune', postalCode: '62400', near: 'LIL' },
  { city: 'Libourne', postalCode: '33500', near: 'BOD' }, { city: 'Mérignac', postalCode: '33700', near: 'BOD' },
  { city: 'Périgueux', postalCode: '24000', near: 'BOD' }, { city: 'Mont-de-Marsan', postalCode: '40000', near: 'BOD' },
  { city: 'Blois', postalCode: '41000', near: 'ORL' }, { city: 'Chartres', postalCode: '28000', near: 'ORL' },
  { city: 'Montargis', postalCode: '45200', near: 'ORL' }, { city: 'Bourges', postalCode: '18000', near: 'ORL' },
];

export const SUPPLIER_NAMES = ['Lafarge', 'Vicat', 'Calcia', 'Saint-Gobain', 'Knauf', 'Isover', 'Wienerberger', 'Yara', 'Borealis', 'Timac Agro', 'Limagrain', 'RAGT', 'Euralis', 'Sanders', 'Cargill', 'Bayer', 'Syngenta', 'Nicoll', 'Wavin', 'ArcelorMittal', 'Riva', 'Leborgne', 'Altrad', 'Piveteau Bois', 'Monnet-Sève', 'Cemex', 'Eqiom', 'Imerys', 'Rockwool', 'Placo'];

export const USERS = [
  { login: 'c.martin', name: 'Claire Martin', initials: 'CM', role: 'trader' },
  { login: 'j.dubois', name: 'Julien Dubois', initials: 'JD', role: 'trader' },
  { login: 's.bernard', name: 'Sophie Bernard', initials: 'SB', role: 'trader' },
  { login: 't.petit', name: 'Thomas Petit', initials: 'TP', role: 'trader' },
  { login: 'a.leroy', name: 'Amélie Leroy', initials: 'AL', role: 'trader' },
  { login: 'n.roux', name: 'Nicolas Roux', initials: 'NR', role: 'trader' },
  { login: 'm.fournier', name: 'Marc Fournier', initials: 'MF', role: 'purchasing' },
  { login: 'i.lambert', name: 'Isabelle Lambert', initials: 'IL', role: 'finance' },
  { login: 'p.girard', name: 'Pierre Girard', initials: 'PG', role: 'manager' },
] as const;

export const STAGES = [
  { code: 'QUAL', name: 'Qualification', probability: 10, kind: 'open', stagnationDays: 14 },
  { code: 'DEVIS', name: 'Devis envoyé', probability: 30, kind: 'open', stagnationDays: 21 },
  { code: 'NEGO', name: 'Négociation', probability: 60, kind: 'open', stagnationDays: 21 },
  { code: 'ACCEPT', name: 'Devis accepté', probability: 90, kind: 'open', stagnationDays: 7 },
  { code: 'WON', name: 'Gagné', probability: 100, kind: 'won', stagnationDays: null },
  { code: 'LOST', name: 'Perdu', probability: 0, kind: 'lost', stagnationDays: null },
] as const;

export const OPPORTUNITY_TITLES = [
  'Chantier {place}', 'Réappro saison {season}', 'Campagne {season}', 'Extension bâtiment {place}',
  'Lotissement {place}', 'Rénovation école {place}', 'Commande annuelle {season}', 'Appel d’offres mairie de {place}',
  'Stabulation {place}', 'Hangar agricole {place}', 'Voirie {place}', 'Semis {season}',
];
export const SEASONS = ['printemps', 'été', 'automne', 'hiver', '2026', '2027'];
export const ACTIVITY_TITLES = ['Appeler pour relance devis', 'Visite chantier', 'Envoyer la fiche technique', 'Relancer le bon de commande', 'Rendez-vous acheteur', 'Point prix avec le client'];
