/** The site built once per test run from the default data, under a non-root base path. */
import { join } from 'node:path';

export const SITE_BASE = '/cs-report/';
export const SITE_DIR = join(import.meta.dirname, '..', 'output', 'site');
/** Where browser tests write screenshots for review. */
export const SCREENSHOTS = join(import.meta.dirname, '..', 'output', 'screenshots');

/** Page definitions built into the test site only (REPORT_EXTRA_PAGES), relative to the project. */
export const FIXTURE_PAGES = 'tests/fixtures/pages';
