import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AUTH_MESSAGES } from '../../accounts/messages.ts';
import type { RateLimitSettings } from '../../accounts/settings.ts';
import { AppError } from '../../errors/app-error.ts';
import { auditRequest, SESSION_COOKIE } from './session.ts';

export type SecurityOptions = {
  /** Request limits; `false` turns them off (tests and benchmarks that are not about them). */
  rateLimits: RateLimitSettings | false;
  /** Origins allowed to make state-changing requests besides the server's own. */
  allowedOrigins: string[];
};

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Paths whose answers are private to the signed-in person: never stored by any cache. */
const PRIVATE_PREFIXES = ['/api/v1/me', '/api/v1/auth'];

/** What the global per-IP limit covers: the API and every state change; static assets are exempt. */
export function isRateLimited(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/') || STATE_CHANGING.has(request.method);
}

function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** The `host:port` an origin names, with the scheme's default port made explicit. */
function hostPort(origin: URL): string {
  const port = origin.port || (origin.protocol === 'https:' ? '443' : '80');
  return `${origin.hostname.toLowerCase()}:${port}`;
}

/** The origin of a request's Origin header, or of its Referer when there is no Origin. */
function requestOrigin(request: FastifyRequest): string | null {
  const origin = request.headers.origin;
  if (typeof origin === 'string' && origin !== '') return origin;
  const referer = request.headers.referer;
  if (typeof referer === 'string' && referer !== '') {
    try {
      return new URL(referer).origin;
    } catch {
      return 'null';
    }
  }

  return null;
}

/**
 * Whether `origin` is the service itself: one of the configured origins, or the same host and
 * port the request was sent to (the Host header, with the origin's scheme default port).
 */
export function isOwnOrigin(origin: string, host: string | undefined, allowed: ReadonlySet<string>): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.origin === 'null' || (url.protocol !== 'http:' && url.protocol !== 'https:')) return false;
  if (allowed.has(url.origin)) return true;
  if (!host) return false;
  let hostUrl: URL;
  try {
    hostUrl = new URL(`${url.protocol}//${host}`);
  } catch {
    return false;
  }

  return hostPort(url) === hostPort(hostUrl);
}

/** Sends a 429 as our problem body with Retry-After (seconds). */
function rateLimited(reply: FastifyReply, seconds: number): AppError {
  reply.header('retry-after', String(Math.max(1, seconds)));

  return new AppError('RATE_LIMITED');
}

/**
 * The protection every response gets:
 * - security headers (@fastify/helmet): CSP `default-src 'self'`, `frame-ancestors 'none'`,
 *   `object-src 'none'`, `base-uri 'self'`; HSTS for a year; nosniff; no referrer across sites.
 *   `style-src` allows 'unsafe-inline' because MUI/emotion injects <style> elements at run time
 *   (scripts stay 'self' only);
 * - a global per-IP request limit on the API (static assets exempt), as configuration;
 * - CSRF defence beyond SameSite=Lax: a state-changing request whose Origin (or Referer) is not
 *   the service's own is refused, and one that carries the session cookie must say its Origin;
 * - `Cache-Control: no-store` on private answers (/api/v1/me…, /api/v1/auth…, and anything
 *   answered to a signed-in person that did not choose its own caching).
 * Register before the routes and before the session plugin.
 */
export async function registerSecurity(app: FastifyInstance, options: SecurityOptions): Promise<void> {
  const allowed = new Set(options.allowedOrigins.map((o) => new URL(o).origin));

  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        fontSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
      },
    },
    strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
    referrerPolicy: { policy: 'same-origin' },
  });

  if (options.rateLimits) {
    const limits = options.rateLimits;
    await app.register(rateLimit, { global: false });
    const perIp = app.createRateLimit({ max: limits.globalPerMinute, timeWindow: 60_000 });
    app.addHook('onRequest', async (request, reply) => {
      if (!isRateLimited(request)) return;
      const limit = await perIp(request);
      if (!limit.isAllowed && limit.isExceeded) throw rateLimited(reply, limit.ttlInSeconds);
    });
  }

  app.addHook('onRequest', async (request) => {
    if (!STATE_CHANGING.has(request.method)) return;
    const origin = requestOrigin(request);
    const hasSession =
      typeof request.headers.cookie === 'string' && request.headers.cookie.includes(SESSION_COOKIE);
    const refused =
      origin !== null ? !isOwnOrigin(origin, request.headers.host, allowed) : hasSession ? 'missing' : false;
    if (!refused) return;
    await auditRequest(request, {
      actorPersonId: null,
      action: 'access.denied',
      target: `route:${request.method} ${pathOf(request.url)}`,
      outcome: 'denied',
      details: { reason: refused === 'missing' ? 'origin_missing' : 'cross_origin', origin },
    });
    throw new AppError('FORBIDDEN', { message: AUTH_MESSAGES.crossOrigin });
  });

  // Bad input on a state change (schema violations such as a forged `role` or an over-long field,
  // malformed JSON, `__proto__`, an oversized body) leaves an audit record. Use cases record their
  // own refusals (AppError), and 429s are not recorded (a flood must not become database writes).
  app.addHook('onError', async (request, _reply, error) => {
    if (error instanceof AppError || !STATE_CHANGING.has(request.method)) return;
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status < 400 || status >= 500 || status === 429) return;
    const validation = Array.isArray(error.validation) ? error.validation : [];
    await auditRequest(request, {
      action: 'request.rejected',
      target: `route:${request.method} ${request.routeOptions.url ?? pathOf(request.url)}`,
      outcome: 'failure',
      details: {
        status,
        code: typeof error.code === 'string' ? error.code : null,
        fields: validation.slice(0, 20).map((v) => {
          const params = v.params as { keys?: unknown } | undefined;
          const keys = Array.isArray(params?.keys) ? `:${params.keys.slice(0, 5).join(',')}` : '';
          return `${v.instancePath}${keys}`;
        }),
      },
    });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const path = pathOf(request.url);
    if (PRIVATE_PREFIXES.some((p) => path === p || path.startsWith(`${p}/`))) {
      reply.header('cache-control', 'no-store');
    } else if (request.auth && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }

    return payload;
  });
}

/**
 * The per-route limit of sign-in, activation and recovery: `signInPerMinute` per IP (counted on
 * every request, malformed ones too) and per national code (counted once the body is valid).
 * Returns the route hooks; empty when limits are off.
 */
export function signInLimits(
  app: FastifyInstance,
  rateLimits: RateLimitSettings | false,
  group: string,
): {
  onRequest: Array<(request: FastifyRequest, reply: FastifyReply) => Promise<void>>;
  preHandler: Array<(request: FastifyRequest, reply: FastifyReply) => Promise<void>>;
} {
  if (!rateLimits) return { onRequest: [], preHandler: [] };
  const window = { max: rateLimits.signInPerMinute, timeWindow: 60_000 };
  const perIp = app.createRateLimit({ ...window, keyGenerator: (r) => `${group}:ip:${r.ip}` });
  const perAccount = app.createRateLimit({
    ...window,
    keyGenerator: (r) => {
      const body = r.body as { nationalCode?: unknown } | undefined;
      return `${group}:nc:${typeof body?.nationalCode === 'string' ? body.nationalCode : ''}`;
    },
  });
  const check =
    (limiter: typeof perIp, when: (r: FastifyRequest) => boolean) =>
    async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
      if (!when(request)) return;
      const limit = await limiter(request);
      if (!limit.isAllowed && limit.isExceeded) throw rateLimited(reply, limit.ttlInSeconds);
    };
  const hasNationalCode = (r: FastifyRequest) =>
    typeof (r.body as { nationalCode?: unknown } | undefined)?.nationalCode === 'string';

  return { onRequest: [check(perIp, () => true)], preHandler: [check(perAccount, hasNationalCode)] };
}
