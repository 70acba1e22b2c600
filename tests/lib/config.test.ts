/**
 * src/lib/config.ts: the report's definitions are well formed — bands ascending with unique
 * labels, lifecycle stages covering the tenure segments, thresholds consistent with each other
 * and with the performance categories built from them.
 */
import { describe, expect, test } from 'vitest';
import { BAND_LISTS } from '../helpers/band-lists.ts';
import {
  ACTIVE_STATUSES,
  CS_SCORING,
  DEAL_STATUSES,
  EVENT_TYPES,
  INTELLIGENCE,
  JOURNEY_OPPORTUNITIES,
  LIFECYCLE_STAGES,
  MOVEMENTS,
  MOVEMENT_URGENCY,
  PANEL,
  PERFORMANCE_CATEGORIES,
  PIPELINE_VERSION,
  PLANS,
  REGIONS,
  SIZE_BANDS,
  TENURE_SEGMENTS,
  THRESHOLDS,
} from '../../src/lib/config.ts';

describe('band lists', () => {
  test('PANEL holds exactly the band lists tested here', () => {
    expect(Object.keys(PANEL).sort()).toEqual(['arrGroups', 'engagement', 'featureBreadth', 'portfolioGroups', 'ticketRanges']);
  });

  for (const [name, bands] of BAND_LISTS) {
    test(`${name}: not empty, mins strictly ascending and finite`, () => {
      expect(bands.length).toBeGreaterThan(1);
      for (const band of bands) expect(Number.isFinite(band.min), `${name} ${band.label}`).toBe(true);
      for (let i = 1; i < bands.length; i++) {
        expect(bands[i]!.min, `${name}: ${bands[i]!.label} after ${bands[i - 1]!.label}`).toBeGreaterThan(bands[i - 1]!.min);
      }
    });

    test(`${name}: labels unique and non-empty`, () => {
      const labels = bands.map((b) => b.label);
      expect(new Set(labels).size).toBe(labels.length);
      for (const label of labels) expect(label.trim()).not.toBe('');
    });
  }

  test('first band of every list starts at 0, except size bands at 1 seat', () => {
    expect(BAND_LISTS.map(([name, bands]) => [name, bands[0]!.min])).toEqual([
      ['SIZE_BANDS', 1],
      ['TENURE_SEGMENTS', 0],
      ['PERFORMANCE_CATEGORIES', 0],
      ['PANEL.portfolioGroups', 0],
      ['PANEL.engagement', 0],
      ['PANEL.ticketRanges', 0],
      ['PANEL.featureBreadth', 0],
      ['PANEL.arrGroups', 0],
      ['INTELLIGENCE.churnBands', 0],
    ]);
  });

  test('only the Growing category starts above its min', () => {
    const above = BAND_LISTS.flatMap(([name, bands]) => bands.filter((b) => b.aboveMin).map((b) => `${name}:${b.label}`));
    expect(above).toEqual(['PERFORMANCE_CATEGORIES:Growing']);
  });

  test('nine tenure segments and eight size bands', () => {
    expect(TENURE_SEGMENTS).toHaveLength(9);
    expect(SIZE_BANDS).toHaveLength(8);
  });
});

describe('LIFECYCLE_STAGES', () => {
  test('cover every tenure segment exactly once, in segment order', () => {
    const segments = LIFECYCLE_STAGES.flatMap((s) => s.segments);
    expect(segments).toEqual(TENURE_SEGMENTS.map((s) => s.label));
    expect(new Set(segments).size).toBe(segments.length);
  });

  test('are the four stages, each non-empty, with unique labels', () => {
    expect(LIFECYCLE_STAGES.map((s) => s.label)).toEqual(['Onboarding', 'Adoption', 'Established', 'Veteran']);
    for (const stage of LIFECYCLE_STAGES) expect(stage.segments.length).toBeGreaterThan(0);
  });

  test('the Veteran stage ("3+ years") starts at 36 months', () => {
    const veteran = LIFECYCLE_STAGES.find((s) => s.label === 'Veteran');
    const first = TENURE_SEGMENTS.find((t) => t.label === veteran?.segments[0]);
    expect(first?.min).toBe(36);
  });
});

describe('THRESHOLDS and PERFORMANCE_CATEGORIES', () => {
  test('PERFORMANCE_CATEGORIES has the 5 categories', () => {
    expect(PERFORMANCE_CATEGORIES).toHaveLength(5);
    expect(PERFORMANCE_CATEGORIES.map((c) => c.label)).toEqual(['Critical', 'At risk', 'Stable', 'Growing', 'Fully used']);
  });

  test('thresholds are fractions ordered at risk < expansion < high performer <= cap', () => {
    expect(THRESHOLDS).toEqual({ utilizationCap: 1, atRiskBelow: 0.6, expansionAbove: 0.8, highPerformerMin: 0.9 });
    expect(THRESHOLDS.atRiskBelow).toBeLessThan(THRESHOLDS.expansionAbove);
    expect(THRESHOLDS.expansionAbove).toBeLessThan(THRESHOLDS.highPerformerMin);
    expect(THRESHOLDS.highPerformerMin).toBeLessThanOrEqual(THRESHOLDS.utilizationCap);
    expect(THRESHOLDS.atRiskBelow).toBeGreaterThan(0);
  });

  test('categories are built on the thresholds', () => {
    const byLabel = new Map(PERFORMANCE_CATEGORIES.map((c) => [c.label, c]));
    expect(byLabel.get('Stable')).toEqual({ label: 'Stable', min: THRESHOLDS.atRiskBelow });
    expect(byLabel.get('Growing')).toEqual({ label: 'Growing', min: THRESHOLDS.expansionAbove, aboveMin: true });
    expect(byLabel.get('Fully used')).toEqual({ label: 'Fully used', min: THRESHOLDS.utilizationCap });
    expect(byLabel.get('At risk')?.min).toBe(0.3);
    expect(byLabel.get('Critical')?.min).toBe(0);
  });
});

describe('enumerations', () => {
  test('six regions, three plans, five movements, three deal statuses, eleven event types — all unique', () => {
    const lists: [readonly string[], number][] = [
      [REGIONS, 6],
      [PLANS, 3],
      [MOVEMENTS, 5],
      [DEAL_STATUSES, 3],
      [EVENT_TYPES, 11],
    ];
    for (const [list, size] of lists) {
      expect(list).toHaveLength(size);
      expect(new Set(list).size).toBe(size);
    }
    expect(REGIONS).toEqual(['ANZ', 'ASEAN', 'Greater China', 'India', 'Japan', 'Korea']);
    expect(PLANS).toEqual(['starter', 'pro', 'premium']);
  });

  test('the urgency order lists every movement once, those calling for intervention first', () => {
    expect([...MOVEMENT_URGENCY.map((m) => m.movement)].sort()).toEqual([...MOVEMENTS].sort());
    const intervene = MOVEMENT_URGENCY.map((m) => m.intervene);
    expect(intervene).toEqual([...intervene].sort((a, b) => Number(b) - Number(a)));
    expect(MOVEMENT_URGENCY.filter((m) => m.intervene).map((m) => m.movement)).toEqual(['churn', 'contraction']);
  });

  test('the feature-breadth bands fit the number of event types', () => {
    expect(PANEL.featureBreadth.at(-1)!.min).toBeLessThanOrEqual(EVENT_TYPES.length);
  });
});

describe('CS scoring and version', () => {
  test('score weights sum to 1 and there are five interaction bands', () => {
    expect(CS_SCORING.weights.interactions + CS_SCORING.weights.complexity).toBeCloseTo(1, 12);
    expect(CS_SCORING.interactionBands).toBe(5);
  });

  test('the pipeline version is semver', () => {
    expect(PIPELINE_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('JOURNEY_OPPORTUNITIES', () => {
  const labels = (bands: readonly { label: string }[]) => bands.map((band) => band.label);

  test('names only bands, plans and statuses that exist', () => {
    const { premiumUpgrade, featureAdoption } = JOURNEY_OPPORTUNITIES;
    expect(labels(PANEL.portfolioGroups)).toContain(premiumUpgrade.portfolioGroup);
    for (const plan of [...premiumUpgrade.fromPlans, premiumUpgrade.toPlan]) expect(PLANS).toContain(plan);
    for (const level of premiumUpgrade.engagement) expect(labels(PANEL.engagement)).toContain(level);
    expect(ACTIVE_STATUSES).toContain(premiumUpgrade.activeStatus);
    expect(labels(PANEL.featureBreadth)).toEqual(expect.arrayContaining([featureAdoption.from, featureAdoption.to]));
  });

  test('moves accounts up: to a plan they are not on, and to a wider breadth group', () => {
    const { premiumUpgrade, featureAdoption } = JOURNEY_OPPORTUNITIES;
    expect(premiumUpgrade.fromPlans).not.toContain(premiumUpgrade.toPlan);
    const breadth = labels(PANEL.featureBreadth);
    expect(breadth.indexOf(featureAdoption.to)).toBeGreaterThan(breadth.indexOf(featureAdoption.from));
  });
});

describe('INTELLIGENCE', () => {
  test('three churn bands, the last of which (High) starts above a ratio of 1', () => {
    expect(INTELLIGENCE.churnBands.map((b) => b.label)).toEqual(['Low', 'Medium', 'High']);
    expect(INTELLIGENCE.churnBands[2]!.min).toBeGreaterThan(1);
  });

  test('segment quantiles are fractions, periods and windows whole positive numbers', () => {
    for (const q of [INTELLIGENCE.highValueQuantile, INTELLIGENCE.discountShareQuantile]) expect(q > 0 && q < 1).toBe(true);
    for (const n of [INTELLIGENCE.periodDays, INTELLIGENCE.activeWindowDays, INTELLIGENCE.consistencyMonths]) expect(Number.isInteger(n) && n > 0).toBe(true);
  });
});
