import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBoard,
  buildCooperative,
  LEGAL_IDS,
  NATIONAL_CODES,
  recordMembership,
  runWrite,
} from '../../test/factories/registry.ts';
import { createTestAccount, FAST_ACCOUNTS } from '../../test/helpers/auth.ts';
import { createTestContext } from '../../test/helpers/test-context.ts';
import { actorForPerson } from '../access/index.ts';
import { accountsContext, createOfficer } from '../accounts/index.ts';
import type { OpenContext } from '../context/open-context.ts';
import { createIdentifierSource } from '../demo/demo-identifiers.ts';
import { buildApp } from '../http/app.ts';
import { verifyLog } from '../ledger/verify.ts';
import { findPersonId } from '../people/index.ts';
import { findCooperativeById } from '../registry/registry.repository.ts';
import { parseTrackingCode } from './tracking-code.ts';

/**
 * The single window end to end through HTTP: a founder forms a cooperative (every bad answer and
 * missing document reported, too few founders refused, a founder already in a similar
 * cooperative refused, an SMS with the tracking code), the county office asks for more, the
 * founder answers, one officer proposes and a second confirms (never the same one, never the
 * applicant, never another province), the cooperative appears approved with its founders and its
 * ledger, and registration completes it. A member's complaint is answered by the inspector.
 */
const A = LEGAL_IDS[0];
const ids = createIdentifierSource(606);
let ctx: OpenContext;
let app: FastifyInstance;
const people = new Map<string, number>();
const MINIMAL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function as(
  who: string,
  method: string,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  return app.inject({
    method: method as 'GET',
    url: `/api/v1${url}`,
    headers: { 'x-test-actor': who, ...headers },
    ...(payload === undefined ? {} : Buffer.isBuffer(payload) ? { payload } : { payload: payload as object }),
  });
}

function founders(n: number, first?: string) {
  return Array.from({ length: n }, (_, i) => ({
    nationalCode: i === 0 && first ? first : ids.nationalCode(),
    firstName: `مؤسس${i + 1}`,
    lastName: 'تازه‌کار',
    shares: 10,
  }));
}

const FOUNDER = ids.nationalCode();

beforeAll(async () => {
  ctx = await createTestContext();
  await buildCooperative(ctx); // A: active, Shiraz, poultry
  await buildBoard(ctx, A, { termStart: '1404/01/15' });
  await runWrite(recordMembership, ctx, {
    cooperativeLegalId: A,
    memberNo: '7',
    person: { nationalCode: NATIONAL_CODES[5], firstName: 'نرگس', lastName: 'کاظمی', mobile: '09127654321' },
    joinedOn: '1400/02/01',
    shares: 10,
  });
  people.set(
    'founder',
    await createTestAccount(ctx, {
      nationalCode: FOUNDER,
      firstName: 'لیلا',
      lastName: 'نوری',
      mobile: '09131112233',
    }),
  );
  const actx = accountsContext(ctx, FAST_ACCOUNTS);
  for (const [who, code, where] of [
    ['county', ids.nationalCode(), { scope: 'county', province: 'فارس', county: 'شیراز' }],
    ['province', ids.nationalCode(), { scope: 'province', province: 'فارس' }],
    ['other', ids.nationalCode(), { scope: 'province', province: 'کرمان' }],
  ] as const) {
    await createOfficer(actx, { nationalCode: code, firstName: 'کارشناس', lastName: who }, where);
    people.set(who, (await findPersonId(ctx.db, code)) ?? 0);
  }
  for (const [who, i] of [
    ['director', 3],
    ['inspector', 4],
    ['member', 5],
  ] as const) {
    people.set(who, (await findPersonId(ctx.db, NATIONAL_CODES[i])) ?? 0);
  }
  app = await buildApp(ctx, {
    logLevel: process.env.TEST_LOG ?? 'silent',
    accounts: FAST_ACCOUNTS,
    resolveActor: async (request) => {
      const id = people.get(String(request.headers['x-test-actor']));
      return id ? actorForPerson(ctx.db, id) : null;
    },
    onDenied: async () => {},
  });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

describe('the catalogue', () => {
  it('lists every service and each one’s questions in both languages', async () => {
    const list = await as('nobody', 'GET', '/services');
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((s: { id: string }) => s.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'formation',
        'amend_officers',
        'membership_certificate',
        'complaint_inspector',
        'general',
      ]),
    );
    const formation = (await as('nobody', 'GET', '/services/formation')).json();
    expect(formation.sections.map((s: { id: string }) => s.id)).toEqual([
      'cooperative',
      'capital',
      'founders',
      'assembly',
    ]);
    expect(formation.documents[0]).toMatchObject({ id: 'statute', label: { fa: 'اساسنامهٔ امضاشده' } });
    expect((await as('nobody', 'GET', '/services/nope')).statusCode).toBe(404);
  });
});

describe('forming a cooperative', () => {
  let code = '';

  it('starts a draft with a tracking code that has a check digit; anonymous callers are refused', async () => {
    expect((await as('nobody', 'POST', '/requests', { serviceId: 'formation' })).statusCode).toBe(401);
    const started = await as('founder', 'POST', '/requests', { serviceId: 'formation' });
    expect(started.statusCode).toBe(201);
    code = started.json().trackingCode;
    expect(parseTrackingCode(code).ok).toBe(true);
    const wrong = code.slice(0, 9) + String((Number(code[9]) + 1) % 10);
    const refused = await as('founder', 'GET', `/requests/${wrong}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0]).toMatchObject({ path: 'trackingCode', code: 'tracking_check_digit' });
  });

  it('checks each answer as it is saved and names every bad one', async () => {
    const bad = await as('founder', 'PATCH', `/requests/${code}/answers`, {
      capitalRials: 'lots',
      firstAssemblyOn: '1405/13/40',
      founders: [{ nationalCode: '1234567890', firstName: '', lastName: 'x', shares: 1 }],
      nonsense: 1,
    });
    expect(bad.statusCode).toBe(400);
    const paths = bad.json().fields.map((f: { path: string }) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'answers.capitalRials',
        'answers.firstAssemblyOn',
        'answers.founders.0.nationalCode',
        'answers.founders.0.firstName',
        'answers.nonsense',
      ]),
    );
    const page = (await as('founder', 'GET', `/requests/${code}`)).json();
    expect(page.answers).toEqual({}); // nothing half-saved
  });

  it('refuses to submit with six founders, no statute and a founder in a similar cooperative — all at once', async () => {
    const list = founders(6, FOUNDER);
    list[1] = { nationalCode: NATIONAL_CODES[5], firstName: 'نرگس', lastName: 'کاظمی', shares: 5 }; // a member of A (poultry, active)
    const saved = await as('founder', 'PATCH', `/requests/${code}/answers`, {
      name: 'تعاونی مرغداران جوان مرودشت',
      field: 'agriculture',
      subfield: 'agriculture.poultry',
      province: 'فارس',
      county: 'شیراز',
      address: 'شیراز، خیابان زند، پلاک ۱۲',
      capitalRials: '900000000',
      paidCapitalRials: '۲۰۰۰۰۰۰۰۰',
      founders: list,
      firstAssemblyOn: '1405/10/01',
      firstAssemblyPlace: 'سالن اجتماعات بخشداری',
    });
    expect(saved.statusCode).toBe(200);
    const refused = await as('founder', 'POST', `/requests/${code}/submit`);
    expect(refused.statusCode).toBe(400);
    const fields = refused.json().fields as Array<{ path: string; code: string; message: { fa: string } }>;
    expect(fields.map((f) => f.path)).toEqual(expect.arrayContaining(['documents.statute']));
    // The service's own rules run once the answers and documents are complete.
    const upload = await as('founder', 'POST', `/requests/${code}/documents/statute`, MINIMAL_PDF, {
      'content-type': 'application/pdf',
      'x-file-name': encodeURIComponent('اساسنامه.pdf'),
    });
    expect(upload.statusCode).toBe(201);
    expect(upload.json()).toMatchObject({ name: 'اساسنامه.pdf', mediaType: 'application/pdf' });
    const again = (await as('founder', 'POST', `/requests/${code}/submit`)).json();
    const codes = again.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        'answers.founders:too_few_founders',
        'answers.founders.1.nationalCode:member_of_similar',
        'answers.paidCapitalRials:paid_capital_low',
      ]),
    );
    expect(again.fields.find((f: { code: string }) => f.code === 'too_few_founders').message.fa).toContain(
      '۷',
    );
    expect((await as('founder', 'GET', `/requests/${code}`)).json().status.code).toBe('draft');
  });

  it('refuses an executable dressed as a PDF and a file over the limit', async () => {
    const exe = await as(
      'founder',
      'POST',
      `/requests/${code}/documents/statute`,
      Buffer.from('MZ\x90\x00rest of a windows program'),
      {
        'content-type': 'application/pdf',
        'x-file-name': 'statute.pdf',
      },
    );
    expect(exe.statusCode).toBe(400);
    expect(exe.json().fields[0].path).toBe('documents.statute');
    const html = await as(
      'founder',
      'POST',
      `/requests/${code}/documents/statute`,
      Buffer.from('<html><script>alert(1)</script></html>'),
      {
        'content-type': 'text/plain',
        'x-file-name': 'statute.pdf',
      },
    );
    expect(html.statusCode).toBe(400);
    expect(html.json().fields[0].code).toBe('file_type_not_allowed');
    const json = await as('founder', 'POST', `/requests/${code}/documents/statute`, Buffer.from('{"a":1}'), {
      'content-type': 'application/json',
    });
    expect(json.json().fields[0].code).toBe('file_type_not_allowed');
    const big = Buffer.concat([MINIMAL_PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const oversized = await as('founder', 'POST', `/requests/${code}/documents/statute`, big, {
      'content-type': 'application/pdf',
    });
    expect(oversized.statusCode).toBe(413);
    expect(oversized.json().message.fa).toBeTruthy();
    const unknown = await as('founder', 'POST', `/requests/${code}/documents/passport`, MINIMAL_PDF, {
      'content-type': 'application/pdf',
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('submits once everything is right, sends an SMS with the tracking code and routes to the county office', async () => {
    const list = founders(7, FOUNDER);
    expect(
      (
        await as('founder', 'PATCH', `/requests/${code}/answers`, {
          founders: list,
          paidCapitalRials: 300_000_000,
        })
      ).statusCode,
    ).toBe(200);
    const submitted = await as('founder', 'POST', `/requests/${code}/submit`);
    expect(submitted.statusCode).toBe(200);
    expect(submitted.json().dueOn).toBe('2026-12-28');
    const sms = await ctx.db
      .selectFrom('outbox')
      .select(['to_address', 'body_fa'])
      .where('channel', '=', 'sms')
      .where('person_id', '=', people.get('founder') ?? 0)
      .execute();
    const shown = `${code.slice(0, 3)}-${code.slice(3, 6)}-${code.slice(6)}`.replace(
      /\d/g,
      (d) => '۰۱۲۳۴۵۶۷۸۹'[Number(d)] ?? d,
    );
    expect(sms.some((m) => m.body_fa.includes(shown))).toBe(true);
    const inbox = (await as('county', 'GET', '/inbox')).json().items;
    expect(inbox.map((r: { trackingCode: string }) => r.trackingCode)).toContain(code);
    expect((await as('other', 'GET', '/inbox')).json().items).toHaveLength(0);
    expect((await as('other', 'GET', `/requests/${code}`)).statusCode).toBe(404);
  });

  it('asks for more, the founder answers, and the deadline moves by the days waited', async () => {
    expect((await as('county', 'POST', `/requests/${code}/actions/ask`, {})).statusCode).toBe(400); // a reason is required
    expect(
      (
        await as('county', 'POST', `/requests/${code}/actions/ask`, { text: 'نشانی دقیق‌تر را بنویسید' })
      ).json().status,
    ).toBe('more_info');
    expect((await as('founder', 'POST', `/requests/${code}/actions/propose`, {})).statusCode).toBe(403);
    expect(
      (
        await as('founder', 'PATCH', `/requests/${code}/answers`, {
          address: 'شیراز، خیابان زند، کوچهٔ ۵، پلاک ۱۲',
        })
      ).statusCode,
    ).toBe(200);
    const replied = await as('founder', 'POST', `/requests/${code}/actions/reply`, {
      text: 'نشانی را کامل کردم',
    });
    expect(replied.json().status).toBe('under_review');
  });

  it('needs a second officer to confirm; another province cannot act', async () => {
    expect((await as('other', 'POST', `/requests/${code}/actions/propose`, {})).statusCode).toBe(404);
    expect(
      (await as('county', 'POST', `/requests/${code}/actions/propose`, { text: 'مدارک کامل است' })).json()
        .status,
    ).toBe('awaiting_approval');
    const self = await as('county', 'POST', `/requests/${code}/actions/confirm`, {});
    expect(self.statusCode).toBe(403);
    expect(self.json().message.fa).toContain('پیشنهاددهنده');
    expect((await as('county', 'POST', `/requests/${code}/actions/answer`, { text: 'x' })).statusCode).toBe(
      409,
    );
    const confirmed = await as('province', 'POST', `/requests/${code}/actions/confirm`, {});
    expect(confirmed.json().status).toBe('approved');
    expect((await as('province', 'POST', `/requests/${code}/actions/confirm`, {})).statusCode).toBe(409);
  });

  it('puts the cooperative on the register as approved with its founders, and in its ledger', async () => {
    const page = (await as('founder', 'GET', `/requests/${code}`)).json();
    expect(page.status.code).toBe('approved');
    expect(page.events.map((e: { action: string }) => e.action)).toEqual([
      'created',
      'submitted',
      'ask',
      'reply',
      'propose',
      'confirm',
    ]);
    const coopId = page.result.cooperativeId as number;
    const coop = await findCooperativeById(ctx.db, coopId);
    expect(coop).toMatchObject({
      status: 'approved',
      legal_id: null,
      name: 'تعاونی مرغداران جوان مرودشت',
      member_count: 7,
    });
    const profile = await app.inject({ method: 'GET', url: `/api/v1/cooperatives/${coopId}` });
    expect(profile.statusCode).toBe(200);
    const verified = await verifyLog(ctx, coopId);
    expect(verified.problems).toEqual([]);
    expect(verified.size).toBe(1 + 7 + 1); // genesis, seven founders, the decision
  });

  it('completes the registration with the legal ID: the cooperative becomes active', async () => {
    const bad = await as('province', 'POST', `/requests/${code}/registration`, {
      legalId: '123',
      registrationNo: '',
      registeredOn: 'x',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['legalId', 'registeredOn', 'registrationNo']);
    expect(
      (
        await as('founder', 'POST', `/requests/${code}/registration`, {
          legalId: LEGAL_IDS[1],
          registrationNo: '9001',
          registeredOn: '1405/09/07',
        })
      ).statusCode,
    ).toBe(403);
    const done = await as('province', 'POST', `/requests/${code}/registration`, {
      legalId: LEGAL_IDS[1],
      registrationNo: '9001',
      registeredOn: '1405/09/07',
    });
    expect(done.statusCode).toBe(200);
    const profile = (await app.inject({ method: 'GET', url: `/api/v1/cooperatives/${LEGAL_IDS[1]}` })).json();
    expect(profile.status.code ?? profile.status).toBeTruthy();
    const track = await as('nobody', 'POST', '/requests/track', {
      trackingCode: code,
      nationalCode: FOUNDER,
    });
    expect(track.statusCode).toBe(200);
    expect(JSON.stringify(track.json())).not.toContain(FOUNDER);
    expect(
      (await as('nobody', 'POST', '/requests/track', { trackingCode: code, nationalCode: NATIONAL_CODES[0] }))
        .statusCode,
    ).toBe(404);
    const receipt = await as('founder', 'GET', `/requests/${code}/receipt.pdf`);
    expect(receipt.statusCode).toBe(200);
    expect(receipt.headers['content-disposition']).toContain('attachment');
    expect(receipt.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await as('other', 'GET', `/requests/${code}/receipt.pdf`)).statusCode).toBe(404);
  });
});

describe('the inbox', () => {
  it('filters by province code, refuses an unknown one, and lists the officers one may assign to', async () => {
    expect((await as('province', 'GET', '/inbox?status=final&province=IR-07')).statusCode).toBe(200);
    const bad = await as('province', 'GET', '/inbox?province=nowhere');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields[0].path).toBe('province');
    const colleagues = (await as('county', 'GET', '/inbox/officers'))
      .json()
      .items.map((o: { id: number }) => o.id);
    expect(colleagues.sort()).toEqual([people.get('county'), people.get('province')].sort());
    expect((await as('member', 'GET', '/inbox/officers')).json().items).toEqual([]);
  });
});

describe('a complaint to the inspector', () => {
  it('a member complains, the inspector answers, the answer is in the ledger; a stranger cannot complain', async () => {
    const coop = await ctx.db
      .selectFrom('cooperatives')
      .select('id')
      .where('legal_id', '=', A)
      .executeTakeFirstOrThrow();
    const before = (await verifyLog(ctx, coop.id)).size;
    const started = await as('member', 'POST', '/requests', {
      serviceId: 'complaint_inspector',
      answers: {
        cooperativeLegalId: A,
        subject: 'پرداخت بدون مصوبه',
        details: 'مدیرعامل مبلغی را بی‌مصوبه پرداخته است.',
      },
    });
    const code = started.json().trackingCode;
    expect((await as('member', 'POST', `/requests/${code}/submit`)).statusCode).toBe(200);
    expect(
      (await as('county', 'GET', '/inbox')).json().items.map((r: { trackingCode: string }) => r.trackingCode),
    ).not.toContain(code);
    expect(
      (await as('inspector', 'GET', '/inbox'))
        .json()
        .items.map((r: { trackingCode: string }) => r.trackingCode),
    ).toContain(code);
    expect(
      (await as('director', 'POST', `/requests/${code}/actions/answer`, { text: 'نه' })).statusCode,
    ).toBe(404);
    const answered = await as('inspector', 'POST', `/requests/${code}/actions/answer`, {
      text: 'بررسی شد؛ مصوبه در دفتر ثبت شد.',
    });
    expect(answered.json().status).toBe('answered');
    const verified = await verifyLog(ctx, coop.id);
    expect(verified.problems).toEqual([]);
    expect(verified.size).toBe(before + 1);

    const stranger = await as('founder', 'POST', '/requests', {
      serviceId: 'complaint_inspector',
      answers: { cooperativeLegalId: A, subject: 'x', details: 'y' },
    });
    const refused = await as('founder', 'POST', `/requests/${stranger.json().trackingCode}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0].code).toBe('not_eligible_member');
  });
});

describe('officers after an election', () => {
  it('ends the old board and records the new one on approval, so who may do what changes', async () => {
    const coop = await ctx.db
      .selectFrom('cooperatives')
      .select('id')
      .where('legal_id', '=', A)
      .executeTakeFirstOrThrow();
    const oldChair = (await findPersonId(ctx.db, NATIONAL_CODES[0])) ?? 0;
    expect((await actorForPerson(ctx.db, oldChair)).roles.get(coop.id)?.has('board_member')).toBe(true);
    const elected = [0, 1, 2].map((i) => ({
      nationalCode: ids.nationalCode(),
      firstName: `مدیر${i + 1}`,
      lastName: 'برگزیده',
      role: 'board_principal',
      position: ['chair', 'vice_chair', 'secretary'][i],
      termStart: '1405/09/01',
      termEnd: '1408/09/01',
    }));
    const started = await as('director', 'POST', '/requests', {
      serviceId: 'amend_officers',
      answers: {
        cooperativeLegalId: A,
        assemblyKind: 'ordinary',
        assemblyHeldOn: '1405/09/01',
        officers: elected,
      },
    });
    const code = started.json().trackingCode;
    expect(
      (
        await as('director', 'POST', `/requests/${code}/documents/minutes`, MINIMAL_PDF, {
          'content-type': 'application/pdf',
        })
      ).statusCode,
    ).toBe(201);
    expect((await as('director', 'POST', `/requests/${code}/submit`)).statusCode).toBe(200);
    expect((await as('county', 'POST', `/requests/${code}/actions/propose`, {})).statusCode).toBe(200);
    expect((await as('province', 'POST', `/requests/${code}/actions/confirm`, {})).json().status).toBe(
      'approved',
    );

    expect((await actorForPerson(ctx.db, oldChair)).roles.get(coop.id)?.has('board_member') ?? false).toBe(
      false,
    );
    const newChair = (await findPersonId(ctx.db, elected[0]?.nationalCode ?? '')) ?? 0;
    expect((await actorForPerson(ctx.db, newChair)).roles.get(coop.id)?.has('board_member')).toBe(true);
    const officers = await ctx.db
      .selectFrom('officers')
      .select(['role', 'ended_on'])
      .where('cooperative_id', '=', coop.id)
      .where('role', '=', 'board_principal')
      .execute();
    expect(officers.filter((o) => o.ended_on === '2026-11-22')).toHaveLength(3);
    expect(officers.filter((o) => o.ended_on === null)).toHaveLength(3);
    // The ended offices are logged again; verify checks each row against its latest entry.
    const verified = await verifyLog(ctx, coop.id);
    expect(verified.problems).toEqual([]);
    // Moving an ended office's end date behind the log's back shows.
    const ended = await ctx.db
      .selectFrom('officers')
      .select('id')
      .where('cooperative_id', '=', coop.id)
      .where('ended_on', '=', '2026-11-22')
      .executeTakeFirstOrThrow();
    await ctx.db.updateTable('officers').set({ ended_on: '2026-11-25' }).where('id', '=', ended.id).execute();
    const tampered = await verifyLog(ctx, coop.id);
    expect(tampered.problems.map((p) => `${p.code} ${p.subject}`)).toEqual([
      `row_mismatch officer:${ended.id}`,
    ]);
    await ctx.db.updateTable('officers').set({ ended_on: '2026-11-22' }).where('id', '=', ended.id).execute();
  });
});

describe('certificates', () => {
  it('issues a membership certificate at once, verifiable by its code', async () => {
    const started = await as('member', 'POST', '/requests', {
      serviceId: 'membership_certificate',
      answers: { cooperativeLegalId: A },
    });
    const code = started.json().trackingCode;
    expect((await as('member', 'POST', `/requests/${code}/submit`)).json().dueOn).toBeNull();
    const page = (await as('member', 'GET', `/requests/${code}`)).json();
    expect(page.status.code).toBe('approved');
    expect(page.certificate.code).toMatch(/^[0-9A-Z]{16}$/);
    const verified = await as('nobody', 'GET', `/certificates/${page.certificate.code.toLowerCase()}`);
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({
      kind: 'membership',
      valid: true,
      member: { fullName: 'نرگس کاظمی', memberNo: '7' },
    });
    expect(verified.body).not.toContain(NATIONAL_CODES[5]);
    const pdf = await as('nobody', 'GET', `/certificates/${page.certificate.code}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await as('nobody', 'GET', '/certificates/AAAABBBBCCCCDDDD')).statusCode).toBe(404);
  });

  it('refuses a good-standing certificate to a cooperative with overdue obligations, naming why', async () => {
    const started = await as('director', 'POST', '/requests', {
      serviceId: 'good_standing',
      answers: { cooperativeLegalId: A },
    });
    const refused = await as('director', 'POST', `/requests/${started.json().trackingCode}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().fields[0]).toMatchObject({
      path: 'answers.cooperativeLegalId',
      code: 'not_in_good_standing',
    });
    expect(await ctx.db.selectFrom('certificates').select('code').execute()).toHaveLength(1);
  });
});

describe('statistics', () => {
  it('counts requests per service with the time to decision', async () => {
    const stats = (await as('nobody', 'GET', '/services/statistics')).json().items;
    const formation = stats.find((s: { serviceId: string }) => s.serviceId === 'formation');
    expect(formation).toMatchObject({ submitted: 1, decided: 1, decidedInTimeShare: 1 });
  });
});
