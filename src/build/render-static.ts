/**
 * Server-side rendering of a chart: Plot draws into a linkedom document so the SVG is in
 * the HTML (readable with JavaScript off, printable); HTML renderings pass through as is.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { Rendering } from '../lib/charts/chart.ts';

const { document } = parseHTML('<!doctype html><html><body></body></html>');

/** The HTML of a rendering. */
export function renderToHtml(rendering: Rendering): string {
  if (rendering.kind === 'html') return rendering.html;
  const element = Plot.plot({ ...rendering.options, document: document as unknown as Document });
  return `${rendering.controls ?? ''}${element.outerHTML}`;
}
