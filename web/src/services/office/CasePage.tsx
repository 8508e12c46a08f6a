import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useLocation, useParams } from 'react-router';
import { ApiProblem, isForbidden, isUnauthorized } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { colours } from '../../app/theme.ts';
import { BackLink } from '../../components/BackLink.tsx';
import { Denied } from '../../components/Denied.tsx';
import { type ErrorItem, ErrorSummary } from '../../components/ErrorSummary.tsx';
import { Loading } from '../../components/Loading.tsx';
import { PageTitle } from '../../components/PageTitle.tsx';
import { InsetText } from '../../components/Panel.tsx';
import { SummaryList, type SummaryRow } from '../../components/SummaryList.tsx';
import { ltr } from '../../format/format.ts';
import { useFormat } from '../../format/use-format.ts';
import { SignInAgain, useMe } from '../../pages/RequireSignIn.tsx';
import { ActionPanel, type Report } from './ActionPanel.tsx';
import { Answers } from './Answers.tsx';
import {
  type CaseRequest,
  caseQuery,
  documentHref,
  groupedCode,
  type ServiceDefinition,
  serviceQuery,
} from './api.ts';
import {
  Assignee,
  DoneBanner,
  DueInfo,
  isolate,
  RequestStatusTag,
  TrackingCode,
  usePlaceNames,
} from './parts.tsx';
import { Registration } from './Registration.tsx';

function Section({
  id,
  title,
  children,
  testId,
}: {
  id: string;
  title: string;
  children: ReactNode;
  testId?: string;
}) {
  return (
    <Box component="section" aria-labelledby={id} data-testid={testId} sx={{ mb: 5 }}>
      <Typography variant="h2" id={id} sx={{ mb: 2 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/**
 * A request as its deciding office sees it (/inbox/:code): the summary, the applicant's answers
 * rendered from the service's definition, the documents, the history (who, when, why), the
 * proposal awaiting a second officer, and the actions open to the reader now. After an action the
 * case is read again and a success banner says what was done.
 */
export function CasePage() {
  const { code = '' } = useParams();
  const { t } = useTranslation();
  const format = useFormat();
  const me = useMe();
  const request = useQuery(caseQuery(code));
  const service = useQuery({
    ...serviceQuery(request.data?.service.id ?? ''),
    enabled: Boolean(request.data),
  });

  if (isUnauthorized(request.error)) return <SignInAgain />;
  if (isForbidden(request.error)) {
    return (
      <Denied links={[{ to: '/inbox', label: t('office.case.back') }]}>
        <Typography sx={{ mb: 2 }}>{t('office.case.denied')}</Typography>
      </Denied>
    );
  }
  if (request.error instanceof ApiProblem && (request.error.status === 404 || request.error.status === 400)) {
    return (
      <>
        <PageTitle title={t('office.case.notFoundTitle')} />
        <BackLink to="/inbox" label={t('office.case.back')} />
        <Typography variant="h1" sx={{ mb: 2 }}>
          {t('office.case.notFoundTitle')}
        </Typography>
        <Typography data-testid="case-not-found">
          {t('office.case.notFoundText', { code: ltr(format.digits(groupedCode(code))) })}
        </Typography>
      </>
    );
  }
  if (request.isPending) return <Loading />;
  if (request.error || !request.data) return <Alert severity="error">{t('office.case.loadFailed')}</Alert>;

  return <Case key={code} request={request.data} service={service.data} me={me} />;
}

function Case({
  request,
  service,
  me,
}: {
  request: CaseRequest;
  service: ServiceDefinition | undefined;
  me: Me;
}) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const format = useFormat();
  const location = useLocation();
  const inbox = (location.state as { inbox?: string } | null)?.inbox;
  const [done, setDone] = useState<{ text: Parameters<Report['done']>[0]; key: number } | null>(null);
  const [problem, setProblem] = useState<{ items: ErrorItem[]; key: number } | null>(null);
  const report: Report = {
    done: (text) => {
      setProblem(null);
      setDone({ text, key: Date.now() });
    },
    problem: (items) => {
      setDone(null);
      setProblem({ items, key: Date.now() });
    },
  };
  const title = t('office.case.title', { code: ltr(format.digits(groupedCode(request.trackingCode))) });
  const registrationDue =
    request.viewer === 'office' &&
    request.service.id === 'formation' &&
    request.status.code === 'approved' &&
    typeof request.result?.legalId !== 'string';

  return (
    <>
      <PageTitle title={title} error={Boolean(problem)} />
      <BackLink to={inbox ? `/inbox?${inbox}` : '/inbox'} label={t('office.case.back')} />
      {problem && <ErrorSummary key={problem.key} errors={problem.items} />}
      {done && <DoneBanner key={done.key} text={done.text(t, format)} />}
      <Typography
        component="span"
        sx={{ display: 'block', color: colours.secondaryText, fontSize: '1.1rem' }}
      >
        {en ? request.service.title.en : request.service.title.fa}
      </Typography>
      <Typography variant="h1" sx={{ mb: 1 }}>
        {title}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: 2, rowGap: 1, mb: 4 }}>
        <RequestStatusTag status={request.status} />
        {(request.actions.length > 0 || registrationDue) && (
          <Link href={registrationDue ? '#registration-title' : '#actions-title'} data-testid="to-actions">
            {t('office.case.toActions')}
          </Link>
        )}
      </Box>

      <Section id="summary-title" title={t('office.case.summary')} testId="case-summary">
        <Box sx={{ maxWidth: '52rem' }}>
          <SummaryList rows={summaryRows(request, me)} />
        </Box>
      </Section>

      <Section id="answers-title" title={t('office.case.answers')}>
        <Box sx={{ maxWidth: '52rem' }}>
          {service ? <Answers request={request} service={service} /> : <Loading />}
        </Box>
      </Section>

      <Section id="documents-title" title={t('office.case.documents')} testId="documents">
        <Documents request={request} service={service} />
      </Section>

      <Section id="history-title" title={t('office.case.history')} testId="history">
        <History request={request} />
      </Section>

      {request.status.code === 'awaiting_approval' && request.proposal && <Proposal request={request} />}

      <ActionPanel
        key={`${request.status.code}:${request.updatedAt}`}
        request={request}
        me={me}
        report={report}
      />

      {registrationDue && <Registration request={request} report={report} />}
    </>
  );

  function summaryRows(r: CaseRequest, viewer: Me): SummaryRow[] {
    return [
      { key: t('office.case.trackingCode'), value: <TrackingCode code={r.trackingCode} /> },
      { key: t('office.case.service'), value: en ? r.service.title.en : r.service.title.fa },
      { key: t('office.case.status'), value: <RequestStatusTag status={r.status} /> },
      ...(r.applicant ? [{ key: t('office.case.applicant'), value: <bdi>{r.applicant}</bdi> }] : []),
      ...(r.cooperative
        ? [
            {
              key: t('office.case.cooperative'),
              value: (
                <Link
                  component={RouterLink}
                  to={`/cooperatives/${r.cooperative.legalId ?? r.cooperative.id}`}
                  data-testid="case-cooperative"
                >
                  {r.cooperative.name}
                </Link>
              ),
            },
          ]
        : []),
      ...(r.subject && r.subject !== r.cooperative?.name
        ? [{ key: t('office.case.subject'), value: <bdi>{format.digits(r.subject)}</bdi> }]
        : []),
      ...(r.county || r.province ? [{ key: t('office.case.place'), value: <Place r={r} /> }] : []),
      { key: t('office.case.office'), value: t(`office.offices.${r.office}`, { defaultValue: r.office }) },
      ...(r.submittedAt ? [{ key: t('office.case.submittedAt'), value: format.instant(r.submittedAt) }] : []),
      ...(r.decidedAt
        ? [{ key: t('office.case.decidedAt'), value: format.instant(r.decidedAt) }]
        : [{ key: t('office.case.due'), value: <DueInfo item={r} /> }]),
      { key: t('office.case.assignee'), value: <Assignee item={r} me={viewer} /> },
      ...(typeof r.result?.legalId === 'string'
        ? [
            {
              key: t('office.case.result'),
              value: t('office.case.resultLegalId', {
                legalId: ltr(format.digits(r.result.legalId)),
                registrationNo: ltr(format.digits(String(r.result.registrationNo ?? ''))),
              }),
            },
          ]
        : []),
      ...(r.certificate
        ? [
            {
              key: t('office.case.certificate'),
              value: (
                <>
                  <Link href={`/api/v1/certificates/${encodeURIComponent(r.certificate.code)}/pdf`} download>
                    {t('office.case.certificateLink', { code: ltr(r.certificate.code) })}
                  </Link>
                  <Box component="span" sx={{ display: 'block', fontSize: '0.9rem' }}>
                    {t('office.case.validUntil', { date: format.date(r.certificate.validUntil) })}
                  </Box>
                </>
              ),
            },
          ]
        : []),
    ];
  }
}

function Place({ r }: { r: CaseRequest }) {
  const { t } = useTranslation();
  const places = usePlaceNames();
  const county = places.county(r.county, r.province);
  const province = places.province(r.province);
  return <>{county ? t('office.inbox.location', { county, province }) : province}</>;
}

/** The approval proposed by one officer, waiting for another's «تأیید نهایی» or «بازگرداندن». */
function Proposal({ request }: { request: CaseRequest }) {
  const { t } = useTranslation();
  const format = useFormat();
  const proposal = request.proposal;
  if (!proposal) return null;
  const proposed = [...request.events].reverse().find((e) => e.action === 'propose');

  return (
    <Box
      component="section"
      aria-labelledby="proposal-title"
      data-testid="proposal"
      sx={{ maxWidth: '44rem' }}
    >
      <Typography variant="h2" id="proposal-title" sx={{ mb: 1 }}>
        {t('office.proposal.title')}
      </Typography>
      <InsetText>
        <Typography sx={{ fontWeight: 700 }} data-testid="proposal-by">
          {t('office.proposal.by', { name: proposal.by ?? t('office.proposal.unknown') })}
          {proposed && (
            <Box component="span" sx={{ fontWeight: 400 }}>
              {'، '}
              {format.instant(proposed.at)}
            </Box>
          )}
        </Typography>
        <Typography sx={{ whiteSpace: 'pre-wrap', mt: 1 }} data-testid="proposal-text">
          {proposal.text ? <bdi>{format.digits(proposal.text)}</bdi> : t('office.proposal.noText')}
        </Typography>
      </InsetText>
    </Box>
  );
}

function Documents({ request, service }: { request: CaseRequest; service: ServiceDefinition | undefined }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  const format = useFormat();
  if (request.documents.length === 0) return <Typography>{t('office.case.noDocuments')}</Typography>;
  const labelOf = (requirement: string) => {
    const d = service?.documents.find((x) => x.id === requirement);
    return d ? (en ? d.label.en : d.label.fa) : requirement;
  };

  return (
    <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, maxWidth: '44rem' }}>
      {request.documents.map((d) => (
        <Box
          component="li"
          key={d.id}
          data-testid="document"
          sx={{ borderBottom: `1px solid ${colours.border}`, py: 1.25 }}
        >
          <Box component="span" sx={{ display: 'block', fontWeight: 700 }}>
            {labelOf(d.requirement)}
          </Box>
          <Link href={documentHref(request.trackingCode, d.id)} download data-testid="document-link">
            {t('office.case.downloadNamed', { name: isolate(d.name) })}
          </Link>
          <Box component="span" sx={{ display: 'block', fontSize: '0.9rem', color: colours.secondaryText }}>
            {t('office.case.documentFacts', {
              size: format.number(Math.max(1, Math.round(d.size / 1024))),
              date: format.instant(d.uploadedAt),
            })}
          </Box>
        </Box>
      ))}
    </Box>
  );
}

/** Every step of the request, oldest first: what happened, who, when, the status it moved to, and why. */
function History({ request }: { request: CaseRequest }) {
  const { t } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';
  const statusLabel = (code: string) => t(`office.statuses.${code}`, { defaultValue: code });

  return (
    <Box
      component="ol"
      aria-label={t('office.case.historyCaption')}
      data-testid="history-list"
      sx={{
        listStyle: 'none',
        m: 0,
        p: 0,
        maxWidth: '44rem',
        '& > li': {
          borderInlineStart: `3px solid ${colours.border}`,
          paddingInlineStart: 1.5,
          pb: 0.5,
          mb: 1.5,
        },
      }}
    >
      {request.events.map((event, i) => {
        // Names are isolated (FSI…PDI): a Persian name keeps its place in an English sentence.
        const name = isolate(event.by?.name ?? '');
        const by = !event.by
          ? t('office.case.bySystem')
          : event.by.role === 'applicant'
            ? event.by.name
              ? t('office.case.byApplicantNamed', { name })
              : t('office.case.byApplicant')
            : request.office === 'inspector'
              ? t('office.case.byInspectorNamed', { name })
              : t('office.case.byOfficeNamed', { name });
        return (
          <Box
            component="li"
            // biome-ignore lint/suspicious/noArrayIndexKey: the history only grows at its end
            key={`${i}:${event.action}:${event.at}`}
            data-testid="history-event"
            data-action={event.action}
          >
            <Box component="span" sx={{ fontWeight: 700 }}>
              {t(`office.case.events.${event.action}`, { defaultValue: event.action })}
            </Box>
            {' — '}
            {by}
            {en ? ', ' : '، '}
            <Box component="span" sx={{ whiteSpace: 'nowrap' }}>
              {format.instant(event.at)}
            </Box>
            {event.from && event.from !== event.to && (
              <Box
                component="span"
                sx={{ display: 'block', fontSize: '0.9rem', color: colours.secondaryText }}
              >
                {t('office.case.statusChange', { from: statusLabel(event.from), to: statusLabel(event.to) })}
              </Box>
            )}
            {event.text && (
              <Box
                component="blockquote"
                sx={{
                  m: 0,
                  mt: 0.5,
                  py: 0.5,
                  paddingInlineStart: 1.5,
                  borderInlineStart: `4px solid ${colours.border}`,
                  whiteSpace: 'pre-wrap',
                }}
              >
                <bdi>{format.digits(event.text)}</bdi>
              </Box>
            )}
          </Box>
        );
      })}
    </Box>
  );
}
