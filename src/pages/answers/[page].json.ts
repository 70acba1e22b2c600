/** Each interactive page's answers as a static JSON file, fetched by the page after its first paint (src/lib/answers.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { pageAnswers } from '../../build/answers.ts';
import { loadManifest } from '../../build/manifest.ts';
import { PAGES } from '../../build/pages.ts';
import type { PageAnswers } from '../../lib/answers.ts';

export const getStaticPaths = (async () => {
  const manifest = loadManifest();
  const paths = await Promise.all(PAGES.map(async (page) => ({ page, answers: await pageAnswers(page, manifest) })));
  return paths.flatMap(({ page, answers }) => (answers ? [{ params: { page: page.id }, props: { answers } }] : []));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ answers: PageAnswers }> = ({ props }) =>
  new Response(JSON.stringify(props.answers), { headers: { 'Content-Type': 'application/json' } });
