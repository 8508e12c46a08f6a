import type { Actor } from '../access/index.ts';
import { formatJalali, toPersianDigits } from '../calendar/index.ts';
import type { Context } from '../context/context.ts';
import { AppError } from '../errors/app-error.ts';
import { renderCertificate, renderReceipt } from '../pdf/certificates.ts';
import { parseVerificationCode } from './catalogue/certificates.ts';
import { serviceOf } from './catalogue/index.ts';
import { type Question, questionsOf } from './definition.ts';
import { mayRead } from './request-access.ts';
import { requestByCode } from './requests.ts';
import * as repo from './services.repository.ts';
import { formatTrackingCode } from './tracking-code.ts';

/**
 * What the single window prints: the receipt of a submitted request (GOV.UK's confirmation
 * page, as a PDF to keep) and certificates, which anyone can check by their verification code.
 */

/** An answer as a person reads it: names for places and fields, Jalali dates, Persian digits. */
function shownAnswer(ctx: Context, q: Question, value: unknown): string {
  if (value === undefined || value === null) return '—';
  switch (q.kind) {
    case 'province':
      return ctx.reference.findProvince(String(value))?.nameFa ?? String(value);
    case 'field':
    case 'subfield':
      return (
        ctx.reference.fieldByCode(String(value))?.nameFa ??
        ctx.reference.findField(String(value))?.nameFa ??
        String(value)
      );
    case 'date':
      return formatJalali(String(value));
    case 'rials':
    case 'integer':
      return `${toPersianDigits(Number(value).toLocaleString('en-US').replace(/,/g, '٬'))}${q.kind === 'rials' ? ' ریال' : ''}`;
    case 'choice':
      return q.choices.find((c) => c.value === value)?.label.fa ?? String(value);
    case 'people': {
      const rows = value as Array<{ firstName?: string; lastName?: string }>;
      return `${toPersianDigits(rows.length)} نفر: ${rows.map((r) => `${r.firstName ?? ''} ${r.lastName ?? ''}`.trim()).join('، ')}`;
    }
    default:
      return String(value);
  }
}

/** Use case: the receipt PDF of a submitted request (its applicant and its office). */
export async function receiptPdf(ctx: Context, actor: Actor, code: string, baseUrl: string): Promise<Buffer> {
  const req = await requestByCode(ctx.db, code);
  if (!mayRead(actor, req)) throw new AppError('NOT_FOUND');
  if (req.submitted_at === null)
    throw new AppError('INVALID_TRANSITION', {
      message: { fa: 'این درخواست هنوز ثبت نشده است', en: 'This request is not submitted yet' },
    });
  const service = serviceOf(req.service_id);
  const answers = JSON.parse(req.answers) as Record<string, unknown>;
  const applicant = await repo.personName(ctx.db, req.applicant_person_id);
  const county = req.county_id === null ? undefined : ctx.reference.countyById(req.county_id);

  return renderReceipt({
    trackingCode: formatTrackingCode(req.tracking_code),
    serviceTitleFa: service.title.fa,
    applicantName: `${applicant?.first_name ?? ''} ${applicant?.last_name ?? ''}`.trim(),
    submittedAt: new Date(req.submitted_at),
    dueOnJalali: req.due_on === null ? 'همان لحظه' : formatJalali(req.due_on),
    nextStepsFa: service.nextSteps.map((s) => s.fa),
    trackUrl: `${baseUrl}/track`,
    answers: questionsOf(service)
      .filter((q) => answers[q.id] !== undefined)
      .map((q): [string, string] =>
        q.kind === 'county'
          ? [q.label.fa, county?.nameFa ?? String(answers[q.id])]
          : [q.label.fa, shownAnswer(ctx, q, answers[q.id])],
      ),
  });
}

type CertificateContent = {
  cooperative: {
    name: string;
    legalId: string | null;
    registrationNo: string | null;
    province: string;
    county: string;
    status: string;
  };
  member?: { fullName: string; memberNo: string; joinedOn: string; shares: number };
  checks?: string[];
};

/** Use case: a certificate by its verification code, for anyone checking it (public). */
export async function verifyCertificate(ctx: Context, input: string) {
  const code = parseVerificationCode(input);
  const row = code === null ? undefined : await repo.findCertificate(ctx.db, code);
  if (!row) {
    throw new AppError('NOT_FOUND', {
      message: {
        fa: 'گواهی‌ای با این کد تصدیق صادر نشده است',
        en: 'No certificate was issued with this verification code',
      },
    });
  }
  const content = JSON.parse(row.content) as CertificateContent;

  return {
    code: row.code,
    kind: row.kind,
    issuedAt: row.issued_at,
    validUntil: row.valid_until,
    valid: row.valid_until >= ctx.clock.now().toISOString(),
    cooperative: content.cooperative,
    member: content.member ?? null,
    checks: content.checks ?? [],
  };
}

/** Use case: a certificate's PDF by its verification code (public: the code is the key). */
export async function certificatePdf(ctx: Context, input: string, baseUrl: string): Promise<Buffer> {
  const c = await verifyCertificate(ctx, input);

  return renderCertificate({
    kind: c.kind as 'membership' | 'good_standing',
    verificationCode: c.code.replace(/(.{4})(?=.)/g, '$1-'),
    verifyUrl: `${baseUrl}/verify/${c.code}`,
    issuedAt: new Date(c.issuedAt),
    cooperative: {
      name: c.cooperative.name,
      legalId: c.cooperative.legalId,
      registrationNo: c.cooperative.registrationNo,
      provinceFa: c.cooperative.province,
      countyFa: c.cooperative.county,
      statusFa: c.cooperative.status,
    },
    ...(c.member
      ? {
          member: {
            fullName: c.member.fullName,
            memberNo: c.member.memberNo,
            joinedOnJalali: formatJalali(c.member.joinedOn),
            shares: c.member.shares,
          },
        }
      : {}),
    lines: c.checks,
  });
}
