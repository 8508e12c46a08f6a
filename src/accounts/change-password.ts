import { type RequestMeta, recordAudit } from '../audit/index.ts';
import { AppError } from '../errors/app-error.ts';
import * as repo from './accounts.repository.ts';
import type { AccountsContext } from './accounts-context.ts';
import { assertPasswordPolicy } from './activation.ts';
import { assertUnderFailureLimit } from './guard.ts';
import { AUTH_MESSAGES, accountFieldError } from './messages.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';

/**
 * Changes a signed-in person's password: the current one must be right (a wrong one is a 400 on
 * `currentPassword` and counts as a failure), the new one must pass the policy. Every other
 * session of the account ends; the current one stays.
 */
export async function changePassword(
  actx: AccountsContext,
  personId: number,
  input: { currentPassword: string; newPassword: string },
  currentSessionId: string | null,
  meta: RequestMeta,
): Promise<{ sessionsEnded: number }> {
  const account = await repo.findAccountByPerson(actx.db, personId);
  if (account?.status !== 'active') {
    throw new AppError('UNAUTHORIZED', { message: AUTH_MESSAGES.signInFirst });
  }
  const target = `person:${personId}`;
  await assertUnderFailureLimit(actx.db, actx, target, 'auth.password_change', personId, meta);
  if (!(await verifyPassword(input.currentPassword, account.password_hash))) {
    await recordAudit(actx.db, actx.clock.now(), {
      actorPersonId: personId,
      action: 'auth.password_change',
      target,
      outcome: 'failure',
      meta,
      details: { reason: 'wrong_password' },
    });
    throw new AppError('INVALID_INPUT', { fields: [accountFieldError('currentPassword', 'wrong_password')] });
  }
  await assertPasswordPolicy(
    actx,
    input.newPassword,
    'newPassword',
    'auth.password_change.policy',
    personId,
    meta,
  );
  const hash = await hashPassword(input.newPassword, actx.accountSettings.scrypt);

  return actx.db.transaction().execute(async (tx) => {
    const now = actx.clock.now();
    await repo.updatePasswordHash(tx, account.id, hash, now.toISOString(), true);
    const ended = await repo.revokeAccountSessions(tx, account.id, now.toISOString(), currentSessionId);
    await recordAudit(tx, now, {
      actorPersonId: personId,
      action: 'auth.password_change',
      target,
      outcome: 'success',
      meta,
      details: { sessionsEnded: ended },
    });

    return { sessionsEnded: ended };
  });
}
