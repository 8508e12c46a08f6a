import type { Context } from '../context/context.ts';
import type { Executor } from '../db/database.ts';
import type { Bilingual } from '../errors/app-error.ts';
import { notifyPerson } from '../notifications/notify-person.ts';
import * as repo from './services.repository.ts';

/**
 * Every change of a request's status reaches the applicant in the app, by SMS and by e-mail
 * (through the outbox, by their preferences for `service.status`); the deciding office hears of
 * new and escalated requests in the app.
 */
export async function notifyApplicant(
  tx: Executor,
  ctx: Context,
  personId: number,
  message: { subject: Bilingual; body: Bilingual },
) {
  return notifyPerson(tx, { personId, kind: 'service.status', ...message }, { now: ctx.clock.now() });
}

/** The people of the office that decides a request (the province's only, once escalated). */
export async function officePeople(
  tx: Executor,
  req: Pick<repo.RequestRow, 'office' | 'cooperative_id' | 'province_id' | 'county_id' | 'escalated_at'>,
  options: { escalated?: boolean } = {},
): Promise<number[]> {
  if (req.office === 'inspector')
    return req.cooperative_id === null ? [] : repo.inspectorsOf(tx, req.cooperative_id);
  if (req.province_id === null || req.county_id === null) return [];
  const scopes = req.office === 'county' && !options.escalated ? ['county', 'province'] : ['province'];

  return repo.officersForPlace(tx, { provinceId: req.province_id, countyId: req.county_id }, scopes);
}

export async function notifyOffice(
  tx: Executor,
  ctx: Context,
  req: Pick<
    repo.RequestRow,
    'office' | 'cooperative_id' | 'province_id' | 'county_id' | 'escalated_at' | 'applicant_person_id'
  >,
  body: Bilingual,
  options: { escalated?: boolean; only?: number[] } = {},
) {
  const people = options.only ?? (await officePeople(tx, req, options));
  for (const personId of people) {
    if (personId === req.applicant_person_id) continue;
    await notifyPerson(
      tx,
      {
        personId,
        kind: 'service.inbox',
        subject: { fa: 'کارتابل درخواست‌ها', en: 'Requests inbox' },
        body,
        channels: ['inapp'],
      },
      { now: ctx.clock.now() },
    );
  }
}
