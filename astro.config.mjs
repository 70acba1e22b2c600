// Static site; the base path comes from BASE_PATH at build time (GitHub Pages project
// sites live under /<repository>/). The published data is read from DATA_DIR (default
// public/data, which Astro copies as is); another folder is copied into the output.
import { cpSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import { reportPages } from './src/build/page-modules.ts';

const base = process.env.BASE_PATH ?? '/';
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
    build: { assetsInlineLimit: 0, chunkSizeWarningLimit: 2000 },
    optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
    ssr: { external: ['@duckdb/node-api'] },
  },
});
