import { type RequestMeta, recordAudit } from '../audit/index.ts';
import type { Executor } from '../db/database.ts';
import { enqueueNotification } from '../notifications/index.ts';
import * as repo from './accounts.repository.ts';
import { type AccountsContext, addMinutes, maskMobile } from './accounts-context.ts';
import { codeDigest, isTokenShaped, newOneTimeCode, newToken, sameDigest, tokenKey } from './tokens.ts';

export type ChallengePurpose = 'sign_in' | 'activation' | 'recovery';

/** What the client receives after a code is sent: the challenge id it must send back with the code. */
export type IssuedChallenge = { challengeId: string; expiresAt: string };

const KIND: Record<ChallengePurpose, string> = {
  sign_in: 'auth.sign_in_code',
  activation: 'auth.sign_in_code',
  recovery: 'auth.password_reset',
};

function smsBody(purpose: ChallengePurpose, code: string, minutes: number): { fa: string; en: string } {
  const what = {
    sign_in: { fa: 'ورود به تعاون', en: 'Taavon sign-in' },
    activation: { fa: 'فعال‌سازی حساب تعاون', en: 'Taavon account activation' },
    recovery: { fa: 'بازیابی گذرواژهٔ تعاون', en: 'Taavon password recovery' },
  }[purpose];

  return {
    fa: `کد ${what.fa}: ${code}\nاین کد تا ${minutes} دقیقه معتبر است. آن را به هیچ‌کس ندهید.`,
    en: `${what.en} code: ${code}\nValid for ${minutes} minutes. Never share it.`,
  };
}

/** Whether the person may be sent another code within the hourly limit. */
export async function maySendCode(tx: Executor, actx: AccountsContext, personId: number): Promise<boolean> {
  const since = addMinutes(actx.clock.now(), -60).toISOString();

  return (await repo.countChallengesSince(tx, personId, since)) < actx.accountSettings.otpSendsPerHour;
}

/**
 * Issues a one-time code inside the caller's transaction: retires the person's earlier live codes
 * for the same purpose, stores the challenge (only the SHA-256 of its id and an HMAC of the code),
 * queues the SMS and records `auth.code_sent`. The code exists in clear only in the SMS.
 */
export async function issueChallenge(
  tx: Executor,
  actx: AccountsContext,
  c: { personId: number; purpose: ChallengePurpose; mobile: string; meta: RequestMeta },
): Promise<IssuedChallenge> {
  const now = actx.clock.now();
  const minutes = actx.accountSettings.otpLifetimeMinutes;
  const challengeId = newToken();
  const code = newOneTimeCode();
  const expiresAt = addMinutes(now, minutes).toISOString();
  await repo.retireChallenges(tx, c.personId, c.purpose, now.toISOString());
  await repo.insertChallenge(tx, {
    key: tokenKey(challengeId),
    personId: c.personId,
    purpose: c.purpose,
    codeHash: codeDigest(challengeId, code),
    sentTo: c.mobile,
    expiresAt,
    now: now.toISOString(),
  });
  await enqueueNotification(tx, {
    personId: c.personId,
    channel: 'sms',
    to: c.mobile,
    kind: KIND[c.purpose],
    body: smsBody(c.purpose, code, minutes),
  });
  await recordAudit(tx, now, {
    actorPersonId: c.personId,
    action: 'auth.code_sent',
    target: `person:${c.personId}`,
    outcome: 'success',
    meta: c.meta,
    details: { purpose: c.purpose, to: maskMobile(c.mobile) },
  });

  return { challengeId, expiresAt };
}

/** A challenge id that leads nowhere, shaped like a real one (answers that must not reveal anything). */
export function decoyChallenge(actx: AccountsContext): IssuedChallenge {
  return {
    challengeId: newToken(),
    expiresAt: addMinutes(actx.clock.now(), actx.accountSettings.otpLifetimeMinutes).toISOString(),
  };
}

export type CheckedCode =
  | { ok: true; personId: number; sentTo: string }
  | {
      ok: false;
      personId: number | null;
      reason: 'unknown' | 'wrong_purpose' | 'used' | 'expired' | 'exhausted' | 'wrong_code';
    };

/**
 * Checks a code against its challenge inside the caller's transaction, which must commit even
 * when the answer is no (the try it took is counted). Every check first takes one of the
 * challenge's tries; the right code then consumes it, so a code works once, within its life, in
 * at most `otpMaxAttempts` tries, and only for the challenge (and purpose) it was sent for.
 */
export async function checkCode(
  tx: Executor,
  actx: AccountsContext,
  purpose: ChallengePurpose,
  challengeId: string,
  code: string,
): Promise<CheckedCode> {
  if (!isTokenShaped(challengeId)) return { ok: false, personId: null, reason: 'unknown' };
  const key = tokenKey(challengeId);
  const now = actx.clock.now().toISOString();
  const row = await repo.findChallenge(tx, key);
  if (!row) return { ok: false, personId: null, reason: 'unknown' };
  const personId = row.person_id;
  if (row.purpose !== purpose) return { ok: false, personId, reason: 'wrong_purpose' };
  if (row.consumed_at !== null) return { ok: false, personId, reason: 'used' };
  if (row.expires_at <= now) return { ok: false, personId, reason: 'expired' };
  if (!(await repo.takeAttempt(tx, key, actx.accountSettings.otpMaxAttempts, now))) {
    return { ok: false, personId, reason: 'exhausted' };
  }
  if (!/^\d{6}$/.test(code) || !sameDigest(codeDigest(challengeId, code), row.code_hash)) {
    return { ok: false, personId, reason: 'wrong_code' };
  }
  if (!(await repo.consumeChallenge(tx, key, now))) return { ok: false, personId, reason: 'used' };

  return { ok: true, personId, sentTo: row.sent_to };
}
