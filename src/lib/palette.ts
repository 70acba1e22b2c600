/**
 * The report's colours, chosen once. Categorical colours are the Okabe–Ito set, which
 * stays distinguishable for the common forms of colour blindness and reads on both the
 * light and the dark background; sequential scales use a single-hue-to-dark ramp.
 */
import * as Plot from '@observablehq/plot';
import { MOVEMENTS, REGIONS } from './config.ts';

/** Okabe–Ito categorical colours (black left out: it vanishes in dark mode). */
export const CATEGORICAL = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00', '#F0E442'] as const;

/** A fixed colour per region, so a region looks the same on every chart. */
export const REGION_COLORS = { domain: [...REGIONS], range: CATEGORICAL.slice(0, REGIONS.length) };

/**
 * The region colours of the regions among `regions` only, in the report's order, each in its usual colour: a
 * legend then lists just the lines a filtered chart draws. With none of them present, every region.
 */
export function regionColorsOf(regions: readonly (string | null)[]): { domain: string[]; range: string[] } {
  const present = new Set(regions);
  const kept = REGION_COLORS.domain.flatMap((region, i) => (present.has(region) ? [[region, REGION_COLORS.range[i]!] as const] : []));
  return kept.length
    ? { domain: kept.map(([region]) => region), range: kept.map(([, color]) => color) }
    : { domain: [...REGION_COLORS.domain], range: [...REGION_COLORS.range] };
}

/** ARR movements: growth in blue and green, loss in orange and vermilion, flat in grey. */
export const MOVEMENT_COLORS = {
  domain: [...MOVEMENTS],
  range: ['#56B4E9', '#009E73', '#999999', '#E69F00', '#D55E00'],
};

/** Sequential scheme for rates (utilization): light to dark blue-green. */
export const RATE_SCHEME = 'YlGnBu';

/** The relative luminance of a `#rrggbb` colour (WCAG 2). */
function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r, g, b] = channels.map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG 2 contrast ratio of two `#rrggbb` colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (high + 0.05) / (low + 0.05);
}

/** The `#rrggbb` colour `fg` shows as, drawn at `opacity` over `bg`. */
export function blend(fg: string, bg: string, opacity: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(i, i + 2), 16);
  return `#${[1, 3, 5]
    .map((i) =>
      Math.round(opacity * channel(fg, i) + (1 - opacity) * channel(bg, i))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/**
 * The opacity of the many lines of a trend with a line per person (the text colour, so it follows the theme): the
 * lines overlap visibly, and each keeps 3:1 contrast with the background in both themes (tests/lib/palette.test.ts).
 */
export const TREND_LINE_OPACITY = 0.5;

/**
 * The label colour that reads best on a `#rrggbb` fill: black or white, whichever has the higher
 * contrast ratio with it (a colour in another form gets black).
 */
export function labelColorOn(fill: string): 'black' | 'white' {
  if (!/^#[0-9a-f]{6}$/i.test(fill)) return 'black';
  return contrastRatio(fill, '#ffffff') > contrastRatio(fill, '#000000') ? 'white' : 'black';
}

/** The label colour of each value of a colour scale (Plot's scale options): black or white, by `labelColorOn` its fill. */
export function labelColorsOf(color: Plot.ScaleOptions): (value: number) => 'black' | 'white' {
  const scale = Plot.scale({ color });
  return (value) => labelColorOn(String(scale.apply(value)));
}
