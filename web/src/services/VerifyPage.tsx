import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useNavigate, useParams } from 'react-router';
import { ApiProblem } from '../api/client.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton } from '../components/Buttons.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { TextInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { useFormat } from '../format/use-format.ts';
import { certificateQuery, downloads } from './api.ts';
import { groupVerificationCode } from './model.ts';
import type { CertificateCheck } from './types.ts';

/** A code as typed, as the address carries it: capitals, no spaces or dashes. */
const normalised = (code: string) => code.toUpperCase().replace(/[\s\-‐–—_]/g, '');

/**
 * /verify and /verify/:code — anyone checks a certificate: type its verification code, or
 * arrive from the link (or QR code) printed on it. Shows what it states, whether it is still
 * valid, and its PDF.
 */
export function VerifyPage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const certificate = useQuery({ ...certificateQuery(code), enabled: code !== '' });
  const found = certificate.data;
  const problem = certificate.error instanceof ApiProblem ? certificate.error : null;

  return (
    <Box sx={{ maxWidth: '44rem' }}>
      <PageTitle title={t('services.verify.title')} error={Boolean(problem)} />
      <BackLink to="/services" label={t('services.catalogue.title')} />
      {code !== '' && certificate.isPending && <Loading />}
      {found ? (
        <Certificate certificate={found} />
      ) : (
        (code === '' || problem || certificate.error) && (
          <VerifyForm
            key={code}
            code={code}
            problem={problem}
            failed={Boolean(certificate.error) && !problem}
          />
        )
      )}
    </Box>
  );
}

function VerifyForm({
  code,
  problem,
  failed,
}: {
  code: string;
  problem: ApiProblem | null;
  failed: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const [value, setValue] = useState(code === '' ? '' : groupVerificationCode(code));
  const message = problem ? problem.messages[format.language] : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = normalised(value);
    navigate(next === '' ? '/verify' : `/verify/${encodeURIComponent(next)}`);
  };

  return (
    <>
      {message && <ErrorSummary errors={[{ text: message, fieldId: 'field-code' }]} />}
      {failed && <Alert severity="error">{t('services.verify.loadFailed')}</Alert>}
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t('services.verify.title')}
      </Typography>
      <Typography sx={{ mb: 3 }}>{t('services.verify.lead')}</Typography>
      <Box component="form" noValidate onSubmit={submit} data-testid="verify-form">
        <TextInput
          id="field-code"
          name="code"
          label={t('services.verify.code')}
          hint={t('services.verify.codeHint')}
          error={message}
          value={value}
          onChange={setValue}
          autoComplete="off"
          dir="ltr"
          width="22em"
        />
        <PrimaryButton>{t('services.verify.submit')}</PrimaryButton>
      </Box>
    </>
  );
}

function Certificate({ certificate: c }: { certificate: CertificateCheck }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const kind = i18n.exists(`services.verify.kinds.${c.kind}`) ? t(`services.verify.kinds.${c.kind}`) : c.kind;

  return (
    <>
      <Typography variant="h1" sx={{ mb: 2 }}>
        {kind}
      </Typography>
      <Box
        role="status"
        data-testid="certificate-verdict"
        data-valid={c.valid ? 'true' : 'false'}
        sx={{
          backgroundColor: c.valid ? colours.green : colours.red,
          color: '#fff',
          p: { xs: 2, sm: 3 },
          mb: 4,
        }}
      >
        <Typography component="p" sx={{ fontWeight: 700, fontSize: '1.35rem', color: '#fff' }}>
          {c.valid ? t('services.verify.valid') : t('services.verify.expired')}
        </Typography>
        <Typography component="p" sx={{ color: '#fff' }}>
          {t(c.valid ? 'services.verify.validUntil' : 'services.verify.expiredOn', {
            date: format.date(c.validUntil.slice(0, 10)),
          })}
        </Typography>
      </Box>
      <Typography variant="h2" sx={{ mb: 1 }}>
        {t('services.verify.states')}
      </Typography>
      <SummaryList
        rows={[
          { key: t('services.verify.cooperative'), value: c.cooperative.name },
          ...(c.cooperative.legalId
            ? [{ key: t('services.verify.legalId'), value: format.digits(c.cooperative.legalId) }]
            : []),
          ...(c.cooperative.registrationNo
            ? [
                {
                  key: t('services.verify.registrationNo'),
                  value: format.digits(c.cooperative.registrationNo),
                },
              ]
            : []),
          {
            key: t('services.verify.place'),
            value: [c.cooperative.province, c.cooperative.county]
              .filter(Boolean)
              .join(format.language === 'fa' ? '، ' : ', '),
          },
          { key: t('services.verify.status'), value: c.cooperative.status },
          ...(c.member
            ? [
                { key: t('services.verify.member'), value: c.member.fullName },
                { key: t('services.verify.memberNo'), value: format.digits(c.member.memberNo) },
                { key: t('services.verify.joinedOn'), value: format.date(c.member.joinedOn) },
                { key: t('services.verify.shares'), value: format.number(c.member.shares) },
              ]
            : []),
          { key: t('services.verify.issuedAt'), value: format.instant(c.issuedAt) },
          {
            key: t('services.verify.code'),
            value: (
              <Box component="code" dir="ltr" data-testid="verification-code" sx={{ fontSize: '1rem' }}>
                {groupVerificationCode(c.code)}
              </Box>
            ),
          },
        ]}
      />
      {c.checks.length > 0 && (
        <>
          <Typography variant="h2" sx={{ mb: 1 }}>
            {t('services.verify.checks')}
          </Typography>
          <Box component="ul" data-testid="certificate-checks" sx={{ m: 0, mb: 4, paddingInlineStart: 3 }}>
            {c.checks.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </Box>
        </>
      )}
      <Box component="ul" sx={{ m: 0, paddingInlineStart: 3, '& li': { mb: 1 } }}>
        <li>
          <Link href={downloads.certificatePdf(c.code)} download data-testid="certificate-pdf">
            {t('services.verify.pdf')}
          </Link>
        </li>
        <li>
          <Link component={RouterLink} to="/verify">
            {t('services.verify.another')}
          </Link>
        </li>
      </Box>
    </>
  );
}
