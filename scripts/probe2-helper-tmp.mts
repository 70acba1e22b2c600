import { launchBrowser } from './site/browser.ts';
import { serveStatic } from './site/static-server.ts';
const browser = await launchBrowser();
const site = await serveStatic('/tmp/site-h', '/cs-report/');
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, deviceScaleFactor: 2 });
const ready = (page: any) => page.waitForFunction(() => document.documentElement.dataset.report === 'ready', null, { timeout: 30000 }).catch(() => {});
import { readdirSync } from 'node:fs';
const pages = [
  '',
  'segmentation/',
  'risk/',
  'journeys/',
  'intelligence/',
  'intelligence/superstore/',
  'account-health/',
  'cs-operations/',
  ...readdirSync('/tmp/site-h/methodology')
    .filter((d) => !d.includes('.') && d !== 'csv')
    .map((d) => 'methodology/' + d + '/'),
];
for (const p of pages) {
  const page = await ctx.newPage();
  await page.goto(site.url + p);
  await ready(page);
  await page.waitForTimeout(500);
  const over = await page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*')) as HTMLElement[]) {
      const cs = getComputedStyle(el);
      if ((cs.overflowX === 'auto' || cs.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 2 && el.clientWidth > 0) {
        out.push(`${el.closest('[id]')?.id} ${el.tagName}.${el.className} client=${el.clientWidth} scroll=${el.scrollWidth}`);
      }
    }
    // svg text clipped beyond svg bounds
    for (const svg of Array.from(document.querySelectorAll('svg')) as SVGSVGElement[]) {
      const sr = svg.getBoundingClientRect();
      if (sr.width < 50) continue;
      for (const t of Array.from(svg.querySelectorAll('text'))) {
        const r = t.getBoundingClientRect();
        if (r.width && (r.right > sr.right + 1 || r.left < sr.left - 1))
          out.push(
            `TEXTCLIP ${svg.closest('[id]')?.id} "${t.textContent}" ${Math.round(r.left)}-${Math.round(r.right)} svg ${Math.round(sr.left)}-${Math.round(sr.right)}`,
          );
      }
    }
    return out;
  });
  console.log(
    '==',
    p,
    JSON.stringify(
      over.filter((o) => !o.includes('table-wrap') && !o.includes(' PRE.')),
      null,
      0,
    ),
  );
  if (false) {
    const card = page.locator('#risk-evolution');
    await card.locator('summary', { hasText: 'View as table' }).click();
    await page.waitForTimeout(300);
    console.log(await card.locator('table').innerText());
  }
  if (false) {
    for (const id of ['journey-active-heatmap', 'journey-nps-heatmap']) {
      const c = page.locator('#' + id);
      await c.scrollIntoViewIfNeeded();
      await c
        .locator('svg')
        .last()
        .screenshot({ path: `/tmp/helper-shots/zoom-${id}.png` })
        .catch((e) => console.log(e.message));
      console.log(
        id,
        await c.evaluate((el) =>
          Array.from(el.querySelectorAll('svg text'))
            .slice(0, 40)
            .map((t) => `${t.textContent}|${getComputedStyle(t).fill}`)
            .join('; '),
        ),
      );
    }
  }
  if (false) {
    const c = page.locator('#health-band-outcomes');
    await c.scrollIntoViewIfNeeded();
    await c.screenshot({ path: `/tmp/helper-shots/zoom-health-band-outcomes.png` });
  }
  await page.close();
}
const page = await ctx.newPage();
await page.goto(site.url + 'methodology/capping-rule/');
await page.waitForTimeout(700);
await page.locator('#m-overuse').screenshot({ path: '/tmp/helper-shots/zoom-m-overuse.png' });
await browser.close();
process.exit(0);
