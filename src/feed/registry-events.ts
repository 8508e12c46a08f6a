import type { Executor } from '../db/database.ts';

/** Kinds of public registry events in the change feed (what Companies House streams). */
export type RegistryEventKind =
  | 'cooperative.registered'
  | 'cooperative.updated'
  | 'cooperative.status_changed'
  | 'cooperative.members_changed'
  | 'officer.appointed'
  | 'officer.ended'
  | 'assembly.recorded'
  | 'filing.recorded';

/**
 * Appends one event to the public change feed, in the caller's transaction. The payload must
 * hold public data only: it is served to anyone.
 */
export async function appendRegistryEvent(
  db: Executor,
  event: { cooperativeId: number | null; kind: RegistryEventKind; occurredAt: string; payload: object },
): Promise<void> {
  await db
    .insertInto('registry_events')
    .values({
      cooperative_id: event.cooperativeId,
      kind: event.kind,
      occurred_at: event.occurredAt,
      payload: JSON.stringify(event.payload),
    })
    .execute();
}

/** Events after `after` (exclusive), oldest first, at most `limit`. */
export async function listRegistryEventsAfter(db: Executor, after: number, limit: number) {
  return db
    .selectFrom('registry_events as e')
    .leftJoin('cooperatives as c', 'c.id', 'e.cooperative_id')
    .select(['e.id', 'e.kind', 'e.occurred_at', 'e.payload', 'c.legal_id'])
    .where('e.id', '>', after)
    .orderBy('e.id')
    .limit(limit)
    .execute();
}

/** The newest event id, or 0 for an empty feed. */
export async function latestRegistryEventId(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('registry_events')
    .select((eb) => eb.fn.max('id').as('max'))
    .executeTakeFirst();

  return Number(row?.max ?? 0);
}

/**
 * The newest event of one cooperative (by legal ID or id), or 0. Every public write appends an
 * event in its transaction, so this changes whenever the cooperative's public record does.
 */
export async function latestCooperativeEventId(db: Executor, key: { legalId: string } | { id: number }) {
  const row = await db
    .selectFrom('registry_events as e')
    .innerJoin('cooperatives as c', 'c.id', 'e.cooperative_id')
    .select((eb) => eb.fn.max('e.id').as('max'))
    .where('legalId' in key ? 'c.legal_id' : 'c.id', '=', 'legalId' in key ? key.legalId : key.id)
    .executeTakeFirst();

  return Number(row?.max ?? 0);
}
