import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isAllowed } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { cooperativeAuthorizer, type OnDenied, type ResolveActor } from '../http/cooperative-access.ts';
import * as registry from '../registry/registry.repository.ts';
import { listAlerts, riskByRegion, riskOf, transitionAlert, transitionSchema } from './alerts.ts';
import { RULES } from './catalogue.ts';
import * as repo from './monitoring.repository.ts';
import { loadThresholds, setThresholds } from './thresholds.ts';

const legalIdParams = z.object({ legalId: z.string().regex(/^\d{11}$/) });
const alertParams = legalIdParams.extend({
  alertId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
const bilingual = z.object({ fa: z.string(), en: z.string() });
const alertSchema = z.object({
  id: z.number().int(),
  ruleId: z.string(),
  category: z.string(),
  severity: z.string(),
  status: z.string(),
  public: z.boolean(),
  title: bilingual,
  explanation: bilingual,
  basis: bilingual,
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  evidence: z.object({
    entries: z.array(z.number().int()),
    amountsRials: z.array(z.number()).optional(),
    dates: z.array(z.string()).optional(),
    people: z.array(z.string()).optional(),
    externalIds: z.array(z.string()).optional(),
  }),
  stillFound: z.boolean(),
  openedAt: z.string(),
  lastSeenAt: z.string(),
  closedAt: z.string().nullable(),
  events: z.array(
    z.object({ action: z.string(), text: z.string().nullable(), by: z.string().nullable(), at: z.string() }),
  ),
});
const riskSchema = z.object({
  score: z.number().int(),
  parts: z.array(
    z.object({
      ruleId: z.string(),
      title: bilingual,
      severity: z.string(),
      count: z.number().int(),
      weight: z.number().int(),
    }),
  ),
});
const transitioned = {
  201: z.object({ ok: z.literal(true), entry: z.object({ index: z.number().int(), leafHash: z.string() }) }),
};

/**
 * Red flags over HTTP. Public: the rule catalogue and a cooperative's governance flags. Members,
 * officers, the inspector and the region's ministry officers: every alert with its evidence and
 * the risk score. The board answers; the inspector (or the region's officer) resolves or dismisses.
 * Ministry officers: risk by province, field and rule. Administrators: rule thresholds.
 */
export function monitoringRoutes(
  ctx: Context,
  resolveActor: ResolveActor,
  onDenied: OnDenied,
): FastifyPluginAsyncZod {
  const authorize = cooperativeAuthorizer(ctx, resolveActor, onDenied);

  return async (app) => {
    app.get(
      '/monitoring/rules',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'The rule catalogue: ids, words, legal basis, severity and current thresholds (public)',
          response: {
            200: z.object({
              items: z.array(
                z.object({
                  id: z.string(),
                  category: z.string(),
                  severity: z.string(),
                  public: z.boolean(),
                  title: bilingual,
                  explanation: bilingual,
                  basis: bilingual,
                  thresholds: z.record(z.string(), z.unknown()),
                }),
              ),
            }),
          },
        },
      },
      async () => {
        const thresholds = await loadThresholds(ctx.db);

        return {
          items: RULES.map((r) => ({
            id: r.id,
            category: r.category,
            severity: r.severity,
            public: r.public,
            title: r.title,
            explanation: r.explanation,
            basis: r.basis,
            thresholds: thresholds.get(r.id) ?? {},
          })),
        };
      },
    );

    app.put(
      '/monitoring/rules/:ruleId/thresholds',
      {
        schema: {
          tags: ['monitoring'],
          summary: "Set a rule's thresholds (administrators); every bad field is named",
          params: z.object({ ruleId: z.string().max(100) }),
          body: z.record(z.string(), z.unknown()),
          response: { 200: z.object({ ruleId: z.string(), thresholds: z.record(z.string(), z.unknown()) }) },
        },
      },
      async (request) => {
        const actor = await resolveActor(request);
        if (!actor) throw new AppError('UNAUTHORIZED');
        if (!isAllowed(actor, 'monitoring.configure', null)) {
          await onDenied(request, 'monitoring.configure', `rule:${request.params.ruleId}`);
          throw new AppError('FORBIDDEN');
        }
        const thresholds = await setThresholds(
          ctx,
          request.params.ruleId,
          request.body,
          actor.personId || null,
        );

        return { ruleId: request.params.ruleId, thresholds };
      },
    );

    app.get(
      '/cooperatives/:legalId/flags',
      {
        schema: {
          tags: ['monitoring'],
          summary: "A cooperative's open governance flags (public)",
          params: legalIdParams,
          response: { 200: z.object({ items: z.array(alertSchema) }) },
        },
      },
      async (request) => {
        const coop = await registry.findCooperativeByLegalId(ctx.db, request.params.legalId);
        if (!coop) throw new AppError('NOT_FOUND');

        return { items: await listAlerts(ctx.db, coop.id, { publicOnly: true }) };
      },
    );

    app.get(
      '/cooperatives/:legalId/alerts',
      {
        schema: {
          tags: ['monitoring'],
          summary: 'Every alert of a cooperative with its evidence, and its risk score (policy: alerts.read)',
          params: legalIdParams,
          response: { 200: z.object({ items: z.array(alertSchema), risk: riskSchema }) },
        },
      },
      async (request, reply) => {
        const { coop } = await authorize(request, 'alerts.read', request.params.legalId);
        const items = await listAlerts(ctx.db, coop.id, { publicOnly: false });

        return reply.header('cache-control', 'no-store').send({ items, risk: riskOf(items) });
      },
    );

    for (const [path, to, action] of [
      ['answer', 'answered', 'alerts.answer'],
      ['resolve', 'resolved', 'alerts.close'],
      ['dismiss', 'dismissed', 'alerts.close'],
    ] as const) {
      app.post(
        `/cooperatives/:legalId/alerts/:alertId/${path}`,
        {
          schema: {
            tags: ['monitoring'],
            summary: `${path} an alert with a written ${to === 'answered' ? 'response' : 'reason'} (policy: ${action}); appends a ledger entry`,
            params: alertParams,
            body: transitionSchema,
            response: transitioned,
          },
        },
        async (request, reply) => {
          const { coop, actor } = await authorize(request, action, request.params.legalId);
          const logged = await transitionAlert(ctx, {
            cooperativeId: coop.id,
            alertId: request.params.alertId,
            personId: actor.personId,
            to,
            input: request.body,
          });

          return reply.status(201).send({ ok: true as const, entry: logged.entry });
        },
      );
    }

    app.put(
      '/me/follows/:legalId',
      {
        schema: {
          tags: ['monitoring'],
          summary: "Follow a cooperative's public flags (signed in)",
          params: legalIdParams,
          response: { 200: z.object({ following: z.boolean() }) },
        },
      },
      async (request) => {
        const actor = await resolveActor(request);
        if (!actor) throw new AppError('UNAUTHORIZED');
        const coop = await registry.findCooperativeByLegalId(ctx.db, request.params.legalId);
        if (!coop) throw new AppError('NOT_FOUND');
        await repo.follow(ctx.db, actor.personId, coop.id, ctx.clock.now().toISOString());

        return { following: true };
      },
    );

    app.delete(
      '/me/follows/:legalId',
      {
        schema: {
          tags: ['monitoring'],
          summary: "Stop following a cooperative's flags (signed in)",
          params: legalIdParams,
          response: { 200: z.object({ following: z.boolean() }) },
        },
      },
      async (request) => {
        const actor = await resolveActor(request);
        if (!actor) throw new AppError('UNAUTHORIZED');
        const coop = await registry.findCooperativeByLegalId(ctx.db, request.params.legalId);
        if (!coop) throw new AppError('NOT_FOUND');
        await repo.unfollow(ctx.db, actor.personId, coop.id);

        return { following: false };
      },
    );

    app.get(
      '/supervision/risk',
      {
        schema: {
          tags: ['monitoring'],
          summary:
            'Risk by province, field and rule over open alerts, within the officer’s region (policy: supervision.read)',
          response: {
            200: z.object({
              byProvince: z.array(
                z.object({
                  provinceId: z.number().int(),
                  name: z.string(),
                  score: z.number().int(),
                  alerts: z.number().int(),
                  high: z.number().int(),
                  cooperatives: z.number().int(),
                }),
              ),
              byField: z.array(
                z.object({
                  fieldCode: z.string(),
                  score: z.number().int(),
                  alerts: z.number().int(),
                  high: z.number().int(),
                  cooperatives: z.number().int(),
                }),
              ),
              byRule: z.array(
                z.object({
                  ruleId: z.string(),
                  title: bilingual,
                  score: z.number().int(),
                  alerts: z.number().int(),
                  high: z.number().int(),
                  cooperatives: z.number().int(),
                }),
              ),
            }),
          },
        },
      },
      async (request, reply) => {
        const actor = await resolveActor(request);
        if (!actor) throw new AppError('UNAUTHORIZED');
        const officer =
          actor.staff.find((s) => s.kind === 'officer') ?? actor.staff.find((s) => s.kind === 'admin');
        if (!officer) {
          await onDenied(request, 'supervision.read', 'risk');
          throw new AppError('FORBIDDEN');
        }
        const scope =
          officer.kind === 'admin'
            ? {}
            : officer.scope === 'province'
              ? { provinceId: officer.provinceId }
              : officer.scope === 'county'
                ? { provinceId: officer.provinceId, countyId: officer.countyId }
                : {};

        return reply.header('cache-control', 'no-store').send(await riskByRegion(ctx, scope));
      },
    );
  };
}
