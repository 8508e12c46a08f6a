import { randomBytes } from 'node:crypto';
import type { Context } from '../../context/context.ts';
import type { Executor } from '../../db/database.ts';
import type { FieldError } from '../../errors/app-error.ts';
import * as governance from '../../governance/governance.repository.ts';
import { computeObligations } from '../../governance/obligations.ts';
import { obligationsInputOf } from '../../governance/obligations-input.ts';
import { type CooperativeStatus, STATUS_LABELS } from '../../registry/cooperative-status.ts';
import { settingsFor } from '../../registry/get-cooperative-profile.ts';
import * as registry from '../../registry/registry.repository.ts';
import type { RequestFacts, ServiceDefinition } from '../definition.ts';
import { serviceFieldError } from '../service-messages.ts';
import * as repo from '../services.repository.ts';
import { cooperativeQuestion } from './questions.ts';

/**
 * Certificates issued on the spot: the checks run on submission and, when they pass, the
 * certificate is issued with a verification code anyone can check on the site (Companies House's
 * certificate of good standing; India's registrar's e-certificates). Valid for 90 days.
 */

const VALID_DAYS = 90;
/** Crockford's base32: no I, L, O or U, so a code read aloud or typed is not mistaken. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A verification code: 80 random bits as 16 base32 characters, shown in groups of four. */
export function newVerificationCode(): string {
  const bytes = randomBytes(10);
  let bits = 0n;
  for (const b of bytes) bits = (bits << 8n) | BigInt(b);
  let out = '';
  for (let i = 0; i < 16; i++) {
    out = (ALPHABET[Number(bits & 31n)] as string) + out;
    bits >>= 5n;
  }

  return out;
}

/** Reads a verification code as typed (any case, dashes, spaces; O→0, I/L→1), or null. */
export function parseVerificationCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');

  return /^[0-9A-HJKMNP-TV-Z]{16}$/.test(code) ? code : null;
}

async function cooperativeFacts(tx: Executor, ctx: Context, cooperativeId: number) {
  const coop = await registry.findCooperativeById(tx, cooperativeId);
  if (!coop) throw new Error(`cooperative ${cooperativeId} is gone`);
  const province = ctx.reference.provinceById(coop.province_id);
  const county = ctx.reference.countyById(coop.county_id);

  return {
    coop,
    content: {
      name: coop.name,
      legalId: coop.legal_id,
      registrationNo: coop.registration_no,
      province: province?.nameFa ?? '',
      county: county?.nameFa ?? '',
      status: STATUS_LABELS[coop.status as CooperativeStatus].fa,
    },
  };
}

async function issue(
  tx: Executor,
  ctx: Context,
  facts: RequestFacts,
  kind: string,
  content: object,
  personId: number | null,
) {
  const code = newVerificationCode();
  const now = ctx.clock.now();
  const validUntil = new Date(now.getTime() + VALID_DAYS * 86_400_000).toISOString();
  await repo.insertCertificate(tx, {
    code,
    kind,
    request_id: facts.requestId,
    cooperative_id: facts.cooperativeId as number,
    person_id: personId,
    content: JSON.stringify(content),
    issued_at: now.toISOString(),
    valid_until: validUntil,
  });

  return code;
}

/** The overdue statutory obligations of a cooperative today, read in the caller's transaction. */
async function overdueObligations(tx: Executor, ctx: Context, cooperativeId: number) {
  const coop = await registry.findCooperativeById(tx, cooperativeId);
  if (!coop) return [];
  const [officers, assemblies, filings] = [
    await governance.listOfficers(tx, coop.id),
    await governance.listAssemblies(tx, coop.id),
    await governance.listFilings(tx, coop.id),
  ];
  const input = obligationsInputOf(coop, assemblies, filings, officers);

  return computeObligations(input, settingsFor(ctx, coop.bylaws), ctx.clock.today()).filter((o) => o.overdue);
}

const issuedNow = [
  {
    fa: 'اگر شرایط برقرار باشد، گواهی همان لحظه صادر می‌شود و PDF آن را دریافت می‌کنید.',
    en: 'If the conditions hold, the certificate is issued at once and you can download its PDF.',
  },
  {
    fa: 'هر کسی می‌تواند درستی گواهی را با کد تصدیق آن در سامانه بررسی کند.',
    en: 'Anyone can check the certificate with its verification code on the site.',
  },
];

/** A member's certificate of membership: member number, joining date and shares. */
export const membershipCertificate: ServiceDefinition = {
  id: 'membership_certificate',
  group: 'certificates',
  title: { fa: 'گواهی عضویت', en: 'Certificate of membership' },
  summary: {
    fa: 'گواهی عضویت شما در تعاونی، با شمارهٔ عضویت، تاریخ عضویت و تعداد سهام.',
    en: 'A certificate of your membership, with member number, joining date and shares.',
  },
  nextSteps: issuedNow,
  applicant: 'member',
  concernsCooperative: 'required',
  office: 'automatic',
  outcome: 'approve',
  timeLimitDays: 0,
  sections: [
    { id: 'cooperative', title: { fa: 'تعاونی', en: 'Cooperative' }, questions: [cooperativeQuestion] },
  ],
  documents: [],
  async check(tx, _ctx, facts) {
    const membership = await memberOf(tx, facts);
    return membership ? [] : [serviceFieldError('cooperativeLegalId', 'not_eligible_member')];
  },
  async approve(tx, ctx, facts) {
    const membership = await memberOf(tx, facts);
    if (!membership) throw new Error('the applicant is no longer a member');
    const { content } = await cooperativeFacts(tx, ctx, facts.cooperativeId as number);
    const person = await repo.personName(tx, facts.applicantPersonId);
    const certificate = await issue(
      tx,
      ctx,
      facts,
      'membership',
      {
        cooperative: content,
        member: {
          fullName: `${person?.first_name ?? ''} ${person?.last_name ?? ''}`.trim(),
          memberNo: membership.member_no,
          joinedOn: membership.joined_on,
          shares: membership.shares,
        },
      },
      facts.applicantPersonId,
    );

    return { cooperativeId: facts.cooperativeId as number, certificate };
  },
};

async function memberOf(tx: Executor, facts: RequestFacts) {
  const rows = await governance.listMembershipsOfPerson(tx, facts.applicantPersonId);

  return rows.find((m) => m.cooperative_id === facts.cooperativeId && m.left_on === null);
}

/**
 * A certificate of good standing: the cooperative is registered and active and has no overdue
 * statutory obligation (annual assembly, statements, inspector's report, elections).
 */
export const goodStandingCertificate: ServiceDefinition = {
  id: 'good_standing',
  group: 'certificates',
  title: { fa: 'گواهی حسن انجام تکالیف قانونی', en: 'Certificate of good standing' },
  summary: {
    fa: 'گواهی اینکه تعاونی ثبت‌شده و فعال است و تکلیف قانونی عقب‌افتاده‌ای ندارد؛ برای بانک‌ها و مناقصه‌ها.',
    en: 'States that the cooperative is registered, active and has no overdue statutory duty; for banks and tenders.',
  },
  nextSteps: issuedNow,
  applicant: 'board',
  concernsCooperative: 'required',
  office: 'automatic',
  outcome: 'approve',
  timeLimitDays: 0,
  sections: [
    { id: 'cooperative', title: { fa: 'تعاونی', en: 'Cooperative' }, questions: [cooperativeQuestion] },
  ],
  documents: [],
  async check(tx, ctx, facts) {
    const fields: FieldError[] = [];
    const coop = await registry.findCooperativeById(tx, facts.cooperativeId as number);
    if (coop?.status !== 'active' || coop.legal_id === null) {
      fields.push(serviceFieldError('cooperativeLegalId', 'not_registered'));
    } else if ((await overdueObligations(tx, ctx, coop.id)).length > 0) {
      fields.push(serviceFieldError('cooperativeLegalId', 'not_in_good_standing'));
    }

    return fields;
  },
  async approve(tx, ctx, facts) {
    const { content } = await cooperativeFacts(tx, ctx, facts.cooperativeId as number);
    const certificate = await issue(
      tx,
      ctx,
      facts,
      'good_standing',
      {
        cooperative: content,
        checks: [
          'تعاونی ثبت‌شده و فعال است',
          'مجمع عمومی سالانه در مهلت قانونی برگزار شده است',
          'صورت‌های مالی و گزارش بازرس در مهلت ارائه شده است',
          'دورهٔ مسئولیت ارکان منقضی نشده است',
        ],
      },
      null,
    );

    return { cooperativeId: facts.cooperativeId as number, certificate };
  },
};
