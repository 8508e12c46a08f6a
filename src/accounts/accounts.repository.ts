import type { Selectable } from 'kysely';
import type { AccountTable, Executor, OtpChallengeTable, SessionTable } from '../db/database.ts';

/** All SQL of accounts, staff roles, sessions and one-time code challenges. */

export type AccountRow = Selectable<AccountTable>;
export type ChallengeRow = Selectable<OtpChallengeTable>;
export type SessionRow = Selectable<SessionTable>;

export type PersonSummary = {
  id: number;
  national_code: string;
  first_name: string;
  last_name: string;
  mobile: string | null;
};

export async function findPersonByNationalCode(
  db: Executor,
  nationalCode: string,
): Promise<PersonSummary | undefined> {
  return db
    .selectFrom('persons')
    .select(['id', 'national_code', 'first_name', 'last_name', 'mobile'])
    .where('national_code', '=', nationalCode)
    .executeTakeFirst();
}

export async function findPersonById(db: Executor, id: number): Promise<PersonSummary | undefined> {
  return db
    .selectFrom('persons')
    .select(['id', 'national_code', 'first_name', 'last_name', 'mobile'])
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findAccountByPerson(db: Executor, personId: number): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('person_id', '=', personId).executeTakeFirst();
}

export async function insertAccount(
  db: Executor,
  a: { personId: number; passwordHash: string; mobile: string; now: string },
): Promise<number> {
  const row = await db
    .insertInto('accounts')
    .values({
      person_id: a.personId,
      password_hash: a.passwordHash,
      mobile: a.mobile,
      status: 'active',
      password_changed_at: a.now,
      created_at: a.now,
      updated_at: a.now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();

  return row.id;
}

export async function updatePasswordHash(
  db: Executor,
  accountId: number,
  passwordHash: string,
  now: string,
  changed: boolean,
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ password_hash: passwordHash, updated_at: now, ...(changed ? { password_changed_at: now } : {}) })
    .where('id', '=', accountId)
    .execute();
}

export async function setAccountStatus(
  db: Executor,
  accountId: number,
  status: 'active' | 'disabled',
  now: string,
): Promise<void> {
  await db.updateTable('accounts').set({ status, updated_at: now }).where('id', '=', accountId).execute();
}

export async function countAccounts(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('accounts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();

  return Number(row.n);
}

// ---- one-time code challenges ----

export async function insertChallenge(
  db: Executor,
  c: {
    key: string;
    personId: number;
    purpose: string;
    codeHash: string;
    sentTo: string;
    expiresAt: string;
    now: string;
  },
): Promise<void> {
  await db
    .insertInto('otp_challenges')
    .values({
      id: c.key,
      person_id: c.personId,
      purpose: c.purpose,
      code_hash: c.codeHash,
      sent_to: c.sentTo,
      attempts: 0,
      expires_at: c.expiresAt,
      consumed_at: null,
      created_at: c.now,
    })
    .execute();
}

/** Ends the live challenges of a person for a purpose (a new code replaces the old ones). */
export async function retireChallenges(
  db: Executor,
  personId: number,
  purpose: string,
  now: string,
): Promise<void> {
  await db
    .updateTable('otp_challenges')
    .set({ consumed_at: now })
    .where('person_id', '=', personId)
    .where('purpose', '=', purpose)
    .where('consumed_at', 'is', null)
    .execute();
}

export async function countChallengesSince(db: Executor, personId: number, since: string): Promise<number> {
  const row = await db
    .selectFrom('otp_challenges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('person_id', '=', personId)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();

  return Number(row.n);
}

export async function findChallenge(db: Executor, key: string): Promise<ChallengeRow | undefined> {
  return db.selectFrom('otp_challenges').selectAll().where('id', '=', key).executeTakeFirst();
}

/**
 * Takes one try of a live challenge: increments `attempts` only while it is below `max`, not
 * consumed and not expired. Returns whether a try was taken (one UPDATE, so concurrent guesses
 * never get more than `max` tries between them).
 */
export async function takeAttempt(db: Executor, key: string, max: number, now: string): Promise<boolean> {
  const result = await db
    .updateTable('otp_challenges')
    .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
    .where('id', '=', key)
    .where('attempts', '<', max)
    .where('consumed_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();

  return Number(result.numUpdatedRows) === 1;
}

/** Consumes a challenge once; returns false if it was consumed already (a replay). */
export async function consumeChallenge(db: Executor, key: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('otp_challenges')
    .set({ consumed_at: now })
    .where('id', '=', key)
    .where('consumed_at', 'is', null)
    .executeTakeFirst();

  return Number(result.numUpdatedRows) === 1;
}

// ---- sessions ----

export async function insertSession(
  db: Executor,
  s: {
    key: string;
    accountId: number;
    now: string;
    expiresAt: string;
    ip: string | null;
    userAgent: string | null;
  },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: s.key,
      account_id: s.accountId,
      created_at: s.now,
      last_seen_at: s.now,
      expires_at: s.expiresAt,
      revoked_at: null,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export type SessionWithAccount = SessionRow & { person_id: number; status: string };

export async function findSession(db: Executor, key: string): Promise<SessionWithAccount | undefined> {
  return db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .selectAll('sessions')
    .select(['accounts.person_id', 'accounts.status'])
    .where('sessions.id', '=', key)
    .executeTakeFirst();
}

export async function touchSession(db: Executor, key: string, now: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', key).execute();
}

/** Revokes one session; returns whether it was live. */
export async function revokeSession(db: Executor, key: string, now: string): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', key)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();

  return Number(result.numUpdatedRows) === 1;
}

/** Revokes every live session of an account, except `keep` if given; returns how many. */
export async function revokeAccountSessions(
  db: Executor,
  accountId: number,
  now: string,
  keep: string | null = null,
): Promise<number> {
  let q = db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null);
  if (keep !== null) q = q.where('id', '<>', keep);
  const result = await q.executeTakeFirst();

  return Number(result.numUpdatedRows);
}

/** Sessions not revoked and not past their absolute end, newest first. */
export async function listLiveSessions(db: Executor, accountId: number, now: string): Promise<SessionRow[]> {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(100)
    .execute();
}

// ---- staff roles ----

export type StaffRoleRow = {
  role: string;
  scope: string;
  province_id: number | null;
  county_id: number | null;
};

export async function listStaffRoleRows(db: Executor, personId: number): Promise<StaffRoleRow[]> {
  return db
    .selectFrom('staff_roles')
    .select(['role', 'scope', 'province_id', 'county_id'])
    .where('person_id', '=', personId)
    .orderBy('id')
    .execute();
}

export async function insertStaffRole(
  db: Executor,
  r: {
    personId: number;
    role: string;
    scope: string;
    provinceId: number | null;
    countyId: number | null;
    now: string;
  },
): Promise<boolean> {
  const existing = (await listStaffRoleRows(db, r.personId)).some(
    (x) =>
      x.role === r.role &&
      x.scope === r.scope &&
      x.province_id === r.provinceId &&
      x.county_id === r.countyId,
  );
  if (existing) return false;
  await db
    .insertInto('staff_roles')
    .values({
      person_id: r.personId,
      role: r.role,
      scope: r.scope,
      province_id: r.provinceId,
      county_id: r.countyId,
      created_at: r.now,
    })
    .execute();

  return true;
}
