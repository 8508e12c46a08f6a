import Box from '@mui/material/Box';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { provincesQuery } from '../../api/queries.ts';
import type { Me, Province } from '../../api/types.ts';
import { colours } from '../../app/theme.ts';
import { SuccessBanner } from '../../components/Panel.tsx';
import { StatusTag, type Tone } from '../../components/StatusTag.tsx';
import { useFormat } from '../../format/use-format.ts';
import { type Bilingual, groupedCode, type InboxItem } from './api.ts';

/** The tone of each request status: waiting on the office blue, on someone else orange, closed green/red/grey. */
const STATUS_TONES: Record<string, Tone> = {
  draft: 'grey',
  submitted: 'blue',
  under_review: 'blue',
  more_info: 'orange',
  awaiting_approval: 'orange',
  approved: 'green',
  rejected: 'red',
  answered: 'green',
  withdrawn: 'grey',
};

export function RequestStatusTag({ status }: { status: { code: string; label: Bilingual } }) {
  const { t, i18n } = useTranslation();
  const label = i18n.language === 'en' ? status.label.en : status.label.fa;

  return (
    <StatusTag tone={STATUS_TONES[status.code] ?? 'grey'} testId="request-status">
      <span data-status={status.code}>{t(`office.statuses.${status.code}`, { defaultValue: label })}</span>
    </StatusTag>
  );
}

/** A tracking code as people read it aloud: `۱۲۳-۴۵۶-۷۸۹۰`, left to right in a Persian sentence. */
export function TrackingCode({ code }: { code: string }) {
  const format = useFormat();

  return (
    <Box
      component="bdi"
      dir="ltr"
      data-testid="tracking-code"
      sx={{ whiteSpace: 'nowrap', unicodeBidi: 'isolate' }}
    >
      {format.digits(groupedCode(code))}
    </Box>
  );
}

/**
 * The deadline of a request: its date and what is left of it — «۵ روز مانده», «گذشته از مهلت»
 * (red), «مهلت تا پاسخ متقاضی متوقف است», «ارجاع‌شده به استان» — or, once decided, when.
 */
export function DueInfo({ item, compact = false }: { item: InboxItem; compact?: boolean }) {
  const { t } = useTranslation();
  const format = useFormat();
  const tags = [];
  if (item.decidedAt) {
    return <span>{t('office.due.decided', { date: format.date(item.decidedAt.slice(0, 10)) })}</span>;
  }
  if (item.overdue) {
    tags.push(
      <StatusTag key="overdue" tone="red" testId="overdue">
        {t('office.due.overdue')}
      </StatusTag>,
    );
  }
  if (item.escalated) {
    tags.push(
      <StatusTag key="escalated" tone="orange" testId="escalated">
        {t('office.due.escalated')}
      </StatusTag>,
    );
  }
  const left = item.daysLeft;
  let line: string | null = null;
  if (item.status.code === 'more_info') line = t('office.due.paused');
  else if (left !== null && left < 0) {
    line = t('office.due.overdueBy', { count: -left, n: format.number(-left) });
  } else if (left === 0) line = t('office.due.today');
  else if (left !== null) line = t('office.due.daysLeft', { count: left, n: format.number(left) });

  return (
    <>
      <Box component="span" sx={{ display: 'block', whiteSpace: 'nowrap' }}>
        {item.dueOn ? format.date(item.dueOn) : t('office.due.none')}
      </Box>
      {line && (
        <Box
          component="span"
          data-testid="days-left"
          sx={{
            display: 'block',
            fontSize: '0.9rem',
            color: item.overdue ? colours.red : colours.secondaryText,
            fontWeight: item.overdue || left === 0 ? 700 : 400,
          }}
        >
          {line}
        </Box>
      )}
      {tags.length > 0 && (
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5, mt: compact ? 0.25 : 0.5 }}>{tags}</Box>
      )}
    </>
  );
}

/** Who has the request: «خودم», their name, or «برداشته نشده». */
export function Assignee({ item, me }: { item: Pick<InboxItem, 'assignedTo'>; me: Me }) {
  const { t } = useTranslation();
  const format = useFormat();
  const a = item.assignedTo;
  if (!a) {
    return (
      <Box component="span" sx={{ color: colours.secondaryText }}>
        {t('office.assignee.none')}
      </Box>
    );
  }
  if (a.id === me.personId) return <strong>{t('office.assignee.me')}</strong>;

  return <span>{a.name ?? t('office.assignee.unnamed', { id: format.number(a.id) })}</span>;
}

/**
 * The server names a request's province and county in Persian: in English the reference list
 * gives their English names.
 */
export function usePlaceNames() {
  const { i18n } = useTranslation();
  const provinces = useQuery(provincesQuery);
  const en = i18n.language === 'en';

  return {
    provinces: provinces.data?.items,
    province(nameFa: string | null): string {
      if (!nameFa) return '';
      if (!en) return nameFa;
      return provinces.data?.items.find((p) => p.nameFa === nameFa)?.nameEn ?? nameFa;
    },
    county(nameFa: string | null, provinceFa: string | null): string {
      if (!nameFa) return '';
      if (!en) return nameFa;
      const within = provinces.data?.items.find((p) => p.nameFa === provinceFa)?.counties ?? [];
      const all = within.length > 0 ? within : (provinces.data?.items.flatMap((p) => p.counties) ?? []);
      return all.find((c) => c.nameFa === nameFa)?.nameEn ?? nameFa;
    },
  };
}

/**
 * Whose region the signed-in officer covers (GET /me's staff roles): the nation, a province or a
 * county — or none (an inspector's inbox holds only complaints addressed to them).
 */
export type Region =
  | { scope: 'national' }
  | { scope: 'province'; provinceId: number }
  | { scope: 'county'; provinceId: number; countyId: number }
  | { scope: 'none' };

export function regionOf(me: Me): Region {
  const roles = me.staffRoles.filter((r) => r.role === 'officer');
  if (roles.some((r) => r.scope === 'nation')) return { scope: 'national' };
  const province = roles.find((r) => r.scope === 'province' && r.provinceId !== null);
  if (province?.provinceId) return { scope: 'province', provinceId: province.provinceId };
  const county = roles.find((r) => r.scope === 'county' && r.provinceId !== null && r.countyId !== null);
  if (county?.provinceId && county.countyId) {
    return { scope: 'county', provinceId: county.provinceId, countyId: county.countyId };
  }
  return { scope: 'none' };
}

/** Text of either direction inside a sentence, isolated by its first strong letter: FSI … PDI. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** A named thing in the reader's language. */
export function nameOf(named: { nameFa: string; nameEn: string }, en: boolean): string {
  return en ? named.nameEn : named.nameFa;
}

export type { Province };

/** What was just done: the success banner, focused and brought into view (give it a new `key` each time). */
export function DoneBanner({ text, title }: { text: string; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'center' });
    ref.current?.focus({ preventScroll: true });
  }, []);

  return (
    <Box ref={ref} tabIndex={-1} sx={{ '&:focus': { outline: `3px solid ${colours.focus}` } }}>
      <SuccessBanner title={title ?? t('office.actions.doneTitle')}>{text}</SuccessBanner>
    </Box>
  );
}
