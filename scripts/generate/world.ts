/**
 * The fictional world of the default data set: countries, languages, industries,
 * products and the parts account names are made of. No real company names.
 */
import type { Region } from '../../src/lib/config.ts';

export interface Country {
  readonly name: string;
  readonly language: string;
  readonly weight: number;
}

export const COUNTRIES: Readonly<Record<Region, readonly Country[]>> = {
  ANZ: [
    { name: 'Australia', language: 'English', weight: 0.8 },
    { name: 'New Zealand', language: 'English', weight: 0.2 },
  ],
  ASEAN: [
    { name: 'Singapore', language: 'English', weight: 0.25 },
    { name: 'Malaysia', language: 'Malay', weight: 0.2 },
    { name: 'Thailand', language: 'Thai', weight: 0.18 },
    { name: 'Vietnam', language: 'Vietnamese', weight: 0.15 },
    { name: 'Indonesia', language: 'Indonesian', weight: 0.14 },
    { name: 'Philippines', language: 'English', weight: 0.08 },
  ],
  'Greater China': [
    { name: 'China', language: 'Mandarin', weight: 0.7 },
    { name: 'Hong Kong', language: 'Cantonese', weight: 0.15 },
    { name: 'Taiwan', language: 'Mandarin', weight: 0.15 },
  ],
  India: [
    { name: 'India', language: 'English', weight: 0.9 },
    { name: 'Sri Lanka', language: 'English', weight: 0.1 },
  ],
  Japan: [{ name: 'Japan', language: 'Japanese', weight: 1 }],
  Korea: [{ name: 'South Korea', language: 'Korean', weight: 1 }],
};

export const INDUSTRIES = [
  'Architecture',
  'Construction',
  'Civil Engineering',
  'Manufacturing',
  'Media & Entertainment',
  'Utilities',
  'Education',
  'Automotive',
] as const;

export const PRODUCTS = ['Draftwise', 'Formsmith', 'Siteline', 'Vectorra', 'Motionbay'] as const;

const NAME_STEMS = [
  'Amber',
  'Banyan',
  'Cedar',
  'Coral',
  'Delta',
  'Ember',
  'Fern',
  'Granite',
  'Harbor',
  'Indigo',
  'Jade',
  'Kestrel',
  'Lotus',
  'Meridian',
  'Nimbus',
  'Orchid',
  'Pinnacle',
  'Quarry',
  'Rivet',
  'Saffron',
  'Tidal',
  'Umber',
  'Vantage',
  'Willow',
  'Xenon',
  'Yarrow',
  'Zenith',
  'Monsoon',
  'Sakura',
  'Tamarind',
  'Basalt',
  'Cobalt',
  'Dune',
  'Falcon',
  'Gecko',
  'Heron',
  'Ironbark',
] as const;

const NAME_SUFFIXES = [
  'Design',
  'Builders',
  'Engineering',
  'Studio',
  'Works',
  'Partners',
  'Labs',
  'Group',
  'Fabrication',
  'Consulting',
  'Structures',
  'Digital',
  'Surveying',
  'Architects',
] as const;

/** Names that exercise escaping in HTML and quoting in SQL: one in a few thousand accounts. */
const TRICKY_NAMES = [
  'Tan & Lim Architects',
  "O'Connell Surveying",
  '<Apex> Fabrication',
  '"Blue Crane" Studio',
  'Wong > Chen Holdings',
  "Kaur & D'Souza Engineering",
] as const;

export const TRICKY_NAME_RATE = 0.0004;

/** An account name from its draws: two stems and a suffix, or rarely a tricky name. */
export function accountName(stem1: number, stem2: number, suffix: number, tricky: number | null): string {
  if (tricky !== null) return TRICKY_NAMES[tricky % TRICKY_NAMES.length] as string;
  const a = NAME_STEMS[stem1 % NAME_STEMS.length];
  const b = NAME_STEMS[stem2 % NAME_STEMS.length];
  const s = NAME_SUFFIXES[suffix % NAME_SUFFIXES.length];
  return a === b ? `${a} ${s}` : `${a} ${b} ${s}`;
}

export const NAME_PARTS = { stems: NAME_STEMS.length, suffixes: NAME_SUFFIXES.length, tricky: TRICKY_NAMES.length };

/** Customer-success specialists' first names (fictional). */
export const CS_NAMES = [
  'Aiko Tanaka',
  'Ben Carter',
  'Chen Wei',
  'Divya Rao',
  'Emma Walsh',
  'Farid Hassan',
  'Grace Lim',
  'Hiro Sato',
  'Isla Brown',
  'Jun Park',
  'Kavya Nair',
  'Liam Ng',
  'Mei Lin',
  'Nadia Putri',
  'Oscar Reyes',
  'Priya Shah',
] as const;
