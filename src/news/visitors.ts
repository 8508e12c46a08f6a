import { createHmac, randomBytes } from 'node:crypto';
import type { Actor } from '../access/index.ts';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import * as repo from './news.repository.ts';

/**
 * Counting visitors without tracking them (ADR 11): no cookie, no stored IP address. A visitor
 * is `HMAC-SHA256(salt of the day, IP + user agent)`, where the salt is 32 random bytes made for
 * each Tehran day and deleted when the next day's is made — after that, nobody (not even someone
 * with the database) can tell which address a key stood for, or link one day's visitor to the
 * next day's. Per-day view keys go with their salt.
 */
export type Visitor = { ip: string; userAgent: string };

/** Today's salt (Tehran day of the context's clock), made on first use; earlier days' are deleted then. */
async function saltOfToday(tx: Executor, ctx: Context): Promise<{ day: string; salt: string }> {
  const day = ctx.clock.today();
  const found = await repo.findSalt(tx, day);
  if (found) return { day, salt: found };
  const created = await repo.insertSalt(tx, {
    day,
    salt: randomBytes(32).toString('hex'),
    created_at: ctx.clock.now().toISOString(),
  });
  if (created) await repo.deleteBefore(tx, day);
  const salt = await repo.findSalt(tx, day);
  if (!salt) throw new Error(`no salt for ${day}`);

  return { day, salt };
}

/** The visitor's key for today: hex HMAC of IP and user agent under today's salt. */
export async function visitorKey(
  tx: Executor,
  ctx: Context,
  v: Visitor,
): Promise<{ day: string; key: string }> {
  const { day, salt } = await saltOfToday(tx, ctx);
  const key = createHmac('sha256', Buffer.from(salt, 'hex')).update(`${v.ip}\n${v.userAgent}`).digest('hex');

  return { day, key };
}

/**
 * Who votes: a signed-in person by their person id (once for good), an anonymous visitor by
 * today's keyed hash — so an anonymous visitor can vote again on another day (documented in ADR 11).
 */
export async function voterKey(tx: Executor, ctx: Context, actor: Actor | null, v: Visitor): Promise<string> {
  if (actor) return `person:${actor.personId}`;

  return `visitor:${(await visitorKey(tx, ctx, v)).key}`;
}
