import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { logSubject } from '../ledger/append.ts';
import { notifyPerson } from '../notifications/index.ts';
import { RULES, ruleById } from './catalogue.ts';
import { loadCooperativeBooks } from './load-books.ts';
import * as repo from './monitoring.repository.ts';
import { type Finding, fillTemplate, type Severity } from './rule.ts';
import { loadThresholds, type ThresholdsByRule } from './thresholds.ts';

/** How much an open alert of each severity weighs in a cooperative's risk score. */
export const SEVERITY_WEIGHT: Record<Severity, number> = { low: 1, medium: 3, high: 5 };

/** Runs every rule over one cooperative's books; a rule that throws fails the evaluation, naming itself. */
export async function findingsOf(ctx: Context, cooperativeId: number, thresholds?: ThresholdsByRule) {
  const books = await loadCooperativeBooks(ctx, cooperativeId);
  if (!books) return [];
  const limits = thresholds ?? (await loadThresholds(ctx.db));
  const findings: Finding[] = [];
  for (const rule of RULES) {
    try {
      findings.push(...rule.evaluate(books, rule.thresholds.parse(limits.get(rule.id) ?? {})));
    } catch (error) {
      throw new Error(`rule ${rule.id} failed on cooperative ${cooperativeId}: ${String(error)}`);
    }
  }

  return findings;
}

/** Appends an alert's transition to its cooperative's ledger (members see it in their feed). */
export async function recordAlertEvent(
  tx: Executor,
  ctx: Context,
  e: { alertId: number; cooperativeId: number; action: string; text: string | null; personId: number | null },
) {
  const id = await repo.insertAlertEvent(tx, {
    alert_id: e.alertId,
    cooperative_id: e.cooperativeId,
    action: e.action,
    text: e.text,
    person_id: e.personId,
    at: ctx.clock.now().toISOString(),
  });

  return logSubject(tx, ctx, `alert_event:${id}`);
}

/** The people told of a new alert: the cooperative's members and officers with accounts, and its followers. */
async function audienceOf(tx: Executor, cooperativeId: number, publicFlag: boolean): Promise<number[]> {
  const people = await tx
    .selectFrom('accounts as a')
    .select('a.person_id')
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('memberships as m')
            .select('m.id')
            .whereRef('m.person_id', '=', 'a.person_id')
            .where('m.cooperative_id', '=', cooperativeId)
            .where('m.left_on', 'is', null),
        ),
        eb.exists(
          eb
            .selectFrom('officers as o')
            .select('o.id')
            .whereRef('o.person_id', '=', 'a.person_id')
            .where('o.cooperative_id', '=', cooperativeId)
            .where('o.ended_on', 'is', null),
        ),
        ...(publicFlag
          ? [
              eb.exists(
                eb
                  .selectFrom('cooperative_follows as f')
                  .select('f.person_id')
                  .whereRef('f.person_id', '=', 'a.person_id')
                  .where('f.cooperative_id', '=', cooperativeId),
              ),
            ]
          : []),
      ]),
    )
    .execute();

  return people.map((p) => p.person_id);
}

/**
 * Turns findings into alerts, in one transaction: a new finding opens an alert (a ledger entry,
 * and a message to the cooperative's people); a known one refreshes its evidence; one that was
 * resolved but is found again reopens; a dismissed one stays dismissed. Alerts no longer found are
 * marked so, for the inspector to resolve. Returns how many alerts were opened or reopened.
 */
export async function syncAlerts(ctx: Context, cooperativeId: number, findings: Finding[]): Promise<number> {
  const now = ctx.clock.now().toISOString();

  return ctx.db.transaction().execute(async (tx) => {
    const existing = new Map(
      (await repo.listAlertsOf(tx, cooperativeId)).map((a) => [`${a.rule_id}|${a.key}`, a]),
    );
    const seen = new Set<string>();
    let opened = 0;
    for (const f of findings) {
      const rule = ruleById(f.ruleId);
      if (!rule) continue;
      const k = `${f.ruleId}|${f.key}`;
      if (seen.has(k)) continue;
      seen.add(k);
      const fields = {
        params: JSON.stringify(f.params),
        evidence: JSON.stringify(f.evidence),
        severity: rule.severity,
        weight: SEVERITY_WEIGHT[rule.severity],
        still_found: 1,
        last_seen_at: now,
      };
      const alert = existing.get(k);
      if (alert) {
        const reopen = alert.status === 'resolved';
        await repo.updateAlert(tx, alert.id, {
          ...fields,
          ...(reopen ? { status: 'open', closed_at: null } : {}),
        });
        if (reopen) {
          await recordAlertEvent(tx, ctx, {
            alertId: alert.id,
            cooperativeId,
            action: 'reopened',
            text: null,
            personId: null,
          });
          opened += 1;
        }
        continue;
      }
      const id = await repo.insertAlert(tx, {
        cooperative_id: cooperativeId,
        rule_id: f.ruleId,
        key: f.key,
        status: 'open',
        public: rule.public ? 1 : 0,
        opened_at: now,
        ...fields,
      });
      await recordAlertEvent(tx, ctx, {
        alertId: id,
        cooperativeId,
        action: 'opened',
        text: null,
        personId: null,
      });
      opened += 1;
      const body = {
        fa: fillTemplate(rule.explanation.fa, f.params),
        en: fillTemplate(rule.explanation.en, f.params),
      };
      // In-app for every alert; SMS and e-mail too for high-severity ones (each person's
      // preferences decide, src/notifications/preferences.ts).
      const channels = rule.severity === 'high' ? (['inapp', 'sms', 'email'] as const) : (['inapp'] as const);
      for (const personId of await audienceOf(tx, cooperativeId, rule.public)) {
        await notifyPerson(tx, { personId, kind: 'alert', subject: rule.title, body, channels });
      }
    }
    for (const [k, alert] of existing) {
      if (!seen.has(k) && alert.still_found === 1) await repo.updateAlert(tx, alert.id, { still_found: 0 });
    }

    return opened;
  });
}

/** Evaluates one cooperative and syncs its alerts (after a write, or in the scan). */
export async function evaluateCooperative(
  ctx: Context,
  cooperativeId: number,
  thresholds?: ThresholdsByRule,
) {
  const findings = await findingsOf(ctx, cooperativeId, thresholds);
  const opened = await syncAlerts(ctx, cooperativeId, findings);

  return { findings: findings.length, opened };
}
