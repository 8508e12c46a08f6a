import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { actorForPerson } from '../access/index.ts';
import { accountsContext, accountsRoutes } from '../accounts/index.ts';
import type { MobileOwnershipVerifier } from '../accounts/mobile-ownership.ts';
import type { AccountSettings, RateLimitSettings } from '../accounts/settings.ts';
import { booksRoutes } from '../books/books.routes.ts';
import type { Mode } from '../config/config.ts';
import type { Context } from '../context/context.ts';
import { feedRoutes } from '../feed/feed.routes.ts';
import { governanceRoutes, type OnDenied, type ResolveActor } from '../governance/governance.routes.ts';
import { ledgerRoutes } from '../ledger/ledger.routes.ts';
import { monitoringRoutes } from '../monitoring/monitoring.routes.ts';
import { newsFeedRoutes, newsRoutes } from '../news/news.routes.ts';
import { notificationsMeRoutes } from '../notifications/notifications.me.routes.ts';
import { notificationsRoutes } from '../notifications/notifications.routes.ts';
import { referenceRoutes } from '../reference/reference.routes.ts';
import { registryRoutes } from '../registry/registry.routes.ts';
import { servicesRoutes } from '../services/services.routes.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { registerSecurity } from './plugins/security.ts';
import { serializerCompiler } from './plugins/serializer.ts';
import { auditRequest, registerSessions } from './plugins/session.ts';
import { registerWebApp } from './plugins/web.ts';
import { createResponseCache } from './response-cache.ts';

export type AppOptions = {
  /** pino level; `silent` in tests and benchmarks. */
  logLevel?: string;
  /** Bytes of serialised public responses to cache per process; 0 disables the cache. */
  responseCacheBytes?: number;
  /** Who is asking (the signed-in person's actor); tests may substitute their own. */
  resolveActor?: ResolveActor;
  /** Records a refused access in the audit log. */
  onDenied?: OnDenied;
  /** `demo` adds the demo-only routes (the outbox); absent means production (none). */
  mode?: Mode;
  /** The built web app to serve (default `web/dist`). */
  webRoot?: string;
  /** Session timeouts, code life and tries, failure limits, scrypt cost (defaults: src/accounts/settings.ts). */
  accounts?: Partial<AccountSettings>;
  /** Request limits; absent or `false` means none (`taavon start` always passes the configured ones). */
  rateLimits?: RateLimitSettings | false;
  /** Origins besides the server's own allowed to make state-changing requests. */
  allowedOrigins?: string[];
  /** The national mobile-ownership check (default: accept the registry's mobile). */
  mobileOwnership?: MobileOwnershipVerifier;
  /** Trust X-Forwarded-For (behind a proxy). */
  trustProxy?: boolean;
  /** The largest document the single window accepts (default 10 MB). */
  maxUploadBytes?: number;
};

/**
 * Builds the HTTP application over a context. Tests call this and use `app.inject`; the server
 * command calls it and listens. Routes are thin: schema → use case → response schema.
 */
export async function buildApp(ctx: Context, options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    bodyLimit: 1_048_576,
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    trustProxy: options.trustProxy ?? false,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);
  const actx = accountsContext(ctx, options.accounts, options.mobileOwnership);
  await registerSecurity(app, {
    rateLimits: options.rateLimits ?? false,
    allowedOrigins: options.allowedOrigins ?? [],
  });
  await registerSessions(app, actx);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Taavon API — سامانهٔ جامع و هوشمند بخش تعاون',
        version: '1',
        description: 'The public registry of cooperatives, open data and the change feed.',
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(
    async (api) => {
      await api.register(
        registryRoutes(ctx, createResponseCache(options.responseCacheBytes ?? 64 * 1024 * 1024)),
      );
      await api.register(feedRoutes(ctx));
      await api.register(referenceRoutes(ctx));
      await api.register(accountsRoutes(actx, options.rateLimits ?? false));
      await api.register(notificationsRoutes(ctx, { mode: options.mode ?? 'production' }));
      await api.register(notificationsMeRoutes(ctx));
      const resolveActor: ResolveActor =
        options.resolveActor ??
        (async (request) => (request.auth ? actorForPerson(ctx.db, request.auth.personId) : null));
      const onDenied: OnDenied =
        options.onDenied ??
        ((request, action, target) =>
          auditRequest(request, { action: 'access.denied', target, outcome: 'denied', details: { action } }));
      await api.register(governanceRoutes(ctx, resolveActor, onDenied));
      await api.register(ledgerRoutes(ctx, resolveActor, onDenied));
      await api.register(booksRoutes(ctx, resolveActor, onDenied));
      await api.register(monitoringRoutes(ctx, resolveActor, onDenied));
      await api.register(
        servicesRoutes(
          ctx,
          resolveActor,
          options.maxUploadBytes ? { maxUploadBytes: options.maxUploadBytes } : {},
        ),
      );
      await api.register(newsRoutes(ctx, resolveActor, onDenied));
    },
    { prefix: '/api/v1' },
  );
  // The news feed at the root, where feed readers look for it; before the web app's catch-all.
  await app.register(newsFeedRoutes(ctx));
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  // The web app (web/dist): assets, and index.html for page URLs; its catch-all GET yields to every other route.
  await registerWebApp(app, options.webRoot);

  return app;
}
