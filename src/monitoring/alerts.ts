import { z } from 'zod';
import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import { AppError } from '../errors/app-error.ts';
import type { Logged } from '../ledger/append.ts';
import { zText } from '../validation/fields.ts';
import { parseInput } from '../validation/parse.ts';
import { ruleById } from './catalogue.ts';
import { recordAlertEvent, SEVERITY_WEIGHT } from './evaluate.ts';
import * as repo from './monitoring.repository.ts';
import { type Evidence, fillTemplate, type Severity } from './rule.ts';

/**
 * An alert's life: open → answered by the board (a written response) → resolved or dismissed by
 * the inspector with a reason. Every transition is a row of `alert_events` and an entry of the
 * cooperative's ledger, in one transaction. A transition not allowed from the state is a 409.
 */

type Transition = 'answered' | 'resolved' | 'dismissed';

const FROM: Record<Transition, readonly string[]> = {
  answered: ['open'],
  resolved: ['open', 'answered'],
  dismissed: ['open', 'answered'],
};

export const transitionSchema = z.object({ text: zText(4000) }).strict();

export async function transitionAlert(
  ctx: Context,
  a: { cooperativeId: number; alertId: number; personId: number; to: Transition; input: unknown },
): Promise<Logged> {
  const { text } = parseInput(transitionSchema, a.input);

  return ctx.db.transaction().execute(async (tx) => {
    const alert = await repo.findAlert(tx, a.alertId);
    if (!alert || alert.cooperative_id !== a.cooperativeId) throw new AppError('NOT_FOUND');
    if (!FROM[a.to].includes(alert.status)) {
      throw new AppError('INVALID_TRANSITION', {
        message: {
          fa: `این هشدار در وضعیت «${alert.status}» است و این تغییر از آن مجاز نیست`,
          en: `This alert is ${alert.status}; it cannot become ${a.to}`,
        },
      });
    }
    const closing = a.to !== 'answered';
    await repo.updateAlert(tx, alert.id, {
      status: a.to,
      ...(closing ? { closed_at: ctx.clock.now().toISOString() } : {}),
    });

    return recordAlertEvent(tx, ctx, {
      alertId: alert.id,
      cooperativeId: a.cooperativeId,
      action: a.to,
      text,
      personId: a.personId,
    });
  });
}

type AlertRow = Awaited<ReturnType<typeof repo.listAlertsOf>>[number];

/** An alert as people read it: the rule's words filled with the finding's values, and its history. */
export function presentAlert(a: AlertRow, events: Awaited<ReturnType<typeof repo.listAlertEvents>>) {
  const rule = ruleById(a.rule_id);
  const params = JSON.parse(a.params) as Record<string, string | number>;

  return {
    id: a.id,
    ruleId: a.rule_id,
    category: rule?.category ?? 'governance',
    severity: a.severity as Severity,
    status: a.status,
    public: a.public === 1,
    title: rule?.title ?? { fa: a.rule_id, en: a.rule_id },
    explanation: rule
      ? { fa: fillTemplate(rule.explanation.fa, params), en: fillTemplate(rule.explanation.en, params) }
      : { fa: '', en: '' },
    basis: rule?.basis ?? { fa: '', en: '' },
    params,
    evidence: JSON.parse(a.evidence) as Evidence,
    stillFound: a.still_found === 1,
    openedAt: a.opened_at,
    lastSeenAt: a.last_seen_at,
    closedAt: a.closed_at,
    events: events
      .filter((e) => e.alert_id === a.id)
      .map((e) => ({
        action: e.action,
        text: e.text,
        by: e.first_name === null ? null : `${e.first_name} ${e.last_name ?? ''}`.trim(),
        at: e.at,
      })),
  };
}

/** A cooperative's alerts (all, or only the public governance flags), newest first. */
export async function listAlerts(db: Executor, cooperativeId: number, options: { publicOnly: boolean }) {
  const alerts = (await repo.listAlertsOf(db, cooperativeId))
    .filter(
      (a) => !options.publicOnly || (a.public === 1 && (a.status === 'open' || a.status === 'answered')),
    )
    .reverse();
  const events = await repo.listAlertEvents(
    db,
    alerts.map((a) => a.id),
  );

  return alerts.map((a) => presentAlert(a, events));
}

/**
 * The risk score of a cooperative: the weights of its open and answered alerts, by rule — each
 * part named, so the score explains itself.
 */
export function riskOf(
  alerts: ReadonlyArray<{
    ruleId: string;
    severity: Severity;
    status: string;
    title: { fa: string; en: string };
  }>,
) {
  const parts = new Map<
    string,
    { ruleId: string; title: { fa: string; en: string }; severity: Severity; count: number; weight: number }
  >();
  for (const a of alerts) {
    if (a.status !== 'open' && a.status !== 'answered') continue;
    const p = parts.get(a.ruleId) ?? {
      ruleId: a.ruleId,
      title: a.title,
      severity: a.severity,
      count: 0,
      weight: 0,
    };
    p.count += 1;
    p.weight += SEVERITY_WEIGHT[a.severity];
    parts.set(a.ruleId, p);
  }
  const list = [...parts.values()].sort((x, y) => y.weight - x.weight || x.ruleId.localeCompare(y.ruleId));

  return { score: list.reduce((s, p) => s + p.weight, 0), parts: list };
}

/** Risk by province and by field of activity, over every open alert (the ministry's dashboard). */
export async function riskByRegion(ctx: Context, scope: { provinceId?: number; countyId?: number }) {
  const rows = (await repo.listOpenAlertsWithPlace(ctx.db)).filter(
    (r) =>
      (scope.provinceId === undefined || r.province_id === scope.provinceId) &&
      (scope.countyId === undefined || r.county_id === scope.countyId),
  );
  const group = (key: (r: (typeof rows)[number]) => string | number) => {
    const out = new Map<
      string | number,
      { score: number; alerts: number; high: number; cooperatives: Set<number> }
    >();
    for (const r of rows) {
      const g = out.get(key(r)) ?? { score: 0, alerts: 0, high: 0, cooperatives: new Set<number>() };
      g.score += r.weight;
      g.alerts += 1;
      if (r.severity === 'high') g.high += 1;
      g.cooperatives.add(r.cooperative_id);
      out.set(key(r), g);
    }
    return [...out.entries()]
      .map(([k, g]) => ({
        key: k,
        score: g.score,
        alerts: g.alerts,
        high: g.high,
        cooperatives: g.cooperatives.size,
      }))
      .sort((a, b) => b.score - a.score);
  };

  return {
    byProvince: group((r) => r.province_id).map(({ key, ...g }) => ({
      provinceId: Number(key),
      name: ctx.reference.provinceById(Number(key))?.nameFa ?? String(key),
      ...g,
    })),
    byField: group((r) => r.field_code).map(({ key, ...g }) => ({ fieldCode: String(key), ...g })),
    byRule: group((r) => r.rule_id).map(({ key, ...g }) => ({
      ruleId: String(key),
      title: ruleById(String(key))?.title ?? { fa: String(key), en: String(key) },
      ...g,
    })),
  };
}
