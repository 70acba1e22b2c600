/** src/lib/glossary.ts: one entry per term, definitions built from config.ts. */
import { expect, test } from 'vitest';
import { SIZE_BANDS, THRESHOLDS } from '../../src/lib/config.ts';
import { GLOSSARY, glossaryAnchor, glossaryEntry } from '../../src/lib/glossary.ts';

test('every id and every term is defined once', () => {
  expect(new Set(GLOSSARY.map((e) => e.id)).size).toBe(GLOSSARY.length);
  expect(new Set(GLOSSARY.map((e) => e.term.toLowerCase())).size).toBe(GLOSSARY.length);
  for (const entry of GLOSSARY) expect(entry.definition.length, entry.id).toBeGreaterThan(20);
});

test('thresholds and bands in the definitions are the configured ones', () => {
  expect(glossaryEntry('at-risk').definition).toContain(`below ${THRESHOLDS.atRiskBelow * 100}%`);
  expect(glossaryEntry('expansion-candidate').definition).toContain(`above ${THRESHOLDS.expansionAbove * 100}%`);
  expect(glossaryEntry('size-band').definition).toContain(`${SIZE_BANDS.length} bands`);
  expect(glossaryEntry('size-band').definition).toContain(`and ${SIZE_BANDS[SIZE_BANDS.length - 1]!.label} seats`);
  expect(glossaryAnchor('nrr')).toBe('term-nrr');
});
