import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation } from 'react-router';
import { BOARD_POSITION_LABELS, OFFICER_ROLE_LABELS } from '../../../src/governance/vocabulary.ts';
import { fieldsQuery, provincesQuery } from '../api/queries.ts';
import { colours } from '../app/theme.ts';
import { type ErrorItem, ErrorSummary } from '../components/ErrorSummary.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SuccessBanner } from '../components/Panel.tsx';
import { StatusTag, type Tone } from '../components/StatusTag.tsx';
import { ltr } from '../format/format.ts';
import { useFormat } from '../format/use-format.ts';
import { downloads } from './api.ts';
import { countyOf, fieldOf, groupTrackingCode, provinceOf, subfieldOf } from './model.ts';
import type { Bilingual, PersonColumn, Question, RequestEvent } from './types.ts';

/** The text of the reader's language. */
export function useBilingual(): (text: Bilingual | undefined) => string {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  return (text) => (text ? (en ? text.en : text.fa) : '');
}

/** The tone of each request status. */
const REQUEST_TONE: Record<string, Tone> = {
  draft: 'grey',
  submitted: 'blue',
  under_review: 'blue',
  more_info: 'orange',
  awaiting_approval: 'blue',
  approved: 'green',
  rejected: 'red',
  answered: 'green',
  withdrawn: 'grey',
};

export function RequestStatusTag({ status }: { status: { code: string; label: Bilingual } }) {
  const text = useBilingual();
  return (
    <StatusTag tone={REQUEST_TONE[status.code] ?? 'grey'} testId="request-status">
      {text(status.label)}
    </StatusTag>
  );
}

/**
 * A tracking code: grouped (۱۲۳-۴۵۶-۷۸۹۰), in the reader's digits, and always read left to
 * right, so its groups keep their order inside a Persian sentence.
 */
export function TrackingCode({ code, large = false }: { code: string; large?: boolean }) {
  const format = useFormat();
  return (
    <Box
      component="bdi"
      dir="ltr"
      data-testid="tracking-code"
      sx={{
        fontWeight: 700,
        whiteSpace: 'nowrap',
        unicodeBidi: 'isolate',
        ...(large
          ? { display: 'inline-block', fontSize: { xs: '2rem', sm: '2.5rem' }, lineHeight: 1.4 }
          : {}),
      }}
    >
      {format.digits(groupTrackingCode(code))}
    </Box>
  );
}

/** After registration: «حساب شما ساخته شد» on the page the journey returned to. */
export function RegisteredBanner() {
  const { t } = useTranslation();
  const location = useLocation();
  if ((location.state as { done?: string } | null)?.done !== 'registration') return null;
  return (
    <SuccessBanner title={t('services.register.doneTitle')}>{t('services.register.done')}</SuccessBanner>
  );
}

/** «حداکثر ۳۰ روز» or, for services decided on the spot, «بی‌درنگ». */
export function useTimeLimit(): (days: number) => string {
  const { t } = useTranslation();
  const format = useFormat();
  return (days) =>
    days === 0
      ? t('services.timeLimit.now')
      : t('services.timeLimit.days', { count: days, n: format.number(days) });
}

const caption = {
  display: 'block',
  color: colours.secondaryText,
  fontSize: '1.1rem',
  mb: 0.5,
} as const;

/** GOV.UK's caption above a heading: the service a page belongs to. */
export function Caption({ children }: { children: ReactNode }) {
  return (
    <Typography component="span" sx={caption}>
      {children}
    </Typography>
  );
}

/** A page that is not there: a request, service or certificate the server does not know. */
export function NotFound({
  title,
  text,
  links,
}: {
  title: string;
  text: string;
  links: { to: string; label: string }[];
}) {
  return (
    <Box sx={{ maxWidth: '40rem' }} data-testid="not-found">
      <PageTitle title={title} />
      <Typography variant="h1" sx={{ mb: 2 }}>
        {title}
      </Typography>
      <Typography sx={{ mb: 2 }}>{text}</Typography>
      <Box component="ul" sx={{ m: 0, paddingInlineStart: 3 }}>
        {links.map((link) => (
          <li key={link.to}>
            <Link component={RouterLink} to={link.to}>
              {link.label}
            </Link>
          </li>
        ))}
      </Box>
    </Box>
  );
}

/** One problem of the error summary: on this page (`fieldId`) or on another page of the request (`to`). */
export type Problem = ErrorItem;

/** An issued certificate: until when it is valid, the page that checks it, and its PDF. */
export function CertificateLinks({ certificate }: { certificate: { code: string; validUntil: string } }) {
  const { t } = useTranslation();
  const format = useFormat();

  return (
    <Box component="section" aria-labelledby="certificate-title" sx={{ mb: 4 }} data-testid="certificate">
      <Typography variant="h2" id="certificate-title" sx={{ mb: 1 }}>
        {t('services.request.certificateTitle')}
      </Typography>
      <Typography sx={{ mb: 1 }}>
        {t('services.request.certificateText', { date: format.date(certificate.validUntil.slice(0, 10)) })}
      </Typography>
      <Box component="ul" sx={{ m: 0, paddingInlineStart: 3 }}>
        <li>
          <Link component={RouterLink} to={`/verify/${certificate.code}`} data-testid="certificate-link">
            {t('services.request.certificateLink')}
          </Link>
        </li>
        <li>
          <Link href={downloads.certificatePdf(certificate.code)} download>
            {t('services.verify.pdf')}
          </Link>
        </li>
      </Box>
    </Box>
  );
}

/** The GOV.UK error summary whose problems may link to other pages of the request. */
export function ProblemSummary({ problems }: { problems: Problem[] }) {
  return <ErrorSummary errors={problems} />;
}

/** The label of a person column: «کد ملی», «سهام»… */
export function useColumnLabel(): (column: PersonColumn | string) => string {
  const { t } = useTranslation();
  return (column) => t(`services.columns.${column}`);
}

export const ROLE_CHOICES = Object.entries(OFFICER_ROLE_LABELS).map(([value, label]) => ({ value, label }));
export const POSITION_CHOICES = Object.entries(BOARD_POSITION_LABELS).map(([value, label]) => ({
  value,
  label,
}));

/** An answer as a person reads it: names for places and fields, Jalali dates, the reader's digits. */
export function AnswerValue({
  question,
  value,
  answers,
}: {
  question: Question;
  value: unknown;
  answers: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const text = useBilingual();
  const column = useColumnLabel();
  const numbers = useListNumbers();
  const provinces = useQuery(provincesQuery);
  const fields = useQuery(fieldsQuery);
  const name = (n: { nameFa: string; nameEn: string } | undefined) =>
    n ? (format.language === 'en' ? n.nameEn : n.nameFa) : undefined;
  const raw = (v: unknown) => format.digits(String(v));

  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) {
    return (
      <Box component="span" sx={{ color: colours.secondaryText }}>
        {t('forms.notProvided')}
      </Box>
    );
  }
  switch (question.kind) {
    case 'integer':
      return <>{Number.isFinite(Number(value)) ? format.number(Number(value)) : raw(value)}</>;
    case 'rials': {
      const n = Number(value);
      if (!Number.isFinite(n)) return <>{raw(value)}</>;
      return (
        <>{t('services.answer.rials', { n: format.number(n), toman: format.number(Math.floor(n / 10)) })}</>
      );
    }
    case 'date':
      return (
        <>
          {typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) ? format.date(value) : raw(value)}
        </>
      );
    case 'mobile':
      return <>{ltr(raw(value))}</>;
    case 'choice':
      return <>{text(question.choices.find((c) => c.value === value)?.label) || raw(value)}</>;
    case 'province':
      return <>{name(provinceOf(provinces.data?.items, value)) ?? raw(value)}</>;
    case 'county': {
      const province = provinceOf(provinces.data?.items, answers[question.provinceQuestion]);
      return <>{name(countyOf(province, value)) ?? raw(value)}</>;
    }
    case 'field':
      return <>{name(fieldOf(fields.data?.items, value)) ?? raw(value)}</>;
    case 'subfield': {
      const field = fieldOf(fields.data?.items, answers[question.fieldQuestion]);
      return <>{name(subfieldOf(field, value)) ?? raw(value)}</>;
    }
    case 'people': {
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      return (
        <>
          <Box component="span" sx={{ display: 'block', fontWeight: 700 }}>
            {t('services.people.count', { count: rows.length, n: format.number(rows.length) })}
          </Box>
          <Box
            component="ol"
            data-testid="people-answer"
            sx={{ m: 0, paddingInlineStart: 3, listStyleType: numbers }}
          >
            {rows.map((row, i) => {
              const role = ROLE_CHOICES.find((c) => c.value === row.role);
              const position = POSITION_CHOICES.find((c) => c.value === row.position);
              const details = [
                row.nationalCode ? `${column('nationalCode')} ${raw(row.nationalCode)}` : '',
                row.shares !== undefined && row.shares !== ''
                  ? t('services.people.shares', { n: format.number(Number(row.shares)) })
                  : '',
                role ? text(role.label) : '',
                position ? text(position.label) : '',
                typeof row.termStart === 'string' && typeof row.termEnd === 'string'
                  ? t('services.people.term', {
                      start: format.date(row.termStart),
                      end: format.date(row.termEnd),
                    })
                  : '',
              ].filter(Boolean);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: the rows as saved, in order
                <li key={i}>
                  {`${String(row.firstName ?? '')} ${String(row.lastName ?? '')}`.trim()}
                  {details.length > 0 && (
                    <Box component="span" sx={{ color: colours.secondaryText }}>
                      {' — '}
                      {details.join('، ')}
                    </Box>
                  )}
                </li>
              );
            })}
          </Box>
        </>
      );
    }
    default:
      return (
        <Box component="span" sx={{ whiteSpace: 'pre-line' }}>
          {raw(value)}
        </Box>
      );
  }
}

/** Numbers of an ordered list in the reader's digits: ۱. ۲. ۳. in Persian. */
export function useListNumbers(): 'persian' | 'decimal' {
  const { i18n } = useTranslation();
  return i18n.language === 'en' ? 'decimal' : 'persian';
}

/** What happens next, in order (the service's steps, in the reader's language). */
export function NextSteps({ steps }: { steps: Bilingual[] }) {
  const text = useBilingual();
  const numbers = useListNumbers();
  return (
    <Box
      component="ol"
      data-testid="next-steps"
      sx={{ m: 0, mb: 3, paddingInlineStart: 3, listStyleType: numbers, '& li': { mb: 1 } }}
    >
      {steps.map((step) => (
        <li key={step.fa}>{text(step)}</li>
      ))}
    </Box>
  );
}

/** Who did a step: «شما», the officer, «ادارهٔ تعاون» or «سامانه». */
function byOf(t: (key: string) => string, event: RequestEvent): string {
  if (!event.by) return t('services.history.bySystem');
  if (event.by.role === 'applicant') return event.by.name ?? t('services.history.byYou');
  return event.by.name ?? t('services.history.byOffice');
}

/**
 * The history of a request, newest first: what happened, who did it and when (Jalali date and
 * Tehran time), and why when they said. Public tracking passes events without names or texts.
 */
export function History({
  events,
  anonymous = false,
  eventHeading = 'h3',
}: {
  events: Array<
    Pick<RequestEvent, 'action' | 'to' | 'at'> & Partial<Pick<RequestEvent, 'text' | 'by' | 'from'>>
  >;
  anonymous?: boolean;
  eventHeading?: 'h3' | 'h4';
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const newestFirst = [...events].reverse();

  return (
    <Box component="ol" data-testid="history" sx={{ listStyle: 'none', m: 0, p: 0, mb: 4 }}>
      {newestFirst.map((event, i) => (
        <Box
          component="li"
          // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows at its end
          key={`${event.at}:${event.action}:${i}`}
          data-testid="history-event"
          sx={{ borderInlineStart: `4px solid ${colours.border}`, paddingInlineStart: 2, pb: 2, mb: 0.5 }}
        >
          <Typography component={eventHeading} sx={{ fontWeight: 700, fontSize: '1.05rem' }}>
            {i18n.exists(`services.events.${event.action}`)
              ? t(`services.events.${event.action}`)
              : event.action}
          </Typography>
          <Typography variant="body2" sx={{ color: colours.secondaryText }}>
            <time dateTime={event.at}>{format.instant(event.at)}</time>
            {!anonymous && event.by !== undefined && <> · {byOf(t, event as RequestEvent)}</>}
          </Typography>
          {(event.from === undefined || event.from !== event.to) && (
            <Typography variant="body2">
              {t('services.history.status')}{' '}
              {i18n.exists(`services.status.${event.to}`) ? t(`services.status.${event.to}`) : event.to}
            </Typography>
          )}
          {event.text && (
            <Box
              component="blockquote"
              sx={{ m: 0, mt: 1, p: 1.5, backgroundColor: colours.panel, whiteSpace: 'pre-line' }}
            >
              {event.text}
            </Box>
          )}
        </Box>
      ))}
    </Box>
  );
}
