/**
 * The page registry as two virtual modules, generated from the page definition files
 * (`src/lib/pages/*.ts`, plus the folders in REPORT_EXTRA_PAGES, e.g. a test's fixture
 * pages): `virtual:report/pages` imports every definition (build time and tests), and
 * `virtual:report/page-loaders` maps each page id to a lazy import, so the browser loads
 * only the current page's module (its charts) as a chunk of its own. A page's id is its
 * file name; no list of pages is written anywhere else.
 */
import { readdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { Plugin } from 'vite';

const PAGES_MODULE = 'virtual:report/pages';
const LOADERS_MODULE = 'virtual:report/page-loaders';

interface PageModule {
  readonly id: string;
  readonly path: string;
}

function pageModules(dirs: readonly string[]): PageModule[] {
  const modules = dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((file) => file.endsWith('.ts'))
      .sort()
      .map((file) => ({ id: basename(file, '.ts'), path: join(dir, file) })),
  );
  const seen = new Set<string>();
  for (const { id, path } of modules) {
    if (seen.has(id)) throw new Error(`Two page definitions share the id ${id} (${path}).`);
    seen.add(id);
  }
  return modules;
}

/** The Vite plugin; `root` is the project folder, `extra` folders of more page definitions (default: REPORT_EXTRA_PAGES, comma-separated). */
export function reportPages(root: string, extra: readonly string[] = (process.env.REPORT_EXTRA_PAGES ?? '').split(',').filter(Boolean)): Plugin {
  const dirs = [join(root, 'src', 'lib', 'pages'), ...extra.map((dir) => resolve(root, dir))];
  return {
    name: 'report-pages',
    resolveId(id) {
      return id === PAGES_MODULE || id === LOADERS_MODULE ? `\0${id}` : undefined;
    },
    load(id) {
      if (id === `\0${PAGES_MODULE}`) {
        const modules = pageModules(dirs);
        const imports = modules.map((m, i) => `import page${i} from ${JSON.stringify(m.path)};`).join('\n');
        return `${imports}\nexport const pages = [${modules.map((m, i) => `{ id: ${JSON.stringify(m.id)}, definition: page${i} }`).join(', ')}];\n`;
      }
      if (id === `\0${LOADERS_MODULE}`) {
        const entries = pageModules(dirs).map((m) => `${JSON.stringify(m.id)}: () => import(${JSON.stringify(m.path)})`);
        return `export const loaders = {${entries.join(', ')}};\n`;
      }
      return undefined;
    },
  };
}
