import type { Executor } from '../db/database.ts';
import { searchKey } from '../text/index.ts';
import type { LegalEntityInput, PersonInput } from './people.schemas.ts';

/**
 * Finds a person by national code or creates them; fields given now replace stored ones (the
 * newest record wins), fields not given are kept. Returns the person's id.
 */
export async function upsertPerson(db: Executor, p: PersonInput, now: string): Promise<number> {
  const existing = await db
    .selectFrom('persons')
    .select(['id'])
    .where('national_code', '=', p.nationalCode)
    .executeTakeFirst();
  const details = {
    first_name: p.firstName,
    last_name: p.lastName,
    name_key: searchKey(`${p.firstName} ${p.lastName}`),
    ...(p.mobile !== undefined ? { mobile: p.mobile } : {}),
    ...(p.iban !== undefined ? { iban: p.iban } : {}),
    ...(p.address !== undefined ? { address: p.address } : {}),
    ...(p.postalCode !== undefined ? { postal_code: p.postalCode } : {}),
  };
  if (existing) {
    await db.updateTable('persons').set(details).where('id', '=', existing.id).execute();

    return existing.id;
  }
  const inserted = await db
    .insertInto('persons')
    .values({
      national_code: p.nationalCode,
      mobile: null,
      iban: null,
      address: null,
      postal_code: null,
      ...details,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  return inserted.id;
}

/** Finds a person's id by national code. */
export async function findPersonId(db: Executor, nationalCode: string): Promise<number | undefined> {
  const row = await db
    .selectFrom('persons')
    .select('id')
    .where('national_code', '=', nationalCode)
    .executeTakeFirst();

  return row?.id;
}

/** Finds or creates a legal entity; links it to the cooperative with the same legal ID, if any. */
export async function upsertLegalEntity(db: Executor, e: LegalEntityInput, now: string): Promise<number> {
  const existing = await db
    .selectFrom('legal_entities')
    .select(['id'])
    .where('legal_id', '=', e.legalId)
    .executeTakeFirst();
  if (existing) return existing.id;
  const coop = await db
    .selectFrom('cooperatives')
    .select('id')
    .where('legal_id', '=', e.legalId)
    .executeTakeFirst();
  const inserted = await db
    .insertInto('legal_entities')
    .values({
      legal_id: e.legalId,
      name: e.name,
      name_key: searchKey(e.name),
      cooperative_id: coop?.id ?? null,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  return inserted.id;
}
