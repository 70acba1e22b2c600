import { defineConfig } from 'vitest/config';
import { reportPages } from './src/build/page-modules.ts';
import { FIXTURE_PAGES } from './tests/helpers/site.ts';

export default defineConfig({
  // The tests see the fixture pages too (tests/fixtures/pages), as the test site is built with them.
  plugins: [reportPages(import.meta.dirname, [FIXTURE_PAGES])],
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
