/**
 * The JavaScript budget of the public pages (DESIGN.md: ≤ 250 KB gzip on first load).
 * Reads the Vite manifest of `web/dist`, follows the static imports of the entry and of each
 * public page's chunk, and sums the gzip sizes of every JavaScript file they need. Prints a
 * line per page and the total for all public pages together; exits 1 over budget.
 *
 *   node --import tsx web/scripts/bundle-size.ts [--json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const BUDGET_BYTES = 250 * 1024;

/** The modules of the public pages (web/src/app/router.tsx) and the English messages. */
export const PUBLIC_MODULES = [
  'src/pages/HomePage.tsx',
  'src/pages/SearchPage.tsx',
  'src/pages/CooperativePage.tsx',
  'src/pages/OpenDataPage.tsx',
  'src/pages/NotFoundPage.tsx',
  'src/i18n/en.ts',
];

type ManifestChunk = { file: string; isEntry?: boolean; imports?: string[]; css?: string[] };
type Manifest = Record<string, ManifestChunk>;

export type BundleReport = {
  entry: number;
  pages: { module: string; bytes: number }[];
  /** Entry plus every public page and what they import, each file counted once. */
  allPublic: number;
  css: number;
  budget: number;
};

function closure(manifest: Manifest, keys: string[], seen = new Set<string>()): Set<string> {
  for (const key of keys) {
    const chunk = manifest[key];
    if (!chunk || seen.has(key)) continue;
    seen.add(key);
    closure(manifest, chunk.imports ?? [], seen);
  }
  return seen;
}

/** Measures the build in `dist` (default `web/dist`). */
export function measureBundle(dist = fileURLToPath(new URL('../dist', import.meta.url))): BundleReport {
  const manifest = JSON.parse(readFileSync(join(dist, '.vite/manifest.json'), 'utf8')) as Manifest;
  const gzipSizes = new Map<string, number>();
  const gz = (file: string) => {
    let size = gzipSizes.get(file);
    if (size === undefined) {
      size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length;
      gzipSizes.set(file, size);
    }
    return size;
  };
  const bytesOf = (keys: Set<string>) =>
    [...new Set([...keys].map((k) => manifest[k]?.file ?? ''))]
      .filter((f) => f.endsWith('.js'))
      .reduce((sum, f) => sum + gz(f), 0);

  const entryKey = Object.keys(manifest).find((k) => manifest[k]?.isEntry);
  if (!entryKey) throw new Error('no entry in the Vite manifest');
  const entry = closure(manifest, [entryKey]);
  const missing = PUBLIC_MODULES.filter((m) => !manifest[m]);
  if (missing.length > 0) throw new Error(`not in the Vite manifest: ${missing.join(', ')}`);
  const pages = PUBLIC_MODULES.map((module) => ({
    module,
    bytes: bytesOf(closure(manifest, [entryKey, module])),
  }));
  const everything = closure(manifest, [entryKey, ...PUBLIC_MODULES]);
  const cssFiles = new Set([...everything].flatMap((k) => manifest[k]?.css ?? []));

  return {
    entry: bytesOf(entry),
    pages,
    allPublic: bytesOf(everything),
    css: [...cssFiles].reduce((sum, f) => sum + gz(f), 0),
    budget: BUDGET_BYTES,
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = measureBundle();
  if (process.argv.includes('--json')) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(`public pages, JavaScript (gzip), budget ${kb(report.budget)}:\n`);
    process.stdout.write(`  entry alone                     ${kb(report.entry)}\n`);
    for (const p of report.pages) process.stdout.write(`  ${p.module.padEnd(32)}${kb(p.bytes)}\n`);
    process.stdout.write(
      `  all public pages together       ${kb(report.allPublic)}  (CSS ${kb(report.css)})\n`,
    );
  }
  if (report.allPublic > report.budget) {
    process.stderr.write(`over budget: ${kb(report.allPublic)} > ${kb(report.budget)}\n`);
    process.exit(1);
  }
}
