/**
 * A minimal static file server for a built site under its base path, as GitHub Pages
 * serves it (index.html for folders, 404 otherwise). Used by the browser tests and the
 * benchmark; `npm run preview` uses Astro's own.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.parquet': 'application/vnd.apache.parquet',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

export interface StaticSite {
  /** The site's root URL, ending with the base path. */
  url: string;
  /** Bytes of response bodies sent so far (for measuring what a page load costs). */
  bytesSent(): number;
  close(): Promise<void>;
}

function fileFor(root: string, path: string): string | null {
  const target = normalize(join(root, decodeURIComponent(path)));
  if (target !== root && !target.startsWith(root + sep)) return null;
  try {
    const stat = statSync(target);
    if (stat.isFile()) return target;
    if (stat.isDirectory()) return fileFor(root, join(path, 'index.html'));
  } catch {
    return null;
  }
  return null;
}

/** Serves `root` at http://127.0.0.1:<port><base>. */
export function serveStatic(root: string, base: string, port = 0): Promise<StaticSite> {
  let sent = 0;
  const server: Server = createServer((request, response) => {
    const { pathname } = new URL(request.url ?? '/', 'http://localhost');
    const file = pathname.startsWith(base) ? fileFor(normalize(root), pathname.slice(base.length - 1)) : null;
    if (!file) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    if (request.method !== 'HEAD') sent += statSync(file).size;
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${bound}${base}`, bytesSent: () => sent, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}
