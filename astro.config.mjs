// Static site; the base path comes from BASE_PATH at build time (GitHub Pages project
// sites live under /<repository>/). The published data is read from DATA_DIR (default
// public/data, which Astro copies as is); another folder is copied into the output.
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { reportPages } from './src/build/page-modules.ts';

const base = process.env.BASE_PATH ?? '/';

/**
 * Plot and the helpers every dashboard's charts share go in one chunk: a dozen small chunks
 * of shared code compress worse and cost a request each. Page modules, their charts and the
 * methodology keep chunks of their own, so a page still loads only its own charts. The
 * engine's chunk (src/client/duckdb.ts) shares only `rows.ts` with the charts, which stays
 * out of this chunk so the engine starts without waiting for Plot to load.
 */
const SHARED_CHART_CODE = [
  /\/node_modules\/(@observablehq\/plot|d3-(?!sankey)[a-z-]+|interval-tree-1d|isoformat|binary-search-bounds)\//,
  /\/src\/lib\/(bands|config|format|html|narrative|parameters|query|csv|palette|metrics|seat-usage-filters|page)\.ts$/,
  /\/src\/lib\/charts\/(chart|cross-filter|treemap|customer-health|html-table|render|label-layout)\.ts$/,
];
/** Rollup moves a manual chunk's dependencies into it, so `rows.ts` needs a chunk of its own to stay out. */
const chartsCore = (id) => (/\/src\/lib\/rows\.ts$/.test(id) ? 'rows' : SHARED_CHART_CODE.some((pattern) => pattern.test(id)) ? 'charts-core' : undefined);
const dataDir = resolve(process.env.DATA_DIR ?? 'public/data');

/** Copies the published data into the site when it does not live in public/data. */
const publishedData = {
  name: 'published-data',
  hooks: {
    'astro:build:done': ({ dir }) => {
      if (dataDir !== resolve('public/data')) cpSync(dataDir, resolve(fileURLToPath(dir), 'data'), { recursive: true });
    },
  },
};

export default defineConfig({
  base,
  output: 'static',
  outDir: process.env.SITE_OUT_DIR ?? './dist',
  trailingSlash: 'ignore',
  integrations: [publishedData],
  build: {
    format: 'directory',
    // Stylesheets and scripts as files: the Content-Security-Policy allows no inline script.
    inlineStylesheets: 'never',
    assets: '_assets',
  },
  devToolbar: { enabled: false },
  vite: {
    plugins: [reportPages(fileURLToPath(new URL('.', import.meta.url)))],
    build: {
      assetsInlineLimit: 0,
      chunkSizeWarningLimit: 2000,
      rollupOptions: { output: { manualChunks: chartsCore } },
      // A page module's imports (charts-core) are loaded with the interactive side already:
      // no list of them to preload, so the map of page modules stays small.
      modulePreload: { resolveDependencies: (_file, deps, { hostId }) => (hostId.includes('interactive') ? [] : deps) },
    },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
    ssr: { external: ['@duckdb/node-api'] },
  },
});
