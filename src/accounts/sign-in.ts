import { type RequestMeta, recordAudit } from '../audit/index.ts';
import { AppError } from '../errors/app-error.ts';
import { foldDigits } from '../text/index.ts';
import * as repo from './accounts.repository.ts';
import { type AccountsContext, maskMobile } from './accounts-context.ts';
import { checkCode, type IssuedChallenge, issueChallenge, maySendCode } from './challenges.ts';
import { assertUnderFailureLimit, attemptTarget, RetryLaterError } from './guard.ts';
import { AUTH_MESSAGES } from './messages.ts';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password-hash.ts';
import { type NewSession, openSignedInSession } from './sessions.ts';

/** A code typed with Persian digits or spaces is the same code. */
export function normalizeCode(code: string): string {
  return foldDigits(code).replace(/[\s-]/g, '');
}

/**
 * Step 1 of signing in: national code and password. On success a 6-digit code goes by SMS to the
 * account's verified mobile and the challenge id comes back. Every failure — no such person, no
 * account, wrong password, disabled account — gives the same 401 after the same scrypt work, and
 * is recorded; past the hourly failure limit the attempt is refused (429) without being evaluated.
 */
export async function startSignIn(
  actx: AccountsContext,
  input: { nationalCode: string; password: string },
  meta: RequestMeta,
): Promise<IssuedChallenge & { sentTo: string }> {
  const person = await repo.findPersonByNationalCode(actx.db, input.nationalCode);
  const target = attemptTarget(person?.id, input.nationalCode);
  const actor = person?.id ?? null;
  await assertUnderFailureLimit(actx.db, actx, target, 'auth.sign_in.password', actor, meta);
  const account = person ? await repo.findAccountByPerson(actx.db, person.id) : undefined;
  const params = actx.accountSettings.scrypt;
  const matches = await verifyPassword(input.password, account?.password_hash ?? (await dummyHash(params)));
  const reason = !person
    ? 'unknown_person'
    : !account
      ? 'no_account'
      : !matches
        ? 'wrong_password'
        : account.status !== 'active'
          ? 'disabled'
          : null;
  if (reason !== null || !account) {
    await recordAudit(actx.db, actx.clock.now(), {
      actorPersonId: actor,
      action: 'auth.sign_in.password',
      target,
      outcome: 'failure',
      meta,
      details: { reason },
    });
    throw new AppError('UNAUTHORIZED', { message: AUTH_MESSAGES.badCredentials });
  }
  const rehash = needsRehash(account.password_hash, params)
    ? await hashPassword(input.password, params)
    : null;

  const issued = await actx.db.transaction().execute(async (tx) => {
    const now = actx.clock.now();
    if (!(await maySendCode(tx, actx, account.person_id))) {
      await recordAudit(tx, now, {
        actorPersonId: account.person_id,
        action: 'auth.sign_in.password',
        target,
        outcome: 'denied',
        meta,
        details: { reason: 'too_many_codes' },
      });
      return null;
    }
    if (rehash) await repo.updatePasswordHash(tx, account.id, rehash, now.toISOString(), false);
    await recordAudit(tx, now, {
      actorPersonId: account.person_id,
      action: 'auth.sign_in.password',
      target,
      outcome: 'success',
      meta,
    });

    return issueChallenge(tx, actx, {
      personId: account.person_id,
      purpose: 'sign_in',
      mobile: account.mobile,
      meta,
    });
  });
  if (!issued) throw new RetryLaterError(3600, AUTH_MESSAGES.tooManyCodes);

  return { ...issued, sentTo: maskMobile(account.mobile) };
}

/**
 * Step 2: the code from the SMS. The right code, within its life, on its first use, within its
 * tries, for this very challenge, on an active account, starts a new session. Anything else is a
 * 401 that still counts the try and is recorded.
 */
export async function verifySignIn(
  actx: AccountsContext,
  input: { challengeId: string; code: string },
  meta: RequestMeta,
): Promise<NewSession> {
  const result = await actx.db.transaction().execute(async (tx) => {
    const checked = await checkCode(tx, actx, 'sign_in', input.challengeId, normalizeCode(input.code));
    const now = actx.clock.now();
    const target = checked.personId === null ? null : `person:${checked.personId}`;
    if (!checked.ok) {
      await recordAudit(tx, now, {
        actorPersonId: checked.personId,
        action: 'auth.sign_in.code',
        target,
        outcome: 'failure',
        meta,
        details: { reason: checked.reason },
      });
      return null;
    }
    const account = await repo.findAccountByPerson(tx, checked.personId);
    if (account?.status !== 'active') {
      await recordAudit(tx, now, {
        actorPersonId: checked.personId,
        action: 'auth.sign_in.code',
        target,
        outcome: 'failure',
        meta,
        details: { reason: 'disabled' },
      });
      return null;
    }
    return openSignedInSession(tx, actx, { id: account.id, personId: account.person_id }, meta);
  });
  if (!result) throw new AppError('UNAUTHORIZED', { message: AUTH_MESSAGES.badCode });

  return result;
}
