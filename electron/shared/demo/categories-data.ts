/** Product categories of the demo company, with realistic units, price ranges and names. */
import type { Unit } from './types';

export type CategorySpec = {
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
    code: 'CIM',
    name: 'Ciments et liants',
    parent: 'MAT',
    unit: 'pal',
    price: [180, 420],
    qty: [1, 24],
    items: ['Ciment CEM II/A 42,5 R', 'Ciment CEM I 52,5 N', 'Chaux hydraulique NHL 3,5', 'Ciment prompt', 'Mortier bâtard', 'Liant routier'],
    variants: ['sacs 25 kg', 'sacs 35 kg', 'big-bag 1 t', 'sacs 40 kg'],
  },
  {
    code: 'GRA',
    name: 'Granulats',
    parent: 'MAT',
    unit: 't',
    price: [14, 48],
    qty: [10, 400],
    items: ['Sable 0/4 lavé', 'Gravier 4/20 concassé', 'Grave non traitée 0/31,5', 'Gravillon 6/10', 'Sable de Loire 0/2', 'Ballast 31,5/50'],
    variants: ['carrière nord', 'carrière sud', 'roulé', 'concassé', 'recyclé'],
  },
  {
    code: 'BET',
    name: 'Bois de construction',
    parent: 'MAT',
    unit: 'm3',
    price: [260, 780],
    qty: [1, 40],
    items: ['Bois massif reconstitué KVH', 'Lamellé-collé GL24h', 'Chevron sapin traité', 'Madrier douglas', 'Bastaing épicéa', 'Panneau OSB3'],
    variants: ['45×145', '60×200', '75×225', '63×175', '100×100', '18 mm'],
  },
  {
    code: 'ACI',
    name: 'Aciers pour béton',
    parent: 'MAT',
    unit: 't',
    price: [780, 1250],
    qty: [1, 60],
    items: ['Fer à béton HA', 'Treillis soudé ST25C', 'Treillis soudé PAF C', 'Chaînage filant', 'Étrier HA'],
    variants: ['Ø 8', 'Ø 10', 'Ø 12', 'Ø 14', 'Ø 16', 'Ø 20'],
  },
  {
    code: 'BLO',
    name: 'Blocs et briques',
    parent: 'MAT',
    unit: 'pal',
    price: [95, 310],
    qty: [2, 60],
    items: ['Parpaing creux B40', 'Bloc béton plein', 'Brique monomur 30', 'Brique plâtrière', 'Bloc à bancher', 'Hourdis béton'],
    variants: ['20×20×50', '15×20×50', '10×20×50', '25×20×50', 'R20'],
  },
  {
    code: 'PLA',
    name: 'Plâtrerie et isolation',
    parent: 'MAT',
    unit: 'u',
    price: [5, 65],
    qty: [20, 1500],
    items: [
      'Plaque de plâtre BA13',
      'Plaque hydrofuge BA13 H1',
      'Laine de verre rouleau',
      'Panneau PSE',
      'Laine de roche panneau',
      'Rail métallique R48',
    ],
    variants: ['2,50 m', '2,60 m', '3,00 m', '100 mm', '120 mm', '200 mm'],
  },
  {
    code: 'TUY',
    name: 'Canalisations',
    parent: 'MAT',
    unit: 'm',
    price: [1.5, 28],
    qty: [20, 2000],
    items: ['Tube PVC évacuation', 'Tube PEHD eau potable', 'Gaine TPC', 'Drain agricole', 'Tube PVC pression'],
    variants: ['Ø 40', 'Ø 63', 'Ø 100', 'Ø 125', 'Ø 160', 'Ø 200'],
  },
  {
    code: 'ENG',
    name: 'Engrais',
    parent: 'AGR',
    unit: 't',
    price: [320, 940],
    qty: [2, 120],
    items: ['Ammonitrate 33,5', 'Urée 46 %', 'Engrais NPK 15-15-15', 'Superphosphate 45', 'Chlorure de potasse 60', 'Solution azotée 39'],
    variants: ['vrac', 'big-bag 600 kg', 'sacs 50 kg', 'granulé', 'perlé'],
  },
  {
    code: 'SEM',
    name: 'Semences',
    parent: 'AGR',
    unit: 'kg',
    price: [1.2, 18],
    qty: [100, 8000],
    items: ['Blé tendre', 'Orge de printemps', 'Maïs grain', 'Colza hybride', 'Tournesol oléique', 'Ray-grass anglais', 'Luzerne'],
    variants: ['certifiée R1', 'certifiée R2', 'traitée', 'bio', 'variété précoce', 'variété tardive'],
  },
  {
    code: 'ALI',
    name: 'Alimentation animale',
    parent: 'AGR',
    unit: 't',
    price: [260, 690],
    qty: [1, 60],
    items: ['Aliment vache laitière', 'Aliment porc croissance', 'Tourteau de soja', 'Tourteau de colza', 'Aliment volaille ponte', 'Minéral bovin'],
    variants: ['vrac', 'granulé', 'farine', 'sacs 25 kg', 'big-bag'],
  },
  {
    code: 'PHY',
    name: 'Protection des cultures',
    parent: 'AGR',
    unit: 'l',
    price: [6, 85],
    qty: [20, 2000],
    items: ['Herbicide céréales', 'Fongicide blé', 'Insecticide colza', 'Adjuvant mouillant', 'Régulateur de croissance'],
    variants: ['bidon 5 l', 'bidon 10 l', 'bidon 20 l', 'fût 200 l'],
  },
  {
    code: 'OUT',
    name: 'Outillage et équipement',
    parent: null,
    unit: 'u',
    price: [4, 480],
    qty: [1, 50],
    items: ['Brouette 100 l', 'Bétonnière 160 l', 'Truelle', 'Niveau à bulle', 'Clôture électrique', 'Abreuvoir', 'Bâche ensilage'],
    variants: ['standard', 'pro', 'renforcé', 'galvanisé', 'grande taille'],
  },
];
