import { countAuditFailures, type RequestMeta, recordAudit } from '../audit/index.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import { type AccountsContext, addMinutes } from './accounts-context.ts';
import { AUTH_MESSAGES } from './messages.ts';

/** Audit actions whose failures count against an account's hourly limit. */
export const FAILURE_ACTIONS = [
  'auth.sign_in.password',
  'auth.sign_in.code',
  'auth.activate.code',
  'auth.recover.code',
  'auth.password_change',
] as const;

/** A 429 that knows when to come back (the routes turn it into Retry-After). */
export class RetryLaterError extends AppError {
  readonly retryAfterSeconds: number;

  constructor(retryAfterSeconds: number, message: { fa: string; en: string }) {
    super('RATE_LIMITED', { message });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Refuses (429, recorded as `denied`) when `target` has had `signInFailuresPerHour` failures in
 * the last hour (ASVS v4.0.3-2.2.1). Counted in the audit log, so every process sees the same.
 */
export async function assertUnderFailureLimit(
  db: Executor,
  actx: AccountsContext,
  target: string,
  action: string,
  actorPersonId: number | null,
  meta: RequestMeta,
): Promise<void> {
  const now = actx.clock.now();
  const failures = await countAuditFailures(db, target, FAILURE_ACTIONS, addMinutes(now, -60));
  if (failures < actx.accountSettings.signInFailuresPerHour) return;
  await recordAudit(db, now, {
    actorPersonId,
    action,
    target,
    outcome: 'denied',
    meta,
    details: { reason: 'too_many_failures' },
  });
  throw new RetryLaterError(3600, AUTH_MESSAGES.tooManyFailures);
}

/** The audit target of a sign-in attempt: the person when known, else the national code tried. */
export function attemptTarget(personId: number | null | undefined, nationalCode: string): string {
  return personId ? `person:${personId}` : `national_code:${nationalCode}`;
}
