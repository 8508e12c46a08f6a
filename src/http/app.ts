import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Context } from '../context/context.ts';
import { feedRoutes } from '../feed/feed.routes.ts';
import { governanceRoutes, type OnDenied, type ResolveActor } from '../governance/governance.routes.ts';
import { referenceRoutes } from '../reference/reference.routes.ts';
import { registryRoutes } from '../registry/registry.routes.ts';
import { homePage } from './home-page.ts';
import { registerErrorHandling } from './plugins/errors.ts';
import { serializerCompiler } from './plugins/serializer.ts';
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
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandling(app);

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
      await api.register(
        governanceRoutes(ctx, options.resolveActor ?? (async () => null), options.onDenied ?? (async () => {})),
      );
    },
    { prefix: '/api/v1' },
  );
  app.get('/healthz', { schema: { hide: true } }, async () => ({ ok: true }));
  app.get('/', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(homePage),
  );

  return app;
}
