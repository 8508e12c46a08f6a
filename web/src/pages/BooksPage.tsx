import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Link from '@mui/material/Link';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Typography from '@mui/material/Typography';
import { sha256 } from '@noble/hashes/sha2.js';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ChangeEvent, type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link as RouterLink, useParams } from 'react-router';
import { PAYMENT_CATEGORIES, STATEMENT_FIGURES } from '../../../src/books/vocabulary.ts';
import { parseDateInput } from '../../../src/calendar/parse.ts';
import { BOARD_POSITION_LABELS, OFFICER_ROLE_LABELS } from '../../../src/governance/vocabulary.ts';
import { toHex } from '../../../src/ledger/merkle.ts';
import { ApiProblem, isForbidden, isUnauthorized, sendJson } from '../api/client.ts';
import {
  type BoardMember,
  type BooksWritten,
  boardQuery,
  booksPath,
  contractsQuery,
  ledgerKeysQuery,
  type PendingPayment,
  pendingPaymentsQuery,
  resolutionsQuery,
} from '../api/ledger.ts';
import { myCooperativesQuery } from '../api/private-queries.ts';
import { profileQuery } from '../api/queries.ts';
import { PRIVATE } from '../api/session.ts';
import type { CooperativeProfile } from '../api/types.ts';
import { colours } from '../app/theme.ts';
import { BackLink } from '../components/BackLink.tsx';
import { Bidi } from '../components/Bidi.tsx';
import { LinkButton, PrimaryButton, SecondaryButton } from '../components/Buttons.tsx';
import { Denied } from '../components/Denied.tsx';
import { ErrorSummary } from '../components/ErrorSummary.tsx';
import { describedBy, SelectInput, type SelectOption, TextInput } from '../components/FormFields.tsx';
import { Loading } from '../components/Loading.tsx';
import { PageTitle } from '../components/PageTitle.tsx';
import { Panel } from '../components/Panel.tsx';
import { RadioInput } from '../components/RadioInput.tsx';
import { StatusTag } from '../components/StatusTag.tsx';
import { SummaryList } from '../components/SummaryList.tsx';
import { useFormErrors } from '../components/use-form-errors.ts';
import { formatRials } from '../format/format.ts';
import { useFormat } from '../format/use-format.ts';
import { Hash } from '../ledger/Hash.tsx';
import { plainNumber } from '../ledger/numbers.ts';
import { type BookForm, isBookForm, type LedgerAccess, ledgerAccess, mayUseForm } from '../ledger/roles.ts';
import { verifyReceipt } from '../ledger/verify.ts';
import { SignInAgain, useMe } from './RequireSignIn.tsx';

type Values = Record<string, string>;
type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * One field of a books form. `path` is the API's (`party.name`, `figures.equity`); `when` shows
 * a field only when another answer calls for it. Answers are sent as typed (the server reads
 * Persian digits, grouped amounts and Jalali dates), blanks of optional fields left out.
 */
type FieldSpec = {
  path: string;
  type: 'text' | 'date' | 'year' | 'money' | 'number' | 'textarea' | 'radio' | 'select';
  optional?: boolean;
  options?: (t: T) => SelectOption[];
  when?: (values: Values) => boolean;
  inline?: boolean;
};

const CATEGORIES = PAYMENT_CATEGORIES;
const FIGURES = STATEMENT_FIGURES;

const codes =
  (group: string, values: readonly string[]) =>
  (t: T): SelectOption[] =>
    values.map((value) => ({ value, label: t(`ledger.${group}.${value}`) }));

const partyFields = (): FieldSpec[] => [
  { path: 'party.kind', type: 'radio', inline: true, options: codes('partyKind', ['person', 'company']) },
  { path: 'party.name', type: 'text' },
  { path: 'party.nationalCode', type: 'number', when: (v) => v['party.kind'] === 'person' },
  { path: 'party.legalId', type: 'number', when: (v) => v['party.kind'] === 'company' },
];

/** The forms built from field lists; `resolutionId` is a picker filled from GET …/books/resolutions. */
const SIMPLE: Partial<Record<BookForm, { endpoint: string; fields: FieldSpec[] }>> = {
  contract: {
    endpoint: 'contracts',
    fields: [
      { path: 'title', type: 'text' },
      ...partyFields(),
      { path: 'amountRials', type: 'money' },
      { path: 'startsOn', type: 'date' },
      { path: 'endsOn', type: 'date', optional: true },
      { path: 'resolutionId', type: 'select', optional: true },
    ],
  },
  payment: {
    endpoint: 'payments',
    fields: [
      { path: 'direction', type: 'radio', inline: true, options: codes('direction', ['payment', 'receipt']) },
      ...partyFields(),
      { path: 'amountRials', type: 'money' },
      { path: 'paidOn', type: 'date' },
      { path: 'category', type: 'select', options: codes('category', CATEGORIES) },
      { path: 'iban', type: 'text', optional: true },
      { path: 'invoiceRef', type: 'text', optional: true },
      { path: 'budgetLine', type: 'text', optional: true },
      { path: 'contractId', type: 'select', optional: true },
      { path: 'resolutionId', type: 'select', optional: true },
    ],
  },
  statement: {
    endpoint: 'statements',
    fields: [
      { path: 'fiscalYear', type: 'year' },
      ...FIGURES.map(
        (k): FieldSpec => ({ path: `figures.${k}`, type: k === 'netIncome' ? 'number' : 'money' }),
      ),
      { path: 'approvedOn', type: 'date', optional: true },
    ],
  },
  'inspector-report': {
    endpoint: 'inspector-reports',
    fields: [
      { path: 'fiscalYear', type: 'year' },
      {
        path: 'opinion',
        type: 'radio',
        options: codes('opinion', ['unqualified', 'qualified', 'adverse', 'disclaimer']),
      },
      { path: 'summary', type: 'textarea' },
      { path: 'reportedOn', type: 'date' },
    ],
  },
  shares: {
    endpoint: 'share-movements',
    fields: [
      { path: 'memberNo', type: 'number' },
      {
        path: 'kind',
        type: 'radio',
        options: codes('shareKind', ['subscribe', 'transfer', 'redeem', 'exit']),
      },
      { path: 'counterpartMemberNo', type: 'number', when: (v) => v.kind === 'transfer' },
      { path: 'shares', type: 'number' },
      { path: 'amountRials', type: 'money' },
      { path: 'movedOn', type: 'date' },
    ],
  },
  correction: {
    endpoint: 'corrections',
    fields: [
      { path: 'targetIndex', type: 'number' },
      {
        path: 'action',
        type: 'radio',
        inline: true,
        options: codes('correctionAction', ['reverse', 'amend']),
      },
      { path: 'reason', type: 'textarea' },
    ],
  },
};

const idOf = (path: string) => `field-${path.replace(/\./g, '-')}`;

/** Sets `a.b` of a nested body. */
function put(body: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = body;
  for (const part of parts.slice(0, -1)) {
    node[part] = (node[part] as Record<string, unknown> | undefined) ?? {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1] ?? path] = value;
}

function bodyOf(fields: FieldSpec[], values: Values): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.when && !field.when(values)) continue;
    const value = values[field.path] ?? '';
    if (value.trim() === '' && field.optional) continue;
    put(body, field.path, value);
  }
  return body;
}

/**
 * The managers' books: record a resolution, a contract, a payment, a financial statement, a
 * share movement or a correction; approve pending payments; the inspector's report. The server
 * validates (every bad field at once, shown beside its field and in the error summary) and
 * decides who may; each record goes into the cooperative's transparency ledger, and the receipt
 * — entry number, leaf hash, the log's signature checked here — shows after.
 */
export function BooksPage() {
  const { legalId = '', form = '' } = useParams();
  const { t } = useTranslation();
  const me = useMe();
  const profile = useQuery(profileQuery(legalId));
  const mine = useQuery(myCooperativesQuery);
  const [refused, setRefused] = useState(false);

  if (isUnauthorized(mine.error)) return <SignInAgain />;
  if (profile.isPending || mine.isPending) return <Loading />;
  if (!isBookForm(form) || (profile.error instanceof ApiProblem && profile.error.status === 404)) {
    return (
      <>
        <PageTitle title={t('profile.notFoundTitle')} />
        <Typography variant="h1" gutterBottom>
          {t('notFound.title')}
        </Typography>
        <Link component={RouterLink} to="/me">
          {t('layout.myCooperatives')}
        </Link>
      </>
    );
  }
  if (profile.error || mine.error || !profile.data || !mine.data) {
    return <Alert severity="error">{t('signedIn.loadFailed')}</Alert>;
  }
  const coop = profile.data;
  const access = ledgerAccess(me, mine.data.items, coop);
  if (refused || !mayUseForm(access, form)) {
    return (
      <Denied
        links={[{ to: `/cooperatives/${legalId}`, label: t('record.profileLink', { name: coop.name }) }]}
      >
        <Typography sx={{ mb: 2 }}>
          {t('books.denied', { what: t(`books.${form}.what`), name: coop.name })}
        </Typography>
      </Denied>
    );
  }
  const onRefused = () => setRefused(true);
  if (form === 'approvals') return <Approvals key={form} coop={coop} access={access} onRefused={onRefused} />;
  if (form === 'resolution') return <ResolutionForm key={form} coop={coop} onRefused={onRefused} />;

  return <SimpleForm key={form} form={form} coop={coop} onRefused={onRefused} />;
}

/** The page frame of a form: back link, cooperative name, heading, lead. */
function FormFrame({
  form,
  coop,
  errorShown,
  children,
}: {
  form: BookForm;
  coop: CooperativeProfile;
  errorShown: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const legalId = coop.legalId ?? '';

  return (
    <Box sx={{ maxWidth: '40rem' }}>
      <PageTitle title={t(`books.${form}.title`)} error={errorShown} />
      <BackLink to={`/cooperatives/${legalId}/ledger`} label={t('ledger.title')} />
      <Typography
        component="span"
        sx={{ display: 'block', color: colours.secondaryText, fontSize: '1.1rem' }}
      >
        {coop.name}
      </Typography>
      <Typography variant="h1" sx={{ mb: 2 }}>
        {t(`books.${form}.title`)}
      </Typography>
      <Typography sx={{ mb: 4 }}>{t(`books.${form}.lead`)}</Typography>
      {children}
    </Box>
  );
}

/** After a write: the confirmation, the receipt (checked here against the log key), what next. */
function Written({
  form,
  coop,
  written,
  onAnother,
}: {
  form: BookForm;
  coop: CooperativeProfile;
  written: BooksWritten;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const legalId = coop.legalId ?? '';

  return (
    <Box sx={{ maxWidth: '44rem' }}>
      <PageTitle title={t(`books.${form}.done`)} />
      <Panel title={t(`books.${form}.done`)}>{coop.name}</Panel>
      <Receipt written={written} />
      <Typography variant="h2" sx={{ mb: 1 }}>
        {t('record.nextTitle')}
      </Typography>
      <Box component="ul" sx={{ m: 0, paddingInlineStart: 3, '& li': { mb: 1 } }}>
        <li>
          <Link
            component={RouterLink}
            to={`/cooperatives/${legalId}/ledger#entry-${written.entry.index}`}
            data-testid="receipt-feed-link"
          >
            {t('books.toFeed', { n: format.number(written.entry.index) })}
          </Link>
        </li>
        <li>
          <LinkButton onClick={onAnother}>{t(`books.${form}.another`)}</LinkButton>
        </li>
        <li>
          <Link component={RouterLink} to={`/cooperatives/${legalId}`}>
            {t('record.profileLink', { name: coop.name })}
          </Link>
        </li>
      </Box>
    </Box>
  );
}

function Receipt({ written }: { written: BooksWritten }) {
  const { t } = useTranslation();
  const format = useFormat();
  const keys = useQuery(ledgerKeysQuery);
  const signed = keys.data ? verifyReceipt(written.receipt, keys.data, written.entry) : null;

  return (
    <Box component="section" aria-labelledby="receipt-title" data-testid="receipt" sx={{ mb: 4 }}>
      <Typography variant="h2" id="receipt-title" sx={{ mb: 1 }}>
        {t('books.receipt.title')}
      </Typography>
      <Typography sx={{ mb: 2 }}>{t('books.receipt.lead')}</Typography>
      <SummaryList
        rows={[
          {
            key: t('books.receipt.entry'),
            value: <span data-testid="receipt-index">{format.number(written.entry.index)}</span>,
          },
          {
            key: t('books.receipt.leafHash'),
            value: <Hash value={written.entry.leafHash} testId="receipt-leaf-hash" />,
          },
          { key: t('books.receipt.key'), value: <Hash value={written.receipt.keyId} /> },
          {
            key: t('books.receipt.signature'),
            value:
              signed === null ? (
                <StatusTag tone="grey">{t('ledger.status.checking')}</StatusTag>
              ) : signed ? (
                <StatusTag tone="green" testId="receipt-verified">
                  {t('books.receipt.verified')}
                </StatusTag>
              ) : (
                <StatusTag tone="red" testId="receipt-verified">
                  {t('books.receipt.notVerified')}
                </StatusTag>
              ),
          },
        ]}
      />
    </Box>
  );
}

/** Posts a form; invalidates the feed and the books lists after. */
function useWrite(legalId: string, endpoint: string, onRefused: () => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: Record<string, unknown>) =>
      sendJson<BooksWritten>('POST', booksPath(legalId, endpoint), body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: [PRIVATE, 'ledger-entries', legalId] }),
        queryClient.invalidateQueries({ queryKey: [PRIVATE, 'books', legalId] }),
        queryClient.invalidateQueries({ queryKey: ['ledger', legalId] }),
      ]);
    },
    onError: (error) => {
      if (isForbidden(error)) onRefused();
    },
  });
}

/** `۱٬۲۰۰٬۰۰۰ ریال (۱۲۰٬۰۰۰ تومان)` for an amount as typed, or nothing while it is not a number. */
function useMoneyPreview() {
  const { t } = useTranslation();
  const format = useFormat();
  return (typed: string, signed = false): string | undefined => {
    const plain = plainNumber(typed);
    if (!(signed ? /^-?\d+$/ : /^\d+$/).test(plain)) return undefined;
    const n = Number(plain);
    if (!Number.isSafeInteger(n)) return undefined;
    const m = formatRials(Math.abs(n), format.language);
    const sign = n < 0 ? '−' : '';
    return `${t('books.moneyIs')} ${sign}${t('profile.rials', { n: m.rials })} (${sign}${t('profile.toman', { n: m.toman })})`;
  };
}

function SimpleForm({
  form,
  coop,
  onRefused,
}: {
  form: BookForm;
  coop: CooperativeProfile;
  onRefused: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const legalId = coop.legalId ?? '';
  const spec = SIMPLE[form] ?? { endpoint: '', fields: [] };
  const [values, setValues] = useState<Values>({});
  const [asSent, setAsSent] = useState<Values>({});
  const [amendment, setAmendment] = useState<Array<{ field: string; value: string }>>([
    { field: '', value: '' },
  ]);
  const write = useWrite(legalId, spec.endpoint, onRefused);
  const wantsResolutions = spec.fields.some((f) => f.path === 'resolutionId');
  const resolutions = useQuery({ ...resolutionsQuery(legalId), enabled: wantsResolutions });
  const wantsContracts = spec.fields.some((f) => f.path === 'contractId');
  const contracts = useQuery({ ...contractsQuery(legalId), enabled: wantsContracts });
  const preview = useMoneyPreview();
  const amending = form === 'correction' && values.action === 'amend';
  const labelOf = (path: string) => t(`books.${form}.fields.${path}`);
  // The server names a refused amendment item by its key: `amendment.nationalCode`.
  const amendmentIds = Object.fromEntries(
    amendment.map((a, i) => [`amendment.${a.field.trim()}`, `field-amendment-${i}-field`]),
  );
  const errors = useFormErrors(
    write.error,
    {
      ...Object.fromEntries(spec.fields.map((f) => [f.path, idOf(f.path)])),
      amendment: 'field-amendment-0-field',
      ...amendmentIds,
    },
    {
      values: asSent,
      choices: spec.fields.filter((f) => f.type === 'radio' || f.type === 'select').map((f) => f.path),
      labels: Object.fromEntries(spec.fields.map((f) => [f.path, labelOf(f.path)])),
    },
  );
  if (isUnauthorized(write.error)) return <SignInAgain />;
  if (write.data) {
    return (
      <Written
        form={form}
        coop={coop}
        written={write.data}
        onAnother={() => {
          setValues({});
          setAmendment([{ field: '', value: '' }]);
          write.reset();
        }}
      />
    );
  }

  const set = (path: string) => (value: string) => setValues((v) => ({ ...v, [path]: value }));
  const resolutionOptions: SelectOption[] = (resolutions.data?.items ?? []).map((r) => ({
    value: String(r.id),
    label: t('books.resolutionOption', {
      number: format.digits(r.number),
      date: format.date(r.meetingOn),
      motion: r.motion.length > 60 ? `${r.motion.slice(0, 60)}…` : r.motion,
      outcome: t(`ledger.outcome.${r.outcome}`),
    }),
  }));
  const contractOptions: SelectOption[] = (contracts.data?.items ?? []).map((c) => ({
    value: String(c.id),
    label: t('books.contractOption', {
      title: c.title,
      party: c.partyName,
      date: format.date(c.startsOn),
    }),
  }));
  const optionsOf = (f: FieldSpec): SelectOption[] =>
    f.path === 'resolutionId'
      ? resolutionOptions
      : f.path === 'contractId'
        ? contractOptions
        : (f.options?.(t) ?? []);
  const emptyLabelOf = (f: FieldSpec): string =>
    f.path === 'resolutionId'
      ? t('books.noResolution')
      : f.path === 'contractId'
        ? t('books.noContract')
        : t('forms.choose');
  const fields = spec.fields.filter((f) => !f.when || f.when(values));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setAsSent(values);
    const body = bodyOf(spec.fields, values);
    if (amending) {
      const pairs = amendment.filter((a) => a.field.trim() !== '');
      body.amendment = Object.fromEntries(pairs.map((a) => [a.field.trim(), a.value]));
    }
    write.mutate(body);
  };
  const hintOf = (f: FieldSpec): string | undefined => {
    const key = `books.${form}.hints.${f.path}`;
    const own = i18n.exists(key) ? t(key) : undefined;
    if (f.type === 'date') return own ?? t('forms.dateHint');
    if (f.type === 'money' || (f.type === 'number' && f.path.startsWith('figures.'))) {
      const shown = preview(values[f.path] ?? '', f.type === 'number');
      return [own ?? t('books.moneyHint'), shown].filter(Boolean).join(' — ');
    }
    if (f.path === 'resolutionId' && resolutions.data && resolutions.data.items.length === 0) {
      return t('books.noResolutions');
    }
    return own;
  };

  return (
    <FormFrame form={form} coop={coop} errorShown={errors.shown}>
      {errors.shown && <ErrorSummary key={write.submittedAt} errors={errors.items} />}
      <Box component="form" noValidate onSubmit={submit} data-testid="books-form">
        {fields.map((f) => {
          const common = {
            id: idOf(f.path),
            name: f.path,
            label: `${labelOf(f.path)}${f.optional ? ` ${t('forms.optional')}` : ''}`,
            hint: hintOf(f),
            error: errors.of(f.path),
            value: values[f.path] ?? '',
            onChange: set(f.path),
          };
          if (f.type === 'radio') {
            return <RadioInput key={f.path} {...common} options={f.options?.(t) ?? []} inline={f.inline} />;
          }
          if (f.type === 'select') {
            return (
              <SelectInput key={f.path} {...common} options={optionsOf(f)} emptyLabel={emptyLabelOf(f)} />
            );
          }
          return (
            <TextInput
              key={f.path}
              {...common}
              multiline={f.type === 'textarea'}
              rows={f.type === 'textarea' ? 5 : undefined}
              inputMode={['year', 'number', 'money'].includes(f.type) ? 'numeric' : undefined}
              autoComplete="off"
              dir={f.path === 'iban' ? 'ltr' : undefined}
              width={
                f.type === 'date'
                  ? '12em'
                  : f.type === 'year'
                    ? '7em'
                    : f.type === 'money' || f.type === 'number'
                      ? '18em'
                      : f.path === 'iban'
                        ? '26em'
                        : undefined
              }
            />
          );
        })}
        {amending && (
          <Amendment
            rows={amendment}
            onChange={setAmendment}
            error={errors.of('amendment')}
            errorOf={(i) => errors.of(`amendment.${amendment[i]?.field.trim() ?? ''}`)}
          />
        )}
        <PrimaryButton disabled={write.isPending}>{t(`books.${form}.submit`)}</PrimaryButton>
      </Box>
    </FormFrame>
  );
}

/** A correction's amendment: which field of the entry changes, and its new value. */
function Amendment({
  rows,
  onChange,
  error,
  errorOf,
}: {
  rows: Array<{ field: string; value: string }>;
  onChange: (rows: Array<{ field: string; value: string }>) => void;
  error?: string;
  errorOf: (i: number) => string | undefined;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const set = (i: number, part: 'field' | 'value') => (text: string) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, [part]: text } : r)));

  return (
    <FormControl
      component="fieldset"
      error={Boolean(error)}
      sx={{ border: 0, p: 0, m: 0, mb: 3, display: 'block' }}
    >
      <FormLabel
        component="legend"
        sx={{ color: colours.text, fontWeight: 700, '&.Mui-focused, &.Mui-error': { color: colours.text } }}
      >
        {t('books.correction.fields.amendment')}
      </FormLabel>
      <FormHelperText sx={{ mt: 0, mb: 1, color: colours.secondaryText }}>
        {t('books.correction.hints.amendment')}
      </FormHelperText>
      {error && (
        <FormHelperText id="field-amendment-error" error sx={{ mt: 0, mb: 1, fontWeight: 700 }}>
          {error}
        </FormHelperText>
      )}
      {rows.map((row, i) => (
        <Box
          // biome-ignore lint/suspicious/noArrayIndexKey: rows are only added at the end
          key={i}
          sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, '& > *': { flex: '1 1 12rem' } }}
        >
          <TextInput
            id={`field-amendment-${i}-field`}
            name={`amendment.${i}.field`}
            label={t('books.correction.amendField', { n: format.number(i + 1) })}
            value={row.field}
            onChange={set(i, 'field')}
            error={errorOf(i)}
            dir="ltr"
            autoComplete="off"
          />
          <TextInput
            id={`field-amendment-${i}-value`}
            name={`amendment.${i}.value`}
            label={t('books.correction.amendValue', { n: format.number(i + 1) })}
            value={row.value}
            onChange={set(i, 'value')}
            autoComplete="off"
          />
        </Box>
      ))}
      <SecondaryButton onClick={() => onChange([...rows, { field: '', value: '' }])} sx={{ minHeight: 36 }}>
        {t('books.correction.addAmendment')}
      </SecondaryButton>
    </FormControl>
  );
}

/** A director's office as the board list names it: their board position, else their role. */
function officeName(d: BoardMember, en: boolean): string {
  const label =
    (d.position ? BOARD_POSITION_LABELS[d.position as keyof typeof BOARD_POSITION_LABELS] : undefined) ??
    OFFICER_ROLE_LABELS[d.role as keyof typeof OFFICER_ROLE_LABELS];
  return label ? (en ? label.en : label.fa) : (d.position ?? d.role);
}

type Vote = { vote: string; conflict: boolean; conflictNote: string };
type Attachment = { name: string; sha256: string; bytes: number };

const VOTES = ['for', 'against', 'abstain', 'absent'] as const;

/** Hashes a file in the browser (SHA-256, @noble/hashes): only its name, hash and size are sent. */
async function hashFile(file: File): Promise<Attachment> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return { name: file.name, sha256: toHex(sha256(bytes)), bytes: file.size };
}

function ResolutionForm({ coop, onRefused }: { coop: CooperativeProfile; onRefused: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const legalId = coop.legalId ?? '';
  const board = useQuery(boardQuery(legalId));
  const [values, setValues] = useState<Values>({ body: 'board' });
  const [votes, setVotes] = useState<Record<number, Vote>>({});
  const [attachments, setAttachments] = useState<Attachment[]>([]);
  const [hashing, setHashing] = useState(false);
  const [asSent, setAsSent] = useState<Record<string, unknown>>({});
  const write = useWrite(legalId, 'resolutions', onRefused);
  const directors: BoardMember[] = board.data?.items ?? [];
  const voteOf = (id: number): Vote => votes[id] ?? { vote: '', conflict: false, conflictNote: '' };
  const fieldIds: Record<string, string> = {
    body: 'field-body',
    number: 'field-number',
    meetingOn: 'field-meetingOn',
    motion: 'field-motion',
    votes: directors[0] ? `vote-${directors[0].officerId}` : 'field-motion',
    attachments: 'field-attachments',
  };
  const labels: Record<string, string> = {
    body: t('books.resolution.fields.body'),
    number: t('books.resolution.fields.number'),
    meetingOn: t('books.resolution.fields.meetingOn'),
    motion: t('books.resolution.fields.motion'),
  };
  directors.forEach((d, i) => {
    fieldIds[`votes.${i}.vote`] = `vote-${d.officerId}`;
    fieldIds[`votes.${i}.officerId`] = `vote-${d.officerId}`;
    fieldIds[`votes.${i}.conflict`] = `conflict-${d.officerId}`;
    fieldIds[`votes.${i}.conflictNote`] = `conflict-note-${d.officerId}`;
    labels[`votes.${i}.vote`] = t('books.resolution.voteOf', { name: d.name });
    labels[`votes.${i}.conflictNote`] = t('books.resolution.conflictNoteOf', { name: d.name });
  });
  attachments.forEach((a, i) => {
    fieldIds[`attachments.${i}.name`] = 'field-attachments';
    fieldIds[`attachments.${i}.sha256`] = 'field-attachments';
    labels[`attachments.${i}.name`] = a.name;
  });
  const errors = useFormErrors(write.error, fieldIds, {
    values: asSent,
    choices: ['body', ...directors.map((_, i) => `votes.${i}.vote`)],
    labels,
  });
  if (isUnauthorized(write.error)) return <SignInAgain />;
  if (write.data) {
    return (
      <Written
        form="resolution"
        coop={coop}
        written={write.data}
        onAnother={() => {
          setValues({ body: 'board' });
          setVotes({});
          setAttachments([]);
          write.reset();
        }}
      />
    );
  }

  const set = (path: string) => (value: string) => setValues((v) => ({ ...v, [path]: value }));
  const setVote = (id: number, change: Partial<Vote>) =>
    setVotes((v) => ({ ...v, [id]: { ...voteOf(id), ...change } }));
  const voteError = (i: number) =>
    errors.of(`votes.${i}.vote`) ?? errors.of(`votes.${i}.officerId`) ?? errors.of(`votes.${i}.conflict`);
  const attachmentsError =
    errors.of('attachments') ??
    attachments
      .map((_, i) => errors.of(`attachments.${i}.sha256`) ?? errors.of(`attachments.${i}.name`))
      .find(Boolean);
  const onFiles = async (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.target.files ?? [])];
    event.target.value = '';
    if (files.length === 0) return;
    setHashing(true);
    try {
      const hashed = await Promise.all(files.map(hashFile));
      setAttachments((a) => [...a, ...hashed]);
    } finally {
      setHashing(false);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      body: values.body ?? '',
      number: values.number ?? '',
      meetingOn: values.meetingOn ?? '',
      motion: values.motion ?? '',
      votes: directors.map((d) => {
        const v = voteOf(d.officerId);
        return {
          officerId: d.officerId,
          vote: v.vote,
          conflict: v.conflict,
          ...(v.conflict && v.conflictNote.trim() !== '' ? { conflictNote: v.conflictNote } : {}),
        };
      }),
      attachments,
    };
    const sent: Record<string, unknown> = { ...values };
    body.votes.forEach((v, i) => {
      sent[`votes.${i}.vote`] = v.vote;
      sent[`votes.${i}.conflictNote`] = v.conflictNote ?? '';
    });
    setAsSent(sent);
    write.mutate(body);
  };
  const date = parseDateInput(values.meetingOn ?? '');

  return (
    <FormFrame form="resolution" coop={coop} errorShown={errors.shown}>
      {errors.shown && <ErrorSummary key={write.submittedAt} errors={errors.items} />}
      <Box component="form" noValidate onSubmit={submit} data-testid="books-form">
        <RadioInput
          id="field-body"
          name="body"
          label={labels.body ?? ''}
          value={values.body ?? ''}
          onChange={set('body')}
          error={errors.of('body')}
          inline
          options={codes('resolutionBody', ['board', 'assembly'])(t)}
        />
        <TextInput
          id="field-number"
          name="number"
          label={labels.number ?? ''}
          hint={t('books.resolution.hints.number')}
          value={values.number ?? ''}
          onChange={set('number')}
          error={errors.of('number')}
          width="12em"
          autoComplete="off"
        />
        <TextInput
          id="field-meetingOn"
          name="meetingOn"
          label={labels.meetingOn ?? ''}
          hint={date.ok ? `${t('forms.dateHint')} — ${format.date(date.value)}` : t('forms.dateHint')}
          value={values.meetingOn ?? ''}
          onChange={set('meetingOn')}
          error={errors.of('meetingOn')}
          width="12em"
          autoComplete="off"
        />
        <TextInput
          id="field-motion"
          name="motion"
          label={labels.motion ?? ''}
          hint={t('books.resolution.hints.motion')}
          value={values.motion ?? ''}
          onChange={set('motion')}
          error={errors.of('motion')}
          multiline
          rows={4}
          autoComplete="off"
        />

        <Box component="section" aria-labelledby="votes-title" sx={{ mb: 3 }}>
          <Typography variant="h2" id="votes-title" sx={{ fontSize: '1.2rem', mb: 1 }}>
            {t('books.resolution.votesTitle')}
          </Typography>
          <Typography sx={{ mb: 2, color: colours.secondaryText }}>
            {t('books.resolution.votesLead')}
          </Typography>
          {errors.of('votes') && (
            <Typography sx={{ color: colours.red, fontWeight: 700, mb: 1 }}>{errors.of('votes')}</Typography>
          )}
          {board.isPending ? (
            <Loading />
          ) : board.error ? (
            <Alert severity="error">{t('books.resolution.boardFailed')}</Alert>
          ) : directors.length === 0 ? (
            <Typography>{t('books.resolution.noBoard')}</Typography>
          ) : (
            directors.map((d, i) => {
              const v = voteOf(d.officerId);
              const error = voteError(i);
              const noteError = errors.of(`votes.${i}.conflictNote`);
              const id = `vote-${d.officerId}`;
              return (
                <FormControl
                  key={d.officerId}
                  component="fieldset"
                  error={Boolean(error)}
                  aria-describedby={describedBy(id, undefined, error)}
                  data-testid="director-vote"
                  sx={{
                    display: 'block',
                    border: `1px solid ${error ? colours.red : colours.border}`,
                    borderInlineStart: `5px solid ${error ? colours.red : colours.border}`,
                    p: 2,
                    m: 0,
                    mb: 2,
                  }}
                >
                  <FormLabel
                    component="legend"
                    sx={{
                      color: colours.text,
                      fontWeight: 700,
                      px: 0.5,
                      '&.Mui-focused, &.Mui-error': { color: colours.text },
                    }}
                  >
                    {d.name}
                    <Box component="span" sx={{ fontWeight: 400 }}>
                      {' — '}
                      {officeName(d, format.language === 'en')}
                    </Box>
                  </FormLabel>
                  {error && (
                    <FormHelperText id={`${id}-error`} error sx={{ mt: 0, mb: 1, fontWeight: 700 }}>
                      {error}
                    </FormHelperText>
                  )}
                  <RadioGroup
                    row
                    name={`vote-${d.officerId}`}
                    value={v.vote}
                    onChange={(event) => setVote(d.officerId, { vote: event.target.value })}
                  >
                    {VOTES.map((vote, j) => (
                      <FormControlLabel
                        key={vote}
                        value={vote}
                        label={t(`ledger.vote.${vote}`)}
                        control={<Radio slotProps={{ input: { id: j === 0 ? id : `${id}-${vote}` } }} />}
                      />
                    ))}
                  </RadioGroup>
                  <FormControlLabel
                    sx={{ alignItems: 'flex-start', '& .MuiCheckbox-root': { pt: 0.5 } }}
                    control={
                      <Checkbox
                        checked={v.conflict}
                        onChange={(event) => setVote(d.officerId, { conflict: event.target.checked })}
                        slotProps={{ input: { id: `conflict-${d.officerId}` } }}
                      />
                    }
                    label={t('books.resolution.conflict')}
                  />
                  {v.conflict && (
                    <Box sx={{ mt: 1 }}>
                      <TextInput
                        id={`conflict-note-${d.officerId}`}
                        name={`votes.${i}.conflictNote`}
                        label={`${t('books.resolution.conflictNote')} ${t('forms.optional')}`}
                        hint={t('books.resolution.hints.conflictNote')}
                        value={v.conflictNote}
                        onChange={(conflictNote) => setVote(d.officerId, { conflictNote })}
                        error={noteError}
                        autoComplete="off"
                      />
                    </Box>
                  )}
                </FormControl>
              );
            })
          )}
        </Box>

        <FormControl error={Boolean(attachmentsError)} sx={{ display: 'block', mb: 4 }}>
          <FormLabel
            htmlFor="field-attachments"
            sx={{
              color: colours.text,
              fontWeight: 700,
              '&.Mui-focused, &.Mui-error': { color: colours.text },
            }}
          >
            {t('books.resolution.fields.attachments')} {t('forms.optional')}
          </FormLabel>
          <FormHelperText id="field-attachments-hint" sx={{ mt: 0, mb: 1, color: colours.secondaryText }}>
            {t('books.resolution.hints.attachments')}
          </FormHelperText>
          {attachmentsError && (
            <FormHelperText id="field-attachments-error" error sx={{ mt: 0, mb: 1, fontWeight: 700 }}>
              {attachmentsError}
            </FormHelperText>
          )}
          {/* The browser's own file button speaks the browser's language: a labelled button of ours instead. */}
          <Box
            sx={{
              position: 'relative',
              '& input:focus-visible + label': {
                outline: `3px solid ${colours.focus}`,
                backgroundColor: colours.focus,
                boxShadow: `0 2px 0 ${colours.text}`,
              },
            }}
          >
            <Box
              component="input"
              type="file"
              id="field-attachments"
              name="attachments"
              multiple
              onChange={(event: ChangeEvent<HTMLInputElement>) => void onFiles(event)}
              aria-describedby={describedBy('field-attachments', 'hint', attachmentsError)}
              sx={{ position: 'absolute', opacity: 0, width: '1px', height: '1px', overflow: 'hidden' }}
            />
            <Box
              component="label"
              htmlFor="field-attachments"
              data-testid="choose-files"
              sx={{
                display: 'inline-block',
                cursor: 'pointer',
                px: 2.5,
                py: 1,
                fontWeight: 700,
                color: colours.text,
                backgroundColor: colours.greyBg,
                boxShadow: '0 2px 0 #858686',
                '&:hover': { backgroundColor: '#dbdad9' },
              }}
            >
              {t('books.resolution.chooseFiles')}
            </Box>
          </Box>
          <Box aria-live="polite">
            {hashing && <Typography variant="body2">{t('books.resolution.hashing')}</Typography>}
          </Box>
          {attachments.length > 0 && (
            <Box component="ul" data-testid="attachments" sx={{ m: 0, mt: 1, p: 0, listStyle: 'none' }}>
              {attachments.map((a, i) => (
                <Box
                  component="li"
                  key={`${a.sha256}:${a.name}`}
                  sx={{ borderBottom: `1px solid ${colours.border}`, py: 1 }}
                >
                  <Box sx={{ fontWeight: 700 }}>
                    <bdi>{a.name}</bdi>
                  </Box>
                  <Typography variant="body2">
                    {t('ledger.bytes', { n: format.number(a.bytes) })} · <Bidi>SHA-256:</Bidi>{' '}
                    <Hash value={a.sha256} short />
                  </Typography>
                  <LinkButton onClick={() => setAttachments((all) => all.filter((_, j) => j !== i))}>
                    {t('books.resolution.removeAttachment', { name: a.name })}
                  </LinkButton>
                </Box>
              ))}
            </Box>
          )}
        </FormControl>
        <PrimaryButton disabled={write.isPending || hashing || board.isPending}>
          {t('books.resolution.submit')}
        </PrimaryButton>
      </Box>
    </FormFrame>
  );
}

/** Pending payments: board members approve (never the payment's own author). */
function Approvals({
  coop,
  access,
  onRefused,
}: {
  coop: CooperativeProfile;
  access: LedgerAccess;
  onRefused: () => void;
}) {
  const { t } = useTranslation();
  const legalId = coop.legalId ?? '';
  const pending = useQuery(pendingPaymentsQuery(legalId));
  useForbidden(pending.error, onRefused);
  if (isUnauthorized(pending.error)) return <SignInAgain />;

  return (
    <FormFrame form="approvals" coop={coop} errorShown={false}>
      {!access.boardMember && (
        <Alert severity="info" sx={{ mb: 3 }}>
          {t('books.approvals.boardOnly')}
        </Alert>
      )}
      {pending.isPending ? (
        <Loading />
      ) : pending.error ? (
        <Alert severity="error">{t('books.approvals.loadFailed')}</Alert>
      ) : pending.data.items.length === 0 ? (
        <Typography data-testid="no-pending">{t('books.approvals.none')}</Typography>
      ) : (
        <Box component="ul" data-testid="pending-payments" sx={{ m: 0, p: 0, listStyle: 'none' }}>
          {pending.data.items.map((p) => (
            <PendingCard
              key={p.id}
              legalId={legalId}
              payment={p}
              canApprove={access.boardMember}
              onRefused={onRefused}
            />
          ))}
        </Box>
      )}
    </FormFrame>
  );
}

/** A 403 from the server: the page shows «اجازهٔ این کار را ندارید». */
function useForbidden(error: unknown, onRefused: () => void) {
  const forbidden = isForbidden(error);
  useEffect(() => {
    if (forbidden) onRefused();
  }, [forbidden, onRefused]);
}

function PendingCard({
  legalId,
  payment: p,
  canApprove,
  onRefused,
}: {
  legalId: string;
  payment: PendingPayment;
  canApprove: boolean;
  onRefused: () => void;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const write = useWrite(legalId, `payments/${p.id}/approvals`, onRefused);
  const m = formatRials(p.amountRials, format.language);
  const problem = write.error instanceof ApiProblem && write.error.status !== 403 ? write.error : null;
  const language = i18n.language === 'en' ? 'en' : 'fa';
  const headingId = `payment-${p.id}`;

  return (
    <Box
      component="li"
      aria-labelledby={headingId}
      data-testid="pending-payment"
      sx={{
        border: `1px solid ${colours.border}`,
        borderInlineStart: `6px solid ${colours.orange}`,
        p: 2,
        mb: 2,
      }}
    >
      <Typography variant="h2" id={headingId} sx={{ fontSize: '1.15rem', mb: 1 }}>
        {t(`ledger.direction.${p.direction}`)}: {t('profile.rials', { n: m.rials })} — {p.partyName}
      </Typography>
      <SummaryList
        rows={[
          {
            key: t('ledger.f.amount'),
            value: `${t('profile.rials', { n: m.rials })} (${t('profile.toman', { n: m.toman })})`,
          },
          { key: t('ledger.f.paidOn'), value: format.date(p.paidOn) },
          {
            key: t('ledger.f.category'),
            value: t(`ledger.category.${p.category}`, { defaultValue: p.category }),
          },
          {
            key: t('ledger.f.approvals'),
            value: (
              <>
                {t('ledger.approval.count', {
                  n: format.number(p.approvals.length),
                  of: format.number(p.requiredApprovals),
                })}
                {p.approvals.map((a) => (
                  <Box
                    component="span"
                    key={`${a.name}:${a.approvedAt}`}
                    sx={{ display: 'block', fontSize: '0.9rem' }}
                  >
                    {a.name} — {format.instant(a.approvedAt)}
                  </Box>
                ))}
              </>
            ),
          },
        ]}
      />
      {write.data ? (
        <Receipt written={write.data} />
      ) : p.recordedByMe ? (
        <Typography sx={{ color: colours.secondaryText }}>{t('books.approvals.yours')}</Typography>
      ) : canApprove ? (
        <PrimaryButton
          type="button"
          disabled={write.isPending}
          onClick={() => write.mutate({})}
          data-testid="approve"
        >
          {t('books.approvals.approve')}
        </PrimaryButton>
      ) : null}
      {problem && (
        <Typography role="alert" sx={{ color: colours.red, fontWeight: 700, mt: 1 }}>
          {problem.fields[0]?.message[language] ?? problem.messages[language]}
        </Typography>
      )}
    </Box>
  );
}
