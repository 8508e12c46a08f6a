import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `vite build` puts the web app (vite.config.ts). */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Hashed file names never change content: cache them for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Files at the root of the build (favicon, robots.txt) that a page may ask for by name. */
const ROOT_FILE = /^\/[A-Za-z0-9._-]+\.[A-Za-z0-9]+$/;

/** Browsers ask for pages with `Accept: text/html`; API clients that ask for JSON get a problem. */
function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  if (accept === undefined || accept === '') return true;
  return accept.includes('text/html') || accept.includes('*/*');
}

function isApiPath(url: string): boolean {
  return url === '/api' || url.startsWith('/api/') || url.startsWith('/api?');
}

const NOT_BUILT = `<!doctype html><html lang="fa" dir="rtl"><meta charset="utf-8"><title>تعاون</title>
<p>برنامهٔ وب هنوز ساخته نشده است: <code>npm run build:web</code></p>
<p lang="en" dir="ltr">The web app is not built yet: run <code>npm run build:web</code> (npm start does it for you).</p></html>`;

/**
 * Serves the web app: hashed assets under /assets/ (pre-compressed, cached for a year), the
 * files at the root of the build, and index.html (`no-cache`) for every other GET that asks for
 * HTML, so the app's own router shows the page. /api/* and non-HTML requests that match nothing
 * keep the API's problem+json 404.
 */
export async function registerWebApp(app: FastifyInstance, root: string = WEB_DIST): Promise<void> {
  const built = existsSync(join(root, 'index.html'));

  if (built) {
    await app.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/assets/',
      wildcard: true,
      preCompressed: true,
      cacheControl: false,
      serveDotFiles: false,
      index: false,
      schemaHide: true,
      // Only hashed assets are immutable; index.html and root files are revalidated every time.
      setHeaders: (reply) => {
        reply.header('cache-control', reply.request.url.startsWith('/assets/') ? IMMUTABLE : 'no-cache');
      },
    });
  }

  const sendIndex = (reply: FastifyReply): FastifyReply => {
    if (!built) return reply.status(503).type('text/html; charset=utf-8').send(NOT_BUILT);
    return reply.header('cache-control', 'no-cache').sendFile('index.html', root);
  };

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (isApiPath(path)) return reply.callNotFound();
    if (built && ROOT_FILE.test(path) && path !== '/index.html' && existsSync(join(root, path))) {
      return reply.header('cache-control', 'no-cache').sendFile(path.slice(1), root);
    }
    if (!wantsHtml(request) || /\.[A-Za-z0-9]+$/.test(path)) return reply.callNotFound();

    return sendIndex(reply);
  });
}
