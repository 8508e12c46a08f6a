import type { Executor } from '../db/database.ts';

/** What happened: the outcome of the attempt. `denied` is an access-control refusal. */
export type AuditOutcome = 'success' | 'failure' | 'denied';

/** Where a request came from: the client address and its User-Agent (either may be unknown). */
export type RequestMeta = { ip: string | null; userAgent: string | null };

export const NO_REQUEST: RequestMeta = { ip: null, userAgent: null };

/**
 * One audit record (ASVS v5.0.0-16.2.1: who, what, when, where). `action` is a dotted name
 * (`auth.sign_in`, `auth.code_sent`, `access.denied`, `person.private_read`, …); `target` names
 * the object (`person:12`, `account:3`, `cooperative:7`, a route). `details` must never carry a
 * secret (password, code, token): callers pass only reasons and identifiers.
 */
export type AuditEntry = {
  actorPersonId: number | null;
  action: string;
  target: string | null;
  outcome: AuditOutcome;
  meta: RequestMeta;
  details?: Record<string, unknown>;
};

/** Longest user agent or field kept, in characters; longer values are cut and marked. */
const MAX_FIELD = 512;

/**
 * Escapes what could forge or disguise a log line (ASVS v5.0.0-16.4.1): C0 and C1 control
 * characters (CR, LF, ESC…), DEL, the line and paragraph separators and bidi controls become
 * `\uXXXX`; the text is cut to `max` characters.
 */
export function encodeForLog(value: string, max = MAX_FIELD): string {
  const cut = value.length > max ? `${value.slice(0, max)}…` : value;

  return cut.replace(
    /[\p{Cc}\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/gu,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

function encodeDetails(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return encodeForLog(value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (depth > 4) return '[nested]';
  if (Array.isArray(value)) return value.slice(0, 50).map((v) => encodeDetails(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      if (v !== undefined) out[encodeForLog(k, 64)] = encodeDetails(v, depth + 1);
    }
    return out;
  }
  return String(value);
}

/**
 * Appends one record to the audit log, inside the caller's transaction when given one (so a
 * record of a change commits with the change) or on its own. `at` is the caller's clock, UTC.
 */
export async function recordAudit(db: Executor, at: Date, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: at.toISOString(),
      actor_person_id: entry.actorPersonId,
      action: encodeForLog(entry.action, 64),
      target: entry.target === null ? null : encodeForLog(entry.target, 128),
      outcome: entry.outcome,
      ip: entry.meta.ip === null ? null : encodeForLog(entry.meta.ip, 64),
      user_agent: entry.meta.userAgent === null ? null : encodeForLog(entry.meta.userAgent),
      details: JSON.stringify(encodeDetails(entry.details ?? {})),
    })
    .execute();
}

/** Failures of `action` on `target` since `since` (the per-account failure limit counts these). */
export async function countAuditFailures(
  db: Executor,
  target: string,
  actions: readonly string[],
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('target', '=', target)
    .where('action', 'in', actions)
    .where('outcome', '=', 'failure')
    .where('at', '>=', since.toISOString())
    .executeTakeFirstOrThrow();

  return Number(row.n);
}

export type AuditRecord = {
  id: number;
  at: string;
  actorPersonId: number | null;
  action: string;
  target: string | null;
  outcome: string;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
};

/** The newest records first (administration and tests). */
export async function listAudit(
  db: Executor,
  filter: { action?: string; target?: string; limit?: number } = {},
): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll();
  if (filter.action !== undefined) q = q.where('action', '=', filter.action);
  if (filter.target !== undefined) q = q.where('target', '=', filter.target);
  const rows = await q
    .orderBy('id', 'desc')
    .limit(filter.limit ?? 100)
    .execute();

  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorPersonId: r.actor_person_id,
    action: r.action,
    target: r.target,
    outcome: r.outcome,
    ip: r.ip,
    userAgent: r.user_agent,
    details: JSON.parse(r.details) as Record<string, unknown>,
  }));
}
