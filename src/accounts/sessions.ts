import { type RequestMeta, recordAudit } from '../audit/index.ts';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import * as repo from './accounts.repository.ts';
import { type AccountsContext, addMinutes } from './accounts-context.ts';
import { AUTH_MESSAGES } from './messages.ts';
import { isTokenShaped, newToken, tokenKey } from './tokens.ts';

/**
 * Who is signed in on a request: the person, their account and the session (the SHA-256 of the
 * token, never the token). The access-control layer relies on exactly this shape.
 */
export type AuthInfo = { personId: number; accountId: number; sessionId: string };

/** A new session: the token for the cookie (shown once, stored only as its SHA-256). */
export type NewSession = { token: string; sessionId: string; personId: number; expiresAt: string };

/** Starts a session for an account inside the caller's transaction (a new token at every sign-in). */
/** Opens the session of a completed sign-in, activation or recovery, and audits the sign-in. */
export async function openSignedInSession(
  tx: Executor,
  actx: AccountsContext,
  account: { id: number; personId: number },
  meta: RequestMeta,
  via?: 'activation' | 'recovery',
): Promise<NewSession> {
  const session = await createSession(tx, actx, account, meta);
  await recordAudit(tx, actx.clock.now(), {
    actorPersonId: account.personId,
    action: 'auth.sign_in',
    target: `person:${account.personId}`,
    outcome: 'success',
    meta,
    ...(via ? { details: { via } } : {}),
  });

  return session;
}

export async function createSession(
  tx: Executor,
  actx: AccountsContext,
  account: { id: number; personId: number },
  meta: RequestMeta,
): Promise<NewSession> {
  const now = actx.clock.now();
  const token = newToken();
  const sessionId = tokenKey(token);
  const expiresAt = addMinutes(now, actx.accountSettings.sessionAbsoluteMinutes).toISOString();
  await repo.insertSession(tx, {
    key: sessionId,
    accountId: account.id,
    now: now.toISOString(),
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent === null ? null : meta.userAgent.slice(0, 512),
  });

  return { token, sessionId, personId: account.personId, expiresAt };
}

/** Why a presented token was refused (recorded when the refusal matters). */
export type SessionProblem = 'malformed' | 'unknown' | 'revoked' | 'expired' | 'idle' | 'disabled';

export type SessionCheck =
  | { ok: true; auth: AuthInfo }
  | { ok: false; problem: SessionProblem; personId: number | null };

/** `last_seen_at` is written at most this often per session (the idle timeout slides by it). */
const TOUCH_EVERY_MS = 60_000;

/**
 * Resolves a session token: live (not revoked), within its absolute end and its idle timeout, and
 * its account active. Slides `last_seen_at` at most once a minute.
 */
export async function authenticate(actx: AccountsContext, token: string): Promise<SessionCheck> {
  if (!isTokenShaped(token)) return { ok: false, problem: 'malformed', personId: null };
  const key = tokenKey(token);
  const row = await repo.findSession(actx.db, key);
  if (!row) return { ok: false, problem: 'unknown', personId: null };
  const now = actx.clock.now();
  const fail = (problem: SessionProblem): SessionCheck => ({ ok: false, problem, personId: row.person_id });
  if (row.revoked_at !== null) return fail('revoked');
  if (row.status !== 'active') return fail('disabled');
  if (Date.parse(row.expires_at) <= now.getTime()) return fail('expired');
  const lastSeen = Date.parse(row.last_seen_at);
  if (lastSeen + actx.accountSettings.sessionIdleMinutes * 60_000 <= now.getTime()) return fail('idle');
  if (now.getTime() - lastSeen >= TOUCH_EVERY_MS) await repo.touchSession(actx.db, key, now.toISOString());

  return { ok: true, auth: { personId: row.person_id, accountId: row.account_id, sessionId: key } };
}

/** Ends the session of `token` (sign-out). Unknown or dead tokens are fine: the result is the same. */
export async function signOut(actx: AccountsContext, token: string, meta: RequestMeta): Promise<void> {
  if (!isTokenShaped(token)) return;
  const key = tokenKey(token);
  await actx.db.transaction().execute(async (tx) => {
    const row = await repo.findSession(tx, key);
    if (!row) return;
    const live = await repo.revokeSession(tx, key, actx.clock.now().toISOString());
    if (live) {
      await recordAudit(tx, actx.clock.now(), {
        actorPersonId: row.person_id,
        action: 'auth.sign_out',
        target: `person:${row.person_id}`,
        outcome: 'success',
        meta,
      });
    }
  });
}

/** Ends every session of the person's account, the current one too. Returns how many ended. */
export async function signOutEverywhere(actx: Context, personId: number, meta: RequestMeta): Promise<number> {
  return actx.db.transaction().execute(async (tx) => {
    const account = await repo.findAccountByPerson(tx, personId);
    if (!account) return 0;
    const n = await repo.revokeAccountSessions(tx, account.id, actx.clock.now().toISOString());
    await recordAudit(tx, actx.clock.now(), {
      actorPersonId: personId,
      action: 'auth.sign_out_everywhere',
      target: `person:${personId}`,
      outcome: 'success',
      meta,
      details: { sessions: n },
    });

    return n;
  });
}

export type SessionSummary = {
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
};

/** The person's live sessions (not revoked, not expired, not idle), newest first. */
export async function listSessions(
  actx: AccountsContext,
  personId: number,
  currentSessionId: string | null,
): Promise<SessionSummary[]> {
  const account = await repo.findAccountByPerson(actx.db, personId);
  if (!account) throw new AppError('UNAUTHORIZED', { message: AUTH_MESSAGES.signInFirst });
  const now = actx.clock.now();
  const idleSince = addMinutes(now, -actx.accountSettings.sessionIdleMinutes).getTime();
  const rows = await repo.listLiveSessions(actx.db, account.id, now.toISOString());

  return rows
    .filter((s) => Date.parse(s.last_seen_at) > idleSince)
    .map((s) => ({
      current: s.id === currentSessionId,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      ip: s.ip,
      userAgent: s.user_agent,
    }));
}
