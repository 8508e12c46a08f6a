import type { FastifyRequest } from 'fastify';
import { type Action, type Actor, isAllowed } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import * as registry from '../registry/registry.repository.ts';

/** How a route learns who is asking: the actor of the signed-in person, or null. */
export type ResolveActor = (request: FastifyRequest) => Promise<Actor | null>;

/** Called on every refusal, so that denied access is audited. */
export type OnDenied = (request: FastifyRequest, action: Action, target: string) => Promise<void>;

export type Authorized = {
  actor: Actor;
  coop: NonNullable<Awaited<ReturnType<typeof registry.findCooperativeByLegalId>>>;
};

/**
 * The check every cooperative-scoped route makes: a signed-in actor (else 401), a cooperative
 * with that legal ID (else 404), and the policy table's grant for the action there (else an
 * audited 403).
 */
export function cooperativeAuthorizer(ctx: Context, resolveActor: ResolveActor, onDenied: OnDenied) {
  return async (request: FastifyRequest, action: Action, legalId: string): Promise<Authorized> => {
    const actor = await resolveActor(request);
    if (!actor) throw new AppError('UNAUTHORIZED');
    const coop = await registry.findCooperativeByLegalId(ctx.db, legalId);
    if (!coop)
      throw new AppError('NOT_FOUND', { message: { fa: 'تعاونی پیدا نشد', en: 'Cooperative not found' } });
    const place = { cooperativeId: coop.id, provinceId: coop.province_id, countyId: coop.county_id };
    if (!isAllowed(actor, action, place)) {
      await onDenied(request, action, `cooperative:${legalId}`);
      throw new AppError('FORBIDDEN');
    }

    return { actor, coop };
  };
}
