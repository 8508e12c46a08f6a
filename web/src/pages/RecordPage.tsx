import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import Typography from '@mui/material/Typography';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { parseDateInput } from '../../../src/calendar/parse.ts';
import {
  ASSEMBLY_KIND_LABELS,
  BOARD_POSITION_LABELS,
  FILING_KIND_LABELS,
  OFFICER_ROLE_LABELS,
} from '../../../src/governance/vocabulary.ts';
import { ApiProblem, isForbidden, isUnauthorized, sendJson } from '../api/client.ts';
import { myCooperativesQuery } from '../api/private-queries.ts';
import { profileQuery } from '../api/queries.ts';
import { PRIVATE } from '../api/session.ts';
import type { CooperativeProfile } from '../api/types.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { PrimaryButton } from '../components/Buttons.tsx';
import { Denied } from '../components/Denied.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { SelectInput, type SelectOption, TextInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Panel } from '../components/Panel.tsx';
import { RadioInput } from '../components/RadioInput.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { useFormat } from '../format/use-format.ts';
import { RECORD_KINDS, type RecordKind, recordVerdict } from './permissions.ts';
import { SignInAgain, useMe } from './RequireSignIn.tsx';

type Bilingual = { fa: string; en: string };

/**
 * One field of a record form. `path` is the API's (`person.nationalCode`); radios and selects
 * list their choices; `when` shows a field only when another answer calls for it.
 */
type FieldSpec = {
  path: string;
  type: 'text' | 'date' | 'year' | 'number' | 'textarea' | 'radio' | 'select';
  optional?: boolean;
  options?: (t: (key: string) => string, en: boolean) => SelectOption[];
  when?: (values: Values) => boolean;
  autoComplete?: string;
  inline?: boolean;
};
type Values = Record<string, string>;

const choices = (labels: Record<string, Bilingual>) => (_t: unknown, en: boolean) =>
  Object.entries(labels).map(([value, label]) => ({ value, label: en ? label.en : label.fa }));

/** The forms: what each one asks, in order, and where it posts. */
const FORMS: Record<RecordKind, { endpoint: string; fields: FieldSpec[] }> = {
  filing: {
    endpoint: 'filings',
    fields: [
      { path: 'kind', type: 'radio', options: choices(FILING_KIND_LABELS) },
      { path: 'fiscalYear', type: 'year', optional: true },
      { path: 'filedOn', type: 'date' },
      { path: 'description', type: 'textarea', optional: true },
    ],
  },
  assembly: {
    endpoint: 'assemblies',
    fields: [
      { path: 'kind', type: 'radio', options: choices(ASSEMBLY_KIND_LABELS) },
      { path: 'fiscalYear', type: 'year', optional: true },
      {
        path: 'callNumber',
        type: 'radio',
        optional: true,
        inline: true,
        options: (t) => [
          { value: '1', label: t('record.assembly.call1') },
          { value: '2', label: t('record.assembly.call2') },
        ],
      },
      { path: 'invitationPublishedOn', type: 'date', optional: true },
      { path: 'heldOn', type: 'date' },
      {
        path: 'electionsHeld',
        type: 'radio',
        optional: true,
        inline: true,
        options: (t) => [
          { value: 'yes', label: t('forms.yes') },
          { value: 'no', label: t('forms.no') },
        ],
      },
    ],
  },
  officer: {
    endpoint: 'officers',
    fields: [
      { path: 'person.nationalCode', type: 'number', autoComplete: 'off' },
      { path: 'person.firstName', type: 'text', autoComplete: 'off' },
      { path: 'person.lastName', type: 'text', autoComplete: 'off' },
      { path: 'person.mobile', type: 'number', optional: true, autoComplete: 'off' },
      { path: 'role', type: 'radio', options: choices(OFFICER_ROLE_LABELS) },
      {
        path: 'position',
        type: 'select',
        optional: true,
        options: choices(BOARD_POSITION_LABELS),
        when: (v) => v.role === 'board_principal',
      },
      { path: 'termStart', type: 'date' },
      { path: 'termEnd', type: 'date', optional: true },
      { path: 'acceptedOn', type: 'date', optional: true },
    ],
  },
};

const idOf = (path: string) => `field-${path.replace(/\./g, '-')}`;
const isKind = (kind: string): kind is RecordKind => (RECORD_KINDS as readonly string[]).includes(kind);

/** The request body: answers as typed (the server reads Jalali dates and Persian digits), blanks left out. */
function bodyOf(kind: RecordKind, values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of FORMS[kind].fields) {
    if (field.when && !field.when(values)) continue;
    const value = values[field.path] ?? '';
    if (value.trim() === '' && field.optional) continue;
    const answer: unknown = field.path === 'electionsHeld' ? value === 'yes' : value;
    const [head, tail] = field.path.split('.');
    if (head && tail) {
      const nested = (body[head] as Record<string, unknown> | undefined) ?? {};
      nested[tail] = answer;
      body[head] = nested;
    } else if (head) {
      body[head] = answer;
    }
  }
  return body;
}

/**
 * The managing director's pages: record an assembly, a filing or an officer for one cooperative.
 * The server validates (every bad field at once, shown in the error summary with the answers
 * kept) and decides who may (a 403 shows «اجازهٔ این کار را ندارید»); then a confirmation.
 */
export function RecordPage() {
  const { legalId = '', kind = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const profile = useQuery(profileQuery(legalId));
  const mine = useQuery(myCooperativesQuery);
  const [refused, setRefused] = useState(false);

  if (!isKind(kind)) return <NotFound legalId={legalId} />;
  if (isUnauthorized(mine.error)) return <SignInAgain />;
  if (profile.isPending || mine.isPending) return <Loading />;
  if (profile.error instanceof ApiProblem && profile.error.status === 404)
    return <NotFound legalId={legalId} />;
  if (profile.error || mine.error || !profile.data || !mine.data) {
    return <Alert severity="error">{t('signedIn.loadFailed')}</Alert>;
  }
  const coop = profile.data;
  if (refused || recordVerdict(me, mine.data.items, coop, kind) === 'denied') {
    return (
      <Denied
        links={[{ to: `/cooperatives/${legalId}`, label: t('record.profileLink', { name: coop.name }) }]}
      >
        <Typography sx={{ mb: 2 }}>
          {t('denied.record', { what: t(`record.${kind}.what`), name: coop.name })}
        </Typography>
      </Denied>
    );
  }

  return <RecordForm key={kind} kind={kind} coop={coop} onRefused={() => setRefused(true)} />;
}

function NotFound({ legalId }: { legalId: string }) {
  const { t } = useTranslation();

  return (
    <>
      <PageTitle title={t('profile.notFoundTitle')} />
      <Typography variant="h1" gutterBottom>
        {t('profile.notFoundTitle')}
      </Typography>
      <Typography gutterBottom>{t('profile.notFoundText', { id: legalId })}</Typography>
      <Link component={RouterLink} to="/me">
        {t('layout.myCooperatives')}
      </Link>
    </>
  );
}

function RecordForm({
  kind,
  coop,
  onRefused,
}: {
  kind: RecordKind;
  coop: CooperativeProfile;
  onRefused: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const en = format.language === 'en';
  const queryClient = useQueryClient();
  const legalId = coop.legalId ?? '';
  const [values, setValues] = useState<Values>({});
  // The answers as last sent: what the server's verdict is about.
  const [asSent, setAsSent] = useState<Values>({});
  const [sent, setSent] = useState<Values | null>(null);
  const form = FORMS[kind];
  const record = useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      sendJson('POST', `/cooperatives/${encodeURIComponent(legalId)}/${form.endpoint}`, body),
    onSuccess: async () => {
      setSent(values);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['cooperative', legalId] }),
        queryClient.invalidateQueries({ queryKey: [PRIVATE, 'my-cooperatives'] }),
      ]);
    },
    onError: (error) => {
      if (isForbidden(error)) onRefused();
    },
  });
  const fields = form.fields.filter((f) => !f.when || f.when(values));
  const errors = useFormErrors(
    record.error,
    Object.fromEntries(form.fields.map((f) => [f.path, idOf(f.path)])),
    {
      values: asSent,
      choices: form.fields.filter((f) => f.type === 'radio' || f.type === 'select').map((f) => f.path),
      labels: Object.fromEntries(form.fields.map((f) => [f.path, t(`record.${kind}.fields.${f.path}`)])),
    },
  );
  if (isUnauthorized(record.error)) return <SignInAgain />;

  const hintOf = (f: FieldSpec): string | undefined => {
    const key = `record.${kind}.hints.${f.path}`;
    if (i18n.exists(key)) return t(key);
    return f.type === 'date' ? t('forms.dateHint') : undefined;
  };
  const labelOf = (f: FieldSpec) =>
    `${t(`record.${kind}.fields.${f.path}`)}${f.optional ? ` ${t('forms.optional')}` : ''}`;
  const answerOf = (f: FieldSpec, answers: Values) => {
    const value = answers[f.path] ?? '';
    if (value.trim() === '') return t('forms.notProvided');
    const option = f.options?.(t, en).find((o) => o.value === value);
    if (option) return option.label;
    // A date as the server read it: `۱۴۰۵/۰۸/۲۰` → «۲۰ آبان ۱۴۰۵».
    const date = f.type === 'date' ? parseDateInput(value) : null;
    return date?.ok ? format.date(date.value) : format.digits(value);
  };

  if (sent) {
    return (
      <>
        <PageTitle title={t(`record.${kind}.done`)} />
        <Panel title={t(`record.${kind}.done`)}>{coop.name}</Panel>
        <Typography variant="h2" sx={{ mb: 2 }}>
          {t('record.youRecorded')}
        </Typography>
        <SummaryList
          rows={form.fields
            .filter((f) => !f.when || f.when(sent))
            .map((f) => ({ key: t(`record.${kind}.fields.${f.path}`), value: answerOf(f, sent) }))}
        />
        <Typography variant="h2" sx={{ mb: 1 }}>
          {t('record.nextTitle')}
        </Typography>
        <Typography sx={{ mb: 3 }}>{t(`record.${kind}.next`)}</Typography>
        <Box component="ul" sx={{ m: 0, paddingInlineStart: 3, '& li': { mb: 1 } }}>
          <li>
            <Link component={RouterLink} to={`/cooperatives/${legalId}`}>
              {t('record.profileLink', { name: coop.name })}
            </Link>
          </li>
          <li>
            <Link
              component="button"
              type="button"
              onClick={() => {
                setValues({});
                setSent(null);
                record.reset();
              }}
              sx={{ font: 'inherit', verticalAlign: 'baseline' }}
            >
              {t(`record.${kind}.another`)}
            </Link>
          </li>
          <li>
            <Link component={RouterLink} to="/me">
              {t('layout.myCooperatives')}
            </Link>
          </li>
        </Box>
      </>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsSent(values);
    record.mutate(bodyOf(kind, values));
  };
  const set = (path: string) => (value: string) => setValues((v) => ({ ...v, [path]: value }));

  return (
    <Box sx={{ maxWidth: '40rem' }}>
      <PageTitle title={t(`record.${kind}.title`)} error={errors.shown} />
      <BackLink to="/me" label={t('layout.myCooperatives')} />
      {errors.shown && <ErrorSummary key={record.submittedAt} errors={errors.items} />}
      <Typography
        component="span"
        sx={{ display: 'block', color: colours.secondaryText, fontSize: '1.1rem' }}
      >
        {coop.name}
      </Typography>
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t(`record.${kind}.title`)}
      </Typography>
      <Typography sx={{ mb: 4 }}>{t(`record.${kind}.lead`)}</Typography>
      <Box component="form" noValidate onSubmit={submit} data-testid="record-form">
        {fields.map((f) => {
          const common = {
            id: idOf(f.path),
            name: f.path,
            label: labelOf(f),
            hint: hintOf(f),
            error: errors.of(f.path),
            value: values[f.path] ?? '',
            onChange: set(f.path),
          };
          if (f.type === 'radio') {
            return (
              <RadioInput key={f.path} {...common} options={f.options?.(t, en) ?? []} inline={f.inline} />
            );
          }
          if (f.type === 'select') {
            return (
              <SelectInput
                key={f.path}
                {...common}
                options={f.options?.(t, en) ?? []}
                emptyLabel={t('forms.choose')}
              />
            );
          }
          return (
            <TextInput
              key={f.path}
              {...common}
              multiline={f.type === 'textarea'}
              rows={f.type === 'textarea' ? 4 : undefined}
              inputMode={f.type === 'year' || f.type === 'number' ? 'numeric' : undefined}
              autoComplete={f.autoComplete ?? 'off'}
              width={
                f.type === 'date'
                  ? '12em'
                  : f.type === 'year'
                    ? '7em'
                    : f.type === 'number'
                      ? '16em'
                      : undefined
              }
            />
          );
        })}
        <PrimaryButton disabled={record.isPending}>{t(`record.${kind}.submit`)}</PrimaryButton>
      </Box>
    </Box>
  );
}
