import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../../', import.meta.url));

/** What the web build is made from: the app, its config, and the server modules it bundles. */
const WEB_SOURCES = [
  'web/src',
  'web/public',
  'web/index.html',
  'vite.config.ts',
  'src/calendar/format.ts',
  'src/calendar/jalali.ts',
  'src/calendar/iso.ts',
  'src/registry/cooperative-status.ts',
];

/** The file whose age tells when the build was made (written last by `vite build`). */
const BUILD_STAMP = 'web/dist/.vite/manifest.json';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    stat.mtimeMs,
  );
}

/** Whether `web/dist` is missing or older than any of its sources. */
export function webBuildIsStale(repo: string = REPO): boolean {
  const stamp = join(repo, BUILD_STAMP);
  if (!existsSync(stamp) || !existsSync(join(repo, 'web/dist/index.html'))) return true;
  const built = statSync(stamp).mtimeMs;
  return WEB_SOURCES.some((source) => newestMtime(join(repo, source)) > built);
}

/**
 * Builds the web app with Vite when it is missing or stale (a few seconds). Vite is a
 * development dependency: an installation without it serves whatever build it has.
 */
export async function ensureWebBuilt(
  options: { log?: (line: string) => void; repo?: string } = {},
): Promise<'fresh' | 'built' | 'unavailable'> {
  const repo = options.repo ?? REPO;
  if (!webBuildIsStale(repo)) return 'fresh';
  let vite: typeof import('vite');
  try {
    vite = await import('vite');
  } catch {
    options.log?.(
      'web app: not built and Vite is not installed; run `npm install` then `npm run build:web`\n',
    );
    return 'unavailable';
  }
  options.log?.('web app: building (vite build)…\n');
  const started = Date.now();
  await vite.build({ configFile: join(repo, 'vite.config.ts'), logLevel: 'warn' });
  options.log?.(`web app: built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

  return 'built';
}
