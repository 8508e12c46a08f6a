import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink } from 'react-router';
import { ApiProblem } from '../api/client.ts';
import {
  checkpointTextUrl,
  type LedgerSummary,
  ledgerHeadQuery,
  ledgerKeysQuery,
  ledgerSummaryQuery,
} from '../api/ledger.ts';
import { colours } from '../app/theme.ts';
import { Loading } from '../components/Loading.tsx';
import { formatRials } from '../format/format.ts';
import { useFormat } from '../format/use-format.ts';
import { CheckpointFacts, CheckpointStatus } from './CheckpointFacts.tsx';
import { kindKey } from './EntryView.tsx';
import { verifyCheckpoint } from './verify.ts';

/**
 * «دفتر شفافیت» on a cooperative's public profile: the log's latest signed checkpoint, checked in
 * the reader's browser against the published log keys, its witnesses, the note to download, and
 * the public aggregates (entries by kind, payments by category per fiscal year). Loaded after the
 * profile shows (a chunk of its own: the Ed25519 code is not part of the public first load).
 */
export function LedgerCard({ legalId }: { legalId: string }) {
  const { t } = useTranslation();
  const head = useQuery(ledgerHeadQuery(legalId));
  const keys = useQuery(ledgerKeysQuery);
  const summary = useQuery(ledgerSummaryQuery(legalId));
  const checkpoint = head.data?.checkpoint ?? null;
  const verdict = useMemo(
    () => (checkpoint && keys.data ? verifyCheckpoint(checkpoint, keys.data) : null),
    [checkpoint, keys.data],
  );
  const noLog = head.error instanceof ApiProblem && head.error.status === 404;

  return (
    <Box
      component="section"
      aria-labelledby="ledger-title"
      data-testid="ledger-card"
      sx={{ border: `1px solid ${colours.border}`, borderTop: `6px solid ${colours.brand}`, p: 2, mb: 5 }}
    >
      <Typography variant="h2" id="ledger-title" sx={{ mb: 1 }}>
        {t('ledger.title')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('ledger.card.lead')}</Typography>
      {head.isPending || (checkpoint && keys.isPending) ? (
        <Loading />
      ) : noLog || (head.data && !checkpoint) ? (
        <Typography data-testid="ledger-empty" sx={{ mb: 2 }}>
          {t('ledger.card.empty')}
        </Typography>
      ) : head.error || !checkpoint ? (
        <Typography sx={{ mb: 2, color: colours.red }}>{t('ledger.card.loadFailed')}</Typography>
      ) : (
        <>
          <Box sx={{ mb: 2 }}>
            <CheckpointStatus verdict={verdict} keysFailed={Boolean(keys.error)} testId="checkpoint-status" />
          </Box>
          <CheckpointFacts checkpoint={checkpoint} verdict={verdict} />
          <Box component="ul" sx={{ m: 0, mb: 3, paddingInlineStart: 3, '& li': { mb: 1 } }}>
            <li>
              <Link
                href={checkpointTextUrl(legalId)}
                download={`checkpoint-${legalId}-${checkpoint.size}.txt`}
              >
                {t('ledger.card.download')}
              </Link>
            </li>
            <li>
              <Link
                component={RouterLink}
                to={`/cooperatives/${legalId}/ledger`}
                data-testid="ledger-feed-link"
              >
                {t('ledger.card.feedLink')}
              </Link>
            </li>
          </Box>
        </>
      )}
      {summary.data && <Aggregates summary={summary.data} />}
    </Box>
  );
}

/** Entries by kind, and payments and receipts by category for each fiscal year (newest first). */
function Aggregates({ summary }: { summary: LedgerSummary }) {
  const { t } = useTranslation();
  const format = useFormat();
  const kinds = summary.entries.filter((e) => e.count > 0 && e.kind !== 'genesis');
  const years = [...new Set(summary.payments.map((p) => p.fiscalYear))].sort((a, b) => b - a).slice(0, 3);
  const money = (rials: number) => t('profile.rials', { n: formatRials(rials, format.language).rials });
  if (kinds.length === 0 && years.length === 0) return null;

  return (
    <>
      {kinds.length > 0 && (
        <>
          <Typography variant="h3" sx={{ mb: 1 }}>
            {t('ledger.card.byKind')}
          </Typography>
          <Box
            component="dl"
            data-testid="ledger-kinds"
            sx={{
              display: 'grid',
              gridTemplateColumns: 'auto 1fr',
              columnGap: 2,
              rowGap: 0.5,
              m: 0,
              mb: 3,
              '& dd': { m: 0, fontWeight: 700 },
            }}
          >
            {kinds.map((k) => (
              <Box key={k.kind} sx={{ display: 'contents' }}>
                <dt>{t(`ledger.kinds.${kindKey(k.kind)}`, { defaultValue: k.kind })}</dt>
                <dd>{format.number(k.count)}</dd>
              </Box>
            ))}
          </Box>
        </>
      )}
      {years.map((year) => {
        const rows = summary.payments
          .filter((p) => p.fiscalYear === year)
          .sort((a, b) => a.direction.localeCompare(b.direction) || b.totalRials - a.totalRials);
        const largest = Math.max(...rows.map((r) => r.totalRials), 1);
        const captionId = `payments-${year}`;
        return (
          <TableContainer key={year} role="region" aria-labelledby={captionId} tabIndex={0} sx={{ mb: 3 }}>
            <Table
              size="small"
              data-testid="ledger-payments"
              sx={{ '& caption': { captionSide: 'top', px: 0, pt: 0 } }}
            >
              <Box component="caption" id={captionId} sx={{ fontWeight: 700, color: colours.text }}>
                {t('ledger.card.paymentsCaption', { year: format.digits(String(year)) })}
              </Box>
              <TableHead>
                <TableRow>
                  <TableCell>{t('ledger.card.category')}</TableCell>
                  <TableCell>{t('ledger.card.count')}</TableCell>
                  <TableCell>{t('ledger.card.total')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r) => (
                  <TableRow key={`${r.direction}:${r.category}`}>
                    <TableCell component="th" scope="row" sx={{ fontWeight: 400 }}>
                      {t(`ledger.category.${r.category}`, { defaultValue: r.category })}
                      <Box
                        component="span"
                        sx={{ display: 'block', fontSize: '0.85rem', color: colours.secondaryText }}
                      >
                        {t(`ledger.direction.${r.direction}`)}
                      </Box>
                    </TableCell>
                    <TableCell>{format.number(r.count)}</TableCell>
                    <TableCell sx={{ minWidth: '9rem' }}>
                      {money(r.totalRials)}
                      <Box
                        aria-hidden="true"
                        sx={{
                          mt: 0.5,
                          height: 6,
                          width: `${Math.max(2, Math.round((r.totalRials / largest) * 100))}%`,
                          backgroundColor: r.direction === 'receipt' ? colours.green : colours.link,
                        }}
                      />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableContainer>
        );
      })}
    </>
  );
}
