import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Action } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import { runWrite, type Write } from '../context/write.ts';
import { AppError } from '../errors/app-error.ts';
import { cooperativeAuthorizer, type OnDenied, type ResolveActor } from '../http/cooperative-access.ts';
import {
  findSupervisedCooperatives,
  supervisionQuerySchema,
} from '../supervision/find-supervised-cooperatives.ts';
import {
  assemblySchema,
  declarationSchema,
  filingSchema,
  membershipSchema,
  officerSchema,
} from './governance.schemas.ts';
import { listMyCooperatives } from './list-my-cooperatives.ts';
import {
  appointOfficer,
  declareInterest,
  recordAssembly,
  recordFiling,
  recordMembership,
} from './record-governance.ts';

export type { OnDenied, ResolveActor };

const legalIdParams = z.object({ legalId: z.string().regex(/^\d{11}$/) });
const created = { 201: z.object({ ok: z.literal(true) }) };

const WRITES: Array<{ path: string; action: Action; body: z.ZodType; write: Write<never, unknown> }> = [
  {
    path: 'assemblies',
    action: 'cooperative.record_assembly',
    body: assemblySchema.omit({ cooperativeLegalId: true }),
    write: recordAssembly as Write<never, unknown>,
  },
  {
    path: 'filings',
    action: 'cooperative.record_filing',
    body: filingSchema.omit({ cooperativeLegalId: true }),
    write: recordFiling as Write<never, unknown>,
  },
  {
    path: 'officers',
    action: 'cooperative.record_officer',
    body: officerSchema.omit({ cooperativeLegalId: true }),
    write: appointOfficer as Write<never, unknown>,
  },
  {
    path: 'declarations',
    action: 'cooperative.record_declaration',
    body: declarationSchema.omit({ cooperativeLegalId: true }),
    write: declareInterest as Write<never, unknown>,
  },
  {
    path: 'members',
    action: 'cooperative.record_member',
    body: membershipSchema.omit({ cooperativeLegalId: true }),
    write: recordMembership as Write<never, unknown>,
  },
];

/**
 * Authenticated registry writes — assemblies, filings, officers, declarations of interest,
 * members — for the cooperative in the path, as the policy table allows (`src/access`), and
 * the ministry officer's supervision list. The body never names the cooperative: it comes from
 * the path, and a body carrying `cooperativeId`, `role` or any unknown field is rejected.
 */
export function governanceRoutes(
  ctx: Context,
  resolveActor: ResolveActor,
  onDenied: OnDenied,
): FastifyPluginAsyncZod {
  const authorize = cooperativeAuthorizer(ctx, resolveActor, onDenied);

  return async (app) => {
    for (const { path, action, body, write } of WRITES) {
      app.post(
        `/cooperatives/:legalId/${path}`,
        {
          schema: {
            tags: ['governance'],
            summary: `Record ${path} of a cooperative (policy: ${action})`,
            params: legalIdParams,
            body,
            response: created,
          },
        },
        async (request, reply) => {
          const { legalId } = request.params;
          await authorize(request, action, legalId);
          await runWrite(write, ctx, { ...(request.body as object), cooperativeLegalId: legalId });

          return reply.status(201).send({ ok: true as const });
        },
      );
    }

    app.get(
      '/me/cooperatives',
      { schema: { tags: ['me'], summary: 'My cooperatives: memberships, shares and offices' } },
      async (request, reply) => {
        const actor = await resolveActor(request);
        if (!actor) throw new AppError('UNAUTHORIZED');

        return reply
          .header('cache-control', 'no-store')
          .send({ items: await listMyCooperatives(ctx, actor.personId) });
      },
    );

    app.get(
      '/supervision/cooperatives',
      {
        schema: {
          tags: ['supervision'],
          summary: "A ministry officer's cooperatives, with overdue obligations first",
          querystring: z
            .record(z.string(), z.string())
            .describe(Object.keys(supervisionQuerySchema.shape).join(', ')),
        },
      },
      async (request, reply) => {
        const actor = await resolveActor(request);
        if (!actor) throw new AppError('UNAUTHORIZED');
        try {
          return reply
            .header('cache-control', 'no-store')
            .send(await findSupervisedCooperatives(ctx, actor, request.query));
        } catch (error) {
          if (error instanceof AppError && error.code === 'FORBIDDEN') {
            await onDenied(request, 'supervision.read', 'supervision');
          }
          throw error;
        }
      },
    );
  };
}
