import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Action, actorForPerson, isAllowed, type Place } from '../src/access/index.ts';
import { accountsContext, createAdministrator, createOfficer } from '../src/accounts/index.ts';
import { recordPayment, recordResolution } from '../src/books/record-books.ts';
import type { OpenContext } from '../src/context/open-context.ts';
import { runWrite } from '../src/context/write.ts';
import { createIdentifierSource } from '../src/demo/demo-identifiers.ts';
import { appointOfficer, recordMembership } from '../src/governance/record-governance.ts';
import { buildApp } from '../src/http/app.ts';
import { newsPlace } from '../src/news/access.ts';
import { createArticle, transitionArticle, uploadCover } from '../src/news/articles.ts';
import { insertComment } from '../src/news/news.repository.ts';
import { findPersonId } from '../src/people/index.ts';
import { startRequest, submitRequest } from '../src/services/requests.ts';
import { makePng } from '../src/storage/upload-corpus.ts';
import { buildCooperative } from './factories/registry.ts';
import { createTestAccount, FAST_ACCOUNTS, signIn, TEST_ORIGIN, TEST_PASSWORD } from './helpers/auth.ts';
import { createTestContext } from './helpers/test-context.ts';

/**
 * research/security.md T1–T4, generated from the application itself: every route in the OpenAPI
 * document must have an entry below (a new route without one fails this test), and every route
 * is called as every role — anonymous, a signed-in stranger, a member, a board member, the
 * managing director and the inspector of cooperative A, ministry officers of A's county, A's
 * province, another province and the nation, an administrator — on A and on B where it names a
 * cooperative. Each answer is compared with the policy table, and no answer carries another
 * person's national code or mobile.
 */
type Spec =
  | { kind: 'public'; query?: string }
  | { kind: 'self'; body?: object; last?: boolean; anonymousOk?: boolean }
  /** `ok`: the status an allowed caller gets (201 by default; 200 for reads; 400 when the body is refused after authorisation). */
  | { kind: 'policy'; action: Action; body?: () => object; ok?: number }
  | { kind: 'supervision' }
  /** Not tied to a cooperative: allowed when the policy table grants the action anywhere. */
  | { kind: 'global'; action: Action; body: () => object; ok: number }
  /** Ministry officers of any scope, and administrators (national); `ok` 200 unless said (400: a body refused after authorisation). */
  | { kind: 'officers'; body?: () => object; ok?: number }
  /**
   * News by its audience (`A`: A's province; null: the nation): allowed when the policy table
   * grants `action` at that audience's place (src/news/access.ts), else 403; anonymous 401.
   */
  | { kind: 'news'; action: Action; province: 'A' | null; body?: () => object; ok: number }
  /** Anyone, signed in or not, gets `ok` (each caller votes or comments once); anonymous callers `anonymous` when given. */
  | { kind: 'anyone'; body: () => object; ok: number; anonymous?: number }
  | { kind: 'demo' }
  | { kind: 'sign-in flow'; body: object }
  /**
   * A route on one service request (`{code}`): the member's complaint about A to the ministry.
   * Anonymous 401; everyone but the applicant and the officers whose region holds A gets 404 (the
   * request is invisible to them); those may read it (200) or are refused a step (403/409/400).
   */
  | { kind: 'request'; body?: () => object };

const ids = createIdentifierSource(4242);
const fresh = () => ({ nationalCode: ids.nationalCode(), firstName: 'تازه', lastName: 'وارد' });
let serial = 0;

const SPECS: Record<string, Spec> = {
  'get /api/v1/cooperatives': { kind: 'public' },
  'get /api/v1/cooperatives/{key}': { kind: 'public' },
  'get /api/v1/cooperatives/{key}/filings': { kind: 'public' },
  'get /api/v1/open-data/cooperatives.csv': { kind: 'public' },
  'get /api/v1/open-data/cooperatives.json': { kind: 'public' },
  'get /api/v1/open-data/dictionary': { kind: 'public' },
  'get /api/v1/stream/events': { kind: 'public' },
  'get /api/v1/reference/provinces': { kind: 'public' },
  'get /api/v1/reference/fields': { kind: 'public' },
  // The sign-in steps are the way in; src/accounts tests cover them in depth. Here: a bad body is a 400, never more.
  'post /api/v1/auth/sign-in': { kind: 'sign-in flow', body: { nationalCode: '0684159415', password: 'x' } },
  'post /api/v1/auth/sign-in/verify': { kind: 'sign-in flow', body: { challengeId: 'nope', code: '12' } },
  'post /api/v1/auth/activate': { kind: 'sign-in flow', body: { nationalCode: 'abc' } },
  'post /api/v1/auth/activate/verify': {
    kind: 'sign-in flow',
    body: { challengeId: 'nope', code: '1', password: 'p' },
  },
  'post /api/v1/auth/recover': { kind: 'sign-in flow', body: { nationalCode: 'abc' } },
  'post /api/v1/auth/register': { kind: 'sign-in flow', body: { nationalCode: 'abc', mobile: '1' } },
  'post /api/v1/auth/recover/verify': {
    kind: 'sign-in flow',
    body: { challengeId: 'nope', code: '1', password: 'p' },
  },
  // Signing out without a session is harmless and answers 200 (idempotent).
  'post /api/v1/auth/sign-out': { kind: 'self', last: true, anonymousOk: true },
  'get /api/v1/me': { kind: 'self' },
  'get /api/v1/me/sessions': { kind: 'self' },
  'delete /api/v1/me/sessions': { kind: 'self', last: true },
  'post /api/v1/me/password': {
    kind: 'self',
    body: { currentPassword: 'wrong-password-1', newPassword: 'Another-long-pass-77' },
  },
  'get /api/v1/demo/outbox': { kind: 'demo' },
  'get /api/v1/me/emails': { kind: 'self' },
  'post /api/v1/me/emails': { kind: 'self', body: { email: 'not-an-address' } },
  'post /api/v1/me/emails/verify': { kind: 'self', body: { code: '000000' } },
  'delete /api/v1/me/emails/{id}': { kind: 'self' },
  'get /api/v1/me/notification-preferences': { kind: 'self' },
  'put /api/v1/me/notification-preferences': {
    kind: 'self',
    body: { kind: 'all', channel: 'inapp', enabled: true },
  },
  'get /api/v1/me/inbox': { kind: 'self' },
  'post /api/v1/me/inbox/read': { kind: 'self', body: {} },
  'get /api/v1/me/cooperatives': { kind: 'self' },
  'post /api/v1/cooperatives/{legalId}/assemblies': {
    kind: 'policy',
    action: 'cooperative.record_assembly',
    body: () => ({ kind: 'ordinary', fiscalYear: 1404, heldOn: '1405/03/01' }),
  },
  'post /api/v1/cooperatives/{legalId}/filings': {
    kind: 'policy',
    action: 'cooperative.record_filing',
    body: () => ({ kind: 'other', filedOn: '1405/01/01' }),
  },
  'post /api/v1/cooperatives/{legalId}/officers': {
    kind: 'policy',
    action: 'cooperative.record_officer',
    body: () => ({ person: fresh(), role: 'board_alternate', termStart: '1405/01/01' }),
  },
  'post /api/v1/cooperatives/{legalId}/declarations': {
    kind: 'policy',
    action: 'cooperative.record_declaration',
    body: () => ({
      officerNationalCode: CODES.director,
      kind: 'company',
      relation: 'owner',
      companyName: 'شرکت نمونه',
      declaredOn: '1405/01/01',
    }),
  },
  'post /api/v1/cooperatives/{legalId}/members': {
    kind: 'policy',
    action: 'cooperative.record_member',
    body: () => ({ memberNo: `x${serial++}`, person: fresh(), joinedOn: '1405/01/01', shares: 1 }),
  },
  'get /api/v1/supervision/cooperatives': { kind: 'supervision' },
  'get /api/v1/services': { kind: 'public' },
  'get /api/v1/services/statistics': { kind: 'public' },
  'get /api/v1/services/{serviceId}': { kind: 'public' },
  'post /api/v1/requests/track': { kind: 'sign-in flow', body: { trackingCode: '1', nationalCode: 'x' } },
  'post /api/v1/requests': { kind: 'self', body: { serviceId: 'general' } },
  'get /api/v1/me/requests': { kind: 'self' },
  'get /api/v1/inbox': { kind: 'self' },
  'get /api/v1/inbox/officers': { kind: 'self' },
  'post /api/v1/inbox/bulk': { kind: 'self', body: { codes: ['1234567890'], action: 'take' } },
  'get /api/v1/requests/{code}': { kind: 'request' },
  'get /api/v1/requests/{code}/receipt.pdf': { kind: 'request' },
  'get /api/v1/certificates/{code}': { kind: 'public' },
  'get /api/v1/certificates/{code}/pdf': { kind: 'public' },
  'patch /api/v1/requests/{code}/answers': { kind: 'request', body: () => ({ subject: 'تازه' }) },
  'post /api/v1/requests/{code}/submit': { kind: 'request' },
  'post /api/v1/requests/{code}/actions/{action}': { kind: 'request', body: () => ({}) },
  'post /api/v1/requests/{code}/registration': { kind: 'request', body: () => ({}) },
  'post /api/v1/requests/{code}/documents/{requirement}': { kind: 'request' },
  'get /api/v1/requests/{code}/documents/{id}': { kind: 'request' },
  'delete /api/v1/requests/{code}/documents/{id}': { kind: 'request' },
  'get /api/v1/cooperatives/{legalId}/ledger': { kind: 'public' },
  'get /api/v1/cooperatives/{legalId}/ledger/checkpoint.txt': { kind: 'public' },
  'get /api/v1/cooperatives/{legalId}/ledger/summary': { kind: 'public' },
  'get /api/v1/cooperatives/{legalId}/ledger/consistency': { kind: 'public', query: '?from=1&to=2' },
  'get /api/v1/ledger/keys': { kind: 'public' },
  'get /api/v1/cooperatives/{legalId}/ledger/entries': { kind: 'policy', action: 'ledger.read', ok: 200 },
  'get /api/v1/cooperatives/{legalId}/ledger/entries/{index}': {
    kind: 'policy',
    action: 'ledger.read',
    ok: 200,
  },
  'get /api/v1/cooperatives/{legalId}/ledger/entries/{index}/identifiers': {
    kind: 'policy',
    action: 'ledger.open_identifiers',
    ok: 200,
  },
  // A witness without a registered key is refused after authorisation: 400 for those allowed.
  'post /api/v1/cooperatives/{legalId}/ledger/checkpoints/{size}/cosignatures': {
    kind: 'policy',
    action: 'ledger.cosign',
    body: () => ({ keyId: '00000000', signature: Buffer.alloc(64).toString('base64') }),
    ok: 400,
  },
  // Any signed-in person may ask; only inspectors and officers are let through (src/ledger tests).
  'post /api/v1/me/witness-keys': { kind: 'self', body: { name: 'x', publicKey: 'not-a-key' } },
  'get /api/v1/cooperatives/{legalId}/books/board': { kind: 'policy', action: 'ledger.read', ok: 200 },
  'get /api/v1/cooperatives/{legalId}/books/resolutions': { kind: 'policy', action: 'ledger.read', ok: 200 },
  'get /api/v1/cooperatives/{legalId}/books/payments': { kind: 'policy', action: 'ledger.read', ok: 200 },
  'get /api/v1/cooperatives/{legalId}/books/contracts': { kind: 'policy', action: 'ledger.read', ok: 200 },
  'post /api/v1/cooperatives/{legalId}/books/resolutions': {
    kind: 'policy',
    action: 'books.record',
    body: () => ({
      body: 'assembly',
      number: `r-${serial++}`,
      meetingOn: '1405/06/01',
      motion: 'تصویب بودجه',
    }),
  },
  'post /api/v1/cooperatives/{legalId}/books/contracts': {
    kind: 'policy',
    action: 'books.record',
    body: () => ({
      title: 'خرید نهاده',
      party: { kind: 'company', name: 'شرکت خوراک دام', legalId: '10835361919' },
      amountRials: 50_000_000,
      startsOn: '1405/07/01',
    }),
  },
  'post /api/v1/cooperatives/{legalId}/books/payments': {
    kind: 'policy',
    action: 'books.record',
    body: () => ({
      direction: 'payment',
      party: { kind: 'company', name: 'شرکت خوراک دام', legalId: '10835361919' },
      amountRials: 20_000_000,
      paidOn: '1405/08/01',
      category: 'raw_materials',
    }),
  },
  // The import reads a text/csv body; a JSON body is refused after authorisation (the CSV paths:
  // src/books/import-books.db.test.ts).
  'post /api/v1/cooperatives/{legalId}/books/import': {
    kind: 'policy',
    action: 'books.record',
    body: () => ({ csv: 'external_id\nx' }),
    ok: 400,
  },
  'post /api/v1/cooperatives/{legalId}/books/payments/{paymentId}/approvals': {
    kind: 'policy',
    action: 'books.approve_payment',
    body: () => ({}),
  },
  'post /api/v1/cooperatives/{legalId}/books/statements': {
    kind: 'policy',
    action: 'books.record',
    body: () => ({
      fiscalYear: 1404,
      figures: { totalAssets: 10, totalLiabilities: 4, equity: 6, revenue: 9, expenses: 7, netIncome: 2 },
    }),
  },
  'post /api/v1/cooperatives/{legalId}/books/share-movements': {
    kind: 'policy',
    action: 'books.record',
    body: () => ({
      memberNo: 'm1',
      kind: 'subscribe',
      shares: 1,
      amountRials: 1_000_000,
      movedOn: '1405/08/01',
    }),
  },
  'post /api/v1/cooperatives/{legalId}/books/corrections': {
    kind: 'policy',
    action: 'books.record',
    body: () => ({ targetIndex: 1, action: 'reverse', reason: 'ثبت تکراری' }),
  },
  'get /api/v1/monitoring/rules': { kind: 'public' },
  'put /api/v1/monitoring/rules/{ruleId}/thresholds': {
    kind: 'global',
    action: 'monitoring.configure',
    body: () => ({ minAmountRials: 60_000_000 }),
    ok: 200,
  },
  'get /api/v1/cooperatives/{legalId}/flags': { kind: 'public' },
  'get /api/v1/cooperatives/{legalId}/alerts': { kind: 'policy', action: 'alerts.read', ok: 200 },
  // No alert 999999: allowed callers learn only that it does not exist.
  'post /api/v1/cooperatives/{legalId}/alerts/{alertId}/answer': {
    kind: 'policy',
    action: 'alerts.answer',
    body: () => ({ text: 'پاسخ' }),
    ok: 404,
  },
  'post /api/v1/cooperatives/{legalId}/alerts/{alertId}/resolve': {
    kind: 'policy',
    action: 'alerts.close',
    body: () => ({ text: 'دلیل' }),
    ok: 404,
  },
  'post /api/v1/cooperatives/{legalId}/alerts/{alertId}/dismiss': {
    kind: 'policy',
    action: 'alerts.close',
    body: () => ({ text: 'دلیل' }),
    ok: 404,
  },
  'put /api/v1/me/follows/{legalId}': { kind: 'self' },
  'delete /api/v1/me/follows/{legalId}': { kind: 'self' },
  'get /api/v1/supervision/risk': { kind: 'officers' },
  'get /api/v1/news': { kind: 'public' },
  'get /api/v1/news/tags': { kind: 'public' },
  'get /api/v1/news/challenge': { kind: 'public' },
  'get /news/feed.xml': { kind: 'public' },
  'get /api/v1/news/manage': { kind: 'officers' },
  // A draft for A's province: its officers, the nation's and administrators (not A's county officer).
  'post /api/v1/news': {
    kind: 'news',
    action: 'news.write',
    province: 'A',
    body: () => ({
      title: 'خبر استانی',
      lead: 'خلاصه',
      body: '<p>متن</p>',
      tags: ['آموزش'],
      audience: 'province',
      province: 'فارس',
    }),
    ok: 201,
  },
  'get /api/v1/news/{articleId}': { kind: 'public' },
  'patch /api/v1/news/{articleId}': {
    kind: 'news',
    action: 'news.write',
    province: null,
    body: () => ({ lead: 'خلاصهٔ تازه' }),
    ok: 200,
  },
  // Publishing a published article: a 409 for its editors, after authorisation.
  'post /api/v1/news/{articleId}/status': {
    kind: 'news',
    action: 'news.write',
    province: null,
    body: () => ({ to: 'published' }),
    ok: 409,
  },
  // No file: refused (400) after authorisation; the image paths are in src/news tests.
  'put /api/v1/news/{articleId}/cover': { kind: 'news', action: 'news.write', province: null, ok: 400 },
  'get /api/v1/news/{articleId}/cover': { kind: 'public' },
  'post /api/v1/news/{articleId}/views': { kind: 'public' },
  'post /api/v1/news/{articleId}/rating': { kind: 'anyone', body: () => ({ value: 4 }), ok: 201 },
  'post /api/v1/news/{articleId}/reaction': { kind: 'anyone', body: () => ({ value: 'like' }), ok: 201 },
  // Anonymous comments need the arithmetic challenge: 400 without it.
  'post /api/v1/news/{articleId}/comments': {
    kind: 'anyone',
    body: () => ({ body: 'نظر آزمایشی' }),
    ok: 201,
    anonymous: 400,
  },
  'get /api/v1/news/moderation/comments': { kind: 'officers' },
  // Rejecting without a reason: a 400 for moderators, after authorisation.
  'post /api/v1/news/comments/{commentId}/moderation': {
    kind: 'officers',
    body: () => ({ decision: 'reject' }),
    ok: 400,
  },
  'get /api/v1/cooperatives/{legalId}/announcements': {
    kind: 'policy',
    action: 'cooperative.read_member_view',
    ok: 200,
  },
  'post /api/v1/cooperatives/{legalId}/announcements': {
    kind: 'policy',
    action: 'news.announce',
    body: () => ({ title: 'اطلاعیه', lead: 'خلاصه', body: '<p>متن</p>', tags: ['مجمع'] }),
  },
  'post /api/v1/cooperatives/{legalId}/books/inspector-reports': {
    kind: 'policy',
    action: 'books.record_inspector_report',
    body: () => ({
      fiscalYear: 1404,
      opinion: 'qualified',
      summary: 'گزارش بازرس',
      reportedOn: '1405/03/01',
    }),
  },
};

const A = '10380284790'; // Shiraz, Fars
const B = '10623657427'; // Kerman, Kerman
const ROLES = [
  'stranger',
  'member',
  'board',
  'director',
  'inspector',
  'county',
  'province',
  'otherProvince',
  'nation',
  'admin',
] as const;
type Role = (typeof ROLES)[number];
const CODES = Object.fromEntries(ROLES.map((r) => [r, ids.nationalCode()])) as Record<Role, string>;
const MOBILES = Object.fromEntries(
  ROLES.map((r, i) => [r, `0912${String(1000000 + i).padStart(7, '0')}`]),
) as Record<Role, string>;

let ctx: OpenContext;
let app: FastifyInstance;
/** A payment above the sign-off threshold, recorded by A's managing director, for the approval route. */
let bigPaymentId = 0;
const places: Record<string, Place> = {};
/** The member's complaint about A to the ministry's county office. */
let requestCode = '';
/** The verification code of the member's membership certificate (public routes). */
let certificateCode = '';
/** A published national article with a cover, and a pending anonymous comment on it (news routes). */
let newsArticleId = 0;
let newsCommentId = 0;

beforeAll(async () => {
  ctx = await createTestContext();
  const a = await buildCooperative(ctx, { legalId: A });
  const b = await buildCooperative(ctx, {
    legalId: B,
    name: 'تعاونی مسکن کرمان',
    province: 'کرمان',
    county: 'کرمان',
    registrationNo: '2',
  });
  const fars = ctx.reference.findProvince('فارس')?.id ?? 0;
  const kerman = ctx.reference.findProvince('کرمان')?.id ?? 0;
  places[A] = {
    cooperativeId: a,
    provinceId: fars,
    countyId: ctx.reference.findCounty(fars, 'شیراز')?.id ?? 0,
  };
  places[B] = {
    cooperativeId: b,
    provinceId: kerman,
    countyId: ctx.reference.findCounty(kerman, 'کرمان')?.id ?? 0,
  };
  for (const role of ROLES) {
    await createTestAccount(ctx, {
      nationalCode: CODES[role],
      mobile: MOBILES[role],
      firstName: 'نقش',
      lastName: role,
    });
  }
  const person = (role: Role) => ({ nationalCode: CODES[role], firstName: 'نقش', lastName: role });
  await runWrite(recordMembership, ctx, {
    cooperativeLegalId: A,
    memberNo: 'm1',
    person: person('member'),
    joinedOn: '1400/01/01',
    shares: 3,
  });
  for (const [role, office] of [
    ['board', 'board_principal'],
    ['director', 'managing_director'],
    ['inspector', 'inspector_principal'],
  ] as const) {
    await runWrite(appointOfficer, ctx, {
      cooperativeLegalId: A,
      person: person(role),
      role: office,
      termStart: '1404/01/01',
    });
  }
  const resolution = await runWrite(recordResolution, ctx, {
    cooperativeLegalId: A,
    actorPersonId: null,
    body: 'assembly',
    number: 'big-1',
    meetingOn: '1405/01/10',
    motion: 'خرید دستگاه',
  });
  bigPaymentId = (
    await runWrite(recordPayment, ctx, {
      cooperativeLegalId: A,
      actorPersonId: (await findPersonId(ctx.db, CODES.director)) ?? null,
      direction: 'payment',
      party: { kind: 'company', name: 'شرکت ماشین‌سازی', legalId: '10835361919' },
      amountRials: 5_000_000_000,
      paidOn: '1405/02/01',
      category: 'equipment',
      resolutionId: resolution.id,
    })
  ).id;
  const actx = accountsContext(ctx, FAST_ACCOUNTS);
  await createOfficer(
    actx,
    { nationalCode: CODES.county },
    { scope: 'county', province: 'فارس', county: 'شیراز' },
  );
  await createOfficer(actx, { nationalCode: CODES.province }, { scope: 'province', province: 'فارس' });
  await createOfficer(actx, { nationalCode: CODES.otherProvince }, { scope: 'province', province: 'کرمان' });
  await createOfficer(actx, { nationalCode: CODES.nation }, { scope: 'nation' });
  await createAdministrator(actx, { nationalCode: CODES.admin });
  app = await buildApp(ctx, { logLevel: 'silent', accounts: FAST_ACCOUNTS, mode: 'demo' });
  const applicant = await actorForPerson(ctx.db, (await findPersonId(ctx.db, CODES.member)) ?? 0);
  requestCode = (
    await startRequest(ctx, applicant, {
      serviceId: 'complaint_ministry',
      answers: { cooperativeLegalId: A, subject: 'شکایت', details: 'شرح شکایت' },
    })
  ).trackingCode;
  await submitRequest(ctx, applicant, requestCode);
  const certificate = await startRequest(ctx, applicant, {
    serviceId: 'membership_certificate',
    answers: { cooperativeLegalId: A },
  });
  await submitRequest(ctx, applicant, certificate.trackingCode);
  certificateCode = (await ctx.db.selectFrom('certificates').select('code').executeTakeFirstOrThrow()).code;
  const nation = await actorForPerson(ctx.db, (await findPersonId(ctx.db, CODES.nation)) ?? 0);
  newsArticleId = (
    await createArticle(ctx, nation, {
      title: 'خبر سراسری',
      lead: 'خلاصه',
      body: '<p>متن</p>',
      tags: ['آموزش'],
      audience: 'nation',
    })
  ).id;
  await transitionArticle(ctx, nation, newsArticleId, { to: 'published' });
  await uploadCover(ctx, nation, newsArticleId, {
    name: 'cover.png',
    bytes: makePng({ width: 1, height: 1, colorType: 0, bitDepth: 8, pixel: () => [128] }),
  });
  newsCommentId = await insertComment(ctx.db, {
    article_id: newsArticleId,
    person_id: null,
    display_name: 'خواننده',
    body: 'نظر',
    status: 'pending',
    reason: null,
    moderated_by: null,
    moderated_at: null,
    created_at: new Date().toISOString(),
  });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await ctx?.close();
});

/** Other people's identifiers, which must never appear in an answer to `role`. */
function othersSecrets(role: Role | 'anonymous'): string[] {
  return ROLES.filter((r) => r !== role).flatMap((r) => [CODES[r], MOBILES[r]]);
}

describe('every route × every role', () => {
  it('has an entry for every route of the application', async () => {
    await app.ready();
    const doc = app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m} ${path}`),
    );
    expect(routes.filter((r) => !(r in SPECS))).toEqual([]);
    expect(Object.keys(SPECS).filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('answers as the policy table says, with zero cross-cooperative writes and zero private fields', async () => {
    const sessions = new Map<Role, Record<string, string>>();
    for (const role of ROLES) sessions.set(role, (await signIn(app, ctx, CODES[role])).headers);
    const mismatches: string[] = [];
    const leaks: string[] = [];
    const call = async (who: Role | 'anonymous', method: string, url: string, payload?: object) => {
      const headers = who === 'anonymous' ? { origin: TEST_ORIGIN } : (sessions.get(who) ?? {});
      const response = await app.inject({
        method: method.toUpperCase() as 'GET',
        url,
        headers,
        ...(payload ? { payload } : {}),
      });
      const found = othersSecrets(who).filter((s) => response.body.includes(s));
      if (found.length > 0) leaks.push(`${who} ${method} ${url}: ${found.join(',')}`);

      return response;
    };
    const expectStatus = (label: string, actual: number, ok: (s: number) => boolean, want: string) => {
      if (!ok(actual)) mismatches.push(`${label}: got ${actual}, want ${want}`);
    };

    const ordered = Object.entries(SPECS).sort(
      ([, x], [, y]) =>
        Number(x.kind === 'self' && x.last === true) - Number(y.kind === 'self' && y.last === true),
    );
    for (const [route, spec] of ordered) {
      const [method = 'get', path = ''] = route.split(' ');
      const url =
        path
          .replace('{key}', A)
          .replace('{legalId}', A)
          .replace('{id}', '999999')
          .replace('{serviceId}', 'formation')
          .replace('{code}', path.startsWith('/api/v1/certificates/') ? certificateCode : requestCode)
          .replace('{action}', 'take')
          .replace('{requirement}', 'evidence')
          .replace('{ruleId}', 'money.payment_without_authority')
          .replace('{articleId}', String(newsArticleId))
          .replace('{commentId}', String(newsCommentId)) + (spec.kind === 'public' ? (spec.query ?? '') : '');
      const everyone: Array<Role | 'anonymous'> = ['anonymous', ...ROLES];
      switch (spec.kind) {
        case 'public':
        case 'demo':
          for (const who of everyone) {
            expectStatus(
              `${who} ${route}`,
              (await call(who, method, url)).statusCode,
              (s) => s === 200,
              '200',
            );
          }
          break;
        case 'sign-in flow':
          expectStatus(
            `anonymous ${route}`,
            (await call('anonymous', method, url, spec.body)).statusCode,
            (s) => s >= 400 && s < 500,
            '4xx',
          );
          break;
        case 'self':
          expectStatus(
            `anonymous ${route}`,
            (
              await call(
                'anonymous',
                method,
                url,
                spec.body ?? (method === 'get' || method === 'delete' ? undefined : {}),
              )
            ).statusCode,
            (s) => s === 401 || s === 400 || (spec.anonymousOk === true && s === 200),
            '401 (or 400 for a bad body)',
          );
          for (const who of ROLES) {
            // A route that ends sessions gets a fresh one, so that the next such route has one too.
            if (spec.last) sessions.set(who, (await signIn(app, ctx, CODES[who])).headers);
            const status = (await call(who, method, url, spec.body)).statusCode;
            expectStatus(
              `${who} ${route}`,
              status,
              (s) => s !== 401 && s !== 403 && s < 500,
              'not 401/403/5xx',
            );
          }
          break;
        case 'policy':
          for (const legalId of [A, B]) {
            const target = path
              .replace('{legalId}', legalId)
              .replace('{index}', '0')
              .replace('{size}', '1')
              .replace('{paymentId}', String(bigPaymentId))
              .replace('{alertId}', '999999');
            expectStatus(
              `anonymous ${route} ${legalId}`,
              (await call('anonymous', method, target, spec.body?.())).statusCode,
              (s) => s === 401,
              '401',
            );
            for (const who of ROLES) {
              const personId = await findPersonId(ctx.db, CODES[who]);
              const allowed = isAllowed(
                await actorForPerson(ctx.db, personId ?? 0),
                spec.action,
                places[legalId] ?? null,
              );
              const want = !allowed
                ? 403
                : spec.action === 'cooperative.record_declaration' && legalId === B
                  ? 400
                  : (spec.ok ?? 201);
              expectStatus(
                `${who} ${route} ${legalId}`,
                (await call(who, method, target, spec.body?.())).statusCode,
                (s) => s === want,
                String(want),
              );
            }
          }
          break;
        case 'global':
          for (const who of ['anonymous', ...ROLES] as const) {
            const personId = who === 'anonymous' ? 0 : await findPersonId(ctx.db, CODES[who]);
            const actor = who === 'anonymous' ? null : await actorForPerson(ctx.db, personId ?? 0);
            const want = who === 'anonymous' ? 401 : isAllowed(actor, spec.action, null) ? spec.ok : 403;
            expectStatus(
              `${who} ${route}`,
              (await call(who, method, url, spec.body())).statusCode,
              (s) => s === want,
              String(want),
            );
          }
          break;
        case 'request': {
          const sees: readonly string[] = ['member', 'county', 'province', 'nation'];
          for (const who of ['anonymous', ...ROLES] as const) {
            const status = (await call(who, method, url, spec.body?.())).statusCode;
            if (who === 'anonymous') expectStatus(`${who} ${route}`, status, (s) => s === 401, '401');
            else if (!sees.includes(who)) expectStatus(`${who} ${route}`, status, (s) => s === 404, '404');
            else
              expectStatus(
                `${who} ${route}`,
                status,
                (s) => s !== 401 && s < 500 && (method !== 'get' || s === 200 || s === 404),
                'not 401/5xx',
              );
          }
          break;
        }
        case 'officers':
          for (const who of ['anonymous', ...ROLES] as const) {
            const want =
              who === 'anonymous'
                ? 401
                : ['county', 'province', 'otherProvince', 'nation', 'admin'].includes(who)
                  ? (spec.ok ?? 200)
                  : 403;
            expectStatus(
              `${who} ${route}`,
              (await call(who, method, url, spec.body?.())).statusCode,
              (s) => s === want,
              String(want),
            );
          }
          break;
        case 'news': {
          const place = newsPlace(spec.province === 'A' ? (places[A]?.provinceId ?? 0) : null);
          for (const who of ['anonymous', ...ROLES] as const) {
            const actor =
              who === 'anonymous'
                ? null
                : await actorForPerson(ctx.db, (await findPersonId(ctx.db, CODES[who])) ?? 0);
            const want = who === 'anonymous' ? 401 : isAllowed(actor, spec.action, place) ? spec.ok : 403;
            expectStatus(
              `${who} ${route}`,
              (await call(who, method, url, spec.body?.())).statusCode,
              (s) => s === want,
              String(want),
            );
          }
          break;
        }
        case 'anyone':
          for (const who of ['anonymous', ...ROLES] as const) {
            const want = who === 'anonymous' ? (spec.anonymous ?? spec.ok) : spec.ok;
            expectStatus(
              `${who} ${route}`,
              (await call(who, method, url, spec.body())).statusCode,
              (s) => s === want,
              String(want),
            );
          }
          break;
        case 'supervision':
          for (const who of ['anonymous', ...ROLES] as const) {
            const response = await call(who, method, url);
            const want =
              who === 'anonymous'
                ? 401
                : ['county', 'province', 'otherProvince'].includes(who)
                  ? 200
                  : ['nation', 'admin'].includes(who)
                    ? 400
                    : 403;
            expectStatus(`${who} ${route}`, response.statusCode, (s) => s === want, String(want));
            if (response.statusCode === 200) {
              const own = who === 'otherProvince' ? B : A;
              const legalIds = response.json().items.map((c: { legalId: string }) => c.legalId);
              if (legalIds.some((id: string) => id !== own))
                mismatches.push(`${who} sees ${legalIds.join(',')} outside their region`);
            }
          }
          break;
      }
    }
    expect(mismatches).toEqual([]);
    expect(leaks).toEqual([]);
  }, 120_000);

  it('signs in every role with the real flow (password and SMS code)', async () => {
    for (const role of ROLES) {
      const { headers } = await signIn(app, ctx, CODES[role], { password: TEST_PASSWORD });
      const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers });
      expect(me.statusCode, role).toBe(200);
    }
  });
});
