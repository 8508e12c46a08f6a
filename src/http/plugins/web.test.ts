import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext } from '../../../test/helpers/test-context.ts';
import type { OpenContext } from '../../context/open-context.ts';
import { buildApp } from '../app.ts';

const INDEX = '<!doctype html><html lang="fa" dir="rtl"><div id="root"></div></html>';
const SCRIPT = 'console.log("تعاون");'.repeat(50);
const html = { accept: 'text/html,application/xhtml+xml' };

let ctx: OpenContext;
let dist: string;
let app: FastifyInstance;

beforeAll(async () => {
  ctx = await createTestContext();
  // A stand-in for web/dist: index.html, a hashed asset with its gzip copy, a root file.
  dist = mkdtempSync(join(tmpdir(), 'taavon-web-'));
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), INDEX);
  writeFileSync(join(dist, 'assets/index-AbC123.js'), SCRIPT);
  writeFileSync(join(dist, 'assets/index-AbC123.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = await buildApp(ctx, { logLevel: 'silent', webRoot: dist });
});

afterAll(async () => {
  await app.close();
  await ctx.close();
  rmSync(dist, { recursive: true, force: true });
});

describe('the web app', () => {
  it.each(['/', '/search?q=تعاونی', '/cooperatives/10103456789', '/open-data', '/no/such/page'])(
    'a browser asking for %s gets index.html, never cached',
    async (url) => {
      const response = await app.inject({ url: encodeURI(url), headers: html });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.body).toBe(INDEX);
    },
  );

  it('hashed assets are cached for a year and sent compressed when the browser accepts it', async () => {
    const plain = await app.inject({ url: '/assets/index-AbC123.js' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(plain.headers['content-type']).toContain('javascript');
    expect(plain.body).toBe(SCRIPT);

    const gzipped = await app.inject({
      url: '/assets/index-AbC123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(gzipped.headers.vary).toContain('accept-encoding');
  });

  it('files at the root of the build are served and revalidated', async () => {
    const response = await app.inject({ url: '/favicon.svg' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('image/svg+xml');
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it.each([
    ['/api/v1/no-such-thing', html],
    ['/api', html],
    ['/assets/missing-123.js', html],
    ['/robots.txt', html],
    ['/cooperatives/10103456789', { accept: 'application/json' }],
  ])('%s is a problem+json 404, not the app', async (url, headers) => {
    const response = await app.inject({ url, headers });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('leaves the API and other routes alone', async () => {
    const provinces = await app.inject({ url: '/api/v1/reference/provinces', headers: html });
    expect(provinces.statusCode).toBe(200);
    expect(provinces.headers['content-type']).toContain('application/json');
    expect((await app.inject({ url: '/healthz' })).json()).toEqual({ ok: true });
    const post = await app.inject({ method: 'POST', url: '/search', headers: html });
    expect(post.statusCode).toBe(404);
  });

  it('says how to build the app when web/dist is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'taavon-web-empty-'));
    const bare = await buildApp(ctx, { logLevel: 'silent', webRoot: empty });
    try {
      const response = await bare.inject({ url: '/', headers: html });
      expect(response.statusCode).toBe(503);
      expect(response.body).toContain('npm run build:web');
      expect((await bare.inject({ url: '/api/v1/nope' })).statusCode).toBe(404);
    } finally {
      await bare.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
