import Box from '@mui/material/Box';
import { useTranslation } from 'react-i18next';
import type { LedgerCheckpoint } from '../api/ledger.ts';
import { colours } from '../app/theme.ts';
import { StatusTag } from '../components/StatusTag.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { useFormat } from '../format/use-format.ts';
import { Hash } from './Hash.tsx';
import type { CheckpointVerdict } from './verify.ts';

/** Whether the checkpoint's signature verified in this browser, or why not. */
export function CheckpointStatus({
  verdict,
  keysFailed = false,
  testId,
}: {
  verdict: CheckpointVerdict | null;
  keysFailed?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (!verdict) {
    return keysFailed ? (
      <StatusTag tone="red" testId={testId}>
        {t('ledger.status.failed')}: {t('ledger.checkpointProblem.no_keys')}
      </StatusTag>
    ) : (
      <StatusTag tone="grey" testId={testId}>
        {t('ledger.status.checking')}
      </StatusTag>
    );
  }

  return (
    <Box component="span" data-state={verdict.ok ? 'verified' : 'failed'} data-testid={testId}>
      {verdict.ok ? (
        <StatusTag tone="green">{t('ledger.status.checkpointVerified')}</StatusTag>
      ) : (
        <>
          <StatusTag tone="red">{t('ledger.status.failed')}</StatusTag>
          <Box component="span" sx={{ display: 'block', color: colours.red, fontWeight: 700, mt: 0.5 }}>
            {t(`ledger.checkpointProblem.${verdict.problem}`)}
          </Box>
        </>
      )}
    </Box>
  );
}

/** Size, root, date, signer and witnesses of a checkpoint. */
export function CheckpointFacts({
  checkpoint,
  verdict,
}: {
  checkpoint: LedgerCheckpoint;
  verdict: CheckpointVerdict | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const verifiedWitnesses = new Set(verdict?.ok ? verdict.witnesses : []);

  return (
    <SummaryList
      rows={[
        { key: t('ledger.checkpoint.size'), value: format.number(checkpoint.size) },
        {
          key: t('ledger.checkpoint.root'),
          value: <Hash value={checkpoint.rootHash} short testId="checkpoint-root" />,
        },
        { key: t('ledger.checkpoint.createdAt'), value: format.instant(checkpoint.createdAt) },
        { key: t('ledger.checkpoint.signer'), value: <Hash value={checkpoint.keyId} /> },
        {
          key: t('ledger.checkpoint.witnesses'),
          value:
            checkpoint.witnesses.length === 0 ? (
              t('ledger.checkpoint.noWitnesses')
            ) : (
              <Box component="ul" data-testid="witnesses" sx={{ m: 0, p: 0, listStyle: 'none' }}>
                {checkpoint.witnesses.map((w) => (
                  <Box component="li" key={`${w.name}:${w.keyId}`} sx={{ mb: 0.5 }}>
                    <Hash value={w.name} /> — {format.instant(w.signedAt)}{' '}
                    {verifiedWitnesses.has(`${w.name}/${w.keyId}`) ? (
                      <Box component="span" sx={{ color: colours.green, fontWeight: 700 }}>
                        ({t('ledger.checkpoint.witnessVerified')})
                      </Box>
                    ) : (
                      <Box component="span" sx={{ color: colours.secondaryText }}>
                        ({t('ledger.checkpoint.witnessUnverified')})
                      </Box>
                    )}
                  </Box>
                ))}
              </Box>
            ),
        },
      ]}
    />
  );
}
