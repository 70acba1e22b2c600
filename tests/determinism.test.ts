/** Same seed, same bytes in every published and raw file; another seed, other data. */
import { readFileSync, readdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { DATASETS } from '../src/lib/datasets.ts';
import { runInto, tempDir } from './helpers/run.ts';

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .filter((f) => f.endsWith('.parquet'))
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );
}

test('the generator and pipeline are deterministic', async () => {
  const a = await runInto(tempDir('seed-a'), { seed: 7, scale: 0.02 });
  const b = await runInto(tempDir('seed-b'), { seed: 7, scale: 0.02 });
  const c = await runInto(tempDir('seed-c'), { seed: 8, scale: 0.02 });
  expect(Object.keys(hashes(a.out))).toHaveLength(DATASETS.length);
  // The customer-intelligence sets, the Superstore side included, are among the identical files.
  expect(Object.keys(hashes(a.out))).toEqual(expect.arrayContaining(DATASETS.filter((d) => d.name.startsWith('intel_')).map((d) => d.file)));
  expect(hashes(a.out)).toEqual(hashes(b.out));
  expect(hashes(a.raw)).toEqual(hashes(b.raw));
  // The CS-operations model fitted in node is identical too.
  expect(readFileSync(join(a.out, 'cs_model.json'), 'utf8')).toBe(readFileSync(join(b.out, 'cs_model.json'), 'utf8'));
  expect(a.manifest.tables.map((t) => t.sha256)).toEqual(b.manifest.tables.map((t) => t.sha256));
  expect(hashes(c.out)['master_usage.parquet']).not.toBe(hashes(a.out)['master_usage.parquet']);
  expect(hashes(c.raw)['accounts.parquet']).not.toBe(hashes(a.raw)['accounts.parquet']);
});
