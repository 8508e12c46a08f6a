/**
 * The real application (`buildApp` over `openContext`, pino level silent) serving the benchmark
 * database, in its own process so that it does not share an event loop with the load generator.
 */
import { openContext } from '../../src/context/open-context.ts';
import { buildApp } from '../../src/http/app.ts';
import { databaseFileFromEnv, stopWith, tellParent } from './protocol.ts';

const started = performance.now();
try {
  const ctx = await openContext({
    databaseUrl: null,
    sqliteFile: databaseFileFromEnv(),
    today: process.env.BENCH_TODAY ?? '2026-11-28',
    statuteFile: null,
  });
  // BENCH_RESPONSE_CACHE_BYTES=0 measures every request computed afresh (no response cache).
  const cacheBytes = process.env.BENCH_RESPONSE_CACHE_BYTES;
  const app = await buildApp(ctx, {
    logLevel: 'silent',
    ...(cacheBytes !== undefined ? { responseCacheBytes: Number(cacheBytes) } : {}),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  stopWith(async () => {
    await app.close();
    await ctx.close();
  });
  tellParent({ kind: 'ready', port: address.port, startMs: performance.now() - started });
} catch (error) {
  tellParent({ kind: 'failed', error: String(error) });
  process.exit(1);
}
