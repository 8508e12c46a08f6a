import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBoard,
  buildCooperative,
  LEGAL_IDS,
  NATIONAL_CODES,
  recordMembership,
  runWrite,
} from '../../test/factories/registry.ts';
import { FAST_ACCOUNTS } from '../../test/helpers/auth.ts';
import { type MovableClock, movableClock } from '../../test/helpers/movable-clock.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { actorForPerson } from '../access/index.ts';
import { accountsContext, createOfficer } from '../accounts/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { createIdentifierSource } from '../demo/demo-identifiers.ts';
import { findPersonId } from '../people/index.ts';
import { remindAndEscalate } from './deadlines.ts';
import { startRequest, submitRequest } from './requests.ts';
import * as repo from './services.repository.ts';
import { actOnRequest } from './workflow.ts';

/**
 * Deadlines: the office is reminded once, `reminderDays` before the due date; an overdue request
 * is escalated once to the province office; while the applicant is asked for more, the clock stops.
 */
const A = LEGAL_IDS[0];
const ids = createIdentifierSource(707);
let ctx: OpenContext;
let clock: MovableClock;
let code = '';
let countyOfficer = 0;
let provinceOfficer = 0;

const inbox = async (personId: number) =>
  ctx.db
    .selectFrom('outbox')
    .select(['kind', 'body_fa'])
    .where('person_id', '=', personId)
    .where('kind', '=', 'service.inbox')
    .execute();

beforeAll(async () => {
  const base = await createTestContext();
  clock = movableClock('2026-11-28T08:30:00.000Z');
  ctx = { ...base, clock };
  await buildCooperative(ctx);
  await buildBoard(ctx, A, { termStart: '1404/01/15' });
  await runWrite(recordMembership, ctx, {
    cooperativeLegalId: A,
    memberNo: '7',
    person: { nationalCode: NATIONAL_CODES[5], firstName: 'نرگس', lastName: 'کاظمی' },
    joinedOn: '1400/02/01',
    shares: 10,
  });
  const actx = accountsContext(ctx, FAST_ACCOUNTS);
  for (const [scope, where] of [
    ['county', { scope: 'county', province: 'فارس', county: 'شیراز' }],
    ['province', { scope: 'province', province: 'فارس' }],
  ] as const) {
    const nationalCode = ids.nationalCode();
    await createOfficer(actx, { nationalCode, firstName: 'کارشناس', lastName: scope }, where);
    const id = (await findPersonId(ctx.db, nationalCode)) ?? 0;
    if (scope === 'county') countyOfficer = id;
    else provinceOfficer = id;
  }
  const member = await actorForPerson(ctx.db, (await findPersonId(ctx.db, NATIONAL_CODES[5])) ?? 0);
  code = (
    await startRequest(ctx, member, {
      serviceId: 'complaint_ministry',
      answers: { cooperativeLegalId: A, subject: 'تأخیر', details: 'شرح' },
    })
  ).trackingCode;
  await submitRequest(ctx, member, code); // due 30 days later: 2026-12-28
}, 60_000);

afterAll(async () => {
  await ctx?.close();
});

describe('deadlines', () => {
  it('does nothing while the due date is far', async () => {
    expect(await remindAndEscalate(ctx, { reminderDays: 3 })).toEqual({ reminded: 0, escalated: 0 });
  });

  it('stops the clock while the applicant is asked for more, and moves the due date by the days waited', async () => {
    const officer = await actorForPerson(ctx.db, countyOfficer);
    const member = await actorForPerson(ctx.db, (await findPersonId(ctx.db, NATIONAL_CODES[5])) ?? 0);
    await actOnRequest(ctx, officer, code, 'ask', { text: 'تاریخ دقیق را بنویسید' });
    clock.set('2026-12-03T08:30:00.000Z'); // five days later
    await actOnRequest(ctx, member, code, 'reply', { text: 'تاریخ را نوشتم' });
    expect((await repo.findRequestByCode(ctx.db, code))?.due_on).toBe('2027-01-02');
  });

  it('reminds the office once, three days before the due date', async () => {
    clock.set('2026-12-30T08:30:00.000Z');
    expect(await remindAndEscalate(ctx, { reminderDays: 3 })).toEqual({ reminded: 1, escalated: 0 });
    expect(await remindAndEscalate(ctx, { reminderDays: 3 })).toEqual({ reminded: 0, escalated: 0 });
    expect((await inbox(countyOfficer)).some((m) => m.body_fa.startsWith('یادآوری'))).toBe(true);
  });

  it('escalates an overdue request once to the province office, with an event in its history', async () => {
    clock.set('2027-01-03T08:30:00.000Z');
    const before = (await inbox(provinceOfficer)).length;
    expect(await remindAndEscalate(ctx, { reminderDays: 3 })).toEqual({ reminded: 0, escalated: 1 });
    expect(await remindAndEscalate(ctx, { reminderDays: 3 })).toEqual({ reminded: 0, escalated: 0 });
    const after = await inbox(provinceOfficer);
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)?.body_fa).toContain('ادارهٔ کل استان');
    const req = await repo.findRequestByCode(ctx.db, code);
    const events = await repo.listEvents(ctx.db, req?.id ?? 0);
    expect(events.map((e) => e.action)).toEqual([
      'created',
      'submitted',
      'ask',
      'reply',
      'reminded',
      'escalated',
    ]);
  });
});
