/**
 * The CS operations page in headless Chromium: without JavaScript, the routing of the new
 * clients under the default weights is in the HTML, one card per new client, each winner
 * speaking the client's language and covering its scope (from the published team) and the
 * lowest-scoring eligible specialist of its justification; with JavaScript, moving the
 * weights re-routes the clients and re-scores the top clients as computed here from the
 * published deals (on the default data the top ten are the same deals under any positive
 * weights, their scores are not), back restores the defaults, invalid weights in the address
 * are dropped with a note, a workload bar picks a specialist in the ranking, the
 * justifications scroll within their cards, and a phone does not scroll sideways.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../scripts/site/browser.ts';
import { serveStatic, type StaticSite } from '../../scripts/site/static-server.ts';
import { type NewClient, type Routing, type ScoreWeights, type Specialist, routeClients } from '../../src/lib/cs-scoring.ts';
import { formatValue } from '../../src/lib/format.ts';
import { DEFAULT_DATA, openPublished } from '../helpers/default-data.ts';
import { dashboardState, filtersShown, openPage, type WatchedPage } from '../helpers/browser-page.ts';
import { SCREENSHOTS, SITE_BASE, SITE_DIR } from '../helpers/site.ts';

let browser: Browser;
let site: StaticSite;
let origin: string;
let url: string;
let query: Awaited<ReturnType<typeof openPublished>>['query'];
/** The team as published: each specialist's languages and product scopes. */
let team: Map<string, { languages: string[]; scopes: string[] }>;
let specialists: Specialist[];
let clients: NewClient[];
let newClientCount: number;

const DEFAULT_WEIGHTS: ScoreWeights = { interactions: 0.7, complexity: 0.3 };
const MOVED_WEIGHTS: ScoreWeights = { interactions: 0, complexity: 1 };
/** After setting w1 to 0 and before setting w2 to 1. */
const HALFWAY_WEIGHTS: ScoreWeights = { interactions: 0, complexity: 0.3 };

const list = (text: string | null) => (text ?? '').split(';').filter(Boolean);

beforeAll(async () => {
  site = await serveStatic(SITE_DIR, SITE_BASE);
  origin = new URL(site.url).origin;
  url = `${site.url}cs-operations/`;
  browser = await launchBrowser();
  mkdirSync(SCREENSHOTS, { recursive: true });
  ({ query } = await openPublished(DEFAULT_DATA, ['cs_deals', 'cs_team']));
  const members = await query<{ cs_name: string; languages: string; product_scopes: string }>(`SELECT cs_name, languages, product_scopes FROM cs_team`);
  team = new Map(members.map((m) => [m.cs_name, { languages: list(m.languages), scopes: list(m.product_scopes) }]));
  // The open deals each specialist holds before the new clients (those with no arrival).
  const held = await query<{ cs_owner: string; deals: number; ib: number; cb: number }>(`
    SELECT cs_owner, count(*) AS deals, sum(interaction_band) AS ib, sum(complexity_band) AS cb FROM cs_deals
    WHERE status = 'open' AND arrival IS NULL AND cs_owner IS NOT NULL AND interaction_band IS NOT NULL GROUP BY cs_owner`);
  const heldBy = new Map(held.map((h) => [h.cs_owner, h]));
  specialists = members.map((m) => ({
    name: m.cs_name,
    languages: list(m.languages),
    scopes: list(m.product_scopes),
    deals: Number(heldBy.get(m.cs_name)?.deals ?? 0),
    interactionPoints: Number(heldBy.get(m.cs_name)?.ib ?? 0),
    complexityPoints: Number(heldBy.get(m.cs_name)?.cb ?? 0),
  }));
  const arrivals = await query<{
    deal_id: string;
    client: string;
    language: string;
    product_scope: string;
    y_pred: number;
    interaction_band: number;
    complexity_band: number;
    cs_owner: string | null;
  }>(`
    SELECT deal_id, coalesce(account_name, deal_id) AS client, language, product_scope, y_pred, interaction_band, complexity_band, cs_owner
    FROM cs_deals WHERE arrival IS NOT NULL ORDER BY arrival`);
  clients = arrivals.map((a) => ({
    id: a.deal_id,
    name: a.client,
    language: a.language,
    scope: a.product_scope,
    predicted: a.y_pred,
    interactionBand: Number(a.interaction_band),
    complexityBand: Number(a.complexity_band),
    historicalOwner: a.cs_owner,
  }));
  const [count] = await query<{ n: number }>(`SELECT count(*) AS n FROM cs_deals WHERE arrival IS NOT NULL`);
  newClientCount = Number(count!.n);
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
});

function expectCleanPage(watched: WatchedPage): void {
  expect(watched.foreignRequests).toEqual([]);
  expect(watched.cspViolations).toEqual([]);
  expect(watched.consoleErrors).toEqual([]);
}

/** The decision line a routing gives each client, in arrival order. */
const decisions = (routing: Routing) =>
  routing.assignments.map((a) => (a.winner ? `${a.client.name} → ${a.winner}` : `${a.client.name}: no specialist can take this client`));

const routed = (weights: ScoreWeights) => routeClients(specialists, clients, weights);

/** The decision lines of the routing cards shown. */
const cardsShown = (page: Page) => page.locator('#cs-routing ol.routes > li.route .route-decision').allInnerTexts();

/** The cells of a chart's own table, row by row. */
const tableCells = (page: Page, chartId: string) =>
  page
    .locator(`#${chartId} .chart-body tbody tr`)
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell as HTMLElement).innerText.trim())));

/** The top open clients by deal score under `weights`, from the published deals. */
async function topClients(weights: ScoreWeights): Promise<{ client: string; score: number }[]> {
  return query<{ client: string; score: number }>(`
    SELECT coalesce(account_name, deal_id) AS client, ${weights.interactions}::DOUBLE * interaction_band + ${weights.complexity}::DOUBLE * complexity_band AS score
    FROM cs_deals WHERE status = 'open' AND interaction_band IS NOT NULL
    ORDER BY score DESC, y_pred DESC, deal_id LIMIT 10`);
}

/** Checks the top-clients table against the published deals under `weights`, and each row's score against its own bands. */
async function expectTopClients(page: Page, weights: ScoreWeights): Promise<string[]> {
  const rows = await tableCells(page, 'cs-top-clients');
  const expected = await topClients(weights);
  expect(rows.map((r) => r[0])).toEqual(expected.map((e) => e.client));
  expect(rows.map((r) => r[8])).toEqual(expected.map((e) => formatValue(e.score, 'decimal')));
  for (const row of rows) expect(row[8]).toBe(formatValue(weights.interactions * Number(row[6]) + weights.complexity * Number(row[7]), 'decimal'));
  return rows.map((r) => r[0]!);
}

/** Checks the routing cards and the routed coefficient of variation against the routing of the published data under `weights`. */
async function expectRouting(page: Page, weights: ScoreWeights): Promise<void> {
  const routing = routed(weights);
  expect(await cardsShown(page)).toEqual(decisions(routing));
  expect(await page.locator('#cs-kpis .kpi[data-kpi="cv"] .kpi-value').innerText()).toBe(formatValue(routing.imbalance.routed.cv, 'auc'));
}

/**
 * The open justifications whose table is wider than its card and spills out of it (under the
 * next card, or out of the chart) instead of scrolling within the card.
 */
const spilledJustifications = (page: Page) =>
  page
    .locator('#cs-routing li.route details[open]')
    .evaluateAll((all) =>
      all
        .filter((details) => details.scrollWidth > details.clientWidth && !['auto', 'scroll'].includes(getComputedStyle(details).overflowX))
        .map((details) => details.closest('li')?.querySelector('.route-decision')?.textContent ?? ''),
    );

async function setWeight(page: Page, name: 'w1' | 'w2', value: string): Promise<void> {
  const field = page.locator(`[data-filter-bar] input[name=${name}]`);
  await field.fill(value);
  await field.press('Tab');
}

describe('the CS operations page', () => {
  it('reads without JavaScript: the lede and one routing card per new client, each to an eligible specialist with the lowest score', async () => {
    const watched = await openPage(browser, origin, { javaScriptEnabled: false });
    const { page } = watched;
    await page.goto(url);
    expect(await page.locator('h1').innerText()).toBe('CS operations');
    expect(await page.locator('.lede').first().innerText()).toMatch(/^How many emails and activities will a new client need\?/);
    const routing = routed(DEFAULT_WEIGHTS);
    expect(newClientCount).toBeGreaterThan(0);
    expect(clients).toHaveLength(newClientCount);
    expect(await page.locator('.lede data[data-figure="new_clients"]').getAttribute('value')).toBe(String(newClientCount));
    expect(await page.locator('.lede data[data-figure="assigned"]').getAttribute('value')).toBe(
      String(routing.assignments.filter((a) => a.winner !== null).length),
    );
    expect(await page.locator('#cs-routing ol.routes > li.route').count()).toBe(newClientCount);
    expect(await page.locator('#cs-routing .route-rule').innerText()).toBe('deal score = 0.70 × interaction band + 0.30 × complexity band.');
    const shown = await cardsShown(page);
    expect(shown).toEqual(decisions(routing));

    // Independently of the routing code: each winner speaks the client's language and covers its
    // scope (the published team), the justification lists exactly the specialists who do either,
    // and the winner is marked and has the lowest score among the eligible.
    const cards = await page.locator('#cs-routing ol.routes > li.route').evaluateAll((items) =>
      items.map((item) => ({
        decision: item.querySelector('.route-decision')?.textContent ?? '',
        rows: [...item.querySelectorAll('details tbody tr')].map((tr) => ({
          cls: tr.getAttribute('class') ?? '',
          cells: [...tr.children].map((cell) => cell.textContent ?? ''),
        })),
      })),
    );
    cards.forEach((card, i) => {
      const client = clients[i]!;
      const [name, winner] = card.decision.split(' → ');
      expect(name).toBe(client.name);
      const skills = team.get(winner!);
      expect(skills, card.decision).toBeDefined();
      expect(skills!.languages, card.decision).toContain(client.language);
      expect(skills!.scopes, card.decision).toContain(client.scope);
      const relevant = [...team].filter(([, s]) => s.languages.includes(client.language) || s.scopes.includes(client.scope)).map(([n]) => n);
      expect(card.rows.map((r) => r.cells[0])).toEqual(relevant.sort());
      for (const row of card.rows) {
        const s = team.get(row.cells[0]!)!;
        expect(row.cells.slice(1, 3)).toEqual([s.languages.includes(client.language) ? 'yes' : 'no', s.scopes.includes(client.scope) ? 'yes' : 'no']);
      }
      expect(card.rows.filter((r) => r.cls === 'selected').map((r) => r.cells[0])).toEqual([winner]);
      const eligible = card.rows.filter((r) => r.cls !== 'ineligible').map((r) => Number(r.cells[3]));
      const winnerScore = Number(card.rows.find((r) => r.cls === 'selected')!.cells[3]);
      expect(winnerScore).toBe(Math.min(...eligible));
    });
    // The lede's routing is the default one too.
    expect(await page.locator('.lede data[data-figure="cv@routed"]').getAttribute('value')).toBe(String(routing.imbalance.routed.cv));
    expectCleanPage(watched);
    await watched.close();
  });

  it('moving the weights re-routes the clients and re-scores the top clients; back restores the defaults, and a workload bar picks a specialist', async () => {
    const before = decisions(routed(DEFAULT_WEIGHTS));
    const after = decisions(routed(MOVED_WEIGHTS));
    // The moved weights must change something for this test to mean anything.
    expect(after.filter((d, i) => d !== before[i]).length).toBeGreaterThan(0);
    // On the default data more than ten open deals have the top bands in both, so the top ten are
    // the same deals under any positive weights; their scores differ once w1 + w2 is not 1 (the
    // intermediate state w1 = 0, w2 = 0.3), and that is checked.
    const defaultTop = (await topClients(DEFAULT_WEIGHTS)).map((r) => r.client);
    const scores = async (weights: ScoreWeights) => (await topClients(weights)).map((r) => formatValue(r.score, 'decimal'));
    expect(await scores(HALFWAY_WEIGHTS)).not.toEqual(await scores(DEFAULT_WEIGHTS));

    const watched = await openPage(browser, origin, { colorScheme: 'light' });
    const { page } = watched;
    await page.goto(url);
    expect(await dashboardState(page)).toBe('ready');
    await filtersShown(page, '');
    expect(await page.locator('[data-filter-bar] input[name=w1]').inputValue()).toBe('0.7');
    expect(await page.locator('[data-filter-bar] input[name=w2]').inputValue()).toBe('0.3');
    await expectRouting(page, DEFAULT_WEIGHTS);
    expect(await expectTopClients(page, DEFAULT_WEIGHTS)).toEqual(defaultTop);

    // The README screenshot: the distribution with two justifications open.
    await page.locator('#cs-routing li.route details summary').nth(0).click();
    await page.locator('#cs-routing li.route details summary').nth(1).click();
    expect(await page.locator('#cs-routing li.route details[open]').count()).toBe(2);
    expect(await spilledJustifications(page)).toEqual([]);
    // From the chart's top to the end of the fourth card (the chart is as long as the 30 cards).
    const clip = await page.evaluate(() => {
      const figure = document.querySelector('#cs-routing')!.getBoundingClientRect();
      const fourth = document.querySelectorAll('#cs-routing li.route')[3]!.getBoundingClientRect();
      return { x: figure.left + scrollX, y: figure.top + scrollY, width: figure.width, height: fourth.bottom - figure.top + 16 };
    });
    await page.screenshot({ path: join(SCREENSHOTS, 'cs-operations-distribution.png'), fullPage: true, clip });

    await setWeight(page, 'w1', '0');
    await filtersShown(page, '?w1=0');
    await expectRouting(page, HALFWAY_WEIGHTS);
    await expectTopClients(page, HALFWAY_WEIGHTS);
    await setWeight(page, 'w2', '1');
    await filtersShown(page, '?w1=0&w2=1');
    expect(new URL(page.url()).search).toBe('?w1=0&w2=1');
    expect(await page.locator('[data-filter-status]').innerText()).toBe(
      'Showing Weight of the interaction band (w1): 0 · Weight of the complexity band (w2): 1',
    );
    expect(await page.locator('#cs-routing .route-rule').innerText()).toBe('deal score = 0.00 × interaction band + 1.00 × complexity band.');
    await expectRouting(page, MOVED_WEIGHTS);
    expect(await cardsShown(page)).toEqual(after);
    await expectTopClients(page, MOVED_WEIGHTS);

    // Back, twice: the default routing, top clients, controls and address.
    await page.goBack();
    await filtersShown(page, '?w1=0');
    await page.goBack();
    await filtersShown(page, '');
    expect(new URL(page.url()).search).toBe('');
    expect(await page.locator('[data-filter-bar] input[name=w1]').inputValue()).toBe('0.7');
    expect(await page.locator('[data-filter-bar] input[name=w2]').inputValue()).toBe('0.3');
    expect(await cardsShown(page)).toEqual(before);
    await expectRouting(page, DEFAULT_WEIGHTS);
    expect(await expectTopClients(page, DEFAULT_WEIGHTS)).toEqual(defaultTop);

    // A workload bar picks its specialist: the address carries it and the ranking marks the row.
    expect(await page.locator('#cs-ranking .chart-body tbody tr.selected').count()).toBe(0);
    const bar = page.locator('#cs-workload [data-filter="cs"]').first();
    const name = (await bar.getAttribute('data-value'))!;
    expect(team.has(name)).toBe(true);
    await bar.dispatchEvent('click');
    await filtersShown(page, `?${new URLSearchParams({ cs: name })}`);
    expect(new URL(page.url()).searchParams.get('cs')).toBe(name);
    expect(await page.locator('select[name=cs]').inputValue()).toBe(name);
    const selected = page.locator('#cs-ranking .chart-body tbody tr.selected');
    expect(await selected.count()).toBe(1);
    expect((await selected.locator('th').innerText()).trim()).toBe(name);
    expectCleanPage(watched);
    await watched.close();
  });

  it('drops invalid and hostile weights from the address with a note, and routes with the defaults', async () => {
    const watched = await openPage(browser, origin);
    const { page } = watched;
    const values = ['2', 'abc', '0.33', '-1', '1e-1', '<script>alert(1)</script>'];
    // A dropped value leaves the parameter unset, so each repeat of w1 is read (and dropped) in turn.
    await page.goto(`${url}?${new URLSearchParams(values.map((v) => ['w1', v]))}`);
    expect(await dashboardState(page)).toBe('ready');
    await filtersShown(page, '');
    expect(await page.locator('[data-notices] .notice.info').allInnerTexts()).toEqual(
      values.map((v) => `Ignored the weight of the interaction band (w1) value "${v}" from the address: it is not a number from 0 to 1 in steps of 0.05.`),
    );
    expect(new URL(page.url()).search, 'the dropped values leave the address').toBe('');
    expect(await page.locator('[data-notices] script').count()).toBe(0);
    expect(await page.locator('[data-filter-status]').innerText()).toBe('Showing all data');
    expect(await page.locator('[data-filter-bar] input[name=w1]').inputValue()).toBe('0.7');
    await expectRouting(page, DEFAULT_WEIGHTS);
    expectCleanPage(watched);
    await watched.close();
  });

  it('does not scroll sideways on a phone, with justifications open', async () => {
    const watched = await openPage(browser, origin, { viewport: { width: 390, height: 844 } });
    const { page } = watched;
    await page.goto(url);
    expect(await dashboardState(page)).toBe('ready');
    await page.locator('#cs-routing li.route details summary').nth(0).click();
    await page.locator('#cs-routing li.route details summary').nth(1).click();
    expect(await spilledJustifications(page)).toEqual([]);
    const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
    expect(innerWidth).toBe(390);
    expect(scrollWidth).toBeLessThanOrEqual(innerWidth);
    await page.screenshot({ path: join(SCREENSHOTS, 'cs-operations-phone.png'), fullPage: true });
    expectCleanPage(watched);
    await watched.close();
  });
});
