import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { type AlertEvidence, ledgerEntryLink } from '../api/monitoring.ts';
import { colours } from '../app/theme.ts';
import { StatusTag, type Tone } from '../components/StatusTag.tsx';
import { formatRials } from '../format/format.ts';
import { useFormat } from '../format/use-format.ts';

const SEVERITY_TONE: Record<string, Tone> = { high: 'red', medium: 'orange', low: 'blue' };
const STATUS_TONE: Record<string, Tone> = {
  open: 'red',
  answered: 'blue',
  resolved: 'green',
  dismissed: 'grey',
};

/** «اهمیت زیاد» in red, «متوسط» in orange, «کم» in blue. */
export function SeverityTag({ severity }: { severity: string }) {
  const { t } = useTranslation();
  return (
    <StatusTag tone={SEVERITY_TONE[severity] ?? 'grey'} testId="alert-severity">
      {t(`monitoring.severity.${severity}`, { defaultValue: severity })}
    </StatusTag>
  );
}

export function AlertStatusTag({ status }: { status: string }) {
  const { t } = useTranslation();
  return (
    <StatusTag tone={STATUS_TONE[status] ?? 'grey'} testId="alert-status">
      {t(`monitoring.status.${status}`, { defaultValue: status })}
    </StatusTag>
  );
}

/** A description list whose rows stack on phones. */
export function FactList({
  rows,
  testId,
}: {
  rows: Array<{ key: string; value: ReactNode } | null>;
  testId?: string;
}) {
  const shown = rows.filter((r): r is { key: string; value: ReactNode } => r !== null);
  if (shown.length === 0) return null;

  return (
    <Box
      component="dl"
      data-testid={testId}
      sx={{
        m: 0,
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: 'minmax(9rem, 28%) 1fr' },
        columnGap: 2,
        rowGap: { xs: 0, sm: 0.75 },
        '& dt': { fontWeight: 700, color: colours.secondaryText, fontSize: '0.95rem' },
        '& dd': { m: 0, mb: { xs: 1.25, sm: 0 }, overflowWrap: 'anywhere' },
      }}
    >
      {shown.map((r) => (
        <Box key={r.key} sx={{ display: 'contents' }}>
          <dt>{r.key}</dt>
          <dd>{r.value}</dd>
        </Box>
      ))}
    </Box>
  );
}

/** An inline list whose items are separated as a sentence separates them: «الف، ب» / "a, b". */
function inlineList(language: 'fa' | 'en') {
  return {
    m: 0,
    p: 0,
    listStyle: 'none',
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: 0.75,
    rowGap: 0.25,
    '& li:not(:last-child)::after': { content: language === 'en' ? '","' : '"،"' },
  } as const;
}

/**
 * The evidence of a finding: links to the ledger entries behind it (the feed opened at each),
 * amounts in rials and toman, dates in the Jalali calendar, the people named, imported rows' ids.
 */
export function EvidenceRows({ legalId, evidence }: { legalId: string; evidence: AlertEvidence }) {
  const { t } = useTranslation();
  const format = useFormat();
  const entries = [...new Set(evidence.entries)].sort((a, b) => a - b);
  const amounts = evidence.amountsRials ?? [];
  const dates = [...new Set(evidence.dates ?? [])];
  const people = [...new Set(evidence.people ?? [])];
  const externalIds = [...new Set(evidence.externalIds ?? [])];
  const money = (rials: number) => {
    const m = formatRials(rials, format.language);
    return `${t('profile.rials', { n: m.rials })} (${t('profile.toman', { n: m.toman })})`;
  };
  const inline = inlineList(format.language);
  const date = (iso: string) =>
    /^\d{4}-\d{2}-\d{2}$/.test(iso)
      ? format.date(iso)
      : Number.isNaN(Date.parse(iso))
        ? iso
        : format.instant(iso);

  return (
    <FactList
      testId="alert-evidence"
      rows={[
        entries.length > 0
          ? {
              key: t('monitoring.alert.entries'),
              value: (
                <Box component="ul" sx={inline} data-testid="evidence-entries">
                  {entries.map((index) => (
                    <li key={index}>
                      <Link
                        component={RouterLink}
                        to={ledgerEntryLink(legalId, index)}
                        data-testid="evidence-entry"
                        data-index={index}
                      >
                        {t('monitoring.alert.entry', { n: format.number(index) })}
                      </Link>
                    </li>
                  ))}
                </Box>
              ),
            }
          : null,
        amounts.length > 0
          ? {
              key: t('monitoring.alert.amounts'),
              value: (
                <Box component="ul" sx={{ m: 0, p: 0, listStyle: 'none' }}>
                  {amounts.map((a, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: the same amount may appear twice
                    <li key={`${a}:${i}`}>{money(a)}</li>
                  ))}
                </Box>
              ),
            }
          : null,
        dates.length > 0
          ? {
              key: t('monitoring.alert.dates'),
              value: (
                <Box component="ul" sx={inline}>
                  {dates.map((d) => (
                    <li key={d}>{date(d)}</li>
                  ))}
                </Box>
              ),
            }
          : null,
        people.length > 0
          ? {
              key: t('monitoring.alert.people'),
              value: (
                <Box component="ul" sx={inline}>
                  {people.map((p) => (
                    <li key={p}>
                      <bdi>{format.digits(p)}</bdi>
                    </li>
                  ))}
                </Box>
              ),
            }
          : null,
        externalIds.length > 0
          ? {
              key: t('monitoring.alert.externalIds'),
              value: (
                <Box component="ul" sx={inline} data-testid="evidence-external-ids">
                  {externalIds.map((id) => (
                    <li key={id}>
                      <bdi dir="ltr">{format.digits(id)}</bdi>
                    </li>
                  ))}
                </Box>
              ),
            }
          : null,
      ]}
    />
  );
}
