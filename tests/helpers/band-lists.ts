/** Every configured band list, by name, for tests that check them all. */
import type { Band } from '../../src/lib/bands.ts';
import { INTELLIGENCE, PANEL, PERFORMANCE_CATEGORIES, SIZE_BANDS, TENURE_SEGMENTS } from '../../src/lib/config.ts';

export const BAND_LISTS: readonly (readonly [string, readonly Band[]])[] = [
  ['SIZE_BANDS', SIZE_BANDS],
  ['TENURE_SEGMENTS', TENURE_SEGMENTS],
  ['PERFORMANCE_CATEGORIES', PERFORMANCE_CATEGORIES],
  ['PANEL.portfolioGroups', PANEL.portfolioGroups],
  ['PANEL.engagement', PANEL.engagement],
  ['PANEL.ticketRanges', PANEL.ticketRanges],
  ['PANEL.featureBreadth', PANEL.featureBreadth],
  ['PANEL.arrGroups', PANEL.arrGroups],
  ['INTELLIGENCE.churnBands', INTELLIGENCE.churnBands],
];
