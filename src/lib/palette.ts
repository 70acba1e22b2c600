/**
 * The report's colours, chosen once. Categorical colours are the Okabe–Ito set, which
 * stays distinguishable for the common forms of colour blindness and reads on both the
 * light and the dark background; sequential scales use a single-hue-to-dark ramp.
 */
import { MOVEMENTS, REGIONS } from './config.ts';

/** Okabe–Ito categorical colours (black left out: it vanishes in dark mode). */
export const CATEGORICAL = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'] as const;

/** A fixed colour per region, so a region looks the same on every chart. */
export const REGION_COLORS = { domain: [...REGIONS], range: CATEGORICAL.slice(0, REGIONS.length) };

/** ARR movements: growth in blue and green, loss in orange and vermilion, flat in grey. */
export const MOVEMENT_COLORS = {
  domain: [...MOVEMENTS],
  range: ['#56B4E9', '#009E73', '#999999', '#E69F00', '#D55E00'],
};

/** Sequential scheme for rates (utilization): light to dark blue-green. */
export const RATE_SCHEME = 'YlGnBu';
