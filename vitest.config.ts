import { defineConfig } from 'vitest/config';
import { reportPages } from './src/build/page-modules.ts';

export default defineConfig({
  plugins: [reportPages(import.meta.dirname)],
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
  },
});
