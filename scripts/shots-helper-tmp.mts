import { launchBrowser } from './site/browser.ts';
import { serveStatic } from './site/static-server.ts';
import { readdirSync, writeFileSync, mkdirSync } from 'node:fs';

const meth = readdirSync('/tmp/site-h/methodology', { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name !== 'csv')
  .map((d) => `methodology/${d.name}/`);
const main = ['', 'segmentation/', 'risk/', 'journeys/', 'intelligence/', 'intelligence/superstore/', 'account-health/', 'cs-operations/', 'data/'];
const pages = [...main, 'methodology/', ...meth];
const only = process.argv[2] ? process.argv[2].split(',') : null;
const viewsArg = process.argv[3] ? process.argv[3].split(',') : ['dl', 'dd', 'pl'];
const views: Record<string, any> = {
  dl: { viewport: { width: 1280, height: 900 }, colorScheme: 'light' },
  dd: { viewport: { width: 1280, height: 900 }, colorScheme: 'dark' },
  pl: { viewport: { width: 390, height: 844 }, colorScheme: 'light', isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  pd: { viewport: { width: 390, height: 844 }, colorScheme: 'dark', isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
};
const browser = await launchBrowser();
const site = await serveStatic('/tmp/site-h', '/cs-report/');
const report: any[] = [];
for (const v of viewsArg) {
  const ctx = await browser.newContext(views[v]);
  for (const p of pages) {
    if (only && !only.includes(p)) continue;
    const page = await ctx.newPage();
    const errs: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errs.push(m.type() + ': ' + m.text());
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errs.push('HTTP ' + r.status() + ' ' + r.url());
    });
    page.on('pageerror', (e) => errs.push('pageerror: ' + e.message));
    await page.goto(site.url + p, { waitUntil: 'load' });
    if (p.startsWith('methodology')) await page.waitForTimeout(700);
    else await page.waitForFunction(() => document.documentElement.dataset.report === 'ready', null, { timeout: 30000 }).catch(() => errs.push('NOT READY'));
    await page.waitForTimeout(500);
    const slug = (p.replace(/\/$/, '').replace(/\//g, '_') || 'home') + '.' + v;
    const dir = `/tmp/helper-shots/${v}`;
    mkdirSync(dir, { recursive: true });
    await page.screenshot({ path: `${dir}/${slug}.top.png` });
    const info = await page.evaluate(() => {
      const sw = document.documentElement.scrollWidth,
        iw = innerWidth;
      const wide: string[] = [];
      for (const el of Array.from(document.querySelectorAll('body *'))) {
        const r = (el as HTMLElement).getBoundingClientRect();
        if (r.width > 0 && r.right > iw + 1 && !(el as HTMLElement).closest('.table-scroll, [style*="overflow"], table, .sankey, svg')) {
          wide.push(`${el.tagName}.${(el as HTMLElement).className}#${el.id} right=${Math.round(r.right)}`);
        }
      }
      return { sw, iw, wide: wide.slice(0, 15), title: document.title };
    });
    const cards = page.locator('figure.chart, .chart');
    const n = await cards.count();
    const cardInfo: any[] = [];
    for (let i = 0; i < n; i++) {
      const c = cards.nth(i);
      const nested = await c.evaluate((el) => !!el.parentElement?.closest('figure.chart, .chart'));
      if (nested) continue;
      const id = (await c.getAttribute('id')) || `n${i}`;
      try {
        await c.scrollIntoViewIfNeeded({ timeout: 3000 });
        await page.waitForTimeout(150);
        const box = await c.boundingBox();
        await c.screenshot({ path: `${dir}/${slug}.${String(i).padStart(2, '0')}-${id}.png`, timeout: 8000 });
        cardInfo.push({ i, id, box: box && { w: Math.round(box.width), h: Math.round(box.height) } });
      } catch (e: any) {
        cardInfo.push({ i, id, err: e.message.slice(0, 100) });
      }
    }
    report.push({ p, v, errs, ...info, cards: cardInfo });
    console.log(JSON.stringify({ p, v, errs, sw: info.sw, iw: info.iw, wide: info.wide, ncards: cardInfo.length }));
    await page.close();
  }
  await ctx.close();
}
writeFileSync(`/tmp/helper-shots/report-${viewsArg.join('')}-${only ? 'some' : 'all'}.json`, JSON.stringify(report, null, 1));
await site.close();
await browser.close();
process.exit(0);
