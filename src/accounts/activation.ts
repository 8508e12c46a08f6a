import { type RequestMeta, recordAudit } from '../audit/index.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { upsertPerson } from '../people/index.ts';
import * as repo from './accounts.repository.ts';
import type { AccountsContext } from './accounts-context.ts';
import {
  type ChallengePurpose,
  checkCode,
  decoyChallenge,
  type IssuedChallenge,
  issueChallenge,
  maySendCode,
} from './challenges.ts';
import { AUTH_MESSAGES } from './messages.ts';
import { hashPassword } from './password-hash.ts';
import { checkPasswordPolicy } from './password-policy.ts';
import { type NewSession, openSignedInSession } from './sessions.ts';
import { normalizeCode } from './sign-in.ts';

/**
 * Step 1 of activation, for people already on the register (imported members and officers, staff
 * created by the CLI): a code goes to the mobile the register holds for them, once the national
 * number-ownership check agrees that mobile belongs to the national code. The answer is the same
 * whether or not a code was sent (no enumeration); what happened is in the audit log.
 */
export async function startActivation(
  actx: AccountsContext,
  input: { nationalCode: string },
  meta: RequestMeta,
): Promise<IssuedChallenge> {
  const person = await repo.findPersonByNationalCode(actx.db, input.nationalCode);
  const owned =
    person?.mobile != null ? await actx.mobileOwnership.verify(input.nationalCode, person.mobile) : false;
  const issued = await actx.db.transaction().execute(async (tx) => {
    const refuse = async (reason: string) => {
      await recordAudit(tx, actx.clock.now(), {
        actorPersonId: person?.id ?? null,
        action: 'auth.activate.start',
        target: person ? `person:${person.id}` : `national_code:${input.nationalCode}`,
        outcome: reason === 'too_many_codes' ? 'denied' : 'failure',
        meta,
        details: { reason },
      });
      return null;
    };
    if (!person) return refuse('unknown_person');
    if (person.mobile === null) return refuse('no_mobile');
    if (!owned) return refuse('mobile_not_owned');
    if (await repo.findAccountByPerson(tx, person.id)) return refuse('account_exists');
    if (!(await maySendCode(tx, actx, person.id))) return refuse('too_many_codes');

    return issueChallenge(tx, actx, {
      personId: person.id,
      purpose: 'activation',
      mobile: person.mobile,
      meta,
    });
  });

  return issued ?? decoyChallenge(actx);
}

/**
 * Step 1 of registration, for people not yet on the register (a founder of a new cooperative):
 * national code, name and mobile. When the national number-ownership check agrees the mobile
 * belongs to the national code, the person is put on the register with that mobile and an
 * activation code is sent to it; step 2 is activation's (code and password). Someone already
 * on the register is treated as activation would treat them (a code to the register's mobile).
 * The answer is the same whatever happened (no enumeration); the audit log says what did.
 */
export async function startRegistration(
  actx: AccountsContext,
  input: { nationalCode: string; firstName: string; lastName: string; mobile: string },
  meta: RequestMeta,
): Promise<IssuedChallenge> {
  const existing = await repo.findPersonByNationalCode(actx.db, input.nationalCode);
  if (existing) return startActivation(actx, { nationalCode: input.nationalCode }, meta);
  const owned = await actx.mobileOwnership.verify(input.nationalCode, input.mobile);
  const issued = await actx.db.transaction().execute(async (tx) => {
    const now = actx.clock.now();
    if (!owned) {
      await recordAudit(tx, now, {
        actorPersonId: null,
        action: 'auth.register.start',
        target: `national_code:${input.nationalCode}`,
        outcome: 'failure',
        meta,
        details: { reason: 'mobile_not_owned' },
      });
      return null;
    }
    const personId = await upsertPerson(
      tx,
      {
        nationalCode: input.nationalCode,
        firstName: input.firstName,
        lastName: input.lastName,
        mobile: input.mobile,
      },
      now.toISOString(),
    );
    await recordAudit(tx, now, {
      actorPersonId: personId,
      action: 'auth.register.start',
      target: `person:${personId}`,
      outcome: 'success',
      meta,
      details: {},
    });

    return issueChallenge(tx, actx, { personId, purpose: 'activation', mobile: input.mobile, meta });
  });

  return issued ?? decoyChallenge(actx);
}

/** Checks a code and a new password, or returns the failure to record (shared by activation and recovery). */
async function checkCodeAndRecord(
  tx: Executor,
  actx: AccountsContext,
  purpose: ChallengePurpose,
  action: string,
  input: { challengeId: string; code: string },
  meta: RequestMeta,
) {
  const checked = await checkCode(tx, actx, purpose, input.challengeId, normalizeCode(input.code));
  if (!checked.ok) {
    await recordAudit(tx, actx.clock.now(), {
      actorPersonId: checked.personId,
      action,
      target: checked.personId === null ? null : `person:${checked.personId}`,
      outcome: 'failure',
      meta,
      details: { reason: checked.reason },
    });
  }

  return checked;
}

/** Refuses a password that breaks the policy (400 naming the field), recording the refusal. */
export async function assertPasswordPolicy(
  actx: AccountsContext,
  password: string,
  path: string,
  action: string,
  actorPersonId: number | null,
  meta: RequestMeta,
): Promise<void> {
  const problem = checkPasswordPolicy(password, path);
  if (!problem) return;
  await recordAudit(actx.db, actx.clock.now(), {
    actorPersonId,
    action,
    target: actorPersonId === null ? null : `person:${actorPersonId}`,
    outcome: 'failure',
    meta,
    details: { reason: problem.code },
  });
  throw new AppError('INVALID_INPUT', { fields: [problem] });
}

/**
 * Step 2 of activation: the code and the new password. Creates the account with the mobile the
 * code reached as its verified mobile, and signs the person in. A password the policy refuses is
 * a 400 that leaves the code unused; a wrong, expired or reused code is a 401.
 */
export async function completeActivation(
  actx: AccountsContext,
  input: { challengeId: string; code: string; password: string },
  meta: RequestMeta,
): Promise<NewSession> {
  await assertPasswordPolicy(actx, input.password, 'password', 'auth.activate', null, meta);
  const hash = await hashPassword(input.password, actx.accountSettings.scrypt);
  const session = await actx.db.transaction().execute(async (tx) => {
    const checked = await checkCodeAndRecord(tx, actx, 'activation', 'auth.activate.code', input, meta);
    if (!checked.ok) return null;
    const now = actx.clock.now();
    if (await repo.findAccountByPerson(tx, checked.personId)) {
      await recordAudit(tx, now, {
        actorPersonId: checked.personId,
        action: 'auth.activate.code',
        target: `person:${checked.personId}`,
        outcome: 'failure',
        meta,
        details: { reason: 'account_exists' },
      });
      return null;
    }
    const accountId = await repo.insertAccount(tx, {
      personId: checked.personId,
      passwordHash: hash,
      mobile: checked.sentTo,
      now: now.toISOString(),
    });
    await recordAudit(tx, now, {
      actorPersonId: checked.personId,
      action: 'auth.activate',
      target: `person:${checked.personId}`,
      outcome: 'success',
      meta,
    });
    return openSignedInSession(tx, actx, { id: accountId, personId: checked.personId }, meta, 'activation');
  });
  if (!session) throw new AppError('UNAUTHORIZED', { message: AUTH_MESSAGES.badCode });

  return session;
}

/**
 * Step 1 of recovery: a code to the account's verified mobile. Same answer whether or not the
 * account exists.
 */
export async function startRecovery(
  actx: AccountsContext,
  input: { nationalCode: string },
  meta: RequestMeta,
): Promise<IssuedChallenge> {
  const person = await repo.findPersonByNationalCode(actx.db, input.nationalCode);
  const issued = await actx.db.transaction().execute(async (tx) => {
    const account = person ? await repo.findAccountByPerson(tx, person.id) : undefined;
    const reason = !person
      ? 'unknown_person'
      : !account
        ? 'no_account'
        : account.status !== 'active'
          ? 'disabled'
          : !(await maySendCode(tx, actx, account.person_id))
            ? 'too_many_codes'
            : null;
    if (reason !== null || !account) {
      await recordAudit(tx, actx.clock.now(), {
        actorPersonId: person?.id ?? null,
        action: 'auth.recover.start',
        target: person ? `person:${person.id}` : `national_code:${input.nationalCode}`,
        outcome: reason === 'too_many_codes' ? 'denied' : 'failure',
        meta,
        details: { reason },
      });
      return null;
    }

    return issueChallenge(tx, actx, {
      personId: account.person_id,
      purpose: 'recovery',
      mobile: account.mobile,
      meta,
    });
  });

  return issued ?? decoyChallenge(actx);
}

/**
 * Step 2 of recovery: the code and a new password. Sets the password, ends every other session of
 * the account (ASVS v5.0.0-7.4.3) and signs the person in afresh.
 */
export async function completeRecovery(
  actx: AccountsContext,
  input: { challengeId: string; code: string; password: string },
  meta: RequestMeta,
): Promise<NewSession> {
  await assertPasswordPolicy(actx, input.password, 'password', 'auth.recover', null, meta);
  const hash = await hashPassword(input.password, actx.accountSettings.scrypt);
  const session = await actx.db.transaction().execute(async (tx) => {
    const checked = await checkCodeAndRecord(tx, actx, 'recovery', 'auth.recover.code', input, meta);
    if (!checked.ok) return null;
    const now = actx.clock.now();
    const account = await repo.findAccountByPerson(tx, checked.personId);
    if (account?.status !== 'active') {
      await recordAudit(tx, now, {
        actorPersonId: checked.personId,
        action: 'auth.recover.code',
        target: `person:${checked.personId}`,
        outcome: 'failure',
        meta,
        details: { reason: 'disabled' },
      });
      return null;
    }
    await repo.updatePasswordHash(tx, account.id, hash, now.toISOString(), true);
    const ended = await repo.revokeAccountSessions(tx, account.id, now.toISOString());
    await recordAudit(tx, now, {
      actorPersonId: account.person_id,
      action: 'auth.recover',
      target: `person:${account.person_id}`,
      outcome: 'success',
      meta,
      details: { sessionsEnded: ended },
    });
    return openSignedInSession(tx, actx, { id: account.id, personId: account.person_id }, meta, 'recovery');
  });
  if (!session) throw new AppError('UNAUTHORIZED', { message: AUTH_MESSAGES.badCode });

  return session;
}
